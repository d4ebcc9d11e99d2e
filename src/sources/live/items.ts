/**
 * The items of the Flex live-query indexes this source reads, as far as public sources
 * show them (see the comment at the top of `liveSource.ts` for where each field comes
 * from). Every field is optional here: the source checks what it gets and skips what it
 * cannot place, it never trusts the shape.
 */

export const LIVE_INDEXES = ['tr-worker', 'tr-task', 'tr-reservation'] as const;
export type LiveIndex = (typeof LIVE_INDEXES)[number];

/** Dates come as ISO 8601 text; numbers (seconds or milliseconds) are accepted too. */
export type ItemDate = string | number;

/** `tr-worker`: one item per worker, keyed by the worker sid. */
export interface WorkerItem {
  readonly worker_sid?: string;
  readonly friendly_name?: string;
  readonly activity_name?: string;
  readonly worker_activity_sid?: string;
  /** When the worker entered `activity_name`. */
  readonly date_activity_changed?: ItemDate;
  readonly date_updated?: ItemDate;
  /** The worker's attributes as an object (a JSON string is accepted too). */
  readonly attributes?: Readonly<Record<string, unknown>> | string;
  readonly workspace_sid?: string;
}

/** `tr-task`: one item per task, keyed by the task sid. */
export interface TaskItem {
  readonly task_sid?: string;
  /** pending, reserved, assigned, wrapping, completed, canceled. */
  readonly status?: string;
  readonly queue_name?: string;
  /** Not in the published item shape; read when present. */
  readonly queue_sid?: string;
  readonly channel_type?: string;
  readonly channel_unique_name?: string;
  readonly attributes?: Readonly<Record<string, unknown>> | string;
  readonly date_created?: ItemDate;
  readonly date_updated?: ItemDate;
  readonly age?: number;
  readonly priority?: number;
  readonly worker_sid?: string;
  readonly worker_name?: string;
  readonly accepted_reservation_sid?: string;
  readonly workspace_sid?: string;
}

/** `tr-reservation`: one item per reservation, keyed by the reservation sid. */
export interface ReservationItem {
  readonly reservation_sid?: string;
  readonly task_sid?: string;
  readonly worker_sid?: string;
  readonly worker_name?: string;
  /** pending, accepted, rejected, timeout, canceled, rescinded, wrapup (Flex UI reads it as wrapping), completed. */
  readonly status?: string;
  readonly task_status?: string;
  readonly queue_name?: string;
  readonly task_channel_unique_name?: string;
  /** The task's attributes. */
  readonly attributes?: Readonly<Record<string, unknown>> | string;
  readonly date_created?: ItemDate;
  readonly date_updated?: ItemDate;
  readonly task_date_created?: ItemDate;
  readonly task_age?: number;
  readonly task_priority?: number;
  readonly workspace_sid?: string;
}

/** The item field that holds each index's own sid: what the shards split on. */
export const SID_FIELD: Readonly<Record<LiveIndex, string>> = {
  'tr-worker': 'worker_sid',
  'tr-task': 'task_sid',
  'tr-reservation': 'reservation_sid',
};

/** TaskRouter sid prefixes: two capital letters, then 32 lowercase hex digits. */
export const SID_PREFIX: Readonly<Record<LiveIndex, string>> = {
  'tr-worker': 'WK',
  'tr-task': 'WT',
  'tr-reservation': 'WR',
};
