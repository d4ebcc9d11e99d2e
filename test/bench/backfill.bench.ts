/**
 * `npm run bench:backfill [-- --agents 300 --days 30 --seed 1]`: a month of a large
 * centre (about a million events) through the history function's real handler, over
 * HTTP, from the fake TaskRouter Events API, into a store with the history folder and
 * the browser cache (fake-indexeddb in Node: the same `idb` code, an in-memory
 * IndexedDB).
 *
 * The function and the fake run in a child process (they hold every event of the month,
 * as TaskRouter would); this process is the browser: its JS heap is what is measured
 * (`peakHeapMb`: the highest `heapUsed` sampled every 10 ms, garbage not yet collected
 * included; the live heap after a full GC is printed too). fake-indexeddb is pure JS:
 * slower than a browser's IndexedDB, and its records sit in this heap, where a browser
 * keeps them outside the page's JS heap. `BENCH_SERVER_CPU_PROF=<dir>` profiles the
 * server process too.
 * Timed: today so far plus every earlier day of the month folded and frozen ("full
 * dashboards"), then a reload that reads the cache and fetches only the tail.
 * Last line: `{"events","fetchSec","eventsPerSec","peakHeapMb","reloadFromCacheSec"}`.
 */
import 'fake-indexeddb/auto';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { numberArg } from './args';

const AGENTS = numberArg('agents', 300);
const DAYS = numberArg('days', 30);
const SEED = numberArg('seed', 1);
const DAY_MS = 86_400_000;
/** Today is the last day of the run; "now" is 14:00 UTC on it. */
const TODAY_START = Date.parse('2026-11-30T00:00:00Z');
const NOW = TODAY_START + 14 * 3_600_000;
const RUN_START = TODAY_START - DAYS * DAY_MS;
const TOKEN = 'bench-token';

/** The child: simulate the month, serve it through the handler and the fake Events API. */
async function serve(): Promise<void> {
  const { DEFAULT_CONFIG } = await import('../../src/core');
  const { createHistoryHandler } = await import('../../serverless/src/historyHandler');
  const { createFakeEventsApi } = await import('../../src/sandbox/fakes/fakeEventsApi');
  const { fakeWorkspace } = await import('../../src/sandbox/server/historyServer');
  const { WORKSPACE, simulate, toEventsApi } = await import('../../src/sources/simulator');
  const started = performance.now();
  // Simulated once, before listening, and added in batches (no second list of the month).
  const api = createFakeEventsApi([], { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => NOW });
  let served = 0;
  let batch: Parameters<typeof createFakeEventsApi>[0][number][] = [];
  for (const ev of simulate({ agents: AGENTS, days: DAYS + 1, seed: SEED, start: RUN_START })) {
    if (ev.timeMs >= NOW) break;
    batch.push(toEventsApi(ev) as unknown as Parameters<typeof createFakeEventsApi>[0][number]);
    if (batch.length >= 50_000) {
      api.addEvents(batch);
      served += batch.length;
      batch = [];
    }
  }
  api.addEvents(batch);
  served += batch.length;
  const handler = createHistoryHandler({
    validateToken: async (token) => (token === TOKEN ? { valid: true, roles: ['supervisor'], identity: 'bench' } : { valid: false }),
    workspace: fakeWorkspace(api, WORKSPACE.workspaceSid),
    workspaceSid: WORKSPACE.workspaceSid,
    cursorSecret: 'bench-cursor-secret',
    now: () => NOW,
    config: DEFAULT_CONFIG,
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const answer = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')), { method: req.method, headers: req.headers });
        res.writeHead(answer.status, answer.headers);
        res.end(JSON.stringify(answer.body));
      })();
    });
  });
  // Exit cleanly when the bench is done (a CPU profile is written on exit).
  process.on('SIGINT', () => process.exit(0));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ port, events: served, setupSec: (performance.now() - started) / 1000 })}\n`);
}

/** Samples this process's JS heap; `peak` is the highest seen. */
function heapSampler(): { peak: () => number; stop: () => void } {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  return { peak: () => Math.max(peak, process.memoryUsage().heapUsed), stop: () => clearInterval(timer) };
}

async function main(): Promise<void> {
  // BENCH_SERVER_CPU_PROF=<dir>: a CPU profile of the server process too.
  const profile = process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-old-space-size=8192', '--import', 'tsx', __filename, '--serve', '--agents', String(AGENTS), '--days', String(DAYS), '--seed', String(SEED)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the history server exited (${code}) before listening`)));
  });
  const { port, events: served, setupSec } = JSON.parse(ready) as { port: number; events: number; setupSec: number };
  console.log(`history function over the fake Events API: ${served.toLocaleString('en-US')} events of ${DAYS} days × ${AGENTS} agents, simulated in ${setupSec.toFixed(1)} s`);

  const { DEFAULT_CONFIG, accessOf, metricSet, oneDay } = await import('../../src/core');
  const { Backfill, HistoryClient, openHistoryCache } = await import('../../src/sources/backfill');
  const { applyQueued, createInsightsStore, frozenDays, totalBetween } = await import('../../src/store');
  const { historySinkOf } = await import('../../src/flex/sinks');
  type FetchLike = import('../../src/sources/backfill').FetchLike;

  const access = accessOf({ roles: ['supervisor'] });
  let received = 0;
  // Node's fetch, counting the events that come back (as the browser's would).
  const counting: FetchLike = async (url, init) => {
    const response = await fetch(url, init);
    return {
      status: response.status,
      headers: response.headers,
      json: async () => {
        const body = (await response.json()) as { events?: unknown[] };
        received += body.events?.length ?? 0;
        return body;
      },
    };
  };
  const open = async (label: string) => {
    const cache = await openHistoryCache('bench', { now: () => NOW, retentionDays: 31 });
    const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => NOW, schedule: (cb) => void setImmediate(cb) });
    const client = new HistoryClient({ url: `http://127.0.0.1:${port}/insights-history`, token: () => TOKEN, fetch: counting });
    const backfill = new Backfill({ sink: historySinkOf(store), client, config: DEFAULT_CONFIG, access, cache, now: () => NOW, log: (m, e) => console.error(label, m, e) });
    return { cache, store, backfill };
  };
  const today = '2026-11-30';
  const month = { from: new Date(NOW - (DAYS - 1) * DAY_MS).toISOString().slice(0, 10), to: '2026-11-29' };

  global.gc?.();
  const heap = heapSampler();
  const started = performance.now();
  const first = await open('fetch');
  await first.backfill.today;
  await first.backfill.loadRange(month);
  applyQueued(first.store);
  const fetchSec = (performance.now() - started) / 1000;
  const fetched = received;
  const frozen = frozenDays(first.store).size;
  const progress = first.store.getState().history?.progress;
  if (progress?.error) throw new Error(`history failed: ${progress.error}`);
  const monthTotal = metricSet(totalBetween(first.store.getState(), { from: month.from, to: today }));
  // The sampled peak counts garbage not yet collected; what the session really holds is this.
  global.gc?.();
  const retained = process.memoryUsage();
  const retainedMb = retained.heapUsed / 1_048_576;
  console.log(
    `JS heap retained after loading (store, frozen days, fake-indexeddb's records), after a full GC: ${retainedMb.toFixed(0)} MB; ` +
      `sampled heapUsed peak so far (garbage included): ${(heap.peak() / 1_048_576).toFixed(0)} MB; array buffers: ${(retained.arrayBuffers / 1_048_576).toFixed(0)} MB`,
  );
  first.cache.close();
  console.log(`fetched ${fetched.toLocaleString('en-US')} events in ${fetchSec.toFixed(1)} s; ${frozen} days frozen; month: ${monthTotal.conversations.toLocaleString('en-US')} conversations, ${monthTotal.handled.toLocaleString('en-US')} handled`);

  // A reload: a new store over the same cache; only the tail of today is fetched.
  const reloadStart = performance.now();
  const before = received;
  const second = await open('reload');
  await second.backfill.today;
  await second.backfill.loadRange(month);
  applyQueued(second.store);
  const reloadFromCacheSec = (performance.now() - reloadStart) / 1000;
  const peakHeapMb = heap.peak() / 1_048_576;
  heap.stop();
  const again = metricSet(totalBetween(second.store.getState(), { from: month.from, to: today }));
  const same = JSON.stringify(again) === JSON.stringify(monthTotal) && JSON.stringify(metricSet(totalBetween(second.store.getState(), oneDay(today)))) === JSON.stringify(metricSet(totalBetween(first.store.getState(), oneDay(today))));
  console.log(`reload from the cache: ${reloadFromCacheSec.toFixed(2)} s, ${(received - before).toLocaleString('en-US')} events fetched again, ${frozenDays(second.store).size} days from the cache, figures ${same ? 'identical' : 'DIFFERENT'}`);
  second.cache.close();
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
  if (!same) throw new Error('the reload from the cache does not give the same figures');
  console.log(
    JSON.stringify({
      events: fetched,
      fetchSec: Number(fetchSec.toFixed(2)),
      eventsPerSec: Math.round(fetched / fetchSec),
      peakHeapMb: Math.round(peakHeapMb),
      reloadFromCacheSec: Number(reloadFromCacheSec.toFixed(2)),
    }),
  );
}

if (process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
