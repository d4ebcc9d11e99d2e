/**
 * CSV of a table as shown: the same columns, the same filtered and sorted rows, the same
 * formatting the person sees. Written with papaparse. A cell starting with `=`, `+`, `-`,
 * `@`, tab or carriage return is prefixed with `'` so a spreadsheet never runs it as a
 * formula (names and chat text come from customers).
 */
import Papa from 'papaparse';

export interface CsvColumn<R> {
  readonly header: string;
  readonly value: (row: R) => string | number | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: string | number | null | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** The CSV text (header line, then one line per row; CRLF line ends, as RFC 4180 has them). */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  return Papa.unparse(
    { fields: columns.map((c) => cell(c.header) as string), data: rows.map((r) => columns.map((c) => cell(c.value(r)))) },
    { newline: '\r\n', quotes: false },
  );
}

/** A file name for a table's CSV: `insights-agents-2026-11-21.csv`. */
export function csvFileName(table: string, suffix: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `insights-${safe(table)}${suffix ? `-${safe(suffix)}` : ''}.csv`;
}

/** Starts a download of the text in the browser (a Blob URL on a temporary link). */
export function downloadCsv(fileName: string, text: string): void {
  // A byte order mark, so spreadsheet programs read the file as UTF-8.
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
