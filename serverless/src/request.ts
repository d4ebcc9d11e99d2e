/**
 * Reading and checking a history request (a Twilio Function `event`: JSON or form fields
 * merged into one object, so numbers may arrive as text). Every problem is one sentence
 * that says what to send instead.
 */
import {
  HISTORY_DEFAULT_PAGE_SIZE,
  HISTORY_MAX_PAGE_SIZE,
  HISTORY_MAX_RANGE_DAYS,
  HISTORY_RETENTION_DAYS,
  identifierOf,
  type HistoryErrorCode,
  type Identifier,
} from '../../src/core';

const DAY_MS = 86_400_000;
/** Clock skew and request latency: a `from` computed by the browser as "30 days ago" still passes. */
export const RETENTION_SLACK_MS = 3_600_000;
/** Opaque cursors this function issues stay far below this; anything longer is not ours. */
export const MAX_CURSOR_LENGTH = 16_384;
const MAX_TOKEN_LENGTH = 16_384;

/** `2026-11-21T00:00:00Z`, `2026-11-21T01:00:00.250+01:00`: a date, a time and an offset. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

export interface RangeInput {
  /** `events` (pages of events, the default) or `teamAverage` (the caller's team's day cells). */
  readonly kind: 'events' | 'teamAverage';
  readonly token: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly cursor?: string;
  /** Absent when the caller did not ask for one (a cursor then keeps its own). */
  readonly pageSize?: number;
}

/** `kind: 'conversation'`: one conversation by an identifier. */
export interface LookupInput {
  readonly kind: 'conversation';
  readonly token: string;
  readonly id: Identifier;
  /** Where to look: `from` / `to` as sent, else the last 30 days up to now. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Whether `from` / `to` were sent: a cursor keeps its own range where they were not. */
  readonly fromGiven: boolean;
  readonly toGiven: boolean;
  readonly cursor?: string;
}

export type HistoryInput = RangeInput | LookupInput;

export interface InputProblem {
  readonly status: number;
  readonly code: HistoryErrorCode;
  readonly message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Epoch ms of an ISO 8601 instant with an offset; undefined for anything else (including 2026-02-30). */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  // Date.UTC rolls 30 February over into March; a round trip catches it.
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

function problem(status: number, code: HistoryErrorCode, message: string): InputProblem {
  return { status, code, message };
}

/** The Flex token of a request (`Token`), or undefined. */
export function tokenOf(event: unknown): string | undefined {
  if (!isRecord(event)) return undefined;
  const t = event.Token;
  return typeof t === 'string' && t.trim() !== '' ? t.trim() : undefined;
}

/** The request's fields, checked against the contract and the clock (`nowMs`). */
export function readInput(event: unknown, nowMs: number): HistoryInput | InputProblem {
  if (!isRecord(event)) return problem(400, 'bad_request', 'the request body must be an object with Token, from and to');
  const token = tokenOf(event);
  if (token === undefined) return problem(401, 'missing_token', 'send the Flex user token in the Token field');
  if (token.length > MAX_TOKEN_LENGTH) return problem(401, 'invalid_token', 'the Token is too long to be a Flex token');
  const k = event.kind;
  if (k !== undefined && k !== null && k !== '' && k !== 'events' && k !== 'teamAverage' && k !== 'conversation') {
    return problem(400, 'bad_request', 'kind must be "events" (the default), "teamAverage" or "conversation"');
  }
  const kind = k === 'teamAverage' || k === 'conversation' ? k : 'events';
  const absent = (v: unknown): boolean => v === undefined || v === null || v === '';

  let id: Identifier | undefined;
  if (kind === 'conversation') {
    const v = event.id;
    id = typeof v === 'string' ? identifierOf(v) : undefined;
    if (!id) {
      return problem(400, 'bad_request', 'id must be a task (WT…), reservation (WR…), conversation or channel (CH…) or call (CA…) sid: two letters and 32 hex digits');
    }
    if (!absent(event.pageSize)) return problem(400, 'bad_request', 'pageSize is for pages of events; a conversation comes whole');
  }

  const instant = (name: 'from' | 'to'): number | InputProblem => {
    const v = event[name];
    // A lookup looks over the last 30 days unless told where.
    if (kind === 'conversation' && absent(v)) return name === 'from' ? nowMs - HISTORY_RETENTION_DAYS * DAY_MS : nowMs;
    if (absent(v)) return problem(400, 'bad_request', `${name} is missing: send an ISO 8601 instant such as 2026-11-21T00:00:00Z`);
    if (typeof v !== 'string') return problem(400, 'bad_request', `${name} must be an ISO 8601 instant in a string, got ${typeof v}`);
    const ms = parseIsoInstant(v.trim());
    if (ms === undefined) {
      return problem(400, 'bad_request', `${name} "${v.slice(0, 64)}" is not an ISO 8601 instant with a time and an offset (2026-11-21T00:00:00Z)`);
    }
    return ms;
  };
  const fromMs = instant('from');
  if (typeof fromMs !== 'number') return fromMs;
  const toMs = instant('to');
  if (typeof toMs !== 'number') return toMs;
  if (fromMs >= toMs) return problem(400, 'bad_request', 'from must be before to');
  if (toMs - fromMs > HISTORY_MAX_RANGE_DAYS * DAY_MS) {
    return problem(400, 'range_too_long', `from and to may be at most ${HISTORY_MAX_RANGE_DAYS} days apart; ask for the range in parts`);
  }
  if (fromMs < nowMs - HISTORY_RETENTION_DAYS * DAY_MS - RETENTION_SLACK_MS) {
    return problem(400, 'range_too_long', `from is more than ${HISTORY_RETENTION_DAYS} days back; TaskRouter keeps events for ${HISTORY_RETENTION_DAYS} days`);
  }

  let cursor: string | undefined;
  const c = event.cursor;
  if (!absent(c)) {
    if (typeof c !== 'string' || c.length > MAX_CURSOR_LENGTH) return problem(400, 'bad_request', 'cursor must be the cursor string of the previous page, unchanged');
    cursor = c;
  }
  if (id) return { kind: 'conversation', token, id, fromMs, toMs, fromGiven: !absent(event.from), toGiven: !absent(event.to), cursor };

  let pageSize: number | undefined;
  const ps = event.pageSize;
  if (ps !== undefined && ps !== null && ps !== '') {
    const n = typeof ps === 'number' ? ps : typeof ps === 'string' && /^\d+$/.test(ps.trim()) ? Number(ps) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > HISTORY_MAX_PAGE_SIZE) {
      return problem(400, 'bad_request', `pageSize must be an integer from 1 to ${HISTORY_MAX_PAGE_SIZE} (default ${HISTORY_DEFAULT_PAGE_SIZE})`);
    }
    pageSize = n;
  }
  return { kind: kind === 'teamAverage' ? 'teamAverage' : 'events', token, fromMs, toMs, cursor, pageSize };
}

export const isProblem = (x: HistoryInput | InputProblem): x is InputProblem => 'code' in x;
