/**
 * What the backfill tests share: a simulated multi-day stream read as canonical events,
 * pages of it in several orders with the span each page covers, and a store holding
 * frozen days.
 */
import { EventReader, accessOf, type DaySnapshot, type EngineConfig, type TrEvent, type User } from '../../../src/core';
import { simulate, toEventStreams, type SimOptions } from '../../../src/sources/simulator';
import { createInsightsStore, type InsightsStore } from '../../../src/store';
import { seededRandom } from '../../fixtures/random';

/** The simulator's default start: Monday 2026-11-16T00:00Z. */
export const FIRST_DAY = '2026-11-16';

/** Simulated events as canonical `TrEvent`s, in time order. */
export function simulatedEvents(options: SimOptions): TrEvent[] {
  const reader = new EventReader();
  const out: TrEvent[] = [];
  for (const ev of simulate(options)) {
    const read = reader.read(toEventStreams(ev));
    if (read.kind !== 'event') throw new Error(`simulated event not read: ${JSON.stringify(read)}`);
    out.push(Object.freeze(read.event));
  }
  return out;
}

/** A page of events and the span of time it completes: [from, to). */
export interface Page {
  readonly events: readonly TrEvent[];
  readonly from: number;
  readonly to: number;
}

/**
 * The stream cut into pages of `size` events in time order; page i covers from its first
 * event to the next page's first event (the first from -Infinity, the last to Infinity),
 * so together they cover every instant once.
 */
export function pagesOf(events: readonly TrEvent[], size: number): Page[] {
  const pages: Page[] = [];
  for (let i = 0; i < events.length; i += size) {
    const chunk = events.slice(i, i + size);
    const next = events[i + size];
    pages.push({ events: chunk, from: i === 0 ? -Infinity : chunk[0].ts, to: next === undefined ? Infinity : next.ts });
  }
  return pages;
}

/** A deterministic shuffle (xorshift), for page orders and event orders inside a page. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A store for this user whose history holds these frozen days (and no live events). */
export function storeWithDays(user: User, config: EngineConfig, days: readonly DaySnapshot[]): InsightsStore {
  const store = createInsightsStore({ access: accessOf(user), config, schedule: () => undefined, workerSid: user.workerSid });
  store.setState({ history: { days: new Map(days.map((d) => [d.day, d])) } });
  return store;
}
