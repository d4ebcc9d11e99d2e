/**
 * History: fold a simulated month into frozen days, cache them, and reload them.
 *
 *   npm run bench:history [-- --agents 300 --days 30 --seed 1]
 *
 * (a) The folder takes the month in pages of 1,000 events, in time order as generated
 *     (the tests show newest first keeps the same two open days), with the span each page
 *     completes; the live heap (after a forced collection, every 25 pages) and the open
 *     day engines are sampled throughout. The frozen days are kept, as the store keeps them.
 * (b) The days go into the IndexedDB cache (fake-indexeddb in Node: slower than a
 *     browser's, so the figure is an upper bound), then a reload: open the cache, read
 *     every day, check them, and put them into a store.
 *
 * The last line is one JSON object:
 * `{"events", "days", "foldSec" (simulating and reading included), "folderSec" (in the folder only), "peakLiveHeapMb", "peakHeapUsedMb", "frozenDaysMb", "maxOpenDays", "packedDayKb", "reloadSec", "unpackSec", "conversations"}`.
 */
import 'fake-indexeddb/auto';
import { serialize } from 'node:v8';
import { DEFAULT_CONFIG, EventReader, HistoryFolder, accessOf, daysOf, type DaySnapshot, type TrEvent } from '../../src/core';
import { openHistoryCache, packDay, unpackDay } from '../../src/sources/backfill';
import { simulate, toEventStreams } from '../../src/sources/simulator';
import { createInsightsStore } from '../../src/store';
import { numberArg, gc, seconds } from './args';

const agents = numberArg('agents', 300);
const dayCount = numberArg('days', 30);
const seed = numberArg('seed', 1);
const PAGE = 1000;

const log = (s: string): void => void process.stderr.write(s + '\n');
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

async function main(): Promise<void> {
  const first = '2026-11-16';
  const last = daysOf({ from: first, to: '2027-12-31' })[dayCount - 1];
  const access = accessOf({ roles: ['supervisor'] });
  const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access, range: { from: first, to: last } });
  const frozen = new Map<string, DaySnapshot>();
  const reader = new EventReader();
  let events = 0;
  let pages = 0;
  let peakLive = 0;
  let peakUsed = 0;
  let maxOpen = 0;

  let inFolder = 0n;
  const feed = (page: TrEvent[], from: number, to: number): void => {
    const t = process.hrtime.bigint();
    folder.add(page);
    maxOpen = Math.max(maxOpen, folder.openDays());
    for (const d of folder.covered(from, to)) frozen.set(d.day, d);
    inFolder += process.hrtime.bigint() - t;
    peakUsed = Math.max(peakUsed, process.memoryUsage().heapUsed);
    if (++pages % 25 === 0) {
      gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
  };

  gc();
  const baseline = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  let page: TrEvent[] = [];
  let pageFrom = -Infinity;
  for (const ev of simulate({ agents, days: dayCount, seed })) {
    const read = reader.read(toEventStreams(ev));
    if (read.kind !== 'event') continue;
    events++;
    if (page.length === PAGE) {
      // This page holds everything from its first event up to the next page's first one.
      feed(page, pageFrom, read.event.ts);
      page = [];
      pageFrom = read.event.ts;
    }
    page.push(read.event);
  }
  feed(page, pageFrom, Infinity);
  const t = process.hrtime.bigint();
  for (const d of folder.finish()) frozen.set(d.day, d);
  inFolder += process.hrtime.bigint() - t;
  const foldSec = seconds(t0);
  const folderSec = Number(inFolder) / 1e9;
  gc();
  const keptMb = mb(process.memoryUsage().heapUsed - baseline);
  log(`folded ${events} events into ${frozen.size} days in ${foldSec.toFixed(1)} s; frozen days held: ${keptMb} MB`);

  const days = [...frozen.values()];
  const packedBytes = days.reduce((n, d) => n + serialize(packDay(d)).length, 0);
  const cache = await openHistoryCache('bench', { now: () => Date.parse(`${last}T12:00:00Z`), retentionDays: 31 });
  await cache.putDays(days);
  cache.close();

  const t1 = process.hrtime.bigint();
  const reopened = await openHistoryCache('bench', { now: () => Date.parse(`${last}T12:00:00Z`), retentionDays: 31 });
  const loaded = await reopened.loadDays();
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, schedule: () => undefined });
  store.setState({ history: { days: new Map(loaded.map((d) => [d.day, d])) } });
  const reloadSec = seconds(t1);
  reopened.close();

  const packed = days.map((d) => structuredClone(packDay(d)));
  // The best of three: on a shared machine one run measures the neighbours as much as the code.
  let unpackSec = Infinity;
  for (let run = 0; run < 3; run++) {
    const t2 = process.hrtime.bigint();
    for (const p of packed) unpackDay(p, p.day);
    unpackSec = Math.min(unpackSec, seconds(t2));
  }

  const result = {
    events,
    days: frozen.size,
    foldSec: Math.round(foldSec * 10) / 10,
    folderSec: Math.round(folderSec * 10) / 10,
    peakLiveHeapMb: mb(peakLive),
    peakHeapUsedMb: mb(peakUsed),
    frozenDaysMb: keptMb,
    maxOpenDays: maxOpen,
    packedDayKb: Math.round(packedBytes / days.length / 1024),
    reloadSec: Math.round(reloadSec * 1000) / 1000,
    unpackSec: Math.round(unpackSec * 1000) / 1000,
    conversations: days.reduce((n, d) => n + d.conversations.length, 0),
  };
  if (loaded.length !== days.length) throw new Error(`reload read ${loaded.length} of ${days.length} days`);
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
