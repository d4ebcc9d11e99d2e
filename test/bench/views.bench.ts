/**
 * `npm run bench:views`: the Agents & teams tab with 2,000 agents, in Chromium. The sandbox
 * page `bench/bench-views.html` fills a store with a synthetic day of 2,000 agents (shifts,
 * breaks, about ten contacts each over the seven support types), then this script times,
 * in the page: a first render of the tab (the row model built from the store, React's
 * render and commit, style and layout), and a change of the name filter (typing into the
 * field until the table is laid out again). Median of 20 each, after warm-up runs.
 * Last line: `{"agents","firstRenderMs","filterMs"}`.
 */
import { openSandbox, screenshotPath } from '../e2e/browser';
import { numberArg } from './args';

const agents = numberArg('agents', 2000);
const runs = numberArg('runs', 20);
const WARM_UP = 3;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const { url, browser, close } = await openSandbox();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
    await page.goto(`${url}bench/bench-views.html?agents=${agents}`);
    await page.waitForFunction(() => 'viewsBench' in window, undefined, { timeout: 300_000, polling: 500 });
    const result = await page.evaluate(
      async ({ runs, warmUp }) => {
        type Bench = {
          agents: number;
          events: number;
          mount(): { ms: number; rows: number };
          model(): number;
          filter(value: string): { ms: number; rows: number };
          unmount(): void;
        };
        const bench = (window as unknown as { viewsBench: Bench }).viewsBench;
        const first: number[] = [];
        let rows = 0;
        for (let i = 0; i < warmUp + runs; i++) {
          const m = bench.mount();
          rows = m.rows;
          if (i >= warmUp) first.push(m.ms);
          await new Promise((r) => setTimeout(r, 30));
        }
        const model: number[] = [];
        for (let i = 0; i < warmUp + runs; i++) {
          const ms = bench.model();
          if (i >= warmUp) model.push(ms);
          await new Promise((r) => setTimeout(r, 30));
        }
        // A person narrowing down a name, and clearing it: every change re-filters 2,000 rows.
        const values = ['a', 'an', 'ann', '', 'sam', 'sa', '', 'team', 'ri', ''];
        const filter: number[] = [];
        const shown: number[] = [];
        for (let i = 0; i < warmUp + runs; i++) {
          const f = bench.filter(values[i % values.length]);
          if (i >= warmUp) {
            filter.push(f.ms);
            shown.push(f.rows);
          }
          await new Promise((r) => setTimeout(r, 30));
        }
        return { agents: bench.agents, events: bench.events, first, model, filter, rows, shown };
      },
      { runs, warmUp: WARM_UP },
    );
    await page.screenshot({ path: screenshotPath('bench-views') });
    process.stderr.write(
      `${result.agents} agents, ${result.events} events; rows in the DOM: ${result.rows} (after filters: ${Math.min(...result.shown)}–${Math.max(...result.shown)})\n` +
        `first render ms: ${result.first.map((x) => x.toFixed(0)).join(' ')}\n` +
        `of which the row model, ms: ${result.model.map((x) => x.toFixed(0)).join(' ')} (median ${median(result.model).toFixed(1)})\n` +
        `filter change ms: ${result.filter.map((x) => x.toFixed(1)).join(' ')}\n`,
    );
    console.log(JSON.stringify({ agents: result.agents, firstRenderMs: round1(median(result.first)), filterMs: round1(median(result.filter)) }));
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:views failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
