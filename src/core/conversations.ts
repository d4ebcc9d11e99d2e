/**
 * Conversations as the list and the drill-down screen show them, from an engine's
 * records. Role scope was applied at ingestion; contacts are masked here for the access.
 * The live store's selectors and the frozen days of history both build their rows here,
 * so a frozen day's list reads exactly as the live one did.
 */
import type { EngineConfig } from './config';
import { platformOf, supportTypeOf } from './dimensions';
import { Engine, type ConversationRecord } from './engine';
import type { TrEvent } from './events';
import { resolveMedia, type ResolvedMedia } from './media';
import { maskingOf } from './masking';
import type { Access } from './roles';
import { OTHER_AGENTS } from './scopeFilter';

export const CONVERSATION_OUTCOMES = ['Handled', 'Abandoned', 'Waiting', 'In progress', 'Timed out', 'Ended'] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];

export interface ConversationSegment {
  readonly kind: 'queue' | 'engagement';
  readonly taskSid: string;
  readonly queue: string;
  readonly supportType: string;
  readonly start: number;
  readonly end?: number;
  /** Queue segments: Accepted, Moved, Customer Left…; engagements: undefined. */
  readonly outcome?: string;
  readonly agentSid?: string;
  readonly agentName?: string;
  /** Engagements: the identity the agent writes chat messages under, when known (names transcript authors). */
  readonly agentIdentity?: string;
  /** Engagements: the media of this segment (reservation-level list, else the task's). */
  readonly media?: ResolvedMedia;
}

export interface ConversationRow {
  readonly id: string;
  readonly customerName?: string;
  readonly agentNames: readonly string[];
  readonly supportTypes: readonly string[];
  readonly platform: string;
  readonly start: number;
  readonly durationSec?: number;
  readonly outcome: ConversationOutcome;
  readonly transfers: number;
  /** Task sids, for searching by sid. */
  readonly taskSids: readonly string[];
  /**
   * The conversation's other identifiers, for finding it by whatever a ticket names: the
   * reservation sids of the engagements and invitations this access may see (a team
   * leader's session has no sid of another team's), then the call, conversation and channel
   * sids and conversation ids its tasks' attributes carry (`taskIdentifiersOf`; a task the
   * access may not read carries its key alone). Without `id` and `taskSids`; each once.
   */
  readonly sids: readonly string[];
}

export interface ConversationDetail extends ConversationRow {
  readonly customerContact?: string;
  readonly segments: readonly ConversationSegment[];
  /** What the screen shows first: the latest engagement's media, else the task-level list. */
  readonly media: ResolvedMedia;
}

/** Every conversation of an engine as the list and the screen show it, contacts masked for this access. */
export function conversationDetailsOf(engine: Engine, access: Access, config: EngineConfig): Map<string, ConversationDetail> {
  const names = new Map(engine.agents().map((a) => [a.sid, a.name ?? a.sid]));
  const mask = maskingOf(access);
  const out = new Map<string, ConversationDetail>();
  for (const c of engine.conversationRecords()) {
    const segments: ConversationSegment[] = [];
    // Team scope: engagements of agents outside the team, anonymised at ingestion. They are
    // not segments (nobody to name), but the conversation was handled, and that long.
    const othersEngaged: { start: number; end?: number }[] = [];
    let customerName: string | undefined;
    let customerContact: string | undefined;
    let channel: string | undefined;
    let taskMedia: ResolvedMedia | undefined;
    const identifiers: string[] = [];
    const reservationSids: string[] = [];
    const marks: number[] = [];
    // The engine lists a conversation's tasks (and names it) in arrival order; history pages
    // come in any order, so tasks are read in start order and the earliest one names the
    // conversation, as it does when events arrive in order.
    const tasks = c.tasks.filter((t) => t.derived !== undefined).sort(byTaskStart);
    for (const task of tasks) {
      const d = task.derived;
      if (!d) continue;
      customerName ??= task.info?.customerName;
      customerContact ??= task.info?.customerContact;
      channel ??= d.channel;
      if (d.transferMarks) marks.push(...d.transferMarks);
      taskMedia ??= resolveMedia(task.info?.media, undefined);
      if (task.info?.conversationKey !== undefined) identifiers.push(task.info.conversationKey);
      if (task.info?.identifiers) identifiers.push(...task.info.identifiers);
      for (const r of d.reservations) if (r.workerSid !== OTHER_AGENTS && r.sid !== '') reservationSids.push(r.sid);
      for (const q of d.queueSegments) {
        segments.push({ kind: 'queue', taskSid: task.sid, queue: q.queue, supportType: supportTypeOf(config, q.queue), start: q.start, end: q.end, outcome: q.outcome });
      }
      for (const r of d.reservations) {
        if (r.accepted === undefined) continue;
        if (r.workerSid === OTHER_AGENTS) {
          othersEngaged.push({ start: r.accepted, end: r.completed });
          continue;
        }
        const queue = r.queue ?? '(unknown queue)';
        segments.push({
          kind: 'engagement',
          taskSid: task.sid,
          queue,
          supportType: supportTypeOf(config, queue),
          start: r.accepted,
          end: r.completed,
          agentSid: r.workerSid,
          agentName: names.get(r.workerSid) ?? r.workerSid,
          ...identityOf(engine, r.workerSid),
          media: resolveMedia(task.info?.media, task.info?.reservationMedia?.[r.sid]),
        });
      }
    }
    if (segments.length === 0) continue;
    segments.sort((a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'queue' ? -1 : 1));
    const engagements = segments.filter((s) => s.kind === 'engagement');
    const queues = segments.filter((s) => s.kind === 'queue');
    const lastQueue = queues[queues.length - 1];
    const open = segments.some((s) => s.end === undefined) || othersEngaged.some((o) => o.end === undefined);
    let outcome: ConversationOutcome;
    if (engagements.length > 0 || othersEngaged.length > 0) outcome = open ? 'In progress' : 'Handled';
    else if (lastQueue?.end === undefined) outcome = 'Waiting';
    else if (lastQueue.outcome === 'Customer Left') outcome = 'Abandoned';
    else if (lastQueue.outcome === 'Timeout') outcome = 'Timed out';
    else outcome = 'Ended';
    const start = segments[0].start;
    const end = open ? undefined : Math.max(...segments.map((s) => s.end as number), ...othersEngaged.map((o) => o.end as number));
    const latest = engagements[engagements.length - 1];
    const id = tasks[0].info?.conversationKey ?? tasks[0].sid;
    const taskSids = tasks.map((t) => t.sid);
    out.set(id, {
      id,
      customerName: mask.name(customerName, customerContact),
      customerContact: mask.contact(customerContact),
      agentNames: [...new Set([...engagements.map((e) => e.agentName as string), ...(othersEngaged.length > 0 ? [OTHER_AGENTS] : [])])],
      supportTypes: [...new Set(segments.map((s) => s.supportType))],
      platform: platformOf(channel, config.platforms),
      start,
      durationSec: end === undefined ? undefined : Math.round((end - start) / 1000),
      outcome,
      transfers: engagements.filter((e) => segments.some((s) => s !== e && s.start > e.start) || marks.some((m) => m > e.start)).length,
      taskSids,
      sids: otherSids(id, taskSids, reservationSids, identifiers.map((v) => mask.text(v))),
      segments,
      media: latest?.media ?? taskMedia ?? resolveMedia(undefined, undefined),
    });
  }
  return out;
}

type ConversationTask = ConversationRecord['tasks'][number];

/** Reservation sids, then attribute identifiers, each once, without the id and task sids. */
function otherSids(id: string, taskSids: readonly string[], reservationSids: readonly string[], identifiers: readonly string[]): string[] {
  const seen = new Set<string>([id, ...taskSids]);
  const out: string[] = [];
  for (const list of [reservationSids, identifiers]) {
    for (const sid of list) {
      if (seen.has(sid)) continue;
      seen.add(sid);
      out.push(sid);
    }
  }
  return out;
}

/** When a task began: its first queue segment or reservation. */
function taskStart(t: ConversationTask): number {
  let start = Infinity;
  for (const q of t.derived?.queueSegments ?? []) start = Math.min(start, q.start);
  for (const r of t.derived?.reservations ?? []) start = Math.min(start, r.created ?? r.accepted ?? r.endTs ?? Infinity);
  return start;
}

function byTaskStart(a: ConversationTask, b: ConversationTask): number {
  const d = taskStart(a) - taskStart(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}

/** The list fields of a conversation, without its segments, contact and media (what a frozen day keeps). */
export function conversationRowOf(d: ConversationDetail): ConversationRow {
  return {
    id: d.id,
    customerName: d.customerName,
    agentNames: d.agentNames,
    supportTypes: d.supportTypes,
    platform: d.platform,
    start: d.start,
    durationSec: d.durationSec,
    outcome: d.outcome,
    transfers: d.transfers,
    taskSids: d.taskSids,
    sids: d.sids,
  };
}

/**
 * One conversation folded from its own events (what the history function's lookup
 * returns), as the screen shows it: the same fold and the same rows as a live one, so a
 * past conversation reads exactly as it did live. The conversation is the one holding any
 * of `taskSids`; undefined when the events hold none of them.
 *
 * Edge cases: events of other conversations in the input are folded and left out; a
 * rejected event is skipped (the rest still counts), as the live engine does.
 */
export function conversationOfEvents(events: readonly TrEvent[], access: Access, config: EngineConfig, taskSids: readonly string[]): ConversationDetail | undefined {
  const engine = new Engine(config, { groupings: [], sealEvery: Infinity });
  for (const e of events) engine.apply(e);
  for (const detail of conversationDetailsOf(engine, access, config).values()) {
    if (detail.taskSids.some((t) => taskSids.includes(t))) return detail;
  }
  return undefined;
}

/** `{ agentIdentity }` when the engine knows the agent's chat identity, else nothing (no undefined field). */
function identityOf(engine: Engine, workerSid: string): { agentIdentity?: string } {
  const identity = engine.identityOf(workerSid);
  return identity === undefined ? {} : { agentIdentity: identity };
}
