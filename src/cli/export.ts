/**
 * `npm run --silent export -- FILE... --out DIR [--tz ZONE] [--from ISO] [--to ISO] [--config FILE] [--contacts hash|mask|clear]`
 *
 * Reads what `report` reads (every format, one stream from several files), folds it with
 * the core and writes the lakehouse tables as Hive-partitioned zstd Parquet under DIR,
 * replacing each local day the run covers whole (docs/model.md, "Lakehouse"). Prints one
 * JSON summary. Exit 0 when written (even with rejected events), 2 for unusable
 * arguments or files, 1 when writing failed (the previous days are left as they were).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG, configProblems, isValidTimeZone, resolveConfig, type EngineConfig } from '../core/config';
import { Engine } from '../core/engine';
import type { TrEvent } from '../core/events';
import { EventReader } from '../core/readers';
import {
  CONTACT_MODES,
  LAKEHOUSE_MODEL_VERSION,
  LAKEHOUSE_TABLES,
  contactPolicy,
  daysCovered,
  eventRow,
  forEachModelRow,
  nextDayStart,
  type ContactMode,
  type LakehouseTable,
} from '../core/tableRows';
import { createCalendar } from '../core/time';
import { Spool } from '../lakehouse/spool';
import { readInfo, writeLakehouse } from '../lakehouse/writer';
import { ingestFile } from '../sources/files';
import { UsageError, defaultConfig, instant, loadConfigFile, pick } from './report';

export interface ExportArgs {
  files: string[];
  out?: string;
  tz?: string;
  from?: string;
  to?: string;
  config?: string;
  contacts: ContactMode;
}

const USAGE = 'usage: export FILE... --out DIR [--tz ZONE] [--from ISO] [--to ISO] [--config FILE] [--contacts hash|mask|clear]';

export function parseExportArgs(argv: readonly string[]): ExportArgs & { out: string } {
  const args: ExportArgs = { files: [], contacts: 'hash' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value (${USAGE})`);
      return v;
    };
    switch (flag) {
      case '--out': args.out = value(); break;
      case '--tz': args.tz = value(); break;
      case '--from': args.from = value(); break;
      case '--to': args.to = value(); break;
      case '--config': args.config = value(); break;
      case '--contacts': {
        const v = value();
        if (!(CONTACT_MODES as readonly string[]).includes(v)) throw new UsageError(`--contacts must be hash, mask or clear, not ${v}`);
        args.contacts = v as ContactMode;
        break;
      }
      case '-h':
      case '--help':
        throw new UsageError(USAGE);
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a} (${USAGE})`);
        args.files.push(a);
    }
  }
  if (args.files.length === 0) throw new UsageError(`no input file (${USAGE})`);
  if (args.out === undefined) throw new UsageError(`--out DIR is required (${USAGE})`);
  return args as ExportArgs & { out: string };
}

/** A keyed digest of a contact (HMAC-SHA256 with LAKEHOUSE_HASH_KEY), else a plain SHA-256; 32 hex digits. */
export function contactHasher(key: string | undefined): (text: string) => string {
  if (key !== undefined && key !== '') return (text) => createHmac('sha256', key).update(text).digest('hex').slice(0, 32);
  return (text) => createHash('sha256').update(`supervisor-insights:${text}`).digest('hex').slice(0, 32);
}

/** `20261120T101500Z-1a2b3c`: sorts by time, unique across parallel runs. */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export interface ExportSummary {
  runId: string;
  out: string;
  timeZone: string;
  window: { from: string; to: string } | null;
  days: string[];
  rows: Record<LakehouseTable, number>;
  input: { read: number; used: number; duplicates: number; ignored: number; rejected: number; errors: { at: string; reason: string }[] };
  notes: string[];
  /** Seconds spent reading and folding, making rows, and writing Parquet. */
  timings: { readSec: number; rowsSec: number; writeSec: number };
}

export interface ExportHooks {
  readonly onStep?: (step: string) => void;
  readonly runId?: string;
  readonly hashKey?: string;
  /** How long to wait for days another live run is exporting into the same folder. */
  readonly leaseWaitMs?: number;
}

/** The engine that also hands every event it used (not a duplicate, not rejected) to `onUsed`. */
class RecordingEngine extends Engine {
  constructor(config: EngineConfig, private readonly onUsed: (e: TrEvent) => void) {
    super(config, { groupings: [] });
  }
  override apply(e: TrEvent, at?: string): boolean {
    const used = super.apply(e, at);
    if (used) this.onUsed(e);
    return used;
  }
}

export async function runExport(argv: readonly string[], hooks: ExportHooks = {}): Promise<ExportSummary> {
  const args = parseExportArgs(argv);
  const fileConfig = args.config !== undefined ? loadConfigFile(args.config) : defaultConfig();
  const config = resolveConfig({ ...pick(fileConfig), ...(args.tz !== undefined ? { timeZone: args.tz } : {}) }, DEFAULT_CONFIG);
  if (args.tz !== undefined && !isValidTimeZone(args.tz)) throw new UsageError(`--tz ${args.tz} is not an IANA time zone`);
  const problems = configProblems(config);
  if (problems.length > 0) throw new UsageError(`config: ${problems[0]}`);
  for (const f of args.files) {
    if (f === '-') continue;
    if (!existsSync(f)) throw new UsageError(`input file ${f} does not exist`);
    if (!statSync(f).isFile()) throw new UsageError(`input ${f} is not a file`);
  }
  const out = resolve(args.out);
  const info = readInfo(out);
  if (info && info.timeZone !== config.timeZone) {
    throw new UsageError(`${args.out} holds days in ${info.timeZone}; export with --tz ${info.timeZone} or into another folder`);
  }
  if (info && info.modelVersion !== LAKEHOUSE_MODEL_VERSION) {
    throw new UsageError(`${args.out} holds tables of model version ${info.modelVersion}, this export writes version ${LAKEHOUSE_MODEL_VERSION}: export every day into a new folder`);
  }
  const calendar = createCalendar(config.timeZone);
  // A run covers whole local days: --from goes back to its day's midnight, --to on to its end.
  const from = args.from === undefined ? undefined : calendar.startOfDay(instant('--from', args.from, calendar, false));
  const to = args.to === undefined ? undefined : nextDayStart(calendar, instant('--to', args.to, calendar, true));
  if (from !== undefined && to !== undefined && from >= to) throw new UsageError('--from is after --to');

  const runId = hooks.runId ?? newRunId();
  const contacts = contactPolicy(args.contacts, args.contacts === 'hash' ? contactHasher(hooks.hashKey ?? process.env.LAKEHOUSE_HASH_KEY) : undefined);
  const notes: string[] = [];
  if (args.contacts === 'hash' && !(hooks.hashKey ?? process.env.LAKEHOUSE_HASH_KEY)) {
    notes.push('contacts hashed without LAKEHOUSE_HASH_KEY: set a secret key so a hash cannot be matched by hashing guessed numbers');
  }
  const scratch = mkdtempSync(join(tmpdir(), 'lakehouse-'));
  let spool: Spool | undefined;
  const clock = { t: process.hrtime.bigint() };
  const lap = (): number => {
    const now = process.hrtime.bigint();
    const sec = Number(now - clock.t) / 1e9;
    clock.t = now;
    return Math.round(sec * 100) / 100;
  };
  try {
    spool = await Spool.open(scratch);
    // The fold lives only inside `spoolRows`: once the rows are spooled it can be collected
    // before DuckDB's copy needs memory.
    const spooled = await spoolRows(args.files, spool, { config, calendar, runId, contacts, from, to }, lap);
    const rows = Object.fromEntries(LAKEHOUSE_TABLES.map((t) => [t, 0])) as Record<LakehouseTable, number>;
    if (spooled.window === undefined) {
      return { runId, out, timeZone: config.timeZone, window: null, days: [], rows, input: spooled.stats, notes: [...notes, 'no events: nothing written'], timings: { readSec: spooled.readSec, rowsSec: 0, writeSec: 0 } };
    }
    const { window, stats, readSec, rowsSec } = spooled;
    collectGarbage();
    const days = daysCovered(calendar, window.from, window.to).map((day) => {
      const [y, m, d] = day.split('-').map(Number);
      const start = calendar.fromLocal(y, m, d);
      return { day, from: Math.max(window.from, start), to: Math.min(window.to, nextDayStart(calendar, start)) };
    });
    await writeLakehouse(spool, { dir: out, runId, timeZone: config.timeZone, config, days, onStep: hooks.onStep, leaseWaitMs: hooks.leaseWaitMs });
    const writeSec = lap();
    for (const t of LAKEHOUSE_TABLES) rows[t] = spool.rows(t);
    return {
      runId,
      out,
      timeZone: config.timeZone,
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to - 1).toISOString() },
      days: days.map((d) => d.day),
      rows,
      input: stats,
      notes,
      timings: { readSec, rowsSec, writeSec },
    };
  } finally {
    spool?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A full garbage collection where Node runs with `--expose-gc` (`npm run export` does),
 * during the read and between the phases: the read leaves hundreds of MB of dead event
 * batches that V8 would otherwise keep until its heap is about twice the fold, beside
 * DuckDB's memory.
 */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/** While reading, a collection every this many events keeps the dead batches from piling up beside DuckDB's spool. */
const GC_EVERY_EVENTS = 250_000;

interface SpoolContext {
  readonly config: EngineConfig;
  readonly calendar: ReturnType<typeof createCalendar>;
  readonly runId: string;
  readonly contacts: ReturnType<typeof contactPolicy>;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/** Reads and folds the files, spooling the events as they are used, then every model row; the spool is committed. */
async function spoolRows(
  files: readonly string[],
  spool: Spool,
  ctx: SpoolContext,
  lap: () => number,
): Promise<{ stats: ExportSummary['input']; readSec: number; rowsSec: number; window?: { from: number; to: number } }> {
  const { config, calendar, runId, contacts, from, to } = ctx;
  let used = 0;
  const engine = new RecordingEngine(config, (e) => {
    if ((from === undefined || e.ts >= from) && (to === undefined || e.ts < to)) spool.emit('events', eventRow(calendar, e, { runId, contacts }));
    if (++used % GC_EVERY_EVENTS === 0) collectGarbage();
  });
  const reader = new EventReader();
  const several = files.length > 1;
  for (const f of files) await ingestFile(engine, reader, f, several ? (f === '-' ? 'stdin' : f) : '');
  const stats = { ...engine.stats, errors: [...engine.stats.errors] };
  if (!Number.isFinite(engine.minTs) && from === undefined) {
    await spool.close();
    return { stats, readSec: lap(), rowsSec: 0 };
  }
  // [from, to): without --to the window ends just after the last event, as the report's does.
  const window = { from: from ?? calendar.startOfDay(engine.minTs), to: to ?? engine.maxTs + 1 };
  const readSec = lap();
  collectGarbage();
  forEachModelRow(engine, config, { runId, window, contacts }, spool.emit);
  await spool.close();
  return { stats, readSec, rowsSec: lap(), window };
}

if (require.main === module) {
  runExport(process.argv.slice(2)).then(
    (summary) => {
      for (const n of summary.notes) process.stderr.write(`export: ${n}\n`);
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    },
    (err: unknown) => {
      const usage = err instanceof UsageError;
      const message = usage ? err.message : `export failed: ${(err as Error).message ?? String(err)}`;
      process.stderr.write(`export: ${message.split('\n')[0]}\n`);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
