/**
 * `npm run bench:export`: the lakehouse export against the report on the engine bench's
 * stream (300 agents × 21 days, ~1M events, simulated once into bench-data/ by `npm run
 * bench`'s rule), then every metric view of lakehouse/sql timed on DuckDB over the tables.
 *
 * The report and the export each run in their own Node process (so each one's peak RSS is
 * its own); the last line printed is one JSON object:
 * `{"events", "reportSec", "exportSec", "ratioToReport", "peakRssMb", "parquetMb", "slowestQueryMs"}`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { attachLakehouse } from '../../src/lakehouse/check';
import { openDuck } from '../../src/lakehouse/writer';
import { numberArg } from './args';

const root = resolve(__dirname, '../..');
const agents = numberArg('agents', 300);
const days = numberArg('days', 21);
const seed = numberArg('seed', 1);
const log = (s: string): void => void process.stderr.write(s + '\n');

function dataFile(): string {
  const dir = join(root, 'bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sim-${agents}x${days}-seed${seed}.ndjson`);
  if (!existsSync(file) || statSync(file).size === 0) {
    log(`simulating ${agents} agents × ${days} days into ${file} …`);
    const out = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/simulate.ts'), '--agents', String(agents), '--days', String(days), '--seed', String(seed), '--out', file], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (out.status !== 0) throw new Error(`simulate failed with status ${out.status}`);
  }
  return file;
}

/** Runs a CLI in its own process, with a preload that prints its wall time and peak RSS as it exits. */
function timed(script: string, args: readonly string[]): { sec: number; peakRssMb: number; stdout: string } {
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
process.on('exit', () => process.stderr.write('\\n__BENCH__' + JSON.stringify({ sec: Number(process.hrtime.bigint() - t) / 1e9, peakRssMb: peak() }) + '\\n'));
`,
  );
  const out = spawnSync(process.execPath, ['--max-old-space-size=4096', '--require', preload, '--import', 'tsx', script, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (out.status !== 0) throw new Error(`${script} failed (${out.status}): ${out.stderr.slice(-2000)}`);
  const m = /__BENCH__(.*)/.exec(out.stderr);
  if (!m) throw new Error(`${script}: no timing`);
  return { ...(JSON.parse(m[1]) as { sec: number; peakRssMb: number }), stdout: out.stdout };
}

function sizeOf(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? sizeOf(p) : e.name.endsWith('.parquet') ? statSync(p).size : 0;
  }
  return n;
}

async function main(): Promise<void> {
  const file = dataFile();
  const out = join(root, 'bench-data', 'lakehouse');
  rmSync(out, { recursive: true, force: true });

  const report = timed(join(root, 'src/cli/report.ts'), [file]);
  const events = (JSON.parse(report.stdout) as { input: { read: number } }).input.read;
  log(`report: ${report.sec.toFixed(2)} s, peak RSS ${report.peakRssMb.toFixed(0)} MB, ${events} events`);
  const exp = timed(join(root, 'src/cli/export.ts'), [file, '--out', out]);
  const summary = JSON.parse(exp.stdout) as { rows: Record<string, number> };
  log(`export: ${exp.sec.toFixed(2)} s, peak RSS ${exp.peakRssMb.toFixed(0)} MB, rows ${JSON.stringify(summary.rows)}`);
  const parquetMb = sizeOf(out) / 1024 / 1024;

  const { instance, connection } = await openDuck();
  let slowestQueryMs = 0;
  try {
    await attachLakehouse(connection, out);
    const views = (await connection.runAndReadAll(`SELECT view_name FROM duckdb_views() WHERE NOT internal AND (view_name LIKE 'metrics_%' OR view_name LIKE 'agent_%')`))
      .getRowObjectsJson()
      .map((r) => String(r.view_name))
      .sort();
    for (const v of views) {
      const t = process.hrtime.bigint();
      const rows = (await connection.runAndReadAll(`SELECT * FROM ${v}`)).currentRowCount;
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      log(`  ${v}: ${ms.toFixed(0)} ms, ${rows} rows`);
      slowestQueryMs = Math.max(slowestQueryMs, ms);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const round = (x: number, p: number): number => Math.round(x * 10 ** p) / 10 ** p;
  console.log(
    JSON.stringify({
      events,
      reportSec: round(report.sec, 2),
      exportSec: round(exp.sec, 2),
      ratioToReport: round(exp.sec / report.sec, 2),
      peakRssMb: Math.round(Math.max(report.peakRssMb, exp.peakRssMb)),
      parquetMb: round(parquetMb, 1),
      slowestQueryMs: Math.round(slowestQueryMs),
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
