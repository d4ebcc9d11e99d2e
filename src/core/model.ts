/**
 * The Flex Insights model a task's events derive to: queue segments, agent engagements
 * and invitations (MODEL.md §2). `deriveTask` is pure and replays one task's events in
 * lifecycle order, so the result does not depend on the order events arrived in.
 */
import type { KnownEventType } from './events';

export const QUEUE_OUTCOMES = ['Accepted', 'Moved', 'Customer Left', 'Timeout', 'Deleted', 'Completed'] as const;
export type QueueOutcome = (typeof QUEUE_OUTCOMES)[number];

export const INVITATION_OUTCOMES = ['Accepted', 'RONA', 'Missed', 'Rejected', 'Revoked', 'Pending'] as const;
export type InvitationOutcome = (typeof INVITATION_OUTCOMES)[number];

/** What the engine keeps of one task or reservation event (strings interned). */
export interface StoredEvent {
  readonly sid: string;
  readonly type: KnownEventType;
  readonly ts: number;
  readonly rank: number;
  readonly reservationSid?: string;
  readonly workerSid?: string;
  readonly queue?: string;
  readonly channel?: string;
  readonly reason?: string;
  /** The agent's team carried by this event's worker attributes (Handling Team). */
  readonly team?: string;
}

export interface QueueSegment {
  readonly taskSid: string;
  readonly queue: string;
  readonly start: number;
  /** Undefined while the contact is still waiting. */
  readonly end?: number;
  readonly outcome?: QueueOutcome;
}

export interface Reservation {
  readonly sid: string;
  readonly taskSid: string;
  readonly workerSid: string;
  readonly team?: string;
  readonly queue?: string;
  readonly created?: number;
  readonly accepted?: number;
  readonly wrapup?: number;
  readonly completed?: number;
  /** The event that ended a never-accepted reservation. */
  readonly endType?: KnownEventType;
  readonly endTs?: number;
}

export interface DerivedTask {
  readonly sid: string;
  readonly channel?: string;
  readonly queueSegments: readonly QueueSegment[];
  readonly reservations: readonly Reservation[];
}

function byLifecycle(a: StoredEvent, b: StoredEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}

/** Sorts in place into the order of the sorted stream (time, lifecycle, sid). */
export function sortStoredEvents(events: StoredEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (byLifecycle(events[i - 1], events[i]) > 0) {
      events.sort(byLifecycle);
      return;
    }
  }
}

const TIMEOUT_REASON = /time ?out|ttl/i;

interface OpenSegment {
  queue: string;
  start: number;
  /** Opened by `task.created`: a `task-queue.entered` for the same queue is the same segment. */
  byCreated: boolean;
}

interface MutableReservation {
  sid: string;
  taskSid: string;
  workerSid: string;
  team?: string;
  queue?: string;
  created?: number;
  accepted?: number;
  wrapup?: number;
  completed?: number;
  endType?: KnownEventType;
  endTs?: number;
}

/**
 * Replays one task's events (task and reservation events, sorted by `sortStoredEvents`)
 * into its queue segments and reservations. Edge cases: a `task.created` and a
 * `task-queue.entered` naming the same queue are one segment; a task completed while
 * waiting ends its segment `Completed`; a cancel after a workflow timeout, or with a
 * reason that names a timeout or TTL, is `Timeout`; any other cancel is `Customer Left`.
 */
export function deriveTask(taskSid: string, events: readonly StoredEvent[]): DerivedTask {
  const segments: QueueSegment[] = [];
  const reservations = new Map<string, MutableReservation>();
  let open: OpenSegment | undefined;
  let lastQueue: string | undefined;
  let channel: string | undefined;
  let timedOut = false;

  const close = (ts: number, outcome: QueueOutcome): void => {
    if (!open) return;
    segments.push({ taskSid, queue: open.queue, start: open.start, end: ts, outcome });
    open = undefined;
  };

  for (const e of events) {
    if (channel === undefined && e.channel !== undefined) channel = e.channel;
    if (e.reservationSid !== undefined) {
      let r = reservations.get(e.reservationSid);
      if (!r) {
        r = { sid: e.reservationSid, taskSid, workerSid: e.workerSid ?? '' };
        reservations.set(e.reservationSid, r);
      }
      if (e.team !== undefined && (r.team === undefined || e.type === 'reservation.accepted')) r.team = e.team;
      switch (e.type) {
        case 'reservation.created':
          r.created ??= e.ts;
          r.queue ??= e.queue ?? open?.queue ?? lastQueue;
          break;
        case 'reservation.accepted':
          if (r.accepted === undefined && r.endType === undefined) {
            r.accepted = e.ts;
            r.queue = open?.queue ?? e.queue ?? r.queue ?? lastQueue;
            close(e.ts, 'Accepted');
          }
          break;
        case 'reservation.wrapup':
          r.wrapup ??= e.ts;
          break;
        case 'reservation.completed':
          r.completed ??= e.ts;
          break;
        default:
          // rejected, timeout, canceled, rescinded, failed: only a never-accepted reservation ends here
          if (r.accepted === undefined && r.endType === undefined) {
            r.endType = e.type;
            r.endTs = e.ts;
            r.queue ??= e.queue ?? open?.queue ?? lastQueue;
          }
      }
      continue;
    }
    switch (e.type) {
      case 'task.created':
        if (e.queue !== undefined && !open) {
          open = { queue: e.queue, start: e.ts, byCreated: true };
          lastQueue = e.queue;
        }
        break;
      case 'task-queue.entered': {
        const q = e.queue ?? lastQueue;
        if (q === undefined) break;
        if (open && open.queue === q) {
          open.byCreated = false;
          break;
        }
        if (open) close(e.ts, 'Moved');
        open = { queue: q, start: e.ts, byCreated: false };
        lastQueue = q;
        timedOut = false;
        break;
      }
      case 'task-queue.moved':
        close(e.ts, 'Moved');
        break;
      case 'workflow.timeout':
      case 'task-queue.timeout':
        timedOut = true;
        break;
      case 'task.canceled':
        close(e.ts, timedOut || (e.reason !== undefined && TIMEOUT_REASON.test(e.reason)) ? 'Timeout' : 'Customer Left');
        break;
      case 'task.completed':
        close(e.ts, 'Completed');
        break;
      case 'task.deleted':
      case 'task.system-deleted':
        close(e.ts, 'Deleted');
        break;
      default:
        break;
    }
  }
  if (open) segments.push({ taskSid, queue: open.queue, start: open.start });
  return { sid: taskSid, channel, queueSegments: segments, reservations: [...reservations.values()] };
}

/** Invitation outcome of a reservation by its last event (MODEL.md §2). */
export function invitationOutcome(r: Reservation): InvitationOutcome {
  if (r.accepted !== undefined) return 'Accepted';
  switch (r.endType) {
    case 'reservation.timeout':
      return 'RONA';
    case 'reservation.canceled':
    case 'reservation.failed':
      return 'Missed';
    case 'reservation.rejected':
      return 'Rejected';
    case 'reservation.rescinded':
      return 'Revoked';
    default:
      return 'Pending';
  }
}
