/**
 * The live Queues tab: a tile per queue, grouped under its support type (config order):
 * contacts waiting now and the longest wait (at `now`), engagements in progress, and
 * today's service level, abandoned and ASA from the `queue` day cells. Each figure that
 * has a threshold gets a status; the tile's status is its worst.
 *
 * Which queues: every queue known today, from today's cells, the contacts waiting or the
 * engagements in progress. A queue with nothing today and nobody in it is not known to
 * the session (TaskRouter queues are not in the live indexes), so it is not shown.
 *
 * Agents available are counted once for the whole view, not per queue: TaskRouter puts a
 * worker in a queue through the queue's target expression, which the live indexes do not
 * carry, so a per-queue figure would be a guess (docs/model.md).
 */
import {
  agentCountsOf,
  byUrgency,
  emptyAccumulator,
  metricSet,
  oneDay,
  supportTypeOf,
  thresholdsFor,
  thresholdsOf,
  type AgentCounts,
  type MetricSet,
  type Threshold,
  type Thresholds,
} from '../../core';
import { cellsBetween, memo, selectWaitingNow, type InsightsState } from '../../store';

export const TILE_STATUSES = ['green', 'amber', 'red'] as const;
export type TileStatus = (typeof TILE_STATUSES)[number];

/**
 * The status of a figure. Higher is worse (waits): amber from `amber` on, red from `red`
 * on. Lower is worse (service level): amber below `amber`, red below `red`, so meeting
 * the target exactly is green. No value (a service level of nothing): no status.
 */
export function statusOf(value: number | null, t: Threshold, lowerIsWorse = false): TileStatus | undefined {
  if (value === null || !Number.isFinite(value)) return undefined;
  if (lowerIsWorse) return value < t.red ? 'red' : value < t.amber ? 'amber' : 'green';
  return value >= t.red ? 'red' : value >= t.amber ? 'amber' : 'green';
}

const RANK: Readonly<Record<TileStatus, number>> = { green: 0, amber: 1, red: 2 };

/** The worst of some statuses (green when none has one). */
export function worstOf(statuses: readonly (TileStatus | undefined)[]): TileStatus {
  let worst: TileStatus = 'green';
  for (const s of statuses) if (s !== undefined && RANK[s] > RANK[worst]) worst = s;
  return worst;
}

export interface QueueTile {
  readonly queue: string;
  readonly supportType: string;
  readonly waiting: number;
  readonly longestWaitSec: number;
  /** Engagements in progress in this queue (accepted, not completed; wrap-up included). */
  readonly active: number;
  /** Today's metrics of the queue (service level, abandoned, ASA…). */
  readonly today: MetricSet;
  readonly statuses: {
    readonly waiting: TileStatus;
    readonly longestWait: TileStatus;
    readonly serviceLevel?: TileStatus;
  };
  readonly status: TileStatus;
}

export interface QueueGroup {
  readonly supportType: string;
  readonly tiles: readonly QueueTile[];
  readonly waiting: number;
  readonly active: number;
  readonly status: TileStatus;
}

export interface QueuesView {
  readonly groups: readonly QueueGroup[];
  readonly waiting: number;
  readonly longestWaitSec: number;
  readonly active: number;
  /** Agents the session may see who are available now (`isAvailable`, core's `agentStates.ts`). */
  readonly available: number;
  /** Agents the session may see who are logged in (`isLoggedIn`). */
  readonly loggedIn: number;
  /** The shared agent counts (`agentCountsOf`): available, on a contact, logged in, agents. */
  readonly counts: AgentCounts;
  readonly thresholds: Thresholds;
}

const activeByQueue = memo<ReadonlyMap<string, number>>();

/** Engagements in progress per queue: changes with the data only. */
function selectActiveByQueue(state: InsightsState): ReadonlyMap<string, number> {
  return activeByQueue(state, '', () => {
    const out = new Map<string, number>();
    for (const a of state.live.engine.activeNow()) out.set(a.queue, (out.get(a.queue) ?? 0) + 1);
    return out;
  });
}

const todayByQueue = memo<ReadonlyMap<string, MetricSet>>();

/** Today's metric set per queue (frozen history or live cells). */
function selectQueuesToday(state: InsightsState): ReadonlyMap<string, MetricSet> {
  const today = state.live.engine.calendar.dayKey(state.now);
  return todayByQueue(state, today, () => {
    const out = new Map<string, MetricSet>();
    for (const [queue, byDay] of cellsBetween(state, 'queue', 'day', oneDay(today))) {
      const acc = byDay.get(today);
      if (acc) out.set(queue, metricSet(acc));
    }
    return out;
  });
}

const view = memo<QueuesView>();
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Every tile, grouped and ordered: support types most urgent first, as the Now tab orders
 * them (`byUrgency`: the config's `urgency`, then config order, then others by name);
 * queues by name.
 */
export function selectQueuesView(state: InsightsState): QueuesView {
  return view(state, String(state.now), () => {
    const config = state.live.engine.config;
    const thresholds = thresholdsOf(state.config);
    const waitingNow = selectWaitingNow(state);
    const active = selectActiveByQueue(state);
    const today = selectQueuesToday(state);
    const queues = new Set<string>([...today.keys(), ...Object.keys(waitingNow.byQueue), ...active.keys()]);
    const empty = metricSet(emptyAccumulator());
    const groups = new Map<string, QueueTile[]>();
    for (const queue of queues) {
      const w = waitingNow.byQueue[queue] ?? { waiting: 0, longestWaitSec: 0 };
      const metrics = today.get(queue) ?? empty;
      const supportType = supportTypeOf(config, queue);
      // A support type's own thresholds where it has them (an imminent wait is red sooner).
      const own = thresholdsFor(thresholds, supportType);
      const statuses = {
        waiting: statusOf(w.waiting, own.waitingNow) as TileStatus,
        longestWait: statusOf(w.longestWaitSec, own.longestWaitSec) as TileStatus,
        serviceLevel: statusOf(metrics.serviceLevel, own.serviceLevel, true),
      };
      const tile: QueueTile = {
        queue,
        supportType,
        waiting: w.waiting,
        longestWaitSec: w.longestWaitSec,
        active: active.get(queue) ?? 0,
        today: metrics,
        statuses,
        status: worstOf([statuses.waiting, statuses.longestWait, statuses.serviceLevel]),
      };
      const list = groups.get(supportType);
      if (list) list.push(tile);
      else groups.set(supportType, [tile]);
    }
    // The session's urgency (the engine's config carries the engine's part only).
    const order = byUrgency({ ...config, urgency: (state.config as { readonly urgency?: readonly string[] }).urgency }, groups.keys());
    const sorted = [...groups.entries()]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([supportType, tiles]) => {
        tiles.sort((x, y) => byName.compare(x.queue, y.queue));
        return {
          supportType,
          tiles,
          waiting: tiles.reduce((n, t) => n + t.waiting, 0),
          active: tiles.reduce((n, t) => n + t.active, 0),
          status: worstOf(tiles.map((t) => t.status)),
        };
      });
    // The current activity only: the agent rows (with every agent's numbers) cost tens of ms at 2,000 agents.
    const counts = agentCountsOf(state.live.engine, state.access);
    let activeTotal = 0;
    for (const n of active.values()) activeTotal += n;
    return {
      groups: sorted,
      waiting: waitingNow.waiting,
      longestWaitSec: waitingNow.longestWaitSec,
      active: activeTotal,
      available: counts.available,
      loggedIn: counts.loggedIn,
      counts,
      thresholds,
    };
  });
}
