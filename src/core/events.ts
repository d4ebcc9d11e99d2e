/**
 * The canonical TaskRouter event every source is turned into. Adapters
 * (`readers.ts`, the live Sync source, the backfill) produce it; the fold
 * (`engine.ts`) only ever reads this shape.
 */

export const TASK_EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.canceled',
  'task.completed',
  'task.deleted',
  'task.system-deleted',
  'task.wrapup',
  'task.transfer-initiated',
  'task.transfer-attempt-failed',
  'task.transfer-failed',
  'task.transfer-canceled',
  'task.transfer-completed',
  // Synthetic, never from TaskRouter: see TRANSFER_MARK.
  'insights.transfer-mark',
  'task-queue.entered',
  'task-queue.moved',
  'task-queue.timeout',
  'workflow.timeout',
] as const;

export const RESERVATION_EVENT_TYPES = [
  'reservation.created',
  'reservation.accepted',
  'reservation.rejected',
  'reservation.timeout',
  'reservation.canceled',
  'reservation.rescinded',
  'reservation.wrapup',
  'reservation.completed',
  'reservation.failed',
] as const;

export const WORKER_EVENT_TYPES = [
  'worker.activity.update',
  'worker.created',
  'worker.deleted',
  'worker.attributes.update',
] as const;

export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];
export type ReservationEventType = (typeof RESERVATION_EVENT_TYPES)[number];
export type WorkerEventType = (typeof WORKER_EVENT_TYPES)[number];
export type KnownEventType = TaskEventType | ReservationEventType | WorkerEventType;

export type Attributes = Readonly<Record<string, unknown>>;

export interface TrEvent {
  /** Event sid (EV…): the de-duplication key. */
  readonly sid: string;
  readonly type: KnownEventType;
  /** Epoch milliseconds. */
  readonly ts: number;
  readonly taskSid?: string;
  readonly taskAttributes?: Attributes;
  readonly queueSid?: string;
  readonly queueName?: string;
  readonly channel?: string;
  /** `task_canceled_reason` on task.canceled, `task_completed_reason` on task.completed. */
  readonly reason?: string;
  readonly reservationSid?: string;
  readonly workerSid?: string;
  readonly workerName?: string;
  readonly workerAttributes?: Attributes;
  readonly activityName?: string;
  readonly previousActivityName?: string;
  readonly previousActivityMs?: number;
  readonly workflowName?: string;
}

/**
 * A transfer mark: the history function's word, in an agent's history, that their task's
 * conversation went on to another task created at `ts` (the new task of a cold transfer),
 * for the task the agent held (`taskSid`) and with nothing of the new task: no sid, no
 * attributes, no queue. The fold reads it as the start of a later segment of the
 * conversation (`transferred`, MODEL.md §4). TaskRouter has no such event; the readers
 * of TaskRouter's events ignore the type.
 */
export const TRANSFER_MARK = 'insights.transfer-mark' as const;

const KIND = new Map<string, 'task' | 'reservation' | 'worker'>();
for (const t of TASK_EVENT_TYPES) KIND.set(t, 'task');
for (const t of RESERVATION_EVENT_TYPES) KIND.set(t, 'reservation');
for (const t of WORKER_EVENT_TYPES) KIND.set(t, 'worker');

/** Which entity an event type belongs to, or undefined for a type the engine does not use. */
export function entityKindOf(type: string): 'task' | 'reservation' | 'worker' | undefined {
  return KIND.get(type);
}

const CANONICAL = new Map<string, KnownEventType>();
for (const t of [...TASK_EVENT_TYPES, ...RESERVATION_EVENT_TYPES, ...WORKER_EVENT_TYPES]) CANONICAL.set(t, t);

/**
 * The engine's own string for a known type (one hashed, interned string per type, so
 * later lookups by type are cheap), or undefined for a type it does not use.
 */
export function knownType(type: string): KnownEventType | undefined {
  return CANONICAL.get(type);
}

/**
 * Lifecycle order for events that share a timestamp: created < queue moves < accepted
 * < wrapup < completed. Within one task, a queue `moved` precedes the `entered` of the
 * next queue, and a `workflow.timeout` precedes the `task.canceled` it causes.
 */
const RANK: Readonly<Record<KnownEventType, number>> = {
  'worker.created': 0,
  'task.created': 1,
  'task.updated': 2,
  'worker.attributes.update': 2,
  'task-queue.moved': 3,
  // Like a move, a routing step's timeout names the queue being left: before the next `entered`.
  'task-queue.timeout': 3,
  'task-queue.entered': 4,
  'workflow.timeout': 5,
  'reservation.created': 6,
  'reservation.accepted': 7,
  'reservation.rejected': 7,
  'reservation.timeout': 7,
  'reservation.canceled': 7,
  'reservation.rescinded': 7,
  'reservation.failed': 7,
  'worker.activity.update': 7,
  'task.transfer-initiated': 8,
  'task.transfer-attempt-failed': 8,
  'task.transfer-failed': 8,
  'task.transfer-canceled': 8,
  'task.transfer-completed': 8,
  // Ranked as the task.created it stands for: a transfer's new task starts a queue segment.
  'insights.transfer-mark': 1,
  'reservation.wrapup': 9,
  'task.wrapup': 9,
  'reservation.completed': 10,
  'task.completed': 11,
  'task.canceled': 11,
  'task.deleted': 12,
  'task.system-deleted': 12,
  'worker.deleted': 13,
};

export function lifecycleRank(type: KnownEventType): number {
  return RANK[type];
}

/** Total order of the sorted stream: time, then lifecycle, then sid (so ties are deterministic). */
export function compareEvents(a: TrEvent, b: TrEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const r = RANK[a.type] - RANK[b.type];
  if (r !== 0) return r;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}
