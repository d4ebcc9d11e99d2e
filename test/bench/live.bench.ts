/**
 * `npm run bench:live`: in Chromium, the sandbox with 2,000 workers, 400 contacts waiting
 * and every fourth worker on a contact with its accepted reservation (`?bench=1`). It
 * times a live item update — one contact starts or stops waiting in the fake `tr-task`
 * index — until the "Waiting now" figure in the DOM shows it, through the same path as in
 * Flex (live query → source → store → React). Then the production bundle's size, and the
 * live items an agent's, a team leader's and an admin's session receive over the same
 * centre (`deliveredItems`, the source run headless in Node). Last line: one JSON object.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { accessOf, type User } from '../../src/core';
import { createBenchCentre } from '../../src/sandbox/bench/benchCentre';
import { LiveSource, liveScopeOf } from '../../src/sources/live';
import { openSandbox, screenshotPath } from '../e2e/browser';
import { numberArg } from './args';

const workers = numberArg('workers', 2000);
const tasks = numberArg('tasks', 400);
const updates = numberArg('updates', 200);

/** Items the fake client delivers to one session of this user over the bench centre (the source run headless in Node). */
async function deliveredTo(user: User): Promise<number> {
  const centre = createBenchCentre(workers, tasks, Date.now);
  const before = centre.client.stats.delivered;
  const source = new LiveSource({ client: centre.client, scope: liveScopeOf(accessOf(user), user.workerSid), onEvents: () => undefined });
  await source.start();
  await source.whenIdle();
  source.stop();
  return centre.client.stats.delivered - before;
}

async function main(): Promise<void> {
  // The bench centre's first worker: agent0, in "Team 0".
  const firstWorker = Object.keys((await createBenchCentre(1, 0, Date.now).client.liveQuery('tr-worker', '')).getItems())[0];
  const delivered = {
    agent: await deliveredTo({ roles: ['agent'], workerSid: firstWorker }),
    teamLeader: await deliveredTo({ roles: ['wfo.team_leader'], workerSid: firstWorker, team: 'Team 0' }),
    admin: await deliveredTo({ roles: ['admin'] }),
  };
  const { url, browser, close } = await openSandbox();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?bench=1&role=sdl&workers=${workers}&tasks=${tasks}`);
    // Every worker and every waiting contact is seen, through 200-item live queries.
    const shows = (selector: string, text: string) =>
      page.waitForFunction(([s, t]) => document.querySelector(s)?.parentElement?.textContent?.includes(t) === true, [selector, text] as const, {
        timeout: 60_000,
      });
    await page.getByRole('tab', { name: 'Agents & teams' }).click();
    await shows('[data-figure="agents"]', `${workers.toLocaleString('en-US')} agents`);
    await page.getByRole('tab', { name: 'Queues' }).click();
    await page.waitForFunction((t) => document.querySelector('[data-figure="queues"]')?.textContent === t, tasks.toLocaleString('en-US'), {
      timeout: 60_000,
    });
    await page.screenshot({ path: screenshotPath('bench-live') });
    const samples = await page.evaluate(async (n: number) => {
      type Bench = { change(kind: 'add' | 'remove'): void };
      const bench = (window as unknown as { sandboxBench: Bench }).sandboxBench;
      const el = document.querySelector('[data-figure="queues"]') as HTMLElement;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const before = el.textContent;
        const changed = new Promise<number>((done) => {
          const observer = new MutationObserver(() => {
            if (el.textContent !== before) {
              observer.disconnect();
              done(performance.now());
            }
          });
          observer.observe(el, { characterData: true, childList: true, subtree: true });
        });
        const t0 = performance.now();
        bench.change(i % 2 === 0 ? 'add' : 'remove');
        out.push((await changed) - t0);
        // A random pause, so updates land at every phase of the display frame.
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
      }
      return out;
    }, updates);
    samples.sort((a, b) => a - b);
    const q = (p: number): number => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))];
    const bundle = resolve(__dirname, '../../build/plugin-supervisor-insights.js');
    const bytes = statSync(bundle).size;
    const gzip = gzipSync(readFileSync(bundle)).length;
    process.stderr.write(`${samples.length} updates: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms\n`);
    console.log(
      JSON.stringify({
        workers,
        tasks,
        updateMedianMs: Math.round(q(0.5) * 10) / 10,
        updateP95Ms: Math.round(q(0.95) * 10) / 10,
        bundleKb: Math.round(bytes / 102.4) / 10,
        bundleGzipKb: Math.round(gzip / 102.4) / 10,
        deliveredItems: delivered,
      }),
    );
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:live failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
