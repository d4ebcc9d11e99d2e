/**
 * The Export tab's tables: a period's conversations, queue segments, engagements,
 * invitations and agent activity as the lakehouse export writes them (`forEachModelRow`,
 * the same columns and values), folded here from the period's events. The browser holds
 * no events of past days (frozen days keep cells and list rows only), so the plugin asks
 * the history function for the period's events, padded like a frozen day's
 * (`DEFAULT_PADDING_MS` either side, so a conversation that crosses midnight is whole),
 * and folds them once. Contacts: in clear for a role that sees them, masked as for a role
 * without export otherwise (`exportContactsOf`), as they already travelled.
 */
import { DEFAULT_PADDING_MS } from './historyFolder';
import type { EngineConfig } from './config';
import { Engine, type InputStats } from './engine';
import { compareEvents, type TrEvent } from './events';
import type { Access } from './roles';
import { createScopeFilter } from './scopeFilter';
import { TABLE_COLUMNS, contactPolicy, forEachModelRow, type Column, type ContactPolicy, type LakehouseTable, type Row } from './tableRows';
import { rangeBounds, type DayRange } from './days';
import { createCalendar } from './time';

/** The tables the Export tab offers, in the order it lists them. */
export const EXPORT_TABLES = ['conversations', 'queue_segments', 'engagements', 'invitations', 'agent_activity'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number] & LakehouseTable;

/** The longest period one export folds in the browser (every event of it is held while it folds). */
export const EXPORT_MAX_DAYS = 7;

/** `clear` for a role that sees contacts, else `mask`: never more than the role's own screens show. */
export function exportContactsOf(access: Access): ContactPolicy {
  return contactPolicy(access.seesContacts ? 'clear' : 'mask');
}

/** The span of events to fetch for a period of local days (the days' bounds, padded, ending at `now` at most) and the rows' window. */
export function exportFetchSpan(config: EngineConfig, range: DayRange, now: number): { readonly from: number; readonly to: number; readonly window: { from: number; to: number } } {
  const window = rangeBounds(createCalendar(config.timeZone), range);
  // Today's window ends now: an activity still going runs to `to`, as in the lakehouse export.
  const w = { from: window.start, to: Math.max(window.start, Math.min(window.end, now)) };
  return { from: w.from - DEFAULT_PADDING_MS, to: Math.max(w.from - DEFAULT_PADDING_MS + 1, Math.min(w.to + DEFAULT_PADDING_MS, now)), window: w };
}

export interface ExportTables {
  readonly rows: Readonly<Record<ExportTable, readonly Row[]>>;
  /** What the fold could not use (duplicates from repeated pages are normal). */
  readonly input: InputStats;
}

/**
 * The tables of the window [from, to) from its events (any order; duplicates count once),
 * through the access's scope filter first. Rows are those `forEachModelRow` writes for the
 * same window: facts starting in it, conversations whose first segment is in it, activity
 * clipped to it.
 */
export function exportTablesOf(
  events: readonly TrEvent[],
  config: EngineConfig,
  access: Access,
  window: { readonly from: number; readonly to: number },
  runId: string,
): ExportTables {
  // Pages come in any order: no sealing, and the stream order the scope filter needs.
  const engine = new Engine(config, { groupings: [], sealEvery: Infinity });
  const filter = createScopeFilter(access, { reorderWindowMs: config.reorderWindowMs, ownWorkerSid: access.workerSid });
  for (const e of filter.select([...events].sort(compareEvents))) engine.apply(e);
  const rows = Object.fromEntries(EXPORT_TABLES.map((t) => [t, [] as Row[]])) as Record<ExportTable, Row[]>;
  const wanted = new Set<string>(EXPORT_TABLES);
  forEachModelRow(engine, config, { runId, window, contacts: exportContactsOf(access) }, (table, row) => {
    if (wanted.has(table)) rows[table as ExportTable].push(row);
  });
  return { rows, input: { ...engine.stats, errors: [...engine.stats.errors] } };
}

/** A table's columns as the lakehouse writes them. */
export function exportColumnsOf(table: ExportTable): readonly Column[] {
  return TABLE_COLUMNS[table];
}

/**
 * A cell as the CSV writes it: a timestamp column as ISO 8601 in UTC (the lakehouse stores
 * UTC timestamps), booleans as `true` / `false`, null as an empty cell, the rest as is.
 */
export function exportCellOf(column: Column, value: Row[string] | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (column[1] === 'timestamp' && typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}
