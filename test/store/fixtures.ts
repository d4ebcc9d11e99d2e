/**
 * What the store tests share: a simulated day read as canonical events, the engine's own
 * report of it, a frame scheduler the test runs by hand, and stores made from roles.
 */
import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  accessOf,
  buildReport,
  reportGroupings,
  type EngineConfig,
  type Report,
  type TrEvent,
  type User,
} from '../../src/core';
import { simulate, toEventStreams, type SimEvent } from '../../src/sources/simulator';
import { applyQueued, createInsightsStore, ingest, type InsightsStore } from '../../src/store';
import { seededRandom } from '../fixtures/random';

/** The simulated day starts 2026-11-16T00:00Z and ends before midnight: one day key in UTC. */
export const DAY = '2026-11-16';
export const END_OF_DAY = Date.parse('2026-11-16T23:59:59.999Z');

export const simulated: readonly SimEvent[] = [...simulate({ agents: 40, days: 1, seed: 7 })];

const reader = new EventReader();
export const dayEvents: readonly TrEvent[] = simulated.map((ev) => {
  const out = reader.read(toEventStreams(ev));
  if (out.kind !== 'event') throw new Error(`simulated event not read: ${JSON.stringify(out)}`);
  return Object.freeze(out.event);
});

/** The engine's own report of these events (every grouping of the report). */
export function reportOf(events: readonly TrEvent[], config: EngineConfig = DEFAULT_CONFIG): Report {
  const engine = new Engine(config, { groupings: reportGroupings() });
  for (const e of events) engine.apply(e);
  return buildReport(engine);
}

/** A schedule the test drives: `run()` plays the frame callbacks queued so far. */
export function manualFrames(): { schedule: (callback: () => void) => void; run: () => void; readonly pending: number } {
  let callbacks: (() => void)[] = [];
  return {
    schedule: (callback) => void callbacks.push(callback),
    run() {
      const now = callbacks;
      callbacks = [];
      for (const c of now) c();
    },
    get pending() {
      return callbacks.length;
    },
  };
}

export interface StoreOptions {
  now?: number;
  config?: EngineConfig;
  /** The user's own worker sid passed to the store (for scopes other than `self`). */
  workerSid?: string;
}

/** A store for a user, with a fixed clock and frames run by hand. */
export function storeFor(user: User, options: StoreOptions = {}): InsightsStore & { frames: ReturnType<typeof manualFrames> } {
  const frames = manualFrames();
  const now = options.now ?? END_OF_DAY;
  const store = createInsightsStore({
    access: accessOf(user),
    config: options.config ?? DEFAULT_CONFIG,
    now: () => now,
    schedule: frames.schedule,
    workerSid: options.workerSid ?? user.workerSid,
  });
  return Object.assign(store, { frames });
}

/** A store that has folded these events in one batch. */
export function loadedStore(user: User, events: readonly TrEvent[], options: StoreOptions = {}): InsightsStore {
  const store = storeFor(user, options);
  ingest(store, events);
  applyQueued(store);
  return store;
}

/** A deterministic shuffle within windows of `windowMs` (what live delivery may do). */
export function shuffledWithin(events: readonly TrEvent[], windowMs: number, seed = 1): TrEvent[] {
  const random = seededRandom(seed);
  const out: TrEvent[] = [];
  let chunk: TrEvent[] = [];
  let chunkStart = -Infinity;
  const flushChunk = (): void => {
    for (let i = chunk.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [chunk[i], chunk[j]] = [chunk[j], chunk[i]];
    }
    out.push(...chunk);
    chunk = [];
  };
  for (const e of events) {
    if (e.ts - chunkStart > windowMs) {
      flushChunk();
      chunkStart = e.ts;
    }
    chunk.push(e);
  }
  flushChunk();
  return out;
}

/** Worker sids of the day, with their latest team and every team they had (from the simulator's attributes). */
export function agentsOfDay(): { sid: string; team: string; teams: string[]; name: string }[] {
  const seen = new Map<string, { sid: string; team: string; teams: string[]; name: string }>();
  for (const ev of simulated) {
    if (!ev.worker) continue;
    const attributes = JSON.parse(ev.worker.attributes) as { team: string; full_name: string };
    const teams = seen.get(ev.worker.sid)?.teams ?? [];
    if (!teams.includes(attributes.team)) teams.push(attributes.team);
    seen.set(ev.worker.sid, { sid: ev.worker.sid, team: attributes.team, teams, name: attributes.full_name });
  }
  return [...seen.values()].sort((a, b) => (a.sid < b.sid ? -1 : 1));
}
