/**
 * The page side of `historyReload.bench.ts`: the plugin's own cache and store code,
 * bundled for Chromium. `seed` writes days into IndexedDB; `reload` is what a session
 * does on open (open the cache, read and check every day, put them into a store).
 */
import { DEFAULT_CONFIG, accessOf, type DaySnapshot } from '../../src/core';
import { openDB } from 'idb';
import { historyDbName, openHistoryCache, unpackDay, type PackedDay } from '../../src/sources/backfill';
import { createInsightsStore } from '../../src/store';

const KEY = 'bench|all||';
const now = (): number => Date.parse('2026-12-16T12:00:00Z');

/** `count` copies of one packed day, relabelled to consecutive days ending 2026-12-15. */
async function seed(packed: PackedDay, count: number): Promise<number> {
  const template = unpackDay({ ...packed, cells: Object.fromEntries(Object.entries(packed.cells).map(([k, [s, p, v]]) => [k, [s, p, Float64Array.from(v as unknown as number[])]])) });
  const days: DaySnapshot[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.parse('2026-12-15T00:00:00Z') - i * 86_400_000).toISOString().slice(0, 10);
    const cells: Record<string, Record<string, Record<string, DaySnapshot['cells'][string][string][string]>>> = {};
    for (const [id, bySlice] of Object.entries(template.cells)) {
      cells[id] = {};
      for (const [slice, byPeriod] of Object.entries(bySlice)) {
        cells[id][slice] = {};
        for (const [period, acc] of Object.entries(byPeriod)) cells[id][slice][day + period.slice(10)] = acc;
      }
    }
    days.push({ ...template, day, cells });
  }
  const cache = await openHistoryCache(KEY, { now, retentionDays: 31 });
  await cache.putDays(days);
  cache.close();
  return days.length;
}

async function reload(): Promise<{ ms: number; openMs: number; loadMs: number; storeMs: number; days: number; conversations: number; problems: readonly string[] }> {
  const t0 = performance.now();
  const cache = await openHistoryCache(KEY, { now, retentionDays: 31 });
  const t1 = performance.now();
  const days = await cache.loadDays();
  const t2 = performance.now();
  const store = createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config: DEFAULT_CONFIG, schedule: () => undefined });
  store.setState({ history: { days: new Map(days.map((d) => [d.day, d])) } });
  const t3 = performance.now();
  cache.close();
  return {
    ms: t3 - t0,
    openMs: t1 - t0,
    loadMs: t2 - t1,
    storeMs: t3 - t2,
    days: days.length,
    conversations: days.reduce((n, d) => n + d.conversations.length, 0),
    problems: cache.problems,
  };
}

/** Where the time goes: the raw IndexedDB read, and the checks and rebuilding of the days. */
async function breakdown(): Promise<{ readMs: number; unpackMs: number }> {
  const t0 = performance.now();
  const db = await openDB(historyDbName(KEY));
  const values = (await db.getAll('days')) as PackedDay[];
  const t1 = performance.now();
  for (const v of values) unpackDay(v, v.day);
  const t2 = performance.now();
  db.close();
  return { readMs: t1 - t0, unpackMs: t2 - t1 };
}

Object.assign(window, { historyBench: { seed, reload, breakdown } });
