/**
 * `npm run --silent lakehouse:check -- DIR [FILE...]`
 *
 * Runs lakehouse/sql on DuckDB over DIR's Parquet files and compares every figure with
 * the report for the same events and window: the events of FILE... when given (what the
 * export read), else the `events` table itself. The window is the one the export runs
 * covered (from their manifests); the zone and config those of DIR. Prints the figures
 * compared per part of the report and every one that differs; exit 0 when all agree, 1 on
 * a difference, 2 for unusable arguments or a folder an export is swapping days into.
 *
 * Before reading, what export runs that died left half done is recovered (a swap rolled
 * back or completed); a live run mid-swap makes it refuse, since the folder is then a mix
 * of old and new days; so does a manifest changed while it read.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../core/engine';
import { EventReader } from '../core/readers';
import { agentMetricSet, emptyAccumulator, loggedStatusPct, round } from '../core/metrics';
import { buildReport, reportGroupings, type Report } from '../core/report';
import { LAKEHOUSE_TABLES } from '../core/tableRows';
import { compareWithReport, queryLakehouse, type Comparison } from '../lakehouse/check';
import { describeHolder } from '../lakehouse/leases';
import { readInfo, readManifest, recover, swapsInFlight } from '../lakehouse/writer';
import { ingestFile } from '../sources/files';
import { UsageError } from './report';

const USAGE = 'usage: lakehouse:check DIR [FILE...]';

export interface CheckResult extends Comparison {
  readonly window: { from: string; to: string };
  /** What was recovered first: runs that died mid-swap rolled back or completed. */
  readonly notes: readonly string[];
  readonly source: 'files' | 'events table';
  readonly report: Report;
}

export async function runCheck(argv: readonly string[]): Promise<CheckResult> {
  const [dirArg, ...files] = argv.filter((a) => a !== '--');
  if (dirArg === undefined || dirArg.startsWith('-')) throw new UsageError(USAGE);
  const dir = resolve(dirArg);
  const info = readInfo(dir);
  if (!info) throw new UsageError(`${dirArg} holds no lakehouse export (no _lakehouse.json)`);
  for (const f of files) if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`input file ${f} does not exist`);
  // A run that died mid-swap left days mixed: undone (or completed) before anything is read.
  const notes = recover(dir);
  refuseWhileSwapping(dir, dirArg);
  const manifestsBefore = manifestsText(dir);
  let from = Infinity;
  let to = -Infinity;
  for (const table of LAKEHOUSE_TABLES) {
    for (const entry of Object.values(readManifest(dir, table)?.days ?? {})) {
      from = Math.min(from, Date.parse(entry.window.from));
      to = Math.max(to, Date.parse(entry.window.to));
    }
  }
  if (!Number.isFinite(from)) throw new UsageError(`${dirArg} has no exported days`);

  const { views, events } = await queryLakehouse(dir, files.length === 0);
  refuseWhileSwapping(dir, dirArg);
  if (manifestsText(dir) !== manifestsBefore) throw new UsageError(`an export run changed ${dirArg} while it was read: run again`);
  // The report's window is inclusive to the millisecond: [from, to - 1] counts the same facts.
  const engine = new Engine(info.config, { window: { from, to: to - 1 }, groupings: reportGroupings(15) });
  if (events) {
    for (const e of events) engine.apply(e);
  } else {
    const reader = new EventReader();
    for (const f of files) await ingestFile(engine, reader, f, files.length > 1 ? f : '');
  }
  const report = wholeDayActivity(buildReport(engine, 15), engine, from, to);
  const comparison = compareWithReport(report, views);
  return {
    ...comparison,
    window: { from: new Date(from).toISOString(), to: new Date(to - 1).toISOString() },
    notes,
    source: events ? 'events table' : 'files',
    report,
  };
}

/** A live export run swapping days in leaves the folder a mix of old and new days until it finishes. */
function refuseWhileSwapping(dir: string, shown: string): void {
  const swapping = swapsInFlight(dir);
  if (swapping.length > 0) {
    throw new UsageError(`${swapping.map(describeHolder).join(', ')} is swapping days into ${shown}: run again when it has finished`);
  }
}

const manifestsText = (dir: string): string => JSON.stringify(LAKEHOUSE_TABLES.map((t) => readManifest(dir, t) ?? null));

/**
 * The report's activity over [from, to) instead of [from, to - 1]: the lakehouse's days
 * are whole, so an agent available at midnight has 86,400 s that day, not 86,399.999.
 * The metric figures are untouched.
 */
function wholeDayActivity(report: Report, engine: Engine, from: number, to: number): Report {
  const byAgent = { ...report.byAgent };
  for (const a of engine.agents()) {
    const sec = engine.activitySeconds(a.sid, from, to);
    if (Object.keys(sec).length === 0 && byAgent[a.sid] === undefined) continue;
    const activitySec: Record<string, number> = {};
    const sorted: Record<string, number> = {};
    for (const k of Object.keys(sec).sort()) {
      activitySec[k] = round(sec[k], 1);
      sorted[k] = sec[k];
    }
    const base = byAgent[a.sid] ?? { name: a.name ?? a.sid, team: a.team, ...agentMetricSet(emptyAccumulator()) };
    byAgent[a.sid] = { ...base, activitySec, loggedStatusPct: loggedStatusPct(sorted) };
  }
  return { ...report, byAgent };
}

if (require.main === module) {
  runCheck(process.argv.slice(2)).then(
    (r) => {
      for (const n of r.notes) process.stderr.write(`lakehouse:check: ${n}\n`);
      const parts = Object.entries(r.compared).map(([k, n]) => `${k} ${n}`).join(', ');
      process.stdout.write(`window ${r.window.from} to ${r.window.to}, report from the ${r.source}\n`);
      process.stdout.write(`compared ${r.total} figures (${parts})\n`);
      for (const d of r.differences) process.stdout.write(`DIFFERS ${d.figure}: report ${JSON.stringify(d.report)}, sql ${JSON.stringify(d.sql)}\n`);
      process.stdout.write(r.differences.length === 0 ? 'all figures agree\n' : `${r.differences.length} figures differ\n`);
      process.stdout.write(JSON.stringify({ compared: r.total, differ: r.differences.length }) + '\n');
      process.exitCode = r.differences.length === 0 ? 0 : 1;
    },
    (err: unknown) => {
      const usage = err instanceof UsageError;
      process.stderr.write(`lakehouse:check: ${(usage ? err.message : `failed: ${(err as Error).message ?? String(err)}`).split('\n')[0]}\n`);
      process.exitCode = 2;
    },
  );
}
