/**
 * The history cursor: where the next page starts, signed so a caller can neither change
 * it nor reuse it for another range or another user. It holds TaskRouter's page token
 * and page number, never a URL: the function rebuilds every request to TaskRouter
 * itself, so a cursor cannot make it fetch anything else.
 *
 *   cursor = base64url(JSON state) "." base64url(HMAC-SHA256(secret, state))
 *
 * A cursor expires `HISTORY_CURSOR_LIFETIME_MS` (15 minutes) after the page that issued
 * it: a cursor copied out of a browser stops working soon, and the plugin, which asks for
 * the next page at once, restarts a range whose cursor expired while it waited.
 *
 * The team average's cursor (`sealTeamCursor`) holds the teammates counted so far, and a
 * conversation search's (`sealLookupCursor`) the tasks it found, so they are encrypted
 * (AES-256-GCM, a key per kind), not only signed: the browser carries them without reading them.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 2;
/** What `decodeCursor` answers for a cursor past its expiry (the handler maps it to `cursor_expired`). */
export const CURSOR_EXPIRED = 'the cursor has expired; start the range again';
const TASK_SID = /^WT[0-9a-fA-F]{32}$/;
/** TaskRouter's page tokens are short; bound what a cursor may carry back to it. */
const MAX_PAGE_TOKEN_LENGTH = 512;
const PAGE_TOKEN = /^[A-Za-z0-9._~+/=-]+$/;

/** Where a listing continues: TaskRouter's `Page` and `PageToken` of its next page. */
export interface PagePosition {
  readonly page: number;
  readonly token: string;
}

export interface CursorState {
  /** The range and page size the cursor belongs to. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly pageSize: number;
  /** A digest of the caller and their scope. */
  readonly caller: string;
  /** Events received from TaskRouter so far. */
  readonly fetched: number;
  /** Epoch ms after which the cursor is refused with `cursor_expired`. */
  readonly expiresAt: number;
  /** The main listing: the next page, or `done`. Absent: it has not started. */
  readonly main?: PagePosition | 'done';
  /** Scope `self`: tasks named by the agent's reservations whose events are still to read. */
  readonly pending?: readonly string[];
  /** Scope `self`: the task being read, when it has more pages. */
  readonly task?: { readonly sid: string; readonly next: PagePosition };
  /** Scope `self`: tasks read for the previous main page (their reservations may spill over). */
  readonly recent?: readonly string[];
}

/** The digest a cursor binds to: who asked and what they may see. */
export function callerDigest(parts: readonly (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('base64url')
    .slice(0, 22);
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`insights-history-cursor:${body}`).digest();
}

export function encodeCursor(state: CursorState, secret: string): string {
  if (!secret) throw new Error('encodeCursor: a cursor secret is required (the Function passes its AUTH_TOKEN)');
  const body = Buffer.from(JSON.stringify({ v: VERSION, ...state }), 'utf8').toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function position(v: unknown): PagePosition | undefined {
  if (!isRecord(v) || !isCount(v.page) || typeof v.token !== 'string') return undefined;
  if (v.token.length === 0 || v.token.length > MAX_PAGE_TOKEN_LENGTH || !PAGE_TOKEN.test(v.token)) return undefined;
  return { page: v.page, token: v.token };
}

function taskSids(v: unknown): string[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && TASK_SID.test(s))) return undefined;
  return v as string[];
}

/** A valid page token to hand back to TaskRouter, or undefined. */
export function checkPageToken(token: string): boolean {
  return token.length > 0 && token.length <= MAX_PAGE_TOKEN_LENGTH && PAGE_TOKEN.test(token);
}

/**
 * The state of a cursor this function issued with this secret, or a reason it is not one;
 * `CURSOR_EXPIRED` when it is genuine but `nowMs` is past its expiry.
 */
export function decodeCursor(cursor: string, secret: string, nowMs: number): CursorState | string {
  const dot = cursor.indexOf('.');
  if (dot <= 0 || dot !== cursor.lastIndexOf('.')) return 'the cursor is not one this function issued';
  const body = cursor.slice(0, dot);
  const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'the cursor was changed or was not issued by this function';
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return 'the cursor is not readable';
  }
  if (!isRecord(raw) || raw.v !== VERSION) return 'the cursor is from another version of this function; start the range again';
  const { fromMs, toMs, pageSize, caller, fetched, expiresAt } = raw;
  if (!isCount(fromMs) || !isCount(toMs) || !isCount(pageSize) || typeof caller !== 'string' || !isCount(fetched) || !isCount(expiresAt)) {
    return 'the cursor is incomplete';
  }
  if (nowMs >= expiresAt) return CURSOR_EXPIRED;
  let main: CursorState['main'];
  if (raw.main === 'done') main = 'done';
  else if (raw.main !== undefined) {
    main = position(raw.main);
    if (!main) return 'the cursor holds an invalid page position';
  }
  const pending = taskSids(raw.pending);
  const recent = taskSids(raw.recent);
  if (!pending || !recent) return 'the cursor holds invalid task sids';
  let task: CursorState['task'];
  if (raw.task !== undefined) {
    const t = raw.task;
    const next = isRecord(t) ? position(t.next) : undefined;
    if (!isRecord(t) || typeof t.sid !== 'string' || !TASK_SID.test(t.sid) || !next) return 'the cursor holds an invalid task position';
    task = { sid: t.sid, next };
  }
  return { fromMs, toMs, pageSize, caller, fetched, expiresAt, main, pending, task, recent };
}

/** Where a team-average range continues, and the teammates counted in its earlier days. */
export interface TeamCursorState {
  readonly caller: string;
  /** The range's days, as asked for (day keys, both included). */
  readonly from: string;
  readonly to: string;
  /** The next day to fold. */
  readonly next: string;
  /** Digests of the teammates who engaged in the days folded so far (for the range's count). */
  readonly teammates: readonly string[];
  readonly expiresAt: number;
}

const TEAM_VERSION = 1;
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** The key of a sealed cursor of one kind, derived from the secret and the kind's label. */
function sealKey(label: string, secret: string): Buffer {
  return createHash('sha256').update(`${label}:${secret}`).digest();
}

/** `tag.iv.body.authTag`: the state encrypted and authenticated (AES-256-GCM), the tag naming its kind. */
function seal(tag: string, label: string, state: object, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(label, secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return [tag, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The JSON inside a sealed cursor of this kind, or why there is none. */
function unseal(tag: string, label: string, what: string, cursor: string, secret: string): { readonly json: unknown } | string {
  const parts = cursor.split('.');
  if (parts.length !== 4 || parts[0] !== tag) return `the cursor is not ${what} cursor this function issued`;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(label, secret), Buffer.from(parts[1], 'base64url'));
    decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
    return { json: JSON.parse(Buffer.concat([decipher.update(Buffer.from(parts[2], 'base64url')), decipher.final()]).toString('utf8')) as unknown };
  } catch {
    return 'the cursor was changed or was not issued by this function';
  }
}

const TEAM_LABEL = 'insights-team-cursor';

/** The team-average cursor, encrypted and authenticated with a key derived from the secret. */
export function sealTeamCursor(state: TeamCursorState, secret: string): string {
  if (!secret) throw new Error('sealTeamCursor: a cursor secret is required (the Function passes its AUTH_TOKEN)');
  return seal('t', TEAM_LABEL, { v: TEAM_VERSION, ...state }, secret);
}

/** The state of a team-average cursor, or why it is not one (`CURSOR_EXPIRED` past its expiry). */
export function openTeamCursor(cursor: string, secret: string, nowMs: number): TeamCursorState | string {
  const opened = unseal('t', TEAM_LABEL, 'a team-average', cursor, secret);
  if (typeof opened === 'string') return opened;
  const raw = opened.json;
  if (!isRecord(raw) || raw.v !== TEAM_VERSION) return 'the cursor is from another version of this function; start the range again';
  const { caller, from, to, next, teammates, expiresAt } = raw;
  const day = (v: unknown): v is string => typeof v === 'string' && DAY_KEY.test(v);
  if (typeof caller !== 'string' || !day(from) || !day(to) || !day(next) || !isCount(expiresAt)) return 'the cursor is incomplete';
  if (!Array.isArray(teammates) || !teammates.every((t) => typeof t === 'string')) return 'the cursor is incomplete';
  if (nowMs >= expiresAt) return CURSOR_EXPIRED;
  return { caller, from, to, next, teammates: teammates as string[], expiresAt };
}

/**
 * Where a conversation search goes on (`kind: 'conversation'` by a conversation or call
 * sid): the day slice of `task.created` events being read and the next page in it, or the
 * tasks found when the search found them too late in a request to read them there.
 */
export interface LookupCursorState {
  readonly caller: string;
  /** The identifier looked for, as `identifierOf` writes it. */
  readonly id: string;
  /** The range looked in. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The slice being read ends here (exclusive); everything from here to `toMs` has been searched. */
  readonly sliceEnd: number;
  /** The next page of that slice; absent: its first. */
  readonly at?: PagePosition;
  /** Tasks whose attributes carry the identifier, still to be read; non-empty: the search is over. */
  readonly found: readonly string[];
  readonly expiresAt: number;
}

const LOOKUP_VERSION = 1;
const LOOKUP_LABEL = 'insights-lookup-cursor';

/** The conversation search's cursor, encrypted like the team average's: it names the conversation's tasks. */
export function sealLookupCursor(state: LookupCursorState, secret: string): string {
  if (!secret) throw new Error('sealLookupCursor: a cursor secret is required (the Function passes its AUTH_TOKEN)');
  return seal('c', LOOKUP_LABEL, { v: LOOKUP_VERSION, ...state }, secret);
}

/** The state of a conversation search's cursor, or why it is not one (`CURSOR_EXPIRED` past its expiry). */
export function openLookupCursor(cursor: string, secret: string, nowMs: number): LookupCursorState | string {
  const opened = unseal('c', LOOKUP_LABEL, 'a conversation search', cursor, secret);
  if (typeof opened === 'string') return opened;
  const raw = opened.json;
  if (!isRecord(raw) || raw.v !== LOOKUP_VERSION) return 'the cursor is from another version of this function; search again';
  const { caller, id, fromMs, toMs, sliceEnd, expiresAt } = raw;
  if (typeof caller !== 'string' || typeof id !== 'string' || !isCount(fromMs) || !isCount(toMs) || !isCount(sliceEnd) || !isCount(expiresAt)) {
    return 'the cursor is incomplete';
  }
  let at: PagePosition | undefined;
  if (raw.at !== undefined) {
    at = position(raw.at);
    if (!at) return 'the cursor holds an invalid page position';
  }
  const found = taskSids(raw.found);
  if (!found) return 'the cursor holds invalid task sids';
  if (nowMs >= expiresAt) return CURSOR_EXPIRED;
  return { caller, id, fromMs, toMs, sliceEnd, ...(at ? { at } : {}), found, expiresAt };
}
