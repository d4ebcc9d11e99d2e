/**
 * `npm run bench:export`: the lakehouse export against the report on the engine bench's
 * stream (300 agents × 21 days, ~1M events, simulated once into bench-data/ by `npm run
 * bench`'s rule); then the 9 days after it (another simulated stream of the same centre)
 * exported into the same folder, and every metric view of lakehouse/sql timed on DuckDB
 * over the 30 days.
 *
 * The report and the export each run in their own Node process (so each one's peak RSS is
 * its own). It prints whether each of the issue's targets is met (export ≤ 1.5 × the
 * report's seconds, peak RSS < 1.2 GB, every view < 1 s on the 30-day tables, a view's
 * time being the median of three runs; exit code 1 when one is missed), and last one JSON object:
 * `{"events", "reportSec", "exportSec", "ratioToReport", "peakRssMb", "parquetMb", "slowestQueryMs"}`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { attachLakehouse } from '../../src/lakehouse/check';
import { openDuck, readManifest } from '../../src/lakehouse/writer';
import { DEFAULT_START } from '../../src/sources/simulator/options';
import { numberArg } from './args';

const root = resolve(__dirname, '../..');
const agents = numberArg('agents', 300);
const days = numberArg('days', 21);
const seed = numberArg('seed', 1);
/** The views are timed on tables of this many days: the bench's days and the ones after them. */
const tableDays = numberArg('table-days', 30);
const log = (s: string): void => void process.stderr.write(s + '\n');

/** The issue's targets. */
const TARGETS = { ratioToReport: 1.5, peakRssMb: 1200, slowestQueryMs: 1000 } as const;
const DAY_MS = 86_400_000;

/** A simulated stream in bench-data/, made once. The first starts at the simulator's default start. */
function dataFile(streamDays: number, streamSeed: number, start?: string): string {
  const dir = join(root, 'bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sim-${agents}x${streamDays}-seed${streamSeed}${start === undefined ? '' : `-from${start.slice(0, 10)}`}.ndjson`);
  if (!existsSync(file) || statSync(file).size === 0) {
    log(`simulating ${agents} agents × ${streamDays} days into ${file} …`);
    const args = ['--agents', String(agents), '--days', String(streamDays), '--seed', String(streamSeed), '--out', file, ...(start === undefined ? [] : ['--start', start])];
    const out = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/simulate.ts'), ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (out.status !== 0) throw new Error(`simulate failed with status ${out.status}`);
  }
  return file;
}

/** Runs a CLI in its own process, with a preload that prints its wall time and peak RSS as it exits. */
function timed(script: string, args: readonly string[]): { sec: number; peakRssMb: number; cpuSec: number; stdout: string } {
  const preload = join(root, 'bench-data', 'bench-exit-probe.cjs');
  writeFileSync(
    preload,
    `const t = process.hrtime.bigint();
// Peak RSS of the whole process (V8 heap, DuckDB's native memory, worker threads): VmHWM where
// Linux has it, else what getrusage says.
const peak = () => {
  try {
    const m = /VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
};
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write('\\n__BENCH__' + JSON.stringify({ sec: Number(process.hrtime.bigint() - t) / 1e9, peakRssMb: peak(), cpuSec: (cpu.user + cpu.system) / 1e6 }) + '\\n');
});
`,
  );
  // --expose-gc as `npm run export` has it: the export collects garbage between its phases.
  const out = spawnSync(process.execPath, ['--max-old-space-size=4096', '--expose-gc', '--require', preload, '--import', 'tsx', script, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (out.status !== 0) throw new Error(`${script} failed (${out.status}): ${out.stderr.slice(-2000)}`);
  const m = /__BENCH__(.*)/.exec(out.stderr);
  if (!m) throw new Error(`${script}: no timing`);
  return { ...(JSON.parse(m[1]) as { sec: number; peakRssMb: number; cpuSec: number }), stdout: out.stdout };
}

function sizeOf(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? sizeOf(p) : e.name.endsWith('.parquet') ? statSync(p).size : 0;
  }
  return n;
}

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(', ');

async function main(): Promise<void> {
  log(`load average at the start: ${load()}`);
  const file = dataFile(days, seed);
  const extraDays = tableDays - days;
  const extra = extraDays > 0 ? dataFile(extraDays, seed + 1, new Date(Date.parse(DEFAULT_START) + days * DAY_MS).toISOString()) : undefined;
  const out = join(root, 'bench-data', 'lakehouse');
  rmSync(out, { recursive: true, force: true });

  const report = timed(join(root, 'src/cli/report.ts'), [file]);
  const events = (JSON.parse(report.stdout) as { input: { read: number } }).input.read;
  log(`report: ${report.sec.toFixed(2)} s (CPU ${report.cpuSec.toFixed(1)} s, all threads), peak RSS ${report.peakRssMb.toFixed(0)} MB, ${events} events`);
  const exp = timed(join(root, 'src/cli/export.ts'), [file, '--out', out]);
  const summary = JSON.parse(exp.stdout) as { rows: Record<string, number> };
  log(`export: ${exp.sec.toFixed(2)} s (CPU ${exp.cpuSec.toFixed(1)} s, all threads), peak RSS ${exp.peakRssMb.toFixed(0)} MB, rows ${JSON.stringify(summary.rows)}`);
  const parquetMb = sizeOf(out) / 1024 / 1024;
  if (extra !== undefined) {
    // The days after: into the same folder, as a daily pipeline adds them.
    const more = timed(join(root, 'src/cli/export.ts'), [extra, '--out', out]);
    log(`export of the ${extraDays} days after: ${more.sec.toFixed(2)} s, peak RSS ${more.peakRssMb.toFixed(0)} MB`);
  }
  const exportedDays = Object.keys(readManifest(out, 'events')?.days ?? {}).length;
  log(`views timed on ${exportedDays} days of tables`);

  const { instance, connection } = await openDuck();
  let slowestQueryMs = 0;
  try {
    await attachLakehouse(connection, out);
    const views = (await connection.runAndReadAll(`SELECT view_name FROM duckdb_views() WHERE NOT internal AND (view_name LIKE 'metrics_%' OR view_name LIKE 'agent_%')`))
      .getRowObjectsJson()
      .map((r) => String(r.view_name))
      .sort();
    for (const v of views) {
      // The median of three runs: one run on the shared machine swings by 2× with its load.
      const runs: number[] = [];
      let rows = 0;
      for (let i = 0; i < 3; i++) {
        const t = process.hrtime.bigint();
        rows = (await connection.runAndReadAll(`SELECT * FROM ${v}`)).currentRowCount;
        runs.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      const ms = [...runs].sort((a, b) => a - b)[1];
      log(`  ${v}: ${ms.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(', ')}), ${rows} rows`);
      slowestQueryMs = Math.max(slowestQueryMs, ms);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const round = (x: number, p: number): number => Math.round(x * 10 ** p) / 10 ** p;
  const result = {
    events,
    reportSec: round(report.sec, 2),
    exportSec: round(exp.sec, 2),
    ratioToReport: round(exp.sec / report.sec, 2),
    peakRssMb: Math.round(Math.max(report.peakRssMb, exp.peakRssMb)),
    parquetMb: round(parquetMb, 1),
    slowestQueryMs: Math.round(slowestQueryMs),
  };
  const targets = [
    [`export ${result.ratioToReport} × the report's seconds ≤ ${TARGETS.ratioToReport}`, result.ratioToReport <= TARGETS.ratioToReport],
    [`peak RSS ${result.peakRssMb} MB < ${TARGETS.peakRssMb} MB`, result.peakRssMb < TARGETS.peakRssMb],
    [`slowest view ${result.slowestQueryMs} ms < ${TARGETS.slowestQueryMs} ms on ${exportedDays}-day tables`, result.slowestQueryMs < TARGETS.slowestQueryMs && exportedDays >= tableDays],
  ] as const;
  log(`load average at the end: ${load()}`);
  for (const [what, met] of targets) console.log(`target ${met ? 'met' : 'MISSED'}: ${what}`);
  if (targets.some(([, met]) => !met)) process.exitCode = 1;
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
