/**
 * The Parquet writer (Node only, never bundled): DuckDB copies the spooled tables out as
 * `DIR/<table>/day=YYYY-MM-DD/part-<run id>.parquet` (zstd, Hive-partitioned by the local
 * day) into a staging folder; then each day the run covers is swapped in whole, and each
 * table's `_manifest.json` says which run wrote which day, with its row and event counts.
 *
 * Crash safety: nothing under DIR changes until every file is written. The swap writes a
 * journal first; a run that stops during the swap is rolled back by the next run (the old
 * days go back), one that stopped after its commit marker is rolled forward (manifests
 * rewritten). Readers see at most a day missing for the instant between two renames.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from '../core/config';
import { LAKEHOUSE_MODEL_VERSION, LAKEHOUSE_TABLES, type ColumnType, type LakehouseTable } from '../core/tableRows';
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
  /** Called at each step (`copied`, `journal`, `swapped <table>/<day>`, `committed`); a throw stops the run there. */
  readonly onStep?: (step: string) => void;
}

export const MANIFEST = '_manifest.json';
export const INFO = '_lakehouse.json';

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

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

interface Journal {
  readonly runId: string;
  readonly entries: readonly { readonly table: LakehouseTable; readonly day: string }[];
  readonly manifests: Readonly<Record<string, TableManifest>>;
}

/** Finishes or undoes what an earlier run left half done: staging folders, swaps in flight. */
export function recover(dir: string): string[] {
  const notes: string[] = [];
  if (!existsSync(dir)) return notes;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.staging-')) {
      rmSync(join(dir, name), { recursive: true, force: true });
      notes.push(`removed ${name} left by a run that stopped before its swap`);
    }
  }
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('.swap-')) continue;
    const swap = join(dir, name);
    const journalPath = join(swap, 'journal.json');
    if (!existsSync(journalPath)) {
      rmSync(swap, { recursive: true, force: true });
      continue;
    }
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
    if (existsSync(join(swap, 'committed'))) {
      for (const [table, m] of Object.entries(journal.manifests)) writeAtomic(join(dir, table, MANIFEST), JSON.stringify(m, null, 2) + '\n');
      notes.push(`completed run ${journal.runId}, which stopped after its commit`);
    } else {
      for (const { table, day } of journal.entries) {
        const live = join(dir, table, `day=${day}`);
        const old = join(swap, 'old', table, `day=${day}`);
        if (existsSync(live) && readdirSync(live).some((f) => f.startsWith(`part-${journal.runId}`))) rmSync(live, { recursive: true, force: true });
        if (existsSync(old)) renameSync(old, live);
      }
      notes.push(`rolled back run ${journal.runId}, which stopped during its swap: the days it was replacing are as before`);
    }
    rmSync(swap, { recursive: true, force: true });
  }
  return notes;
}

/** Writes the spooled tables as Parquet and swaps the covered days in. Returns the new manifests. */
export async function writeLakehouse(spool: Spool, plan: WritePlan): Promise<Record<LakehouseTable, TableManifest>> {
  const { dir, runId } = plan;
  mkdirSync(dir, { recursive: true });
  recover(dir);
  const staging = join(dir, `.staging-${runId}`);
  mkdirSync(staging, { recursive: true });
  spool.close();
  {
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
  }
  plan.onStep?.('copied');

  const writtenAt = new Date().toISOString();
  const eventsPerDay = spool.counts.get('events') as Map<string, number>;
  const manifests = {} as Record<LakehouseTable, TableManifest>;
  const entries: { table: LakehouseTable; day: string }[] = [];
  for (const table of LAKEHOUSE_TABLES) {
    const previous = readManifest(dir, table);
    const days: Record<string, DayEntry> = { ...(previous?.days ?? {}) };
    const rows = spool.counts.get(table) as Map<string, number>;
    for (const { day, from, to } of plan.days) {
      const stagedDay = join(staging, table, `day=${day}`);
      days[day] = {
        runId,
        rows: rows.get(day) ?? 0,
        events: eventsPerDay.get(day) ?? 0,
        files: existsSync(stagedDay) ? readdirSync(stagedDay).filter((f) => f.endsWith('.parquet')).sort() : [],
        window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
        writtenAt,
      };
      entries.push({ table, day });
    }
    const sorted: Record<string, DayEntry> = {};
    for (const d of Object.keys(days).sort()) sorted[d] = days[d];
    manifests[table] = { table, modelVersion: LAKEHOUSE_MODEL_VERSION, timeZone: plan.timeZone, days: sorted };
  }

  const swap = join(dir, `.swap-${runId}`);
  mkdirSync(join(swap, 'old'), { recursive: true });
  const journal: Journal = { runId, entries, manifests };
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
  for (const table of LAKEHOUSE_TABLES) writeAtomic(join(dir, table, MANIFEST), JSON.stringify(manifests[table], null, 2) + '\n');
  const info: LakehouseInfo = { modelVersion: LAKEHOUSE_MODEL_VERSION, timeZone: plan.timeZone, config: plan.config };
  writeAtomic(join(dir, INFO), JSON.stringify(info, null, 2) + '\n');
  rmSync(swap, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  return manifests;
}
