/**
 * The Flex action `HistoricalReportingView` (the one drill-down hook Flex exposes),
 * replaced: our conversation screen for conversations we know, the admin's rules for a
 * URL, Flex's own handler for anything we cannot resolve. Only http(s) URLs are opened.
 */
import { actionFor, type DrillDownRule } from '../core';

export const DRILL_DOWN_ACTION = 'HistoricalReportingView';

/**
 * What a drill-down names: a conversation (our id, or a task, reservation, conversation or
 * call sid, from our tabs or from anyone naming one), or a URL (Flex, or anyone).
 */
export interface DrillDownTarget {
  readonly conversationId?: string;
  readonly url?: string;
}

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The forms Flex and we pass: a URL string, or an object carrying `url` and/or a
 * conversation named by `conversationId`, `taskSid`, `conversationSid` or `sid`.
 */
export function drillDownTarget(payload: unknown): DrillDownTarget | undefined {
  if (typeof payload === 'string') return payload.trim() === '' ? undefined : { url: payload };
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const url = typeof p.url === 'string' && p.url !== '' ? p.url : undefined;
  const conversationId = nonEmpty(p.conversationId) ?? nonEmpty(p.taskSid) ?? nonEmpty(p.conversationSid) ?? nonEmpty(p.sid);
  return url || conversationId ? { url, conversationId } : undefined;
}

export type OpenResult = 'screen' | 'raw' | 'unknown';

export interface DrillDownDeps {
  rules(): readonly DrillDownRule[];
  /**
   * Opens our screen for a conversation named by id, or found in a URL's text. With
   * `byIdentifier` (a payload that names a conversation), a sid the data loaded here does not
   * hold is looked up in history; a URL opens only conversations loaded here.
   */
  open(idOrText: string, byIdentifier: boolean): OpenResult;
  openInNewTab(url: string): void;
  /** Tells the user a drill-down was refused (an unsafe URL), as plain text. */
  refuse(text: string, reason: string): void;
}

export type DrillDownOutcome = 'screen' | 'new tab' | 'original' | 'refused';

/** Decides and performs one drill-down. */
export async function handleDrillDown(
  payload: unknown,
  original: (payload: unknown) => unknown,
  deps: DrillDownDeps,
): Promise<DrillDownOutcome> {
  const target = drillDownTarget(payload);
  if (!target) {
    await original(payload);
    return 'original';
  }
  if (target.conversationId) {
    const r = deps.open(target.conversationId, true);
    if (r === 'screen') return 'screen';
    if (r === 'raw') return 'new tab';
    if (!target.url) {
      await original(payload);
      return 'original';
    }
  }
  const url = target.url as string;
  const decision = actionFor(url, deps.rules());
  if ('unsafe' in decision && decision.unsafe) {
    deps.refuse(decision.text, decision.unsafe);
    return 'refused';
  }
  if (decision.action === 'new tab') {
    deps.openInNewTab(decision.url);
    return 'new tab';
  }
  if (decision.action === 'screen') {
    const r = deps.open(url, false);
    if (r === 'screen') return 'screen';
    if (r === 'raw') return 'new tab';
  }
  await original(payload);
  return 'original';
}
