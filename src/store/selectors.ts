/**
 * Selectors: pure functions of the store state, memoised on the state's `version` (and
 * the day, or `now`, where they depend on it), so the same state gives the same object
 * and a view re-renders only when its numbers changed. "Today" is the day of `now` in
 * the configured time zone. Every row passes `mayViewAgent` again, after the ingestion
 * scope, and every customer contact passes `maskContact`.
 */
import {
  agentMetricSet,
  emptyAccumulator,
  isEmptyAccumulator,
  maskContact,
  mayViewAgent,
  metricSet,
  platformOf,
  supportTypeResolver,
  type Access,
  type Accumulator,
  type AgentMetricSet,
  type Engine,
  type EngineConfig,
  type MetricSet,
} from '../core';
import { totalsBetween, weekUpTo } from './cells';
import type { InsightsState } from './insightsStore';
import { OTHER_AGENTS, OTHER_TEAMS } from './scope';

export type Memo<T> = (state: InsightsState, key: string, compute: () => T) => T;

/** One single-entry cache per engine: the last version and key, and what they gave. */
export function memo<T>(): Memo<T> {
  const cache = new WeakMap<Engine, { key: string; value: T }>();
  return (state, key, compute) => {
    const engine = state.engine.engine;
    const hit = cache.get(engine);
    const full = `${state.version}|${key}`;
    if (hit && hit.key === full) return hit.value;
    const value = compute();
    cache.set(engine, { key: full, value });
    return value;
  };
}

/** Today's day key (`2026-11-20`) in the configured zone. */
export function selectToday(state: InsightsState): string {
  return state.engine.engine.calendar.dayKey(state.now);
}

const totalsToday = memo<MetricSet>();

/** The metric set of today, every contact the scope folded (for `self`: the agent's own conversations). */
export function selectTotalsToday(state: InsightsState): MetricSet {
  const day = selectToday(state);
  return totalsToday(state, day, () => metricSet(state.engine.engine.cellOf({ slice: 'all', period: 'day' }, '', day)));
}

export const TODAY_SLICES = ['supportType', 'platform', 'queue'] as const;
export type TodaySlice = (typeof TODAY_SLICES)[number];

const slicesToday: Record<TodaySlice, Memo<Readonly<Record<string, MetricSet>>>> = {
  supportType: memo(),
  platform: memo(),
  queue: memo(),
};

/** Today's metric set per support type, platform or queue (slices with nothing counted left out). */
export function selectTodayBy(state: InsightsState, slice: TodaySlice): Readonly<Record<string, MetricSet>> {
  const day = selectToday(state);
  return slicesToday[slice](state, day, () => {
    const out: Record<string, MetricSet> = {};
    const cells = state.engine.engine.cellsOf({ slice, period: 'day' }).filter((c) => c.period === day && !isEmptyAccumulator(c.acc));
    cells.sort((a, b) => (a.slice < b.slice ? -1 : a.slice > b.slice ? 1 : 0));
    for (const c of cells) out[c.slice] = metricSet(c.acc);
    return out;
  });
}

export interface WaitingContact {
  readonly taskSid: string;
  readonly conversationId: string;
  readonly queue: string;
  readonly supportType: string;
  readonly platform: string;
  /** When the contact entered the queue it waits in (epoch ms). */
  readonly since: number;
  readonly waitSec: number;
  readonly customerName?: string;
  /** Masked unless the access sees contacts. */
  readonly customerContact?: string;
}

export interface WaitingSummary {
  readonly waiting: number;
  readonly longestWaitSec: number;
}

export interface WaitingNow extends WaitingSummary {
  /** Longest wait first. */
  readonly contacts: readonly WaitingContact[];
  readonly byQueue: Readonly<Record<string, WaitingSummary>>;
  readonly bySupportType: Readonly<Record<string, WaitingSummary>>;
  readonly byPlatform: Readonly<Record<string, WaitingSummary>>;
}

type WaitingEntry = Omit<WaitingContact, 'waitSec'>;

const resolvers = new WeakMap<EngineConfig, (queue: string | undefined) => string>();
export function supportTypeOf(config: EngineConfig, queue: string): string {
  let resolve = resolvers.get(config);
  if (!resolve) resolvers.set(config, (resolve = supportTypeResolver(config.supportTypes)));
  return resolve(queue);
}

/** A name that is really a phone number or an email (`from` stands in for the name) is masked like one. */
const LOOKS_LIKE_CONTACT = /@|^[+\d\s().-]{6,}$/;
export function maskedName(access: Access, name: string | undefined, contact: string | undefined): string | undefined {
  if (name === undefined || access.seesContacts) return name;
  return name === contact || LOOKS_LIKE_CONTACT.test(name) ? maskContact(access, name) : name;
}

const openSegments = memo<readonly WaitingEntry[]>();
const waitingNow = memo<WaitingNow>();

/** Queue segments with no end yet, oldest first: changes only with the data. */
function selectOpenSegments(state: InsightsState): readonly WaitingEntry[] {
  return openSegments(state, '', () => {
    const engine = state.engine.engine;
    const { access } = state;
    const out: WaitingEntry[] = [];
    for (const w of engine.waitingNow()) {
      out.push({
        taskSid: w.taskSid,
        conversationId: w.conversationId,
        queue: w.queue,
        supportType: supportTypeOf(engine.config, w.queue),
        platform: platformOf(w.channel, engine.config.platforms),
        since: w.start,
        customerName: maskedName(access, w.customerName, w.customerContact),
        customerContact: maskContact(access, w.customerContact),
      });
    }
    out.sort((a, b) => a.since - b.since || (a.taskSid < b.taskSid ? -1 : a.taskSid > b.taskSid ? 1 : 0));
    return out;
  });
}

function summarise(into: Record<string, { waiting: number; longestWaitSec: number }>, key: string, waitSec: number): void {
  const s = (into[key] ??= { waiting: 0, longestWaitSec: 0 });
  s.waiting++;
  if (waitSec > s.longestWaitSec) s.longestWaitSec = waitSec;
}

/**
 * Contacts waiting in a queue now: the open queue segments (no end yet), with their wait
 * at `now` in whole seconds (never negative when the clock is behind the events).
 */
export function selectWaitingNow(state: InsightsState): WaitingNow {
  return waitingNow(state, String(state.now), () => {
    const contacts: WaitingContact[] = [];
    const byQueue: Record<string, WaitingSummary> = {};
    const bySupportType: Record<string, WaitingSummary> = {};
    const byPlatform: Record<string, WaitingSummary> = {};
    let longestWaitSec = 0;
    for (const entry of selectOpenSegments(state)) {
      const waitSec = Math.max(0, Math.floor((state.now - entry.since) / 1000));
      contacts.push({ ...entry, waitSec });
      summarise(byQueue, entry.queue, waitSec);
      summarise(bySupportType, entry.supportType, waitSec);
      summarise(byPlatform, entry.platform, waitSec);
      if (waitSec > longestWaitSec) longestWaitSec = waitSec;
    }
    return { waiting: contacts.length, longestWaitSec, contacts, byQueue, bySupportType, byPlatform };
  });
}

const myToday = memo<AgentMetricSet | undefined>();
const myWeek = memo<AgentMetricSet | undefined>();

/** The user's own numbers today (handled, rates, handle time); undefined when the user is no worker. */
export function selectMyHandledToday(state: InsightsState): AgentMetricSet | undefined {
  const day = selectToday(state);
  const sid = state.workerSid;
  return myToday(state, day, () =>
    sid === undefined ? undefined : agentMetricSet(state.engine.engine.cellOf({ slice: 'agent', period: 'day' }, sid, day)),
  );
}

/** The user's own numbers this week (ISO week in the configured zone): the sum of its days. */
export function selectMyWeek(state: InsightsState): AgentMetricSet | undefined {
  const week = weekUpTo(selectToday(state));
  const sid = state.workerSid;
  return myWeek(state, week.from + week.to, () =>
    sid === undefined ? undefined : agentMetricSet(totalsBetween(state, 'agent', week).get(sid) ?? emptyAccumulator()),
  );
}

export interface AgentRow extends AgentMetricSet {
  readonly sid: string;
  readonly name: string;
  readonly team: string;
  /** The activity the agent is in (undefined before any activity event, or after `worker.deleted`). */
  readonly activity?: string;
  /** Since when (epoch ms): the view shows the elapsed time from `now`. */
  readonly activitySince?: number;
}

const agentRows = memo<readonly AgentRow[]>();
/** One collator: `localeCompare` builds one per call, too slow for 2,000 rows a frame. */
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function currentActivity(engine: Engine, sid: string): { activity?: string; activitySince?: number } {
  const intervals = engine.activityIntervals(sid, Infinity);
  let i = intervals.length - 1;
  // Only the last activity runs on to `until`; after worker.deleted the last interval has ended.
  if (i < 0 || intervals[i].end !== Infinity) return {};
  const activity = intervals[i].activity;
  while (i > 0 && intervals[i - 1].activity === activity && intervals[i - 1].end === intervals[i].start) i--;
  return { activity, activitySince: intervals[i].start };
}

/**
 * One row per agent the access may view, with today's numbers and the current
 * activity, sorted by name. Never a row for another agent under `self`, only the team's
 * under `team` (by the agent's latest team), none under `none`.
 */
export function selectAgentRows(state: InsightsState): readonly AgentRow[] {
  const day = selectToday(state);
  return agentRows(state, day, () => {
    const { access } = state;
    const engine = state.engine.engine;
    // One pass over the day's agent cells rather than a lookup per agent.
    const today = new Map<string, Accumulator>();
    for (const c of engine.cellsOf({ slice: 'agent', period: 'day' })) if (c.period === day) today.set(c.slice, c.acc);
    const rows: AgentRow[] = [];
    for (const a of engine.agents()) {
      if (a.sid === OTHER_AGENTS || !mayViewAgent(access, a)) continue;
      const metrics = agentMetricSet(today.get(a.sid) ?? emptyAccumulator());
      rows.push({ sid: a.sid, name: a.name ?? a.sid, team: a.team, ...metrics, ...currentActivity(engine, a.sid) });
    }
    rows.sort((x, y) => byName.compare(x.name, y.name) || (x.sid < y.sid ? -1 : x.sid > y.sid ? 1 : 0));
    return rows;
  });
}

export interface TeamRow extends AgentMetricSet {
  readonly team: string;
}

const teamRows = memo<readonly TeamRow[]>();

/**
 * Today's roll-up per handling team: every team for scope `all`, the leader's own for
 * `team`, none for `self` (a team's numbers are other agents' numbers too) or `none`.
 */
export function selectTeamRows(state: InsightsState): readonly TeamRow[] {
  const day = selectToday(state);
  return teamRows(state, day, () => {
    const { access } = state;
    if (access.scope !== 'all' && access.scope !== 'team') return [];
    const rows: TeamRow[] = [];
    for (const c of state.engine.engine.cellsOf({ slice: 'team', period: 'day' })) {
      if (c.period !== day || c.slice === OTHER_TEAMS || isEmptyAccumulator(c.acc)) continue;
      if (access.scope === 'team' && c.slice !== access.team) continue;
      rows.push({ team: c.slice, ...agentMetricSet(c.acc) });
    }
    rows.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
    return rows;
  });
}
