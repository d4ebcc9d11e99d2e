/**
 * The Parquet writer (Node only, never bundled): DuckDB copies the spooled tables out as
 * `DIR/<table>/day=YYYY-MM-DD/part-<run id>.parquet` (zstd, Hive-partitioned by the local
 * day) into a staging folder; then each day the run covers is swapped in whole, and each
 * table's `_manifest.json` says which run wrote which day, with its row and event counts.
 *
 * Crash safety: nothing under DIR changes until every file is written. The swap writes a
 * journal first; a run that stops during the swap is rolled back by the next run or by
 * `lakehouse:check` (the old days go back), one that stopped after its commit marker is
 * rolled forward (manifests merged). Readers see at most a day missing for the instant
 * between two renames.
 *
 * Runs in parallel: each run claims its days (`leases.ts`) before it writes, recovers only
 * runs that are dead, and merges its days into the manifests under the folder lock, so
 * runs exporting different days into one folder at once each keep their days.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from '../core/config';
import { LAKEHOUSE_MODEL_VERSION, LAKEHOUSE_TABLES, type ColumnType, type LakehouseTable } from '../core/tableRows';
import { RunLease, describeHolder, dropLeases, liveRun, runRecordPath, runsIn, withFolderLock, writeAtomic, type Holder } from './leases';
import type { Spool } from './spool';

export interface DayEntry {
  readonly runId: string;
  readonly rows: number;
  /** Canonical events of that local day in the run's input (after duplicates). */
  readonly events: number;
  readonly files: readonly string[];
  /** The part of the run's window inside that day, UTC ISO, half-open: [from, to). */
  readonly window: { readonly from: string; readonly to: string };
  readonly writtenAt: string;
}

export interface TableManifest {
  readonly table: LakehouseTable;
  readonly modelVersion: string;
  readonly timeZone: string;
  readonly days: Record<string, DayEntry>;
}

/** `DIR/_lakehouse.json`: what every run into DIR must agree on. */
export interface LakehouseInfo {
  readonly modelVersion: string;
  readonly timeZone: string;
  readonly config: EngineConfig;
}

export interface WritePlan {
  readonly dir: string;
  readonly runId: string;
  readonly timeZone: string;
  readonly config: EngineConfig;
  /** The local days this run covers (each is replaced whole, empty ones too), with the window inside each. */
  readonly days: readonly { readonly day: string; readonly from: number; readonly to: number }[];
  /**
   * Called at each step (`copied`, `journal`, `swapped <table>/<day>`, `committed`); a
   * throw stops the run there as a crash would: what it left is recovered by the next run
   * into the folder or by `lakehouse:check`.
   */
  readonly onStep?: (step: string) => void;
  /** How long to wait for days a live run is exporting into the same folder (default 15 minutes). */
  readonly leaseWaitMs?: number;
}

export const MANIFEST = '_manifest.json';
export const INFO = '_lakehouse.json';
export const STAGING_PREFIX = '.staging-';
export const SWAP_PREFIX = '.swap-';

export const DUCK_TYPES: Readonly<Record<ColumnType, string>> = { string: 'VARCHAR', int: 'BIGINT', bool: 'BOOLEAN', timestamp: 'TIMESTAMPTZ' };

/**
 * An in-memory DuckDB in UTC. Its memory is capped (it spills to its temp folder past
 * that) and insertion order is not kept, so a month's COPY stays beside the fold's heap
 * well under the export's memory budget instead of taking most of the machine.
 */
export async function openDuck(memoryLimit = '512MB'): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: memoryLimit, preserve_insertion_order: 'false' });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return { instance, connection };
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function readManifest(dir: string, table: LakehouseTable): TableManifest | undefined {
  const path = join(dir, table, MANIFEST);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as TableManifest) : undefined;
}

export function readInfo(dir: string): LakehouseInfo | undefined {
  const path = join(dir, INFO);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LakehouseInfo) : undefined;
}

interface JournalEntry {
  readonly table: LakehouseTable;
  readonly day: string;
  /** The day's manifest entry once the swap is committed. */
  readonly entry: DayEntry;
}

interface Journal {
  readonly runId: string;
  readonly entries: readonly JournalEntry[];
}

/** Sets each entry's day in its table's manifest, read and written whole (call under the folder lock). */
function mergeManifests(dir: string, entries: readonly JournalEntry[], timeZone: string): Record<LakehouseTable, TableManifest> {
  const manifests = {} as Record<LakehouseTable, TableManifest>;
  for (const table of LAKEHOUSE_TABLES) {
    const mine = entries.filter((e) => e.table === table);
    const previous = readManifest(dir, table);
    if (mine.length === 0) {
      if (previous) manifests[table] = previous;
      continue;
    }
    const days: Record<string, DayEntry> = { ...(previous?.days ?? {}) };
    for (const e of mine) days[e.day] = e.entry;
    const sorted: Record<string, DayEntry> = {};
    for (const d of Object.keys(days).sort()) sorted[d] = days[d];
    manifests[table] = { table, modelVersion: LAKEHOUSE_MODEL_VERSION, timeZone: previous?.timeZone ?? timeZone, days: sorted };
    mkdirSync(join(dir, table), { recursive: true });
    writeAtomic(join(dir, table, MANIFEST), JSON.stringify(manifests[table], null, 2) + '\n');
  }
  return manifests;
}

/** Finishes or undoes what one dead run left (call under the folder lock). */
function recoverRun(dir: string, runId: string, notes: string[]): void {
  const swap = join(dir, `${SWAP_PREFIX}${runId}`);
  const journalPath = join(swap, 'journal.json');
  if (existsSync(journalPath)) {
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
    if (existsSync(join(swap, 'committed'))) {
      const info = readInfo(dir);
      mergeManifests(dir, journal.entries.filter((e) => e.entry !== undefined), info?.timeZone ?? '');
      notes.push(`completed run ${runId}, which stopped after its commit`);
    } else {
      for (const { table, day } of journal.entries) {
        const live = join(dir, table, `day=${day}`);
        const old = join(swap, 'old', table, `day=${day}`);
        if (existsSync(live) && readdirSync(live).some((f) => f.startsWith(`part-${runId}`))) rmSync(live, { recursive: true, force: true });
        if (existsSync(old)) renameSync(old, live);
      }
      notes.push(`rolled back run ${runId}, which stopped during its swap: the days it was replacing are as before`);
    }
  }
  const swapped = existsSync(journalPath);
  rmSync(swap, { recursive: true, force: true });
  const staging = join(dir, `${STAGING_PREFIX}${runId}`);
  if (existsSync(staging)) {
    rmSync(staging, { recursive: true, force: true });
    if (!swapped) notes.push(`removed ${STAGING_PREFIX}${runId} left by a run that stopped before its swap`);
  }
  dropLeases(dir, runId);
  rmSync(runRecordPath(dir, runId), { force: true });
}

/** Recovers every dead run's leftovers (call under the folder lock); live runs' are left alone. */
function recoverDead(dir: string): string[] {
  const notes: string[] = [];
  for (const runId of [...runsIn(dir, [STAGING_PREFIX, SWAP_PREFIX])].sort()) {
    if (liveRun(dir, runId) === undefined) recoverRun(dir, runId, notes);
  }
  return notes;
}

/**
 * Finishes or undoes what runs that stopped left half done (their staging folders, swaps
 * in flight, leases): a swap stopped before its commit is rolled back (the old days
 * return), one stopped after it is completed. Runs still going are left alone.
 */
export function recover(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return withFolderLock(dir, 'recover', () => recoverDead(dir));
}

/** Live runs swapping days in right now (readers see a mix of days until they finish). */
export function swapsInFlight(dir: string): Holder[] {
  if (!existsSync(dir)) return [];
  const out: Holder[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(SWAP_PREFIX)) continue;
    const live = liveRun(dir, name.slice(SWAP_PREFIX.length));
    if (live) out.push(live);
  }
  return out;
}

/** How long a run waits for days another live run is writing (then fails naming it). */
const LEASE_WAIT_MS = 15 * 60_000;

/**
 * Claims the plan's days for this run: under the folder lock, recovers dead runs, checks
 * the folder's zone and model version, and takes a lease per day; while a live run holds
 * one of the days, waits and tries again.
 */
async function claimDays(plan: WritePlan): Promise<RunLease> {
  const { dir, runId } = plan;
  const deadline = Date.now() + (plan.leaseWaitMs ?? LEASE_WAIT_MS);
  for (;;) {
    const claim = withFolderLock(dir, runId, () => {
      recoverDead(dir);
      const info = readInfo(dir);
      if (info && (info.timeZone !== plan.timeZone || info.modelVersion !== LAKEHOUSE_MODEL_VERSION)) {
        throw new Error(
          `${dir} holds days in ${info.timeZone}, model version ${info.modelVersion}; this run writes ${plan.timeZone}, model version ${LAKEHOUSE_MODEL_VERSION}: export into another folder`,
        );
      }
      const lease = RunLease.claimLocked(dir, runId, plan.days.map((d) => d.day));
      if (lease instanceof RunLease && !info) writeAtomic(join(dir, INFO), JSON.stringify(infoOf(plan), null, 2) + '\n');
      return lease;
    });
    if (claim instanceof RunLease) return claim;
    if (Date.now() > deadline) {
      const held = claim.busy.map((b) => `${b.day} by ${describeHolder(b.holder)}`).join(', ');
      throw new Error(`days being exported by another run into ${dir}: ${held}; run again when it has finished`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const infoOf = (plan: WritePlan): LakehouseInfo => ({ modelVersion: LAKEHOUSE_MODEL_VERSION, timeZone: plan.timeZone, config: plan.config });

/**
 * Writes the spooled tables as Parquet and swaps the covered days in. Returns the
 * manifests as they are after this run (other runs' days included).
 */
export async function writeLakehouse(spool: Spool, plan: WritePlan): Promise<Record<LakehouseTable, TableManifest>> {
  const { dir, runId } = plan;
  mkdirSync(dir, { recursive: true });
  await spool.close();
  const lease = await claimDays(plan);
  const staging = join(dir, `${STAGING_PREFIX}${runId}`);
  const swap = join(dir, `${SWAP_PREFIX}${runId}`);
  try {
    mkdirSync(staging, { recursive: true });
    const { connection } = spool;
    for (const table of LAKEHOUSE_TABLES) {
      if (spool.rows(table) === 0) continue;
      await connection.run(
        `COPY (${spool.select(table)}) TO ${quote(join(staging, table))} ` +
          `(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (day), FILENAME_PATTERN ${quote(`part-${runId}-{i}`)})`,
      );
      // One file per day is the rule; DuckDB numbers them, so the single one is renamed.
      for (const d of readdirSync(join(staging, table))) {
        const files = readdirSync(join(staging, table, d)).filter((f) => f.endsWith('.parquet'));
        if (files.length === 1) renameSync(join(staging, table, d, files[0]), join(staging, table, d, `part-${runId}.parquet`));
      }
    }
    plan.onStep?.('copied');

    const writtenAt = new Date().toISOString();
    const eventsPerDay = spool.counts.get('events') as Map<string, number>;
    const entries: JournalEntry[] = [];
    for (const table of LAKEHOUSE_TABLES) {
      const rows = spool.counts.get(table) as Map<string, number>;
      for (const { day, from, to } of plan.days) {
        const stagedDay = join(staging, table, `day=${day}`);
        const entry: DayEntry = {
          runId,
          rows: rows.get(day) ?? 0,
          events: eventsPerDay.get(day) ?? 0,
          files: existsSync(stagedDay) ? readdirSync(stagedDay).filter((f) => f.endsWith('.parquet')).sort() : [],
          window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
          writtenAt,
        };
        entries.push({ table, day, entry });
      }
    }

    mkdirSync(join(swap, 'old'), { recursive: true });
    const journal: Journal = { runId, entries };
    writeAtomic(join(swap, 'journal.json'), JSON.stringify(journal));
    plan.onStep?.('journal');
    for (const { table, day } of entries) {
      const live = join(dir, table, `day=${day}`);
      const staged = join(staging, table, `day=${day}`);
      mkdirSync(join(dir, table), { recursive: true });
      if (existsSync(live)) {
        mkdirSync(join(swap, 'old', table), { recursive: true });
        renameSync(live, join(swap, 'old', table, `day=${day}`));
      }
      if (existsSync(staged)) renameSync(staged, live);
      plan.onStep?.(`swapped ${table}/${day}`);
    }
    writeFileSync(join(swap, 'committed'), runId);
    plan.onStep?.('committed');
    const manifests = withFolderLock(dir, runId, () => {
      writeAtomic(join(dir, INFO), JSON.stringify(infoOf(plan), null, 2) + '\n');
      return mergeManifests(dir, entries, plan.timeZone);
    });
    rmSync(swap, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
    lease.release();
    return manifests;
  } catch (err) {
    // As if the process had died here: the next run, or lakehouse:check, recovers it.
    lease.abandon();
    throw err;
  }
}
