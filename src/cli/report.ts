/**
 * `npm run --silent report -- FILE... [--tz ZONE] [--from ISO] [--to ISO] [--interval 15|30|60] [--config FILE]`
 * prints the report JSON of MODEL.md §5. Exit 0 when the report was made (even with
 * rejected events), 2 with a one-line message for unusable arguments or files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  REPORT_INTERVALS,
  buildReport,
  configProblems,
  createCalendar,
  isValidTimeZone,
  parseInstant,
  reportGroupings,
  resolveConfig,
  type EngineConfig,
  type ReportInterval,
} from '../core';
import { ingestFile } from '../sources/files';

export class UsageError extends Error {}

export interface ReportArgs {
  files: string[];
  tz?: string;
  from?: string;
  to?: string;
  interval?: ReportInterval;
  config?: string;
}

const USAGE = 'usage: report FILE... [--tz ZONE] [--from ISO] [--to ISO] [--interval 15|30|60] [--config FILE]';

export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const args: ReportArgs = { files: [] };
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
      case '--tz': args.tz = value(); break;
      case '--from': args.from = value(); break;
      case '--to': args.to = value(); break;
      case '--config': args.config = value(); break;
      case '--interval': {
        const v = Number(value());
        if (!(REPORT_INTERVALS as readonly number[]).includes(v)) throw new UsageError(`--interval must be 15, 30 or 60, not ${argv[i]}`);
        args.interval = v as ReportInterval;
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
  return args;
}

/** Loads a config file: JSON, or a CommonJS module like flex-plugin.config.js. */
export function loadConfigFile(path: string): Partial<EngineConfig> {
  const full = resolve(path);
  if (!existsSync(full)) throw new UsageError(`config file ${path} does not exist`);
  try {
    if (full.endsWith('.json')) return JSON.parse(readFileSync(full, 'utf8')) as Partial<EngineConfig>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(full) as { default?: Partial<EngineConfig> } & Partial<EngineConfig>;
    return mod.default ?? mod;
  } catch (err) {
    throw new UsageError(`config file ${path} cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function defaultConfig(): Partial<EngineConfig> {
  const path = resolve(__dirname, '../../flex-plugin.config.js');
  return existsSync(path) ? loadConfigFile(path) : {};
}

export async function runReport(argv: readonly string[]): Promise<string> {
  const args = parseReportArgs(argv);
  const fileConfig = args.config !== undefined ? loadConfigFile(args.config) : defaultConfig();
  const config = resolveConfig({ ...pick(fileConfig), ...(args.tz !== undefined ? { timeZone: args.tz } : {}) }, DEFAULT_CONFIG);
  if (args.tz !== undefined && !isValidTimeZone(args.tz)) throw new UsageError(`--tz ${args.tz} is not an IANA time zone`);
  const problems = configProblems(config);
  if (problems.length > 0) throw new UsageError(`config: ${problems[0]}`);
  const calendar = createCalendar(config.timeZone);
  const from = args.from === undefined ? undefined : instant('--from', args.from, calendar, false);
  const to = args.to === undefined ? undefined : instant('--to', args.to, calendar, true);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to');
  for (const f of args.files) {
    if (f === '-') continue;
    if (!existsSync(f)) throw new UsageError(`input file ${f} does not exist`);
    if (!statSync(f).isFile()) throw new UsageError(`input ${f} is not a file`);
  }
  const engine = new Engine(config, { window: { from, to }, groupings: reportGroupings(args.interval) });
  const reader = new EventReader();
  const several = args.files.length > 1;
  for (const f of args.files) await ingestFile(engine, reader, f, several ? (f === '-' ? 'stdin' : f) : '');
  return JSON.stringify(buildReport(engine, args.interval), null, 2);
}

/** A date-only `--to` means the end of that local day, so `--from D --to D` is day D. */
export function instant(flag: string, text: string, calendar: ReturnType<typeof createCalendar>, isEnd: boolean): number {
  const ms = parseInstant(text, calendar);
  if (ms === undefined) throw new UsageError(`${flag} ${text} is not an ISO date or date-time`);
  if (isEnd && /^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    const [y, m, d] = text.trim().split('-').map(Number);
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    return calendar.fromLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) - 1;
  }
  return ms;
}

/** Only the engine's keys of a config file (it may hold the plugin's other settings too). */
export function pick(c: Partial<EngineConfig>): Partial<EngineConfig> {
  const out: Record<string, unknown> = {};
  for (const k of ['timeZone', 'supportTypes', 'platforms', 'serviceLevelSec', 'shortAbandonSec', 'reorderWindowMs']) {
    if ((c as Record<string, unknown>)[k] !== undefined) out[k] = (c as Record<string, unknown>)[k];
  }
  return out as Partial<EngineConfig>;
}

if (require.main === module) {
  runReport(process.argv.slice(2)).then(
    (json) => {
      process.stdout.write(json + '\n');
    },
    (err: unknown) => {
      const message = err instanceof UsageError ? err.message : `report failed: ${(err as Error).message ?? String(err)}`;
      process.stderr.write(`report: ${message.split('\n')[0]}\n`);
      process.exitCode = 2;
    },
  );
}
