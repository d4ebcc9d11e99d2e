/**
 * Wire formats for simulated events: Event Streams CloudEvents (TaskRouter schema v2
 * payload) and TaskRouter Events API resources. Both carry the same snake_case fields;
 * the Events API sends every value as a string.
 */
import { WORKSPACE } from './catalog';
import type { SimEvent, SimEventType } from './types';

export const OUTPUT_FORMATS = ['eventstreams', 'eventsapi'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type PayloadValue = string | number;
export type Payload = Record<string, PayloadValue>;

const API_BASE = 'https://taskrouter.twilio.com';
const DATA_SCHEMA = 'https://events-schemas.twilio.com/TaskRouter.WDSEvent/2';

// Module-local copies: under a CommonJS transform every imported binding read is a getter call.
const ACCOUNT_SID = WORKSPACE.accountSid;
const WORKSPACE_SID = WORKSPACE.workspaceSid;
const WORKSPACE_NAME = WORKSPACE.workspaceName;
const WORKFLOW_SID = WORKSPACE.workflowSid;
const WORKFLOW_NAME = WORKSPACE.workflowName;
const WORKSPACE_PATH = `/v1/Workspaces/${WORKSPACE_SID}`;

/** A task's creation and queue-entry times recur on each of its events; keep their text. */
const ISO_CACHE = new Map<number, string>();
const ISO_CACHE_LIMIT = 8192;

function iso(ms: number): string {
  let text = ISO_CACHE.get(ms);
  if (text === undefined) {
    if (ISO_CACHE.size >= ISO_CACHE_LIMIT) ISO_CACHE.clear();
    text = new Date(ms).toISOString();
    ISO_CACHE.set(ms, text);
  }
  return text;
}

function pascalName(type: SimEventType): string {
  return type
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

const NAMES = new Map<string, string>();
function eventName(type: SimEventType): string {
  let name = NAMES.get(type);
  if (name === undefined) {
    name = pascalName(type);
    NAMES.set(type, name);
  }
  return name;
}

function eventGroup(type: SimEventType): string {
  return type.slice(0, type.indexOf('.'));
}

/** The REST path of the resource an event is about. */
export function resourcePath(ev: SimEvent): string {
  if (ev.resourceType === 'worker') return `${WORKSPACE_PATH}/Workers/${ev.resourceSid}`;
  const task = `${WORKSPACE_PATH}/Tasks/${ev.task?.sid ?? ev.resourceSid}`;
  return ev.resourceType === 'reservation' ? `${task}/Reservations/${ev.resourceSid}` : task;
}

function addTaskFields(p: Payload, ev: SimEvent): void {
  const t = ev.task;
  if (!t) return;
  p.task_sid = t.sid;
  p.task_attributes = t.attributes;
  p.task_age = Math.max(0, Math.floor((ev.timeMs - t.dateCreatedMs) / 1000));
  p.task_date_created = iso(t.dateCreatedMs);
  p.task_priority = t.priority;
  p.task_assignment_status = t.assignmentStatus;
  p.task_queue_sid = t.queueSid;
  p.task_queue_name = t.queueName;
  p.task_queue_entered_date = iso(t.queueEnteredMs);
  p.task_channel_sid = t.channelSid;
  p.task_channel_unique_name = t.channel;
  p.task_version = t.version;
  if (ev.type === 'task.canceled' && t.canceledReason !== undefined) p.task_canceled_reason = t.canceledReason;
  if (ev.type === 'task.completed' && t.completedReason !== undefined) p.task_completed_reason = t.completedReason;
}

function addWorkerFields(p: Payload, ev: SimEvent): void {
  const w = ev.worker;
  if (!w) return;
  p.worker_sid = w.sid;
  p.worker_name = w.name;
  p.worker_attributes = w.attributes;
  p.worker_activity_sid = w.activitySid;
  p.worker_activity_name = w.activityName;
  if (w.previousActivityName !== undefined && w.previousActivitySid !== undefined && w.timeInPreviousActivityMs !== undefined) {
    p.worker_previous_activity_sid = w.previousActivitySid;
    p.worker_previous_activity_name = w.previousActivityName;
    p.worker_time_in_previous_activity = Math.floor(w.timeInPreviousActivityMs / 1000);
    p.worker_time_in_previous_activity_ms = w.timeInPreviousActivityMs;
  }
  p.worker_version = w.version;
}

/** The snake_case fields shared by both formats, without the event's own sid, type and time. */
export function eventFields(ev: SimEvent): Payload {
  const p: Payload = {
    account_sid: ACCOUNT_SID,
    workspace_sid: WORKSPACE_SID,
    workspace_name: WORKSPACE_NAME,
    resource_type: ev.resourceType,
    resource_sid: ev.resourceSid,
  };
  addTaskFields(p, ev);
  if (ev.reservation) {
    p.reservation_sid = ev.reservation.sid;
    p.reservation_version = ev.reservation.version;
  }
  addWorkerFields(p, ev);
  if (ev.task) {
    p.workflow_sid = WORKFLOW_SID;
    p.workflow_name = WORKFLOW_NAME;
  }
  return p;
}

export interface EventStreamsRecord {
  readonly specversion: '1.0';
  readonly type: string;
  readonly source: string;
  readonly id: string;
  readonly dataschema: string;
  readonly datacontenttype: 'application/json';
  readonly time: string;
  readonly data: {
    readonly sid: string;
    readonly name: string;
    readonly timestamp: string;
    readonly group: string;
    readonly product_name: 'TaskRouter';
    readonly payload_type: 'application/json';
    readonly payload: Payload;
  };
}

export function toEventStreams(ev: SimEvent): EventStreamsRecord {
  const time = iso(ev.timeMs);
  const fields = eventFields(ev);
  const payload: Payload = {
    sid: ev.sid,
    eventtype: ev.type,
    account_sid: fields.account_sid,
    workspace_sid: fields.workspace_sid,
    workspace_name: fields.workspace_name,
    timestamp: time,
    ...fields,
  };
  return {
    specversion: '1.0',
    type: `com.twilio.taskrouter.${ev.type}`,
    source: resourcePath(ev),
    id: ev.sid,
    dataschema: DATA_SCHEMA,
    datacontenttype: 'application/json',
    time,
    data: {
      sid: ev.sid,
      name: eventName(ev.type),
      timestamp: time,
      group: eventGroup(ev.type),
      product_name: 'TaskRouter',
      payload_type: 'application/json',
      payload,
    },
  };
}

export type ActorType = 'worker' | 'task' | 'workspace';

/** Who caused the event: the agent's own actions, the task's lifecycle, or TaskRouter itself. */
function actorOf(ev: SimEvent): { readonly sid: string; readonly type: ActorType } {
  switch (ev.type) {
    case 'reservation.accepted':
    case 'reservation.rejected':
    case 'reservation.wrapup':
    case 'reservation.completed':
    case 'worker.activity.update':
    case 'worker.attributes.update':
      return { sid: ev.worker?.sid ?? ev.resourceSid, type: 'worker' };
    case 'reservation.created':
    case 'reservation.timeout':
    case 'reservation.rescinded':
    case 'reservation.canceled':
    case 'task-queue.entered':
    case 'task-queue.moved':
    case 'workflow.timeout':
      return { sid: WORKSPACE_SID, type: 'workspace' };
    default:
      return { sid: ev.task?.sid ?? ev.resourceSid, type: 'task' };
  }
}

const RESERVATION_VERBS: Readonly<Partial<Record<SimEventType, string>>> = {
  'reservation.created': 'created for',
  'reservation.accepted': 'accepted by',
  'reservation.rejected': 'rejected by',
  'reservation.timeout': 'timed out for',
  'reservation.rescinded': 'rescinded for',
  'reservation.canceled': 'canceled for',
  'reservation.wrapup': 'wrapped up by',
  'reservation.completed': 'completed by',
};

const TASK_VERBS: Readonly<Partial<Record<SimEventType, string>>> = {
  'task.created': 'created',
  'task.updated': 'updated',
  'task.wrapup': 'wrapping up',
  'task.completed': 'completed',
  'task.canceled': 'canceled',
  'task.deleted': 'deleted',
};

export function describe(ev: SimEvent): string {
  const task = ev.task?.sid ?? '';
  const reservationVerb = RESERVATION_VERBS[ev.type];
  if (reservationVerb !== undefined) return `Reservation ${ev.resourceSid} ${reservationVerb} worker ${ev.worker?.sid ?? ''}`;
  const taskVerb = TASK_VERBS[ev.type];
  if (taskVerb !== undefined) return `Task ${task} ${taskVerb}`;
  switch (ev.type) {
    case 'task-queue.entered':
      return `Task ${task} entered TaskQueue ${ev.task?.queueName ?? ''}`;
    case 'task-queue.moved':
      return `Task ${task} moved out of TaskQueue ${ev.task?.queueName ?? ''}`;
    case 'workflow.timeout':
      return `Task ${task} timed out of Workflow ${WORKFLOW_NAME}`;
    case 'worker.activity.update':
      return `Worker ${ev.worker?.name ?? ''} updated to ${ev.worker?.activityName ?? ''} Activity`;
    default:
      return `Worker ${ev.worker?.name ?? ''} attributes updated`;
  }
}

export interface EventsApiRecord {
  readonly account_sid: string;
  readonly actor_sid: string;
  readonly actor_type: ActorType;
  readonly actor_url: null;
  readonly description: string;
  readonly event_data: Readonly<Record<string, string>>;
  readonly event_date: string;
  readonly event_date_ms: number;
  readonly event_type: SimEventType;
  readonly resource_sid: string;
  readonly resource_type: string;
  readonly resource_url: string;
  readonly sid: string;
  readonly source: 'twilio';
  readonly source_ip_address: string;
  readonly url: string;
  readonly workspace_sid: string;
}

export function toEventsApi(ev: SimEvent): EventsApiRecord {
  const fields = eventFields(ev);
  const data: Record<string, string> = {};
  for (const key of Object.keys(fields)) data[key] = String(fields[key]);
  const actor = actorOf(ev);
  return {
    account_sid: ACCOUNT_SID,
    actor_sid: actor.sid,
    actor_type: actor.type,
    actor_url: null,
    description: describe(ev),
    event_data: data,
    event_date: iso(ev.timeMs),
    event_date_ms: ev.timeMs,
    event_type: ev.type,
    resource_sid: ev.resourceSid,
    resource_type: ev.resourceType,
    resource_url: API_BASE + resourcePath(ev),
    sid: ev.sid,
    source: 'twilio',
    source_ip_address: '127.0.0.1',
    url: `${API_BASE}${WORKSPACE_PATH}/Events/${ev.sid}`,
    workspace_sid: WORKSPACE_SID,
  };
}

/**
 * Attribute JSON rides on every event of its task or worker, and escaping it again each
 * time dominated the cost of a line; a bounded cache of the escaped forms removes that.
 */
const QUOTED = new Map<string, string>();
const QUOTED_LIMIT = 4096;

/** Sids, dates, names and enum values: nothing to escape, so skip JSON.stringify's allocation. */
const PLAIN = /^[\w .:+\-/@']*$/;

function quote(value: string): string {
  if (value.length < 64) return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
  let q = QUOTED.get(value);
  if (q === undefined) {
    if (QUOTED.size >= QUOTED_LIMIT) QUOTED.clear();
    q = JSON.stringify(value);
    QUOTED.set(value, q);
  }
  return q;
}

/** Keys are fixed snake_case identifiers, so only values need escaping. */
function serializeFlat(fields: Readonly<Record<string, PayloadValue>>): string {
  let out = '';
  for (const key in fields) {
    const v = fields[key];
    out += `${out === '' ? '{"' : ',"'}${key}":${typeof v === 'number' ? String(v) : quote(v)}`;
  }
  return out === '' ? '{}' : `${out}}`;
}

/** Same text as JSON.stringify(toEventStreams(ev)), built without re-escaping attributes. */
function eventStreamsLine(ev: SimEvent): string {
  const r = toEventStreams(ev);
  const d = r.data;
  return (
    `{"specversion":"1.0","type":"${r.type}","source":"${r.source}","id":"${r.id}","dataschema":"${r.dataschema}",` +
    `"datacontenttype":"application/json","time":"${r.time}","data":{"sid":"${d.sid}","name":"${d.name}",` +
    `"timestamp":"${d.timestamp}","group":"${d.group}","product_name":"TaskRouter","payload_type":"application/json",` +
    `"payload":${serializeFlat(d.payload)}}}`
  );
}

/** Same text as JSON.stringify(toEventsApi(ev)). */
function eventsApiLine(ev: SimEvent): string {
  const r = toEventsApi(ev);
  return (
    `{"account_sid":"${r.account_sid}","actor_sid":"${r.actor_sid}","actor_type":"${r.actor_type}","actor_url":null,` +
    `"description":${quote(r.description)},"event_data":${serializeFlat(r.event_data)},"event_date":"${r.event_date}",` +
    `"event_date_ms":${r.event_date_ms},"event_type":"${r.event_type}","resource_sid":"${r.resource_sid}",` +
    `"resource_type":"${r.resource_type}","resource_url":"${r.resource_url}","sid":"${r.sid}","source":"twilio",` +
    `"source_ip_address":"${r.source_ip_address}","url":"${r.url}","workspace_sid":"${r.workspace_sid}"}`
  );
}

/** One NDJSON line (without the newline) in the chosen format. */
export function formatEvent(ev: SimEvent, format: OutputFormat): string {
  return format === 'eventsapi' ? eventsApiLine(ev) : eventStreamsLine(ev);
}
