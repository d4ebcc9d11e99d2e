/**
 * A compact, checked form of `DaySnapshot` for the browser cache. Accumulators become one
 * `Float64Array` per grouping (slice index, period index, then every accumulator field in
 * `ACCUMULATOR_FIELDS` order), conversation rows become columns (`PackedRows`): cloning
 * and reading 30 days of that takes a fraction of what the same days as objects cost
 * (a property per number, an object per row). `unpackDay` trusts nothing it reads: any record that does
 * not have exactly this shape is refused with the reason.
 */
import {
  CONVERSATION_OUTCOMES,
  emptyAccumulator,
  type Accumulator,
  type ConversationOutcome,
  type ConversationRow,
  type DaySnapshot,
} from '../../core';

/** Accumulator fields in the packed order. */
export const ACCUMULATOR_FIELDS = Object.keys(emptyAccumulator()) as readonly (keyof Accumulator)[];
const FIELDS = ACCUMULATOR_FIELDS.length;
/** Numbers per packed cell: slice index, period index, the fields. */
const CELL_WIDTH = 2 + FIELDS;

/**
 * Bumped whenever a packed shape changes (days here, today's event chunks in `cache.ts`); with
 * the field lists it makes `CODEC_SCHEMA`. 2: event chunks; 3: rows carry their other
 * identifiers (`sids`); 4: an agent's days and events hold their transfer marks (days
 * cached before counted none of their transfers); 5: quarter hours per support type (and
 * per platform × support type), which days cached before lack. A cache of another schema
 * is emptied on open and filled again.
 */
const CODEC_VERSION = 5;
/** What a cache must have been written with to be read: the version and every ordered list the packing relies on. */
export const CODEC_SCHEMA = `${CODEC_VERSION}|${ACCUMULATOR_FIELDS.join(',')}|${CONVERSATION_OUTCOMES.join(',')}`;

/** One grouping's cells: distinct slices, distinct periods, and the packed values. */
export type PackedCells = [slices: string[], periods: string[], values: Float64Array];

/**
 * Numbers per packed row: id, customer (-1: none), platform, start, duration (NaN: none),
 * outcome, transfers, and the lengths of its agent, support type, task sid and other sid lists.
 */
const ROW_WIDTH = 11;

/**
 * Conversation rows by column: every distinct string once (as JSON text), each row's
 * numbers and string indexes in `numbers`, and its lists' string indexes one after
 * another in `lists`. A hundred thousand rows are then three values to clone and one
 * small JSON text to parse, instead of a million.
 */
export interface PackedRows {
  readonly strings: string;
  readonly numbers: Float64Array;
  readonly lists: Int32Array;
}

export interface PackedDay {
  readonly day: string;
  readonly cells: Record<string, PackedCells>;
  readonly rows: PackedRows;
  /** Per agent: sid, activity names, seconds (same order). */
  readonly activity: [string, string[], number[]][];
  /** sid, name (null when unknown), team. */
  readonly agents: [string, string | null, string][];
}

export function packDay(snap: DaySnapshot): PackedDay {
  const cells: Record<string, PackedCells> = {};
  for (const [id, bySlice] of Object.entries(snap.cells)) {
    const slices: string[] = [];
    const periods: string[] = [];
    const periodIndex = new Map<string, number>();
    let count = 0;
    for (const s in bySlice) for (const _p in bySlice[s]) count++;
    const values = new Float64Array(count * CELL_WIDTH);
    let at = 0;
    for (const [slice, byPeriod] of Object.entries(bySlice)) {
      const si = slices.push(slice) - 1;
      for (const [period, acc] of Object.entries(byPeriod)) {
        let pi = periodIndex.get(period);
        if (pi === undefined) periodIndex.set(period, (pi = periods.push(period) - 1));
        values[at++] = si;
        values[at++] = pi;
        for (const f of ACCUMULATOR_FIELDS) values[at++] = acc[f];
      }
    }
    cells[id] = [slices, periods, values];
  }
  const rows = packRows(snap.conversations);
  const activity = Object.entries(snap.activity).map(([sid, sec]): [string, string[], number[]] => [sid, Object.keys(sec), Object.values(sec)]);
  const agents = snap.agents.map((a): [string, string | null, string] => [a.sid, a.name ?? null, a.team]);
  return { day: snap.day, cells, rows, activity, agents };
}

function packRows(conversations: readonly ConversationRow[]): PackedRows {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (str: string): number => {
    let i = index.get(str);
    if (i === undefined) index.set(str, (i = strings.push(str) - 1));
    return i;
  };
  const numbers = new Float64Array(conversations.length * ROW_WIDTH);
  const lists: number[] = [];
  let n = 0;
  for (const r of conversations) {
    numbers[n++] = at(r.id);
    numbers[n++] = r.customerName === undefined ? -1 : at(r.customerName);
    numbers[n++] = at(r.platform);
    numbers[n++] = r.start;
    numbers[n++] = r.durationSec ?? Number.NaN;
    numbers[n++] = CONVERSATION_OUTCOMES.indexOf(r.outcome);
    numbers[n++] = r.transfers;
    numbers[n++] = r.agentNames.length;
    numbers[n++] = r.supportTypes.length;
    numbers[n++] = r.taskSids.length;
    numbers[n++] = r.sids.length;
    for (const list of [r.agentNames, r.supportTypes, r.taskSids, r.sids]) for (const str of list) lists.push(at(str));
  }
  return { strings: JSON.stringify(strings), numbers, lists: Int32Array.from(lists) };
}

/** Why a value read back is not a packed day (thrown by `unpackDay`). */
export class PackedDayError extends Error {}

/**
 * The accumulator packed at `at`, as one object literal: objects of one shape are far
 * cheaper to make and read than objects filled key by key. The order is
 * `ACCUMULATOR_FIELDS`' (a test packs distinct values into every field).
 */
function accumulatorAt(v: Float64Array, at: number): Accumulator {
  return {
    conversations: v[at], offered: v[at + 1], handled: v[at + 2], abandoned: v[at + 3], invitations: v[at + 4],
    rona: v[at + 5], rejected: v[at + 6], revoked: v[at + 7], transfers: v[at + 8], waitSum: v[at + 9],
    waitN: v[at + 10], slMet: v[at + 11], slEligible: v[at + 12], talkSum: v[at + 13], talkN: v[at + 14],
    wrapSum: v[at + 15], wrapN: v[at + 16], handleSum: v[at + 17], handleN: v[at + 18],
  };
}

const fail = (reason: string): never => {
  throw new PackedDayError(reason);
};
function isStringArray(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// `instanceof` fails for arrays cloned in another realm (a worker, a test sandbox); the tag does not.
const isFloat64Array = (v: unknown): v is Float64Array => Object.prototype.toString.call(v) === '[object Float64Array]';

const isInt32Array = (v: unknown): v is Int32Array => Object.prototype.toString.call(v) === '[object Int32Array]';

function unpackRows(value: unknown): ConversationRow[] {
  if (typeof value !== 'object' || value === null) fail('no rows');
  const { strings: text, numbers, lists } = value as Partial<PackedRows>;
  if (typeof text !== 'string' || !isFloat64Array(numbers) || !isInt32Array(lists)) fail('rows: wrong types');
  let strings: unknown;
  try {
    strings = JSON.parse(text as string);
  } catch {
    fail('rows: strings are not JSON');
  }
  if (!isStringArray(strings)) fail('rows: strings are not a list of strings');
  const table = strings as string[];
  const nums = numbers as Float64Array;
  const refs = lists as Int32Array;
  if (nums.length % ROW_WIDTH !== 0) fail('rows: not a whole number of rows');
  const str = (i: number): string => {
    const s = table[i];
    if (s === undefined) fail('rows: string index out of range');
    return s;
  };
  const count = (x: number): number => (Number.isInteger(x) && x >= 0 ? x : fail('rows: a list length is not a count'));
  const out: ConversationRow[] = [];
  let l = 0;
  const list = (length: number): string[] => {
    if (l + length > refs.length) fail('rows: lists end early');
    const items = new Array<string>(length);
    for (let k = 0; k < length; k++) items[k] = str(refs[l++]);
    return items;
  };
  for (let n = 0; n < nums.length; n += ROW_WIDTH) {
    const id = str(nums[n]);
    const customer = nums[n + 1];
    const start = nums[n + 3];
    const duration = nums[n + 4];
    const outcome = CONVERSATION_OUTCOMES[nums[n + 5]] as ConversationOutcome | undefined;
    const transfers = nums[n + 6];
    if (!Number.isFinite(start) || !(Number.isNaN(duration) || Number.isFinite(duration)) || !Number.isFinite(transfers)) fail(`row ${id}: a number is not one`);
    if (outcome === undefined) fail(`row ${id}: unknown outcome`);
    out.push({
      id,
      customerName: customer === -1 ? undefined : str(customer),
      agentNames: list(count(nums[n + 7])),
      supportTypes: list(count(nums[n + 8])),
      platform: str(nums[n + 2]),
      start,
      durationSec: Number.isNaN(duration) ? undefined : duration,
      outcome: outcome as ConversationOutcome,
      transfers,
      taskSids: list(count(nums[n + 9])),
      sids: list(count(nums[n + 10])),
    });
  }
  if (l !== refs.length) fail('rows: lists left over');
  return out;
}

/**
 * The snapshot of a packed day, checked field by field. Throws `PackedDayError` with the
 * first problem found; `expectedDay` is the record's key, which must match its content.
 */
export function unpackDay(value: unknown, expectedDay?: string): DaySnapshot {
  if (typeof value !== 'object' || value === null) fail('not an object');
  const v = value as Partial<PackedDay>;
  if (typeof v.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.day)) fail('no day key');
  const day = v.day as string;
  if (expectedDay !== undefined && day !== expectedDay) fail(`holds day ${day}, stored as ${expectedDay}`);
  if (typeof v.cells !== 'object' || v.cells === null) fail('no cells');

  const cells: Record<string, Record<string, Record<string, Accumulator>>> = {};
  for (const [id, packed] of Object.entries(v.cells as Record<string, unknown>)) {
    if (!Array.isArray(packed) || packed.length !== 3) fail(`cells ${id}: not [slices, periods, values]`);
    const [slices, periods, values] = packed as unknown[];
    if (!isStringArray(slices) || !isStringArray(periods) || !isFloat64Array(values)) fail(`cells ${id}: wrong types`);
    const vals = values as Float64Array;
    if (vals.length % CELL_WIDTH !== 0) fail(`cells ${id}: ${vals.length} values is not a whole number of cells`);
    const byGrouping: Record<string, Record<string, Accumulator>> = {};
    for (let at = 0; at < vals.length; at += CELL_WIDTH) {
      const slice = (slices as string[])[vals[at]];
      const period = (periods as string[])[vals[at + 1]];
      if (slice === undefined || period === undefined) fail(`cells ${id}: index out of range`);
      if (period.slice(0, 10) !== day) fail(`cells ${id}: period ${period} is not of day ${day}`);
      for (let f = at + 2; f < at + CELL_WIDTH; f++) if (!Number.isFinite(vals[f])) fail(`cells ${id}: a value is not a number`);
      (byGrouping[slice] ??= {})[period] = accumulatorAt(vals, at + 2);
    }
    cells[id] = byGrouping;
  }

  const conversations = unpackRows(v.rows);

  if (!Array.isArray(v.activity)) fail('no activity');
  const activity: Record<string, Record<string, number>> = {};
  for (const a of v.activity as unknown[]) {
    if (!Array.isArray(a) || a.length !== 3) fail('an activity entry is not [sid, names, seconds]');
    const [sid, names, seconds] = a as unknown[];
    if (typeof sid !== 'string' || !isStringArray(names) || !Array.isArray(seconds) || names.length !== seconds.length || !seconds.every(isFiniteNumber)) {
      fail(`activity of ${String(sid)}: wrong shape`);
    }
    const sec: Record<string, number> = {};
    (names as string[]).forEach((n, i) => (sec[n] = (seconds as number[])[i]));
    activity[sid as string] = sec;
  }

  if (!Array.isArray(v.agents)) fail('no agents');
  const agents: { sid: string; name?: string; team: string }[] = [];
  for (const a of v.agents as unknown[]) {
    if (!Array.isArray(a) || a.length !== 3 || typeof a[0] !== 'string' || (a[1] !== null && typeof a[1] !== 'string') || typeof a[2] !== 'string') {
      fail('an agent is not [sid, name, team]');
    }
    const [sid, name, team] = a as [string, string | null, string];
    agents.push(name === null ? { sid, team } : { sid, name, team });
  }
  return { day, cells, conversations, activity, agents };
}
