/**
 * What the conversation screen's header says, in the view's words: the facts (CS, ISS,
 * support types, platform, start with its zone, duration, outcome, transfers) and the
 * identifiers an investigation quotes (seed 004, priority 6), grouped by kind.
 */
import { OTHER_AGENTS, identifierOf, type ConversationDetail, type IdentifierKind } from '../../core';
import type { StringKey, Translate } from '../common/strings';
import { OUTCOME_LABELS } from '../conversations';
import { formatDateTime, formatDuration, listOrNone } from './format';

/** The header's facts, in order: `[label, value]`. */
export function headerFacts(detail: ConversationDetail, t: Translate, timeZone?: string): [string, string][] {
  const agents = detail.agentNames.map((name) => (name === OTHER_AGENTS ? t('SupervisorInsightsOtherAgents') : name));
  return [
    [t('SupervisorInsightsCustomer'), detail.customerName ?? t('SupervisorInsightsUnknownCustomer')],
    [t('SupervisorInsightsAgent'), listOrNone(agents, t('SupervisorInsightsNone'))],
    [t('SupervisorInsightsSupportType'), listOrNone(detail.supportTypes.map((type) => t.supportType(type)), t('SupervisorInsightsNone'))],
    [t('SupervisorInsightsPlatform'), detail.platform],
    [t('SupervisorInsightsStart'), formatDateTime(detail.start, timeZone)],
    [t('SupervisorInsightsDuration'), formatDuration(detail.durationSec, t('SupervisorInsightsOngoing'))],
    [t('SupervisorInsightsOutcome'), t(OUTCOME_LABELS[detail.outcome])],
    [t('SupervisorInsightsTransfers'), String(detail.transfers)],
  ];
}

/** One kind of identifier on the screen: its label (a Flex string) and its sids, each once. */
export interface IdentifierGroup {
  readonly label: StringKey;
  readonly sids: readonly string[];
}

/**
 * A detail as far as its extra identifiers go. Only `id` and `taskSids` are certain; a
 * newer `ConversationRow` may list more (`sids`), in whatever shape, so it is read as unknown.
 */
interface WithSids {
  readonly sids?: unknown;
}

/** Strings inside a `sids` value: a list of sids or of `{ sid }`, or a record of such lists by kind. */
function sidTexts(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 2 || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => sidTexts(v, depth + 1));
  const sid = (value as { sid?: unknown }).sid;
  if (typeof sid === 'string') return [sid];
  return Object.values(value).flatMap((v) => sidTexts(v, depth + 1));
}

const GROUP_OF: Readonly<Record<IdentifierKind, StringKey>> = {
  task: 'SupervisorInsightsTaskSids',
  reservation: 'SupervisorInsightsReservationSids',
  conversation: 'SupervisorInsightsChatSids',
  call: 'SupervisorInsightsCallSids',
};
const GROUP_ORDER: readonly StringKey[] = [
  'SupervisorInsightsConversationId',
  'SupervisorInsightsTaskSids',
  'SupervisorInsightsReservationSids',
  'SupervisorInsightsChatSids',
  'SupervisorInsightsCallSids',
];

/**
 * The identifiers of a conversation, by kind: its id (the conversation key, often a call
 * or task sid), its task sids, then whatever reservation, chat (`CH…`) and call sids the
 * detail carries (`sids`, when present) and its chat transcripts name. Edge cases: a sid
 * is listed once, under the first group that has it (the id is not repeated below it);
 * text in `sids` that is not a sid of a known kind is left out; empty groups are left out.
 */
export function identifierGroupsOf(detail: ConversationDetail): IdentifierGroup[] {
  const groups = new Map<StringKey, string[]>(GROUP_ORDER.map((k) => [k, []]));
  const seen = new Set<string>();
  const add = (key: StringKey, sid: string): void => {
    if (sid === '' || seen.has(sid)) return;
    seen.add(sid);
    groups.get(key)?.push(sid);
  };
  add('SupervisorInsightsConversationId', detail.id);
  for (const sid of detail.taskSids) add('SupervisorInsightsTaskSids', sid);
  const transcripts = [detail.media, ...detail.segments.map((s) => s.media)]
    .flatMap((m) => m?.items ?? [])
    .flatMap((item) => (item.type === 'ChatTranscript' ? [item.sid] : []));
  for (const text of [...sidTexts((detail as WithSids).sids), ...transcripts]) {
    const id = identifierOf(text);
    if (id) add(GROUP_OF[id.kind], id.sid);
  }
  return GROUP_ORDER.flatMap((label) => {
    const sids = groups.get(label) ?? [];
    return sids.length === 0 ? [] : [{ label, sids }];
  });
}
