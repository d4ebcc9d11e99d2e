/**
 * A reload from the browser cache in real Chromium: 30 frozen days of a 300-agent centre
 * read from IndexedDB, checked, and put into a store.
 *
 *   npm run bench:history-reload [-- --agents 300 --days 30 --seed 1]
 *
 * One simulated day is folded in Node (`HistoryFolder`), packed, and copied into `--days`
 * days inside the page (the copies differ only in their day keys, so the sizes are a real
 * day's). The page is then reloaded and the timed part is what a session does on open.
 * The last line is `{"days", "conversations", "packedDayKb", "reloadMs" (worst of 3), "reloadRunsMs", "readMs", "unpackMs"}`.
 */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { serialize } from 'node:v8';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { DEFAULT_CONFIG, EventReader, HistoryFolder, accessOf, type TrEvent } from '../../src/core';
import { packDay } from '../../src/sources/backfill';
import { simulate, toEventStreams } from '../../src/sources/simulator';
import { assertChromium, launchBrowser } from '../e2e/browser';
import { numberArg } from './args';

const agents = numberArg('agents', 300);
const dayCount = numberArg('days', 30);
const seed = numberArg('seed', 1);
const log = (s: string): void => void process.stderr.write(s + '\n');

async function main(): Promise<void> {
  // Before the fold and the bundle, which take a while: without a browser they are wasted.
  assertChromium();
  // Day two of a simulation: a full day with the evening before in its padding.
  const reader = new EventReader();
  const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access: accessOf({ roles: ['supervisor'] }), range: { from: '2026-11-17', to: '2026-11-17' } });
  const page: TrEvent[] = [];
  for (const ev of simulate({ agents, days: 3, seed })) {
    const read = reader.read(toEventStreams(ev));
    if (read.kind === 'event') page.push(read.event);
    if (page.length === 5000) folder.add(page.splice(0));
  }
  folder.add(page);
  const [day] = folder.finish();
  const packed = packDay(day);
  const packedDayKb = Math.round(serialize(packed).length / 1024);
  log(`one day: ${day.conversations.length} conversations, ${packedDayKb} KB packed`);
  // Float64Array does not survive JSON: send plain arrays, the page makes them typed again.
  const wire = { ...packed, cells: Object.fromEntries(Object.entries(packed.cells).map(([k, [s, p, v]]) => [k, [s, p, Array.from(v)]])) };

  const bundle = await build({
    entryPoints: [resolve(__dirname, 'historyReload.page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>history reload</title><script src="/bench.js"></script>');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}/`;

  let browser: BrowserContext | undefined;
  try {
    browser = await launchBrowser();
    const tab = await browser.newPage();
    await tab.goto(url);
    const written = await tab.evaluate(
      ([p, n]) => (window as unknown as { historyBench: { seed: (p: unknown, n: number) => Promise<number> } }).historyBench.seed(p, n),
      [wire, dayCount] as const,
    );
    log(`wrote ${written} days`);
    const runs: number[] = [];
    let last: { ms: number; openMs: number; loadMs: number; storeMs: number; days: number; conversations: number; problems: readonly string[] } | undefined;
    for (let i = 0; i < 3; i++) {
      await tab.reload();
      last = await tab.evaluate(() =>
        (window as unknown as { historyBench: { reload: () => Promise<{ ms: number; openMs: number; loadMs: number; storeMs: number; days: number; conversations: number; problems: string[] }> } }).historyBench.reload(),
      );
      if (last.days !== dayCount || last.problems.length > 0) throw new Error(`reload read ${last.days} days: ${last.problems.join('; ')}`);
      runs.push(Math.round(last.ms));
      log(`reload ${Math.round(last.ms)} ms: open ${Math.round(last.openMs)}, read and check ${Math.round(last.loadMs)}, store ${Math.round(last.storeMs)}`);
    }
    await tab.reload();
    const parts = await tab.evaluate(() =>
      (window as unknown as { historyBench: { breakdown: () => Promise<{ readMs: number; unpackMs: number }> } }).historyBench.breakdown(),
    );
    console.log(
      JSON.stringify({
        days: last?.days,
        conversations: last?.conversations,
        packedDayKb,
        reloadMs: Math.max(...runs),
        reloadRunsMs: runs,
        readMs: Math.round(parts.readMs),
        unpackMs: Math.round(parts.unpackMs),
      }),
    );
  } finally {
    await browser?.close();
    server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
