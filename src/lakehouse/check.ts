/**
 * `lakehouse:check`'s two halves (Node only): the lakehouse/sql views run on DuckDB over
 * the Parquet files of a folder, and the comparison of every figure they give with the
 * report's for the same events and window.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TrEvent } from '../core/events';
import type { MetricSet } from '../core/metrics';
import type { Report } from '../core/report';
import { LAKEHOUSE_TABLES, TABLE_COLUMNS, eventOfRow } from '../core/tableRows';
import { DUCK_TYPES, openDuck } from './writer';

/** lakehouse/sql at the top of the repository. */
export const SQL_DIR = resolve(__dirname, '../../lakehouse/sql');

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The SQL files in the order they are run (their names sort in that order). */
export function sqlFiles(dir = SQL_DIR): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Registers each table of DIR as a view over its Parquet files (an empty table when it has none), then the SQL views. */
export async function attachLakehouse(connection: DuckDBConnection, dir: string, sqlDir = SQL_DIR): Promise<void> {
  for (const table of LAKEHOUSE_TABLES) {
    const folder = join(dir, table);
    const hasFiles = existsSync(folder) && readdirSync(folder).some((d) => d.startsWith('day=') && readdirSync(join(folder, d)).some((f) => f.endsWith('.parquet')));
    if (hasFiles) {
      await connection.run(
        `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${quote(join(folder, 'day=*', '*.parquet'))}, hive_partitioning = true, hive_types = {'day': 'VARCHAR'})`,
      );
    } else {
      const cols = TABLE_COLUMNS[table].map(([n, t]) => `${n} ${DUCK_TYPES[t]}`).join(', ');
      await connection.run(`CREATE OR REPLACE TABLE ${table} (${cols})`);
    }
  }
  for (const f of sqlFiles(sqlDir)) await connection.run(f.text);
}

export type SqlRow = Record<string, string | number | boolean | null>;

/** Every view the check reads, as plain rows (numbers as numbers). */
export async function readViews(connection: DuckDBConnection, views: readonly string[]): Promise<Record<string, SqlRow[]>> {
  const out: Record<string, SqlRow[]> = {};
  for (const v of views) {
    const reader = await connection.runAndReadAll(`SELECT * FROM ${v}`);
    const types = reader.columnTypes().map((t) => t.toString());
    const names = reader.columnNames();
    out[v] = reader.getRowsJson().map((row) => {
      const r: SqlRow = {};
      names.forEach((n, i) => {
        const value = row[i];
        r[n] = value === null ? null : /INT|DOUBLE|DECIMAL|FLOAT/.test(types[i]) ? Number(value) : (value as string | boolean);
      });
      return r;
    });
  }
  return out;
}

/** The canonical events of the `events` table, in stream order, for a report over exactly what was exported. */
export async function eventsOf(connection: DuckDBConnection): Promise<TrEvent[]> {
  const cols = TABLE_COLUMNS.events.map(([n]) => (n === 'event_at' ? 'epoch_ms(event_at) AS event_at' : n)).join(', ');
  const reader = await connection.runAndReadAll(`SELECT ${cols} FROM events ORDER BY event_at, event_sid`);
  return reader.getRowObjectsJson().map((r) => eventOfRow(r as Record<string, unknown>));
}

export const METRIC_COLUMNS: Readonly<Record<keyof MetricSet, string>> = {
  conversations: 'conversations',
  offered: 'offered',
  handled: 'handled',
  abandoned: 'abandoned',
  abandonRate: 'abandon_rate',
  invitations: 'invitations',
  rona: 'rona',
  ronaRate: 'rona_rate',
  rejected: 'rejected',
  rejectRate: 'reject_rate',
  revoked: 'revoked',
  transfers: 'transfers',
  transferRate: 'transfer_rate',
  avgWaitSec: 'avg_wait_sec',
  serviceLevel: 'service_level',
  avgTalkSec: 'avg_talk_sec',
  avgWrapSec: 'avg_wrap_sec',
  avgHandleSec: 'avg_handle_sec',
};

/** Which view holds which part of the report. */
export const SLICE_VIEWS = {
  totals: 'metrics_totals',
  bySupportType: 'metrics_by_support_type',
  byPlatform: 'metrics_by_platform',
  byQueue: 'metrics_by_queue',
  byTeam: 'metrics_by_team',
  byDay: 'metrics_by_day',
  byWeek: 'metrics_by_week',
  byMonth: 'metrics_by_month',
  byInterval: 'metrics_by_interval_15m',
} as const;
export const AGENT_VIEWS = ['agent_report', 'agent_activity_seconds', 'agent_logged_status_pct'] as const;
export const CHECK_VIEWS: readonly string[] = [...Object.values(SLICE_VIEWS), ...AGENT_VIEWS];

export interface Difference {
  readonly figure: string;
  readonly report: unknown;
  readonly sql: unknown;
}

export interface Comparison {
  /** Figures compared, by part of the report (`bySupportType`: 90). */
  readonly compared: Record<string, number>;
  readonly total: number;
  readonly differences: Difference[];
}

/** Compares every figure of the report (its interval must be 15) with the SQL views' rows. */
export function compareWithReport(report: Report, views: Record<string, SqlRow[]>): Comparison {
  const compared: Record<string, number> = {};
  const differences: Difference[] = [];
  const figure = (part: string, name: string, expected: unknown, actual: unknown): void => {
    compared[part] = (compared[part] ?? 0) + 1;
    const same = expected === actual || (expected == null && actual == null);
    if (!same) differences.push({ figure: name, report: expected ?? null, sql: actual ?? null });
  };
  const bySlice = (rows: SqlRow[], key = 'slice'): Map<string, SqlRow> => new Map(rows.map((r) => [String(r[key]), r]));

  for (const [part, view] of Object.entries(SLICE_VIEWS)) {
    const rows = bySlice(views[view] ?? []);
    const expected: Record<string, Partial<MetricSet>> =
      part === 'totals' ? (report.totals.offered + report.totals.handled + report.totals.invitations > 0 ? { all: report.totals } : {}) : ((report[part as keyof Report] as Record<string, Partial<MetricSet>> | undefined) ?? {});
    for (const [slice, metrics] of Object.entries(expected)) {
      const row = rows.get(slice);
      for (const [k, v] of Object.entries(metrics)) {
        const col = METRIC_COLUMNS[k as keyof MetricSet];
        if (col === undefined) continue;
        figure(part, `${part}[${slice}].${k}`, v, row ? row[col] : `(no row for ${slice})`);
      }
    }
    for (const slice of rows.keys()) if (!(slice in expected)) figure(part, `${part}[${slice}]`, '(no such slice)', 'a row');
  }

  const agents = bySlice(views.agent_report ?? [], 'worker_sid');
  const seconds = new Map<string, Record<string, number>>();
  for (const r of views.agent_activity_seconds ?? []) (seconds.get(String(r.worker_sid)) ?? seconds.set(String(r.worker_sid), {}).get(String(r.worker_sid)))![String(r.activity)] = Number(r.seconds);
  const pct = new Map<string, Record<string, number>>();
  for (const r of views.agent_logged_status_pct ?? []) (pct.get(String(r.worker_sid)) ?? pct.set(String(r.worker_sid), {}).get(String(r.worker_sid)))![String(r.activity)] = Number(r.pct);
  for (const [sid, a] of Object.entries(report.byAgent)) {
    const row = agents.get(sid);
    const { activitySec, loggedStatusPct, ...rest } = a;
    for (const [k, v] of Object.entries(rest)) {
      const col = k === 'name' || k === 'team' ? k : METRIC_COLUMNS[k as keyof MetricSet];
      if (col !== undefined) figure('byAgent', `byAgent[${sid}].${k}`, v, row ? row[col] : `(no row for ${sid})`);
    }
    const sec = seconds.get(sid) ?? {};
    for (const k of new Set([...Object.keys(activitySec), ...Object.keys(sec)])) figure('byAgent', `byAgent[${sid}].activitySec.${k}`, activitySec[k], sec[k]);
    const p = pct.get(sid) ?? {};
    for (const k of new Set([...Object.keys(loggedStatusPct), ...Object.keys(p)])) figure('byAgent', `byAgent[${sid}].loggedStatusPct.${k}`, loggedStatusPct[k], p[k]);
  }
  for (const sid of agents.keys()) if (!(sid in report.byAgent)) figure('byAgent', `byAgent[${sid}]`, '(no such agent)', 'a row');

  const total = Object.values(compared).reduce((s, n) => s + n, 0);
  return { compared, total, differences };
}

/** Runs the SQL over DIR and returns its views' rows (and, when asked, the exported events). */
export async function queryLakehouse(dir: string, withEvents: boolean): Promise<{ views: Record<string, SqlRow[]>; events?: TrEvent[] }> {
  const { instance, connection } = await openDuck();
  try {
    await attachLakehouse(connection, dir);
    const views = await readViews(connection, CHECK_VIEWS);
    return { views, events: withEvents ? await eventsOf(connection) : undefined };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
