/**
 * Builders for live-query items and a harness that wires the fake insights client, a
 * LiveSource and (optionally) an Engine. Times are seconds after a base instant.
 */
import { DEFAULT_CONFIG, Engine, type EngineOptions, type TrEvent } from '../../src/core';
import { FakeInsightsClient, type FakeLiveQuery } from '../../src/sandbox/fakes/fakeInsightsClient';
import {
  LiveSource,
  type InsightsClientLike,
  type LiveQueryLike,
  type LiveSourceOptions,
  type ReservationItem,
  type TaskItem,
  type Vanished,
  type WorkerItem,
} from '../../src/sources/live';
import { SimulatorToSync, workersAtStart } from '../../src/sandbox/fakes/simulatorToSync';
import type { LiveScope } from '../../src/sources/live';
import type { SimEvent } from '../../src/sources/simulator';
import { stableSid } from '../../src/sources/simulator/prng';

export const BASE = Date.parse('2026-11-20T10:00:00.000Z');
export const at = (sec: number): number => BASE + sec * 1000;
export const isoAt = (sec: number): string => new Date(at(sec)).toISOString();

/** Sids spread evenly over the hex digits, as TaskRouter's are. */
export const workerSid = (i: number): string => stableSid('WK', `worker:${i}`);
export const taskSid = (i: number): string => stableSid('WT', `task:${i}`);
export const reservationSid = (i: number): string => stableSid('WR', `reservation:${i}`);

export function aWorkerItem(i: number, overrides: Partial<WorkerItem> = {}): WorkerItem {
  return {
    worker_sid: workerSid(i),
    friendly_name: `agent${i}`,
    activity_name: 'Available',
    date_activity_changed: isoAt(0),
    date_updated: isoAt(0),
    attributes: { full_name: `Agent ${i}`, team: `Team ${i % 3}` },
    ...overrides,
  };
}

export function aTaskItem(i: number, overrides: Partial<TaskItem> = {}): TaskItem {
  return {
    task_sid: taskSid(i),
    status: 'pending',
    queue_name: 'CISS Support',
    channel_type: 'voice',
    channel_unique_name: 'voice',
    attributes: { call_sid: `CA${i}`, from: '+15550000000' },
    date_created: isoAt(10),
    date_updated: isoAt(10),
    ...overrides,
  };
}

export function aReservationItem(i: number, overrides: Partial<ReservationItem> = {}): ReservationItem {
  return {
    reservation_sid: reservationSid(i),
    task_sid: taskSid(i),
    worker_sid: workerSid(i),
    worker_name: `agent${i}`,
    status: 'pending',
    queue_name: 'CISS Support',
    task_channel_unique_name: 'voice',
    date_created: isoAt(20),
    date_updated: isoAt(20),
    ...overrides,
  };
}

export interface Harness {
  readonly client: FakeInsightsClient;
  readonly source: LiveSource;
  readonly events: TrEvent[];
  readonly vanished: Vanished[];
  readonly errors: { error: unknown; context: string }[];
  readonly engine: Engine;
  /** Every query the source ever opened, closed or not. */
  readonly queries: FakeLiveQuery[];
  clock: number;
}

export interface HarnessOptions extends Partial<Omit<LiveSourceOptions, 'client' | 'onEvents'>> {
  readonly maxItems?: number;
  readonly engine?: EngineOptions;
  readonly client?: FakeInsightsClient;
  /**
   * What the source is handed for an item instead of the fake's value (in snapshots and
   * updates alike): items no query language could match (a string, an object that throws
   * when read) reach the source this way, while the fake still matches the stored item.
   */
  readonly deliver?: (index: string, key: string, value: unknown) => unknown;
}

/** A fake client, a source on it, and an engine fed by the source. Not started. */
export function harness(options: HarnessOptions = {}): Harness {
  const client = options.client ?? new FakeInsightsClient({ maxItems: options.maxItems });
  const queries: FakeLiveQuery[] = [];
  const deliver = options.deliver;
  const spying: InsightsClientLike = {
    liveQuery: async (index, expression) => {
      const q = await client.liveQuery(index, expression);
      queries.push(q);
      if (!deliver) return q;
      const query: LiveQueryLike = {
        getItems: () => Object.fromEntries(Object.entries(q.getItems()).map(([key, value]) => [key, deliver(index, key, value)])),
        on: ((event: 'itemUpdated' | 'itemRemoved', listener: (args: { key: string; value?: unknown }) => void) =>
          event === 'itemUpdated'
            ? q.on('itemUpdated', (args) => listener({ key: args.key, value: deliver(index, args.key, args.value) }))
            : q.on('itemRemoved', listener)) as LiveQueryLike['on'],
        close: () => q.close(),
      };
      return query;
    },
  };
  const engine = new Engine(DEFAULT_CONFIG, { sealEvery: 1, ...options.engine });
  const h: Harness = {
    client, engine, queries, events: [], vanished: [], errors: [], clock: at(1000),
    source: undefined as unknown as LiveSource,
  };
  (h as { source: LiveSource }).source = new LiveSource({
    ...options,
    client: spying,
    onEvents: (events) => {
      h.events.push(...events);
      for (const e of events) engine.apply(e);
    },
    onVanished: (v) => h.vanished.push(v),
    onError: (error, context) => h.errors.push({ error, context }),
    now: options.now ?? (() => h.clock),
  });
  return h;
}

/** Waits until the source has opened, split and closed all it meant to. */
export async function settle(source: LiveSource): Promise<void> {
  do {
    await source.whenIdle();
    await new Promise((resolve) => setImmediate(resolve));
  } while (source.busy);
}

/** Events of one type, or of several. */
export const ofType = (events: readonly TrEvent[], ...types: TrEvent['type'][]): TrEvent[] =>
  events.filter((e) => types.includes(e.type));

/**
 * Plays simulated events from `from` on into a fake client (its workers as they were at
 * `from`), with a source of this scope on it; the source's clock follows the events.
 * `onEvents` sees each batch as the source hands it on. Returns what came out; the
 * source is left running.
 */
export async function playLive(
  events: readonly SimEvent[],
  scope: LiveScope,
  options: { readonly from: number; readonly cap?: number; readonly onEvents?: (events: TrEvent[]) => void },
) {
  const cap = options.cap ?? 200;
  const client = new FakeInsightsClient({ maxItems: cap });
  const feed = new SimulatorToSync(client);
  feed.seedWorkers(workersAtStart(events, options.from));
  let clock = options.from;
  const handed: TrEvent[] = [];
  const errors: string[] = [];
  const source = new LiveSource({
    client, scope, shardCap: cap, now: () => clock,
    onEvents: (list) => {
      handed.push(...list);
      options.onEvents?.(list);
    },
    onError: (error, context) => errors.push(`${context}: ${String(error)}`),
  });
  await source.start();
  for (const ev of events) {
    if (ev.timeMs < options.from) continue;
    clock = ev.timeMs;
    feed.apply(ev);
    if (source.busy) await settle(source);
  }
  await settle(source);
  return { client, source, handed, errors };
}
