/**
 * The Export tab's files against the lakehouse export's rows for the same events: the
 * lakehouse folds the events in order in one engine (`npm run export`); the tab folds
 * what the history function's pages bring (newest first, repeated pages) and writes CSV.
 */
import Papa from 'papaparse';
import {
  DEFAULT_CONFIG,
  EXPORT_TABLES,
  Engine,
  TABLE_COLUMNS,
  accessOf,
  contactPolicy,
  exportFetchSpan,
  exportTablesOf,
  forEachModelRow,
  type LakehouseTable,
  type Row,
} from '../../../src/core';
import { exportCsv, exportFileName, exportTooLong } from '../../../src/views/export';
import { DAY, END_OF_DAY, dayEvents } from '../../store/fixtures';

const admin = accessOf({ roles: ['admin'] });

/** What `npm run export --contacts clear` writes for the window: every table's rows. */
function lakehouseRows(window: { from: number; to: number }): Record<string, Row[]> {
  const engine = new Engine(DEFAULT_CONFIG);
  for (const e of dayEvents) engine.apply(e);
  const out: Record<string, Row[]> = {};
  forEachModelRow(engine, DEFAULT_CONFIG, { runId: 'run', window, contacts: contactPolicy('clear') }, (table, row) => (out[table] ??= []).push(row));
  return out;
}

/** A lakehouse value as the CSV must write it: timestamps in UTC ISO 8601, empty for null. */
function asCsvText(table: LakehouseTable, name: string, v: Row[string]): string {
  const type = TABLE_COLUMNS[table].find((c) => c[0] === name)?.[1];
  if (v === null) return '';
  if (type === 'timestamp') return new Date(v as number).toISOString();
  const text = String(v);
  // The CSV guard against spreadsheet formulas (customer text may start with these).
  return /^[=+\-@\t\r]/.test(text) && typeof v === 'string' ? `'${text}` : text;
}

describe('the Export tab files', () => {
  const span = exportFetchSpan(DEFAULT_CONFIG, { from: DAY, to: DAY }, END_OF_DAY + 3_600_000);
  // Pages as the function sends them: newest first, and one page read twice.
  const pages = [...dayEvents].reverse();
  const fetched = [...pages, ...pages.slice(0, 500)];
  const tab = exportTablesOf(fetched, DEFAULT_CONFIG, admin, span.window, 'run');
  const lake = lakehouseRows(span.window);

  it.each(EXPORT_TABLES)('%s: the lakehouse columns and values, row for row', (table) => {
    const parsed = Papa.parse<Record<string, string>>(exportCsv(table, tab.rows[table]), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(TABLE_COLUMNS[table].map((c) => c[0]));
    const expected = (lake[table] ?? []).map((r) => Object.fromEntries(TABLE_COLUMNS[table].map(([name]) => [name, asCsvText(table, name, r[name])])));
    expect(expected.length).toBeGreaterThan(0);
    const key = (r: Record<string, string>): string => JSON.stringify(r);
    expect(parsed.data.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('covers the whole day: the window is the local day, ending at now for today', () => {
    expect(span.window).toEqual({ from: Date.parse(`${DAY}T00:00:00Z`), to: Date.parse(`${DAY}T00:00:00Z`) + 86_400_000 });
    const today = exportFetchSpan(DEFAULT_CONFIG, { from: DAY, to: DAY }, Date.parse(`${DAY}T14:00:00Z`));
    // 6 hours of padding before; the span and the window end now
    expect(today).toEqual({ from: Date.parse('2026-11-15T18:00:00Z'), to: Date.parse(`${DAY}T14:00:00Z`), window: { from: Date.parse(`${DAY}T00:00:00Z`), to: Date.parse(`${DAY}T14:00:00Z`) } });
  });

  it('names each file by table and period, and refuses more than 7 days', () => {
    expect(exportFileName('queue_segments', { from: DAY, to: DAY })).toBe(`insights-queue_segments-${DAY}.csv`);
    expect(exportFileName('engagements', { from: '2026-11-16', to: '2026-11-22' })).toBe('insights-engagements-2026-11-16_2026-11-22.csv');
    expect(exportTooLong({ from: '2026-11-16', to: '2026-11-22' })).toBe(false);
    expect(exportTooLong({ from: '2026-11-16', to: '2026-11-23' })).toBe(true);
  });
});
