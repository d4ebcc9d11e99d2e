/**
 * The backfill with the browser cache (IndexedDB through fake-indexeddb): a reload
 * loads the frozen days and today's events from the cache and fetches only the tail;
 * a corrupted cache is dropped and everything is fetched again, with the same figures.
 */
import { historySinkOf } from '../../../src/flex/sinks';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { DEFAULT_CONFIG, accessOf, metricSet, oneDay } from '../../../src/core';
import { Backfill, HistoryClient, historyDbName, openHistoryCache, type HistoryCache } from '../../../src/sources/backfill';
import { applyQueued, createInsightsStore, frozenDays, totalBetween, type InsightsStore } from '../../../src/store';
import { TOKENS, historyWorld } from './backfillWorld';

const HOUR = 3_600_000;
const SIM = { agents: 24, days: 2, seed: 11, start: '2026-11-16T00:00:00Z' } as const;
const DAY1 = '2026-11-16';
const DAY2 = '2026-11-17';
const DAY2_START = Date.parse(`${DAY2}T00:00:00Z`);
const ACCESS = accessOf({ roles: ['supervisor'] });
const world = historyWorld(SIM, DAY2_START + 10 * HOUR);

async function session(now: number, cache?: HistoryCache): Promise<{ store: InsightsStore; backfill: Backfill; requests: typeof world.requests }> {
  world.clock = now;
  const first = world.requests.length;
  const store = createInsightsStore({ access: ACCESS, config: DEFAULT_CONFIG, schedule: () => undefined, now: () => now });
  const client = new HistoryClient({ url: 'x', token: () => TOKENS.supervisor, fetch: world.fetch });
  const backfill = new Backfill({ sink: historySinkOf(store), client, config: DEFAULT_CONFIG, access: ACCESS, cache, now: () => now, log: () => undefined });
  await backfill.today;
  applyQueued(store);
  return { store, backfill, requests: world.requests.slice(first) };
}

const today = (store: InsightsStore) => metricSet(totalBetween(store.getState(), oneDay(DAY2)));

describe('the cache', () => {
  const T1 = DAY2_START + 10 * HOUR;
  const T2 = T1 + 20 * 60_000;

  it('a reload fetches only what is newer than the cache, and no frozen day again', async () => {
    const cache1 = await openHistoryCache('scope-a', { now: () => T1 });
    const first = await session(T1, cache1);
    await first.backfill.loadRange({ from: DAY1, to: DAY1 });
    expect(frozenDays(first.store).has(DAY1)).toBe(true);
    cache1.close();

    const cache2 = await openHistoryCache('scope-a', { now: () => T2 });
    const second = await session(T2, cache2);
    // one request, from the last cached event less the reorder window
    expect(second.requests).toHaveLength(1);
    const from = Date.parse(second.requests[0].from);
    expect(from).toBeGreaterThanOrEqual(T1 - DEFAULT_CONFIG.reorderWindowMs - 60_000);
    expect(from).toBeLessThan(T1);
    // the frozen day came from the cache: asking for it fetches nothing
    expect(frozenDays(second.store).has(DAY1)).toBe(true);
    const before = world.requests.length;
    await second.backfill.loadRange({ from: DAY1, to: DAY1 });
    expect(world.requests.length).toBe(before);
    expect(metricSet(totalBetween(second.store.getState(), oneDay(DAY1)))).toEqual(metricSet(totalBetween(first.store.getState(), oneDay(DAY1))));
    // today's figures are those of a session that fetched everything
    const fresh = await session(T2);
    expect(fresh.requests.length).toBeGreaterThan(second.requests.length);
    expect(today(second.store)).toEqual(today(fresh.store));
    expect(today(second.store).handled).toBeGreaterThan(20);
    cache2.close();
  });

  it('a corrupted cache is dropped, everything is fetched again, and the figures are whole', async () => {
    const cache1 = await openHistoryCache('scope-b', { now: () => T1 });
    const first = await session(T1, cache1);
    await first.backfill.loadRange({ from: DAY1, to: DAY1 });
    cache1.close();
    // damage both stores behind the cache's back
    const db = await openDB(historyDbName('scope-b'));
    await db.put('days', { nonsense: true }, DAY1);
    await db.add('events', { day: DAY2, events: [{ sid: 42 }] });
    db.close();

    const cache2 = await openHistoryCache('scope-b', { now: () => T2, log: () => undefined });
    const second = await session(T2, cache2);
    expect(cache2.problems.join('\n')).toMatch(/corrupt/);
    // everything of today was fetched again, from the padding before midnight
    expect(Date.parse(second.requests[0].from)).toBe(DAY2_START - 6 * HOUR);
    expect(frozenDays(second.store).has(DAY1)).toBe(false);
    const fresh = await session(T2);
    expect(today(second.store)).toEqual(today(fresh.store));
    // and the day is fetched again when asked for
    await second.backfill.loadRange({ from: DAY1, to: DAY1 });
    expect(metricSet(totalBetween(second.store.getState(), oneDay(DAY1)))).toEqual(metricSet(totalBetween(first.store.getState(), oneDay(DAY1))));
    cache2.close();
  });
});
