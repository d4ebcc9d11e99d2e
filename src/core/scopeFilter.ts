/**
 * Role scope applied at ingestion: the events a session may fold at all. An agent's
 * engine never receives another agent's events, so it cannot compute their rows; a
 * team leader's engine keeps every contact (queue figures are nobody's numbers) but
 * knows only the agents of the team by name.
 *
 * - `all`: every event, unchanged.
 * - `team`: worker events of the team's agents (and of the user) only. Reservation
 *   events of anyone else are kept for the queue figures (an acceptance ends a wait,
 *   an engagement is handled) but anonymised: worker sid `OTHER_AGENTS`, team
 *   `OTHER_TEAMS`, no name, task attributes reduced to the conversation key. Task events
 *   are kept, without worker fields of anyone outside the team, and with the conversation
 *   key as their only attribute unless a reservation of the team already named the task.
 *   The team's conversations still get their customer and media: the team's own
 *   reservation events, and the task events once one of them named the task, carry the
 *   newest attributes seen of the task (remembered in the filter, never in the state),
 *   and the engine never lets key-only attributes replace fuller ones: whatever order
 *   the events come in, the team's conversations read as the centre's do. An event's team is the one in its own worker attributes, else the
 *   last one seen for that worker; a worker whose team is not known yet is outside the
 *   team (privacy first). So an agent who changes team counts for the team leader
 *   while they were in it, as the team slice does (handling team).
 * - `self`: the agent's own worker and reservation events, and the task events of the
 *   conversations they hold a reservation in (the queue segments of those conversations
 *   tell whether the agent's engagement was transferred). Task events come before the
 *   agent's reservation (a contact waits before it is offered), so task events of other
 *   conversations are held back, per task, and released when a reservation of the agent
 *   names the task or its conversation; they are dropped once the task ended and the
 *   stream is `reorderWindowMs` past it, or after a day without events. Other agents'
 *   reservation events are dropped, not anonymised: the agent's engine holds nothing of
 *   anyone else, not even a roll-up.
 *   The team average of My stats is not made here: it comes from the history function as
 *   the team's day cells (`teamAverage.ts`), so an agent's session never holds a teammate's
 *   event, not even anonymised.
 * - `none`: nothing.
 */
import { teamOf } from './dimensions';
import { entityKindOf, type Attributes, type TrEvent } from './events';
import type { Access } from './roles';
import { anonymousTaskAttributes, taskInfoOf } from './taskInfo';

/** The worker sid every anonymised reservation carries in a team leader's session. */
export const OTHER_AGENTS = '(other agents)';
/** The team of `OTHER_AGENTS`. */
export const OTHER_TEAMS = '(other teams)';

const OTHER_ATTRIBUTES: Attributes = Object.freeze({ team: OTHER_TEAMS });
const TASK_END_TYPES: ReadonlySet<string> = new Set(['task.completed', 'task.canceled', 'task.deleted', 'task.system-deleted']);
/** A held task with no event for this long is dropped even without an end event. */
const HELD_IDLE_MS = 24 * 3_600_000;
/** Held tasks are swept at most once per this much stream time. */
const SWEEP_EVERY_MS = 10_000;

export interface ScopeFilter {
  /** The events of this batch the access may fold; may release events held back from earlier batches. */
  select(events: readonly TrEvent[]): readonly TrEvent[];
  /** Task events held back until they turn out to concern the agent (scope `self`). */
  heldEvents(): number;
}

export interface ScopeFilterOptions {
  readonly reorderWindowMs: number;
  /** The user's own worker sid: a team leader always sees their own events. */
  readonly ownWorkerSid?: string;
  /**
   * Scope `team`: decide each event by itself (and its worker's team), remembering no task.
   * For the history function: its answer must not depend on how TaskRouter's pages fall.
   * The team's reservations keep their own attributes, a task event only when it names a
   * team member; every other task event has the key alone.
   */
  readonly eventByEvent?: boolean;
}

/** The ingestion filter of an access. Throws for an access not built by `accessOf`. */
export function createScopeFilter(access: Access, options: ScopeFilterOptions): ScopeFilter {
  switch (access.scope) {
    case 'all':
      return { select: (events) => events, heldEvents: () => 0 };
    case 'none':
      return { select: () => [], heldEvents: () => 0 };
    case 'team':
      if (!access.team) throw new Error('scope "team" needs access.team: build the access with accessOf(user)');
      return teamFilter(access.team, options.ownWorkerSid, options.eventByEvent === true);
    case 'self':
      if (!access.workerSid) throw new Error('scope "self" needs access.workerSid: build the access with accessOf(user)');
      return selfFilter(access.workerSid, options.reorderWindowMs);
  }
}

const hasWorker = (e: TrEvent): e is TrEvent & { workerSid: string } => typeof e.workerSid === 'string' && e.workerSid !== '';

/** The event without the worker fields (task events may carry them; the fold does not need them). */
function withoutWorker(e: TrEvent): TrEvent {
  if (e.workerSid === undefined && e.workerName === undefined && e.workerAttributes === undefined) return e;
  const { workerSid: _sid, workerName: _name, workerAttributes: _attributes, ...rest } = e;
  return rest;
}

function anonymised(e: TrEvent): TrEvent {
  const { workerName: _name, ...rest } = e;
  return { ...rest, workerSid: OTHER_AGENTS, workerAttributes: OTHER_ATTRIBUTES };
}

/**
 * An event's team: the one in its own worker attributes (remembered per worker, the latest
 * by time wins), else the last one remembered for that worker; undefined when none is known.
 */
function teamTracker(): (e: TrEvent & { workerSid: string }) => string | undefined {
  const known = new Map<string, { team: string; ts: number }>();
  return (e) => {
    if (!e.workerAttributes) return known.get(e.workerSid)?.team;
    const t = teamOf(e.workerAttributes);
    const last = known.get(e.workerSid);
    if (!last || last.ts <= e.ts) known.set(e.workerSid, { team: t, ts: e.ts });
    return t;
  };
}

/** The event with its task attributes reduced to the conversation key (`anonymousTaskAttributes`). */
function keyOnly(e: TrEvent): TrEvent {
  return e.taskAttributes === undefined ? e : { ...e, taskAttributes: anonymousTaskAttributes(e.taskAttributes) };
}

/** What a team filter remembers of a task (see `teamFilter`). */
interface TeamTask {
  /** A reservation of the team (or the user) named the task. */
  ours: boolean;
  /** The latest attributes seen of the task, and when. */
  attributes?: Attributes;
  attributesTs: number;
  lastTs: number;
}

/**
 * Scope `team` (see the header). Every task's latest attributes are remembered here (not
 * in the state) until the task has been quiet for a day, so that the team's events carry
 * the newest attributes seen, whichever came first: a task updated (with its media) before
 * the team's reservation arrived still shows its media once it does.
 */
function teamFilter(team: string, ownWorkerSid: string | undefined, eventByEvent: boolean): ScopeFilter {
  const teamOfEvent = teamTracker();
  const tasks = new Map<string, TeamTask>();
  let newest = -Infinity;
  let sweptAt = -Infinity;
  const viewable = (e: TrEvent & { workerSid: string }): boolean => {
    const t = teamOfEvent(e);
    return e.workerSid === ownWorkerSid || t === team;
  };
  /** Notes the task of the event; returns it, or undefined for an event without a task. */
  const note = (e: TrEvent, ours: boolean): TeamTask | undefined => {
    if (eventByEvent || typeof e.taskSid !== 'string' || e.taskSid === '') return undefined;
    let t = tasks.get(e.taskSid);
    if (!t) tasks.set(e.taskSid, (t = { ours: false, attributesTs: -Infinity, lastTs: e.ts }));
    if (ours) t.ours = true;
    if (e.ts > t.lastTs) t.lastTs = e.ts;
    if (e.taskAttributes && e.ts >= t.attributesTs) {
      t.attributes = e.taskAttributes;
      t.attributesTs = e.ts;
    }
    return t;
  };
  /** The team's event, with the newest attributes known of its task. */
  const whole = (e: TrEvent, t: TeamTask | undefined): TrEvent =>
    t?.attributes === undefined || t.attributes === e.taskAttributes ? e : { ...e, taskAttributes: t.attributes };
  const sweep = (): void => {
    sweptAt = newest;
    for (const [sid, t] of tasks) if (t.lastTs < newest - HELD_IDLE_MS) tasks.delete(sid);
  };
  return {
    select(events) {
      const out: TrEvent[] = [];
      for (const e of events) {
        const kind = entityKindOf(e.type);
        if (kind === undefined) continue;
        if (Number.isFinite(e.ts) && e.ts > newest) newest = e.ts;
        const mine = hasWorker(e) && viewable(e);
        if (kind === 'worker') {
          // Without a worker sid the engine rejects it anyway.
          if (mine || !hasWorker(e)) out.push(e);
          continue;
        }
        const t = note(e, mine);
        if (kind === 'reservation') {
          // Without a worker sid the engine rejects it anyway: nothing to keep but the key.
          out.push(mine ? whole(e, t) : keyOnly(hasWorker(e) ? anonymised(e) : e));
          continue;
        }
        if (mine) out.push(whole(e, t));
        else out.push(t?.ours ? whole(withoutWorker(e), t) : keyOnly(withoutWorker(e)));
      }
      if (newest - sweptAt >= SWEEP_EVERY_MS) sweep();
      return out;
    },
    heldEvents: () => 0,
  };
}

interface HeldTask {
  readonly events: TrEvent[];
  /** The task sid and every conversation key its events named. */
  readonly keys: Set<string>;
  lastTs: number;
  ended: boolean;
}

function selfFilter(workerSid: string, reorderWindowMs: number): ScopeFilter {
  /** Task sids and conversation keys of the agent's conversations. */
  const mine = new Set<string>();
  const held = new Map<string, HeldTask>();
  /** Task sid or conversation key → sids of held tasks that name it. */
  const heldByKey = new Map<string, Set<string>>();
  const keyCache = new WeakMap<Attributes, string | null>();
  let heldCount = 0;
  let newest = -Infinity;
  let sweptAt = -Infinity;

  const conversationKeyOf = (e: TrEvent): string | undefined => {
    const a = e.taskAttributes;
    if (!a) return undefined;
    let key = keyCache.get(a);
    if (key === undefined) {
      key = taskInfoOf(a).conversationKey ?? null;
      keyCache.set(a, key);
    }
    return key ?? undefined;
  };

  const forget = (sid: string, h: HeldTask): void => {
    held.delete(sid);
    heldCount -= h.events.length;
    for (const k of h.keys) {
      const set = heldByKey.get(k);
      if (set) {
        set.delete(sid);
        if (set.size === 0) heldByKey.delete(k);
      }
    }
  };

  /** Marks these ids as the agent's and releases every held task they reach, transitively. */
  const claim = (ids: readonly (string | undefined)[], out: TrEvent[]): void => {
    const work: string[] = [];
    for (const id of ids) {
      if (id !== undefined && !mine.has(id)) {
        mine.add(id);
        work.push(id);
      }
    }
    while (work.length > 0) {
      const sids = heldByKey.get(work.pop() as string);
      if (!sids) continue;
      for (const sid of [...sids]) {
        const h = held.get(sid);
        if (!h) continue;
        forget(sid, h);
        for (const e of h.events) out.push(e);
        for (const k of h.keys) {
          if (!mine.has(k)) {
            mine.add(k);
            work.push(k);
          }
        }
      }
    }
  };

  const hold = (taskSid: string, key: string | undefined, e: TrEvent): void => {
    let h = held.get(taskSid);
    if (!h) {
      h = { events: [], keys: new Set(), lastTs: e.ts, ended: false };
      held.set(taskSid, h);
    }
    h.events.push(e);
    heldCount++;
    if (e.ts > h.lastTs) h.lastTs = e.ts;
    if (TASK_END_TYPES.has(e.type)) h.ended = true;
    for (const k of [taskSid, key]) {
      if (k === undefined || h.keys.has(k)) continue;
      h.keys.add(k);
      let set = heldByKey.get(k);
      if (!set) heldByKey.set(k, (set = new Set()));
      set.add(taskSid);
    }
  };

  const sweep = (): void => {
    sweptAt = newest;
    for (const [sid, h] of held) {
      if ((h.ended && h.lastTs < newest - reorderWindowMs) || h.lastTs < newest - HELD_IDLE_MS) forget(sid, h);
    }
  };

  return {
    select(events) {
      const out: TrEvent[] = [];
      for (const e of events) {
        const kind = entityKindOf(e.type);
        if (kind === undefined) continue;
        if (Number.isFinite(e.ts) && e.ts > newest) newest = e.ts;
        if (kind === 'worker') {
          if (e.workerSid === workerSid) out.push(e);
          continue;
        }
        const taskSid = e.taskSid;
        if (typeof taskSid !== 'string' || taskSid === '') continue;
        const key = conversationKeyOf(e);
        if (kind === 'reservation') {
          if (e.workerSid !== workerSid) continue;
          claim([taskSid, key], out);
          out.push(e);
          continue;
        }
        const event = e.workerSid === workerSid ? e : withoutWorker(e);
        if (mine.has(taskSid) || (key !== undefined && mine.has(key))) {
          claim([taskSid, key], out);
          out.push(event);
        } else {
          hold(taskSid, key, event);
        }
      }
      if (newest - sweptAt >= SWEEP_EVERY_MS) sweep();
      return out;
    },
    heldEvents: () => heldCount,
  };
}
