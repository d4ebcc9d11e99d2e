/**
 * From text or parsed JSON to engine input, with a position for every error. The
 * position (`at`) is whatever the caller says locates the record: `line 3`, `item 2`.
 */
import type { Engine } from './engine';
import { recordsOf, type EventReader } from './readers';

/** Files one record, or each record of an array or Events API page (`events`). */
export function ingestValue(engine: Engine, reader: EventReader, value: unknown, at: string): void {
  const list = recordsOf(value);
  if (list) {
    for (let i = 0; i < list.length; i++) ingestRecord(engine, reader, list[i], list.length === 1 ? at : `${at} item ${i + 1}`);
    return;
  }
  ingestRecord(engine, reader, value, at);
}

function ingestRecord(engine: Engine, reader: EventReader, record: unknown, at: string): void {
  const out = reader.read(record);
  if (out.kind === 'event') engine.apply(out.event, at);
  else if (out.kind === 'ignored') engine.ignore();
  else engine.reject(at, out.reason);
}

/** What a record's text parsed to, or why it did not. */
export type ParsedText = { readonly value: unknown } | { readonly error: string };

/** `Key=value&Key=value`: the shape of an EventCallbackUrl body (a form field name first). */
const FORM_START = /^[A-Za-z_][A-Za-z0-9_.]*=/;

/**
 * One record's text: JSON, or an EventCallbackUrl body as TaskRouter posts it
 * (`application/x-www-form-urlencoded`, one body a line). The text is not blank.
 */
export function parseRecordText(text: string): ParsedText {
  const c = text.charCodeAt(0);
  if (c !== 123 /* { */ && c !== 91 /* [ */ && FORM_START.test(text)) return parseForm(text);
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: `not JSON (${(err as Error).message.split('\n')[0]})` };
  }
}

/** Decodes a form body into its fields (the first of a repeated name wins). */
export function parseForm(text: string): ParsedText {
  const fields: Record<string, string> = {};
  const body = text.trim();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return { error: `not a form body (bad percent-encoding in ${JSON.stringify(rawName.slice(0, 40))})` };
    }
    if (!(name in fields)) fields[name] = value;
  }
  return { value: fields };
}

/**
 * Files one record's text (an NDJSON line, one of several JSON values run together, a
 * form-encoded callback body); blank text is skipped, text that parses to nothing is rejected.
 */
export function ingestLine(engine: Engine, reader: EventReader, line: string, at: string): void {
  let start = 0;
  while (start < line.length && line.charCodeAt(start) <= 32) start++;
  if (start === line.length) return;
  const parsed = parseRecordText(start === 0 ? line : line.slice(start));
  if ('error' in parsed) {
    engine.reject(at, parsed.error);
    return;
  }
  ingestValue(engine, reader, parsed.value, at);
}

/**
 * Files a whole document: a JSON array, one JSON object (an event or an Events API page,
 * pretty-printed or not), or NDJSON. `label` prefixes positions (`file.json line 3`).
 */
export function ingestText(engine: Engine, reader: EventReader, text: string, label = ''): void {
  const prefix = label === '' ? '' : label + ' ';
  const trimmed = text.trim();
  if (trimmed === '') return;
  if (trimmed[0] === '[' || (trimmed[0] === '{' && !/\}\s*\r?\n\s*\{/.test(trimmed))) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) ingestValue(engine, reader, value[i], `${prefix}item ${i + 1}`);
      } else {
        ingestValue(engine, reader, value, `${prefix}line 1`);
      }
      return;
    }
    if (trimmed[0] === '[') {
      engine.reject(`${prefix}line 1`, 'not JSON: the document starts with [ but is not a valid JSON array');
      return;
    }
  }
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lineNo++;
    ingestLine(engine, reader, text.slice(pos, nl), `${prefix}line ${lineNo}`);
    pos = nl + 1;
  }
}
