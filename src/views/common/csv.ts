/**
 * CSV of a table as shown: the same columns, the same filtered and sorted rows, the same
 * formatting the person sees. A cell starting with `=`, `+`, `-`, `@`, tab or carriage
 * return is prefixed with `'` so a spreadsheet never runs it as a formula (names and chat
 * text come from customers). Written here rather than with papaparse (18 KB of the
 * bundle for one function), quoting as papaparse's unparse does: a cell is quoted when it
 * holds a comma, a quote, a line break or a byte order mark, or starts or ends with a
 * space; quotes inside are doubled.
 */

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

const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

function quoted(v: string | number): string {
  const text = String(v);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text (header line, then one line per row; CRLF line ends, as RFC 4180 has them). */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  const line = (cells: readonly (string | number)[]): string => cells.map(quoted).join(',');
  const lines = rows.map((r) => line(columns.map((c) => cell(c.value(r)))));
  if (!columns.length) return lines.join('\r\n');
  // No rows: the header line then an empty line, as papaparse wrote it.
  return [line(columns.map((c) => cell(c.header))), ...(lines.length ? lines : [''])].join('\r\n');
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
