/**
 * Adapters from the four wire formats of TaskRouter events to the canonical `TrEvent`:
 * Event Streams CloudEvents (fields in `data.payload`, snake_case), TaskRouter Events API
 * resources (`event_type`, `event_date_ms`, `event_data`), EventCallbackUrl form fields
 * (PascalCase), and a bare Event Streams payload (`eventtype`). Never throws: every
 * record becomes an event, an ignored type, or a rejection with a one-line reason.
 */
import { entityKindOf, type Attributes, type KnownEventType, type TrEvent } from './events';

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
  if (DIGITS.test(v)) return toEpochMs(Number(v));
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Is this a list of records to expand (an Events API page, or a JSON array)? */
export function recordsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.events) && !('event_type' in value) && !('type' in value)) {
    return value.events;
  }
  return undefined;
}

/**
 * One reader per input: it caches parsed attribute JSON by its text, because the same
 * task's attributes ride on every one of its events and re-parsing them would double the cost.
 */
export class EventReader {
  private readonly attributeCache = new Map<string, Attributes | string>();

  read(record: unknown): ReadOutcome {
    if (!isObject(record)) return reject(record === null ? 'record is null' : `record is ${Array.isArray(record) ? 'an array' : typeof record}, not an object`);
    if (typeof record.specversion === 'string' || (typeof record.type === 'string' && isObject(record.data))) {
      return this.readCloudEvent(record);
    }
    if ('event_type' in record) return this.readEventsApi(record);
    if ('EventType' in record) return this.readCallback(record);
    if ('eventtype' in record) return this.readPayload(record, record.eventtype, record.timestamp, record.sid);
    return reject('no event type (expected type, event_type, EventType or eventtype)');
  }

  private readCloudEvent(r: Fields): ReadOutcome {
    const data = isObject(r.data) ? r.data : undefined;
    const payload = data && isObject(data.payload) ? data.payload : data;
    let type: unknown = r.type;
    if (typeof type === 'string') {
      if (!type.startsWith(CLOUD_PREFIX)) return type === '' ? reject('empty event type') : { kind: 'ignored', type };
      type = type.slice(CLOUD_PREFIX.length);
    } else if (payload) {
      type = payload.eventtype;
    }
    if (!payload) return reject('CloudEvent has no data');
    return this.readPayload(payload, type, payload.timestamp ?? data?.timestamp ?? r.time, payload.sid ?? data?.sid ?? r.id);
  }

  private readPayload(p: Fields, type: unknown, time: unknown, sid: unknown): ReadOutcome {
    return this.build(type, time, sid, {
      taskSid: p.task_sid,
      taskAttributes: p.task_attributes,
      queueSid: p.task_queue_sid,
      queueName: p.task_queue_name,
      channel: p.task_channel_unique_name,
      canceledReason: p.task_canceled_reason ?? p.reason,
      completedReason: p.task_completed_reason ?? p.reason,
      reservationSid: p.reservation_sid,
      workerSid: p.worker_sid,
      workerName: p.worker_name,
      workerAttributes: p.worker_attributes,
      activityName: p.worker_activity_name,
      previousActivityName: p.worker_previous_activity_name,
      previousActivityMs: p.worker_time_in_previous_activity_ms,
      previousActivitySec: p.worker_time_in_previous_activity,
      workflowName: p.workflow_name,
      resourceSid: p.resource_sid,
    });
  }

  private readEventsApi(r: Fields): ReadOutcome {
    const d = isObject(r.event_data) ? r.event_data : {};
    return this.build(r.event_type, r.event_date_ms ?? r.event_date, r.sid, {
      taskSid: d.task_sid,
      taskAttributes: d.task_attributes,
      queueSid: d.task_queue_sid,
      queueName: d.task_queue_name,
      channel: d.task_channel_unique_name,
      canceledReason: d.task_canceled_reason ?? d.reason,
      completedReason: d.task_completed_reason ?? d.reason,
      reservationSid: d.reservation_sid,
      workerSid: d.worker_sid,
      workerName: d.worker_name,
      workerAttributes: d.worker_attributes,
      activityName: d.worker_activity_name,
      previousActivityName: d.worker_previous_activity_name,
      previousActivityMs: d.worker_time_in_previous_activity_ms,
      previousActivitySec: d.worker_time_in_previous_activity,
      workflowName: d.workflow_name,
      resourceSid: r.resource_sid,
    });
  }

  private readCallback(r: Fields): ReadOutcome {
    return this.build(r.EventType, r.TimestampMs ?? r.Timestamp, r.Sid ?? r.EventSid, {
      taskSid: r.TaskSid,
      taskAttributes: r.TaskAttributes,
      queueSid: r.TaskQueueSid,
      queueName: r.TaskQueueName,
      channel: r.TaskChannelUniqueName,
      canceledReason: r.TaskCanceledReason ?? r.Reason,
      completedReason: r.TaskCompletedReason ?? r.Reason,
      reservationSid: r.ReservationSid,
      workerSid: r.WorkerSid,
      workerName: r.WorkerName,
      workerAttributes: r.WorkerAttributes,
      activityName: r.WorkerActivityName,
      previousActivityName: r.WorkerPreviousActivityName,
      previousActivityMs: r.WorkerTimeInPreviousActivityMs,
      previousActivitySec: r.WorkerTimeInPreviousActivity,
      workflowName: r.WorkflowName,
      resourceSid: r.ResourceSid,
    });
  }

  private build(typeValue: unknown, time: unknown, sidValue: unknown, f: RawFields): ReadOutcome {
    if (typeof typeValue !== 'string' || typeValue === '') return reject('no event type');
    const type = typeValue;
    const kind = entityKindOf(type);
    if (kind === undefined) return { kind: 'ignored', type };
    const ts = toEpochMs(time);
    if (ts === undefined) return reject(time === undefined || time === null || time === '' ? `${type}: no timestamp` : `${type}: timestamp ${JSON.stringify(time)} is not a date`);

    let taskSid = str(f.taskSid);
    let reservationSid = str(f.reservationSid);
    let workerSid = str(f.workerSid);
    const resource = str(f.resourceSid);
    if (resource !== undefined) {
      if (kind === 'task' && taskSid === undefined && resource.startsWith('WT')) taskSid = resource;
      if (kind === 'reservation' && reservationSid === undefined && resource.startsWith('WR')) reservationSid = resource;
      if (kind === 'worker' && workerSid === undefined && resource.startsWith('WK')) workerSid = resource;
    }
    if (kind !== 'worker' && taskSid === undefined) return reject(`${type}: no task_sid`);
    if (kind === 'reservation' && reservationSid === undefined) return reject(`${type}: no reservation_sid`);
    if ((kind === 'worker' || kind === 'reservation') && workerSid === undefined) return reject(`${type}: no worker_sid`);

    const taskAttributes = this.attributes(f.taskAttributes);
    if (typeof taskAttributes === 'string') return reject(`${type}: task_attributes ${taskAttributes}`);
    const workerAttributes = this.attributes(f.workerAttributes);
    if (typeof workerAttributes === 'string') return reject(`${type}: worker_attributes ${workerAttributes}`);

    const t = type as KnownEventType;
    let previousActivityMs = num(f.previousActivityMs);
    if (previousActivityMs === undefined) {
      const sec = num(f.previousActivitySec);
      if (sec !== undefined) previousActivityMs = sec * 1000;
    }
    const sid =
      str(sidValue) ?? `${type}|${ts}|${taskSid ?? ''}|${reservationSid ?? ''}|${workerSid ?? ''}|${str(f.activityName) ?? ''}`;
    const event: TrEvent = {
      sid,
      type: t,
      ts,
      taskSid,
      taskAttributes,
      queueSid: str(f.queueSid),
      queueName: str(f.queueName),
      channel: str(f.channel),
      reason: t === 'task.canceled' ? str(f.canceledReason) : t === 'task.completed' ? str(f.completedReason) : undefined,
      reservationSid,
      workerSid,
      workerName: str(f.workerName),
      workerAttributes,
      activityName: str(f.activityName),
      previousActivityName: str(f.previousActivityName),
      previousActivityMs,
      workflowName: str(f.workflowName),
    };
    return { kind: 'event', event };
  }

  /** Parsed attributes, undefined when absent, or a string saying what is wrong. */
  private attributes(v: unknown): Attributes | undefined | string {
    if (v === undefined || v === null || v === '') return undefined;
    if (isObject(v)) return v;
    if (typeof v !== 'string') return `is ${typeof v}, not a JSON string`;
    const cached = this.attributeCache.get(v);
    if (cached !== undefined) return cached;
    let result: Attributes | string;
    try {
      const parsed: unknown = JSON.parse(v);
      result = isObject(parsed) ? parsed : 'is JSON but not an object';
    } catch {
      result = 'is not valid JSON';
    }
    if (this.attributeCache.size >= 20_000) this.attributeCache.clear();
    this.attributeCache.set(v, result);
    return result;
  }
}

interface RawFields {
  taskSid: unknown;
  taskAttributes: unknown;
  queueSid: unknown;
  queueName: unknown;
  channel: unknown;
  canceledReason: unknown;
  completedReason: unknown;
  reservationSid: unknown;
  workerSid: unknown;
  workerName: unknown;
  workerAttributes: unknown;
  activityName: unknown;
  previousActivityName: unknown;
  previousActivityMs: unknown;
  previousActivitySec: unknown;
  workflowName: unknown;
  resourceSid: unknown;
}

function reject(reason: string): ReadOutcome {
  return { kind: 'rejected', reason };
}
