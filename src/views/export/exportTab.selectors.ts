/**
 * The Export tab's files: one CSV per table, its columns those the lakehouse export writes
 * (`TABLE_COLUMNS`), its rows the core's (`exportTablesOf`). Pure: the tab reads them.
 */
import { EXPORT_MAX_DAYS, daysOf, exportCellOf, exportColumnsOf, type DayRange, type ExportTable, type Row } from '../../core';
import { csvFileName, toCsv, type CsvColumn } from '../common/csv';

/** The CSV of a table's rows: the lakehouse's column names as the header, cells by `exportCellOf`. */
export function exportCsv(table: ExportTable, rows: readonly Row[]): string {
  const columns: CsvColumn<Row>[] = exportColumnsOf(table).map((column) => ({ header: column[0], value: (row) => exportCellOf(column, row[column[0]]) }));
  return toCsv(columns, rows);
}

/** `insights-conversations-2026-11-16_2026-11-22.csv` (one day: the day once). */
export function exportFileName(table: ExportTable, range: DayRange): string {
  return csvFileName(table, range.from === range.to ? range.from : `${range.from}_${range.to}`);
}

/** True when the period is longer than an export folds in the browser. */
export function exportTooLong(range: DayRange): boolean {
  return daysOf(range, EXPORT_MAX_DAYS + 1).length > EXPORT_MAX_DAYS;
}
