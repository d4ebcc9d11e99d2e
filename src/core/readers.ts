/**
 * Adapters from the wire formats of TaskRouter events to the canonical `TrEvent`:
 * Event Streams CloudEvents (fields in `data.payload`, snake_case), TaskRouter Events API
 * resources (`event_type`, `event_date_ms`, `event_data`), the same resources as
 * twilio-node's `events.list()` gives them (`eventType`, `eventDateMs`, `eventData`, whose
 * fields stay snake_case), EventCallbackUrl form fields (PascalCase), and a bare Event
 * Streams payload (`eventtype`). Never throws: every record becomes an event, an ignored
 * type, or a rejection with a one-line reason.
 */
import { TRANSFER_MARK, entityKindOf, knownType, type Attributes, type TrEvent } from './events';

export type ReadOutcome =
  | { readonly kind: 'event'; readonly event: TrEvent }
  | { readonly kind: 'ignored'; readonly type: string }
  | { readonly kind: 'rejected'; readonly reason: string };

type Fields = Record<string, unknown>;

const CLOUD_PREFIX = 'com.twilio.taskrouter.';

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const DIGITS = /^\d+(\.\d+)?$/;
/** The last instant a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** Epoch ms from an ISO string, epoch ms, or epoch seconds (numbers below 1e11 are seconds). */
export function toEpochMs(v: unknown): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) return undefined;
    const ms = v < 1e11 ? Math.round(v * 1000) : Math.round(v);
    return ms <= MAX_DATE_MS ? ms : undefined;
  }
  if (typeof v !== 'string' || v === '') return undefined;
  const fast = isoUtcMs(v);
  if (fast !== undefined) return fast;
  if (DIGITS.test(v)) return toEpochMs(Number(v));
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Two decimal digits at `i`, or NaN (which fails every range check below). */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `2026-11-20T10:00:03.123Z` without Date.parse, which is slow and this is the form
 * every event of Event Streams carries. Anything else returns undefined (the slow path).
 */
function isoUtcMs(s: string): number | undefined {
  const n = s.length;
  if ((n !== 24 && n !== 20) || s.charCodeAt(n - 1) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = d2(s, 0) * 100 + d2(s, 2);
  const mo = d2(s, 5), d = d2(s, 8), h = d2(s, 11), mi = d2(s, 14), sec = d2(s, 17);
  let ms = 0;
  if (n === 24) {
    const last = s.charCodeAt(22) - 48;
    if (s.charCodeAt(19) !== 46 || last < 0 || last > 9) return undefined;
    ms = d2(s, 20) * 10 + last;
  }
  if (!(y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && sec <= 59 && ms >= 0 && ms <= 999)) return undefined;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1] + (leap ? 1 : 0)) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/**
 * Is this a list of records to expand? A JSON array (a webhook sink's batch), an Events
 * API page (`events`), or a Twilio Function's `event` object: the runtime turns a JSON
 * array body into an object keyed `"0"`, `"1"`, … and adds `request` (headers, cookies).
 */
export function recordsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.events) && !('event_type' in value) && !('type' in value)) return value.events;
  if ('0' in value) return numberedRecords(value);
  return undefined;
}

const INDEX_KEY = /^(0|[1-9]\d*)$/;

/** The values of an object keyed 0, 1, 2, … (and `request`), in key order; else undefined. */
function numberedRecords(value: Fields): unknown[] | undefined {
  const keys = Object.keys(value);
  const out: unknown[] = [];
  // Integer keys enumerate first and in ascending order.
  for (const k of keys) {
    if (INDEX_KEY.test(k)) out.push(value[k]);
    else if (k !== 'request') return undefined;
  }
  return out;
}

/** Where a record's fields are, once its wire format is known. */
type Sink<R> = (type: unknown, time: unknown, sid: unknown, f: Fields, n: FieldNames, resourceSid: unknown) => R;

/** Finds the format of a record and hands its fields to `sink`; rejects what has no format. */
function locate<R>(record: unknown, sink: Sink<R>): R | ReadOutcome {
  if (!isObject(record)) return reject(record === null ? 'record is null' : `record is ${Array.isArray(record) ? 'an array' : typeof record}, not an object`);
  if (typeof record.specversion === 'string' || (typeof record.type === 'string' && isObject(record.data))) {
    const data = isObject(record.data) ? record.data : undefined;
    const payload = data && isObject(data.payload) ? data.payload : data;
    let type: unknown = record.type;
    if (typeof type === 'string') {
      if (!type.startsWith(CLOUD_PREFIX)) return type === '' ? reject('empty event type') : { kind: 'ignored', type };
      type = type.slice(CLOUD_PREFIX.length);
    } else if (payload) {
      type = payload.eventtype;
    }
    if (!payload) return reject('CloudEvent has no data');
    return sink(type, payload.timestamp ?? data?.timestamp ?? record.time, payload.sid ?? data?.sid ?? record.id, payload, SNAKE, payload.resource_sid);
  }
  if ('event_type' in record) {
    const d = isObject(record.event_data) ? record.event_data : {};
    return sink(record.event_type, record.event_date_ms ?? record.event_date, record.sid, d, SNAKE, record.resource_sid);
  }
  if ('eventType' in record) {
    // twilio-node: the resource's keys in camelCase, `eventData` as the API sent it.
    const d = isObject(record.eventData) ? record.eventData : {};
    return sink(record.eventType, record.eventDateMs ?? record.eventDate, record.sid, d, SNAKE, record.resourceSid);
  }
  if ('EventType' in record) {
    return sink(record.EventType, record.TimestampMs ?? record.Timestamp, record.Sid ?? record.EventSid, record, PASCAL, record.ResourceSid);
  }
  if ('eventtype' in record) return sink(record.eventtype, record.timestamp, record.sid, record, SNAKE, record.resource_sid);
  return reject('no event type (expected type, event_type, eventType, EventType or eventtype)');
}

/**
 * One reader per input: it caches parsed attribute JSON per task and worker, because the
 * same attributes ride on every event of a task and re-parsing them would double the cost.
 */
export class EventReader {
  /** Per task (or worker) sid: the last attributes text seen and what it parsed to. */
  private readonly taskAttributes = new Map<string, CachedAttributes>();
  private readonly workerAttributes = new Map<string, CachedAttributes>();

  read(record: unknown): ReadOutcome {
    const out = locate(record, prepare);
    return isOutcome(out) ? out : this.readPrepared(out);
  }

  /**
   * The second half of `read` for a record whose first half (`prepareRecord`, which has
   * no state) ran elsewhere: attributes parsed, once per change of text per task or worker.
   * Takes ownership of `p`.
   */
  readPrepared(p: Prepared): ReadOutcome {
    const taskAttributes = attributesOf(this.taskAttributes, p.taskSid, p.taskAttributes);
    if (typeof taskAttributes === 'string') return reject(`${p.type}: task_attributes ${taskAttributes}`);
    const workerAttributes = attributesOf(this.workerAttributes, p.workerSid, p.workerAttributes);
    if (typeof workerAttributes === 'string') return reject(`${p.type}: worker_attributes ${workerAttributes}`);
    p.taskAttributes = taskAttributes;
    p.workerAttributes = workerAttributes;
    return { kind: 'event', event: p as TrEvent };
  }
}

/** Where each field is in a wire format: snake_case (Event Streams, Events API) or PascalCase (callbacks). */
interface FieldNames {
  readonly taskSid: string;
  readonly taskAttributes: string;
  readonly queueSid: string;
  readonly queueName: string;
  readonly channel: string;
  readonly canceledReason: string;
  readonly completedReason: string;
  readonly reason: string;
  readonly reservationSid: string;
  readonly workerSid: string;
  readonly workerName: string;
  readonly workerAttributes: string;
  readonly activityName: string;
  readonly previousActivityName: string;
  readonly previousActivityMs: string;
  readonly previousActivitySec: string;
  readonly workflowName: string;
}

const SNAKE: FieldNames = {
  taskSid: 'task_sid',
  taskAttributes: 'task_attributes',
  queueSid: 'task_queue_sid',
  queueName: 'task_queue_name',
  channel: 'task_channel_unique_name',
  canceledReason: 'task_canceled_reason',
  completedReason: 'task_completed_reason',
  reason: 'reason',
  reservationSid: 'reservation_sid',
  workerSid: 'worker_sid',
  workerName: 'worker_name',
  workerAttributes: 'worker_attributes',
  activityName: 'worker_activity_name',
  previousActivityName: 'worker_previous_activity_name',
  previousActivityMs: 'worker_time_in_previous_activity_ms',
  previousActivitySec: 'worker_time_in_previous_activity',
  workflowName: 'workflow_name',
};


const PASCAL: FieldNames = {
  taskSid: 'TaskSid',
  taskAttributes: 'TaskAttributes',
  queueSid: 'TaskQueueSid',
  queueName: 'TaskQueueName',
  channel: 'TaskChannelUniqueName',
  canceledReason: 'TaskCanceledReason',
  completedReason: 'TaskCompletedReason',
  reason: 'Reason',
  reservationSid: 'ReservationSid',
  workerSid: 'WorkerSid',
  workerName: 'WorkerName',
  workerAttributes: 'WorkerAttributes',
  activityName: 'WorkerActivityName',
  previousActivityName: 'WorkerPreviousActivityName',
  previousActivityMs: 'WorkerTimeInPreviousActivityMs',
  previousActivitySec: 'WorkerTimeInPreviousActivity',
  workflowName: 'WorkflowName',
};

interface CachedAttributes {
  readonly text: string;
  readonly parsed: Attributes | string;
}

/**
 * Entries per attributes cache. Only tasks with events in flight need one, so a few
 * thousand suffice; the oldest entry goes first. (A larger cache keeps every task's parsed
 * attributes alive for the whole input.)
 */
const CACHE_LIMIT = 4096;

/** Inserts into a bounded cache, evicting the oldest entry when it is full. */
export function boundedSet<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT && !cache.has(key)) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/**
 * Parsed attributes, undefined when absent, or a string saying what is wrong. The text
 * is compared with the entity's last one (a cheap string compare) before parsing again.
 */
function attributesOf(cache: Map<string, CachedAttributes>, sid: string | undefined, v: unknown): Attributes | undefined | string {
  if (v === undefined || v === null || v === '') return undefined;
  if (isObject(v)) return v;
  if (typeof v !== 'string') return `is ${typeof v}, not a JSON string`;
  const key = sid ?? '';
  const cached = cache.get(key);
  if (cached !== undefined && cached.text === v) return cached.parsed;
  let parsed: Attributes | string;
  try {
    const value: unknown = JSON.parse(v);
    parsed = isObject(value) ? value : 'is JSON but not an object';
  } catch {
    parsed = 'is not valid JSON';
  }
  boundedSet(cache, key, { text: v, parsed });
  return parsed;
}

/** A validated event whose attributes are still as given (JSON text). */
export type Prepared = Omit<TrEvent, 'taskAttributes' | 'workerAttributes'> & { taskAttributes?: unknown; workerAttributes?: unknown };

/** Type, time and sids checked, fields normalised; attributes are parsed after, with the caches. */
const prepare: Sink<Prepared | ReadOutcome> = (typeValue, time, sidValue, f, n, resourceSid) => {
  if (typeof typeValue !== 'string' || typeValue === '') return reject('no event type');
  const known = knownType(typeValue);
  // A transfer mark is the history function's own, never TaskRouter's: none is read from outside.
  if (known === undefined || known === TRANSFER_MARK) return { kind: 'ignored', type: typeValue };
  const type = known;
  const kind = entityKindOf(type) as 'task' | 'reservation' | 'worker';
  const ts = toEpochMs(time);
  if (ts === undefined) return reject(time === undefined || time === null || time === '' ? `${type}: no timestamp` : `${type}: timestamp ${JSON.stringify(time)} is not a date`);

  let taskSid = str(f[n.taskSid]);
  let reservationSid = str(f[n.reservationSid]);
  let workerSid = str(f[n.workerSid]);
  const resource = str(resourceSid);
  if (resource !== undefined) {
    if (kind === 'task' && taskSid === undefined && resource.startsWith('WT')) taskSid = resource;
    if (kind === 'reservation' && reservationSid === undefined && resource.startsWith('WR')) reservationSid = resource;
    if (kind === 'worker' && workerSid === undefined && resource.startsWith('WK')) workerSid = resource;
  }
  if (kind !== 'worker' && taskSid === undefined) return reject(`${type}: no task_sid`);
  if (kind === 'reservation' && reservationSid === undefined) return reject(`${type}: no reservation_sid`);
  if ((kind === 'worker' || kind === 'reservation') && workerSid === undefined) return reject(`${type}: no worker_sid`);

  const t = type;
  let previousActivityMs = num(f[n.previousActivityMs]);
  if (previousActivityMs === undefined) {
    const sec = num(f[n.previousActivitySec]);
    if (sec !== undefined) previousActivityMs = sec * 1000;
  }
  const sid = str(sidValue) ?? `${type}|${ts}|${taskSid ?? ''}|${reservationSid ?? ''}|${workerSid ?? ''}|${str(f[n.activityName]) ?? ''}`;
  return {
    sid,
    type: t,
    ts,
    taskSid,
    taskAttributes: f[n.taskAttributes],
    queueSid: str(f[n.queueSid]),
    queueName: str(f[n.queueName]),
    channel: str(f[n.channel]),
    reason:
      t === 'task.canceled' ? str(f[n.canceledReason] ?? f[n.reason]) : t === 'task.completed' ? str(f[n.completedReason] ?? f[n.reason]) : undefined,
    reservationSid,
    workerSid,
    workerName: str(f[n.workerName]),
    workerAttributes: f[n.workerAttributes],
    activityName: str(f[n.activityName]),
    previousActivityName: str(f[n.previousActivityName]),
    previousActivityMs,
    workflowName: str(f[n.workflowName]),
  };
};

export const isOutcome = (x: Prepared | ReadOutcome): x is ReadOutcome => 'kind' in x;

/** The first half of reading, with no state (so it can run in another thread). */
export function prepareRecord(record: unknown): Prepared | ReadOutcome {
  return locate(record, prepare);
}

function reject(reason: string): ReadOutcome {
  return { kind: 'rejected', reason };
}
