/**
 * A conversation's facts: one per queue segment, reservation invitation and engagement
 * of its tasks, each with the dimensions it is sliced by and the figures it adds to a
 * cell. The aggregates add a conversation's facts and later take the same facts out.
 */
import type { EngineConfig } from './config';
import { NO_TEAM, platformOf } from './dimensions';
import { SLICE_SEPARATOR, type SliceDimension } from './groupings';
import { invitationOutcome, type DerivedTask, type InvitationOutcome, type QueueOutcome } from './model';

type FactKind = 'queue' | 'engagement' | 'invitation';

/** One segment's contribution to the aggregates, frozen at the last flush. */
export interface Fact {
  readonly kind: FactKind;
  readonly start: number;
  /** The task the segment belongs to, and for engagements and invitations the reservation (lakehouse rows name them). */
  readonly taskSid?: string;
  readonly reservationSid?: string;
  readonly queue: string;
  readonly supportType: string;
  readonly platform: string;
  readonly agent?: string;
  readonly team?: string;
  readonly outcome?: QueueOutcome;
  readonly waitMs?: number;
  readonly talkMs?: number;
  readonly wrapMs?: number;
  readonly transferred?: boolean;
  readonly invitation?: InvitationOutcome;
}

export interface ConversationFacts {
  readonly facts: readonly Fact[];
  /** The last queue segment of an abandoned conversation. */
  readonly abandonedAt?: Fact;
}

/** What facts are sliced by beyond the tasks themselves. */
export interface FactDimensions {
  readonly supportTypeOf: (queue: string | undefined) => string;
  readonly platforms: EngineConfig['platforms'];
  /** The team an agent had at a moment, for reservations whose events carried none. */
  readonly teamAt: (workerSid: string, ts: number) => string;
}

/** The facts of a conversation's tasks: underived tasks add none; an engagement with a later queue, engagement or transfer mark is transferred. */
export function factsOf(tasks: readonly { readonly derived?: DerivedTask }[], dims: FactDimensions): ConversationFacts {
  const facts: Fact[] = [];
  const engagements: Fact[] = [];
  /** Transfer marks of the conversation's tasks (an agent's history): later segments not held. */
  const marks: number[] = [];
  let handledAnywhere = false;
  let lastQueue: Fact | undefined;
  const { platforms, supportTypeOf, teamAt } = dims;
  for (const task of tasks) {
    const d = task.derived;
    if (!d) continue;
    const platform = platformOf(d.channel, platforms);
    if (d.transferMarks) marks.push(...d.transferMarks);
    for (const s of d.queueSegments) {
      const f: Fact = {
        kind: 'queue',
        start: s.start,
        taskSid: s.taskSid,
        queue: s.queue,
        supportType: supportTypeOf(s.queue),
        platform,
        outcome: s.outcome,
        waitMs: s.end === undefined ? undefined : s.end - s.start,
      };
      facts.push(f);
      if (!lastQueue || isLater(f, lastQueue)) lastQueue = f;
    }
    for (const r of d.reservations) {
      const queue = r.queue ?? '(unknown queue)';
      const supportType = supportTypeOf(r.queue);
      const when = r.accepted ?? r.created ?? r.endTs ?? 0;
      const team = r.team ?? teamAt(r.workerSid, when);
      const outcome = invitationOutcome(r);
      if (r.created !== undefined || (r.accepted === undefined && r.endTs !== undefined)) {
        facts.push({
          kind: 'invitation',
          start: r.created ?? (r.endTs as number),
          taskSid: r.taskSid, reservationSid: r.sid,
          queue, supportType, platform, agent: r.workerSid, team,
          invitation: outcome,
        });
      }
      if (r.accepted !== undefined) {
        handledAnywhere = true;
        const ended = r.completed !== undefined;
        const talkEnd = r.wrapup ?? r.completed;
        const e: Fact = {
          kind: 'engagement',
          start: r.accepted, taskSid: r.taskSid, reservationSid: r.sid, queue, supportType, platform, agent: r.workerSid, team,
          talkMs: ended && talkEnd !== undefined ? talkEnd - r.accepted : undefined,
          wrapMs: ended && r.wrapup !== undefined ? (r.completed as number) - r.wrapup : undefined,
        };
        engagements.push(e);
      }
    }
  }
  for (const e of engagements) {
    let transferred = false;
    for (const f of facts) if (f.kind === 'queue' && f.start > e.start) transferred = true;
    for (const o of engagements) if (o !== e && o.start > e.start) transferred = true;
    for (const m of marks) if (m > e.start) transferred = true;
    facts.push(transferred ? { ...e, transferred } : e);
  }
  const abandonedAt = !handledAnywhere && lastQueue?.outcome === 'Customer Left' ? lastQueue : undefined;
  return { facts, abandonedAt };
}

/** Of two queue segments, the one that started later (or, at the same start, ended later or is open). */
function isLater(a: Fact, b: Fact): boolean {
  if (a.start !== b.start) return a.start > b.start;
  return (a.waitMs ?? Infinity) > (b.waitMs ?? Infinity);
}

/** The slice value a fact counts under; undefined when it does not count there (queue segments have no team or agent). */
export function sliceOf(dimension: SliceDimension, f: Fact): string | undefined {
  switch (dimension) {
    case 'all': return '';
    case 'supportType': return f.supportType;
    case 'platform': return f.platform;
    case 'queue': return f.queue;
    case 'team': return f.kind === 'queue' ? undefined : (f.team ?? NO_TEAM);
    case 'agent': return f.kind === 'queue' ? undefined : f.agent;
    case 'platformSupportType': return f.platform + SLICE_SEPARATOR + f.supportType;
    case 'agentSupportType': return f.kind === 'queue' || f.agent === undefined ? undefined : f.agent + SLICE_SEPARATOR + f.supportType;
  }
}
