/**
 * The live store: one vanilla zustand store per session, fed by the engine. Events are
 * queued and folded once per animation frame, so a burst of live updates costs one
 * store update; a batch that changed nothing (duplicates, events outside the scope)
 * notifies nobody. The role scope is applied before the fold (the core's `createScopeFilter`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  DEFAULT_CONFIG,
  LIVE_GROUPINGS,
  LOG_PREFIX,
  applyEvent,
  configProblems,
  createEngineState,
  createScopeFilter,
  type Access,
  type DayRange,
  type DaySnapshot,
  type EngineConfig,
  type EngineState,
  type HistoryProgress,
  type ScopeFilter,
  type TeamAverage,
  type TrEvent,
} from '../core';

/** History folded before this session or earlier in it, kept as frozen days (`cells.ts`). */
export interface HistoryState {
  /** Day key → that day's frozen aggregates. The live engine's cells of these days are not read. */
  readonly days: ReadonlyMap<string, DaySnapshot>;
  /** The backfill's progress, for the progress bar (absent when no backfill runs). */
  readonly progress?: HistoryProgress;
}

export const TEAM_AVERAGE_STATUSES = ['loading', 'ready', 'needsHistory', 'failed'] as const;
export type TeamAverageStatus = (typeof TEAM_AVERAGE_STATUSES)[number];

/**
 * Scope `self`: the team average of My stats, as the history function's team day cells
 * (sums and counts, nobody's row). The session never folds a teammate's event.
 */
export interface TeamAverageState {
  /**
   * `loading` before the first answer; `ready` with `value`; `needsHistory` without a history
   * function; `failed` when the last request failed (`value` is then the last good answer, if any).
   */
  readonly status: TeamAverageStatus;
  readonly value?: TeamAverage;
  /** First and last day of `value` (the week up to today, when it was asked). */
  readonly range?: DayRange;
  /** Why the last request failed (no customer data: the function's error message). */
  readonly problem?: string;
}

export const STORE_STATUSES = ['loading', 'ready', 'error'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export interface InsightsState<C extends EngineConfig = EngineConfig> {
  readonly access: Access;
  /** The user's own worker sid, for My stats (undefined when the user is no worker or the scope is `none`). */
  readonly workerSid?: string;
  readonly config: C;
  /** The live fold: today (and what else live events and today's history brought). */
  readonly live: EngineState;
  /** Epoch ms from the store's clock: at the last batch or `tick`. */
  readonly now: number;
  /** Bumped once per batch that changed the engine; selectors memoise on it. */
  readonly version: number;
  /** `loading` until the source reports the backfill done; `error` with `error` set. */
  readonly status: StoreStatus;
  readonly error?: string;
  /** Frozen history days (none until a backfill or the cache provides them; `cells.ts` reads them). */
  readonly history?: HistoryState;
  /** Scope `self` only: the team average, as the team's day cells (`TeamAverageState`). */
  readonly teamAverage?: TeamAverageState;
}

export type InsightsStore<C extends EngineConfig = EngineConfig> = StoreApi<InsightsState<C>>;

/** Runs a callback once, later (the next animation frame). */
export type Schedule = (callback: () => void) => void;

export interface InsightsStoreOptions<C extends EngineConfig = EngineConfig> {
  readonly access: Access;
  readonly config: C;
  /** The clock (default `Date.now`). */
  readonly now?: () => number;
  /** Default: `requestAnimationFrame` where there is one, else `setTimeout(callback, 16)`. */
  readonly schedule?: Schedule;
  /** The user's own worker sid (scope `self` always uses `access.workerSid`). */
  readonly workerSid?: string;
  /**
   * Keep the events folded into the live engine, so `reconfigure` can fold them again under
   * another config (an admin's session, where settings are saved). Costs the events' memory
   * for the session's life: off by default.
   */
  readonly keepEvents?: boolean;
}

interface Runtime {
  readonly clock: () => number;
  readonly schedule: Schedule;
  readonly filter: ScopeFilter;
  /** False for scope `none` and for an unusable config. */
  readonly ingesting: boolean;
  /** The events the live engine folded, in folding order (`keepEvents` only). */
  readonly log?: TrEvent[];
  queue: TrEvent[];
  scheduled: boolean;
  /** Called after each batch with the events that changed the live fold (`onBatch`). */
  readonly batchListeners: ((events: readonly TrEvent[]) => void)[];
}

/** Per store: what is not state (the queue, the clock, the scope filter). */
const runtimes = new WeakMap<object, Runtime>();

function defaultSchedule(): Schedule {
  if (typeof requestAnimationFrame === 'function') return (callback) => void requestAnimationFrame(() => callback());
  return (callback) => void setTimeout(callback, 16);
}

function runtimeOf(store: object): Runtime {
  const rt = runtimes.get(store);
  if (!rt) throw new Error('not a store made by createInsightsStore: create it with createInsightsStore(options)');
  return rt;
}

/**
 * A store for one session. An unusable config (a bad time zone, say) gives a store in
 * status `error` that ingests nothing, rather than an exception inside Flex.
 */
export function createInsightsStore<C extends EngineConfig>(options: InsightsStoreOptions<C>): InsightsStore<C> {
  const { access, config } = options;
  const clock = options.now ?? Date.now;
  const problems = configProblems(config);
  const workerSid = access.scope === 'self' ? access.workerSid : access.scope === 'none' ? undefined : options.workerSid;
  const usable = problems.length === 0 ? config : DEFAULT_CONFIG;
  const filter = createScopeFilter(access, { reorderWindowMs: config.reorderWindowMs, ownWorkerSid: workerSid });
  const live = createEngineState(usable, { groupings: LIVE_GROUPINGS });
  const store = createStore<InsightsState<C>>()(() => ({
    access,
    workerSid,
    config,
    live,
    now: clock(),
    version: 0,
    status: problems.length === 0 ? 'loading' : 'error',
    error: problems.length === 0 ? undefined : `configuration: ${problems.join('; ')}`,
    teamAverage: access.scope === 'self' ? { status: 'loading' } : undefined,
  }));
  runtimes.set(store, {
    clock,
    schedule: options.schedule ?? defaultSchedule(),
    filter,
    ingesting: problems.length === 0 && access.scope !== 'none',
    log: options.keepEvents ? [] : undefined,
    queue: [],
    scheduled: false,
    batchListeners: [],
  });
  return store;
}

/** Queues events for the next batch (one per animation frame). Scope `none` ingests nothing. */
export function ingest<C extends EngineConfig>(store: InsightsStore<C>, events: readonly TrEvent[]): void {
  const rt = runtimeOf(store);
  if (!rt.ingesting || events.length === 0) return;
  // A loop, not push(...events): a backfill page can be larger than the argument limit.
  for (const e of events) rt.queue.push(e);
  if (!rt.scheduled) {
    rt.scheduled = true;
    rt.schedule(() => applyQueued(store));
  }
}

/**
 * Folds the queued events now, as one batch: one `setState` if anything changed, none
 * otherwise. The scheduled frame calls it; a source may too (at the end of a backfill).
 */
export function applyQueued<C extends EngineConfig>(store: InsightsStore<C>): void {
  const rt = runtimeOf(store);
  rt.scheduled = false;
  if (rt.queue.length === 0) return;
  const batch = rt.queue;
  rt.queue = [];
  const before = store.getState();
  let live = before.live;
  const folded: TrEvent[] = [];
  try {
    for (const e of rt.filter.select(batch)) {
      const next = applyEvent(live, e);
      // Only what changed the fold: a duplicate folds to nothing again.
      if (rt.log && next !== live) rt.log.push(e);
      if (next !== live && rt.batchListeners.length > 0) folded.push(e);
      live = next;
    }
    if (live === before.live) return;
    // Aggregates are brought up to date here, in the frame, so selectors only read.
    live.engine.flush();
    store.setState({ live, version: before.version + 1, now: rt.clock() });
    if (folded.length > 0) for (const listener of rt.batchListeners) listener(folded);
  } catch (err) {
    // The engine never throws on bad data; this is a bug, and it must not take Flex down.
    console.error(`${LOG_PREFIX} store update failed:`, err);
    const error = err instanceof Error ? err.message : String(err);
    store.setState({ live, status: 'error', error, version: before.version + 1 });
  }
}

/**
 * Calls `listener` after each batch, once the state is set, with the events that changed
 * the live fold (the alerts evaluate only what they touched). Returns the unsubscribe.
 */
export function onBatch<C extends EngineConfig>(store: InsightsStore<C>, listener: (events: readonly TrEvent[]) => void): () => void {
  const list = runtimeOf(store).batchListeners;
  list.push(listener);
  return () => {
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  };
}

/**
 * Scope `self`: what the history function said of the team average (or why it could not).
 * A failure keeps the last good answer, so the figures stay with their "as of" time.
 */
export function setTeamAverage<C extends EngineConfig>(
  store: InsightsStore<C>,
  next: { readonly value: TeamAverage; readonly range: DayRange } | { readonly status: 'needsHistory' | 'loading' } | { readonly problem: string },
): void {
  const before = store.getState();
  if (before.access.scope !== 'self') return;
  const kept = before.teamAverage;
  const teamAverage: TeamAverageState =
    'value' in next
      ? { status: 'ready', value: next.value, range: next.range }
      : 'problem' in next
        ? { status: 'failed', value: kept?.value, range: kept?.range, problem: next.problem }
        : { status: next.status, value: kept?.value, range: kept?.range };
  store.setState({ teamAverage, version: before.version + 1 });
}

/** What `reconfigure` did. */
export interface Reconfigured {
  /** The live engine was folded again from its events under the new config (`keepEvents`). */
  readonly resliced: boolean;
  /** Why the config was refused (nothing changed then). */
  readonly problems: readonly string[];
}

/**
 * Puts a new config in force in this session: with `keepEvents`, a new live engine folds
 * every event the old one folded, under the new config (support types re-mapped,
 * platforms, time zone, service level), so every live figure is what the engine gives
 * for those events under that config; thresholds and rules read from `config` apply at
 * once either way. Without `keepEvents` the engine keeps its slices until the next start.
 * Frozen days stay as they were folded (`history.days`). An unusable config changes nothing.
 */
export function reconfigure<C extends EngineConfig>(store: InsightsStore<C>, config: C): Reconfigured {
  const problems = configProblems(config);
  if (problems.length > 0) return { resliced: false, problems };
  const rt = runtimeOf(store);
  applyQueued(store);
  const before = store.getState();
  if (!rt.log || !rt.ingesting) {
    store.setState({ config, version: before.version + 1 });
    return { resliced: false, problems: [] };
  }
  let live = createEngineState(config, { groupings: LIVE_GROUPINGS });
  for (const e of rt.log) live = applyEvent(live, e);
  live.engine.flush();
  store.setState({ config, live, version: before.version + 1, now: rt.clock() });
  return { resliced: true, problems: [] };
}

/** The events the live engine folded, in folding order: a `keepEvents` store's only (undefined otherwise). */
export function foldedEventsOf<C extends EngineConfig>(store: InsightsStore<C>): readonly TrEvent[] | undefined {
  return runtimeOf(store).log;
}

/** Reads the clock into `now` (a timer calls it: waits grow, the day rolls over). */
export function tick<C extends EngineConfig>(store: InsightsStore<C>): void {
  const now = runtimeOf(store).clock();
  if (now !== store.getState().now) store.setState({ now });
}

/** Sets the loading status: `ready` once the backfill is in, `error` with a message. */
export function setStatus<C extends EngineConfig>(store: InsightsStore<C>, status: StoreStatus, error?: string): void {
  const s = store.getState();
  const next = status === 'error' ? (error ?? s.error ?? 'unknown error') : undefined;
  if (s.status !== status || s.error !== next) store.setState({ status, error: next });
}

/** Events queued for the next batch and events held back by the scope (for diagnostics and tests). */
export function pendingOf<C extends EngineConfig>(store: InsightsStore<C>): { queued: number; held: number } {
  const rt = runtimeOf(store);
  return { queued: rt.queue.length, held: rt.filter.heldEvents() };
}
