/**
 * CSV of a table as shown: the same columns, the same filtered and sorted rows, labels as
 * on screen; but values a spreadsheet reads right (a column's `csv`, where its `value` is
 * formatted for the eye): plain numbers with no thousands separator, durations in whole
 * seconds (header `… (s)`), every rate as a percentage number with two decimals at most
 * (header `… %`), times as ISO 8601 with the zone's offset. A cell starting with `=`, `+`, `-`, `@`, tab or carriage
 * return is prefixed with `'` so a spreadsheet never runs it as a formula (names and chat
 * text come from customers). Written here rather than with papaparse (18 KB of the
 * bundle for one function), quoting as papaparse's unparse does: a cell is quoted when it
 * holds a comma, a quote, a line break or a byte order mark, or starts or ends with a
 * space; quotes inside are doubled.
 */

export interface CsvColumn<R> {
  readonly header: string;
  readonly value: (row: R) => string | number | null | undefined;
  /** The CSV's value where `value` is formatted for the eye (`csvSeconds`, `csvPercent`, `csvInstant`). */
  readonly csv?: (row: R) => string | number | null | undefined;
  /** The CSV's header where it differs (a unit added): `csvHeader`. */
  readonly csvHeader?: string;
}

/** Whole seconds, for a duration column. */
export function csvSeconds(sec: number | null | undefined): number | null {
  return sec === null || sec === undefined || !Number.isFinite(sec) ? null : Math.round(sec);
}

/** A rate (0..1) as a percentage number, two decimals at most: 0.0341 → 3.41. */
export function csvPercent(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? null : Math.round(rate * 10_000) / 100;
}

/** A header with its unit: `Avg handle (s)`; a rate's `%` once (`RONA %` stays). */
export function csvHeader(header: string, unit: 's' | '%'): string {
  if (unit === '%') return /%$/.test(header) ? header : `${header} %`;
  return `${header} (s)`;
}

const offsetText = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** An instant as ISO 8601 in the zone, with its offset: `2026-11-19T15:03:07+11:00`. */
export function csvInstant(ms: number | null | undefined, timeZone: string | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(n);
  const whole = Math.floor(ms / 1000) * 1000;
  const offset = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - whole) / 60_000);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${offsetText(offset)}`;
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
  const lines = rows.map((r) => line(columns.map((c) => cell((c.csv ?? c.value)(r)))));
  if (!columns.length) return lines.join('\r\n');
  // No rows: the header line then an empty line, as papaparse wrote it.
  return [line(columns.map((c) => cell(c.csvHeader ?? c.header))), ...(lines.length ? lines : [''])].join('\r\n');
}

/** A file name for a table's CSV: `insights-agents-2026-11-21.csv`. */
export function csvFileName(table: string, suffix: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `insights-${safe(table)}${suffix ? `-${safe(suffix)}` : ''}.csv`;
}

/** Starts a download of the text in the browser (a Blob URL on a temporary link). */
export function downloadFile(fileName: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads a CSV, with a byte order mark so spreadsheet programs read it as UTF-8. */
export function downloadCsv(fileName: string, text: string): void {
  downloadFile(fileName, ['\ufeff', text], 'text/csv;charset=utf-8');
}
