/**
 * The Flex Insights model a task's events derive to: queue segments, agent engagements
 * and invitations (MODEL.md §2). `deriveTask` is pure and replays one task's events in
 * lifecycle order, so the result does not depend on the order events arrived in.
 */
import { TRANSFER_MARK, type KnownEventType } from './events';

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
  /** Times of transfer marks (`TRANSFER_MARK`): another task of the conversation began then. */
  readonly transferMarks?: readonly number[];
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

type MutableReservation = { -readonly [K in keyof Reservation]: Reservation[K] };

/**
 * The fold of one task's events (task and reservation events, in the order
 * `sortStoredEvents` gives) into its queue segments and reservations. It can be resumed:
 * a task whose events are no longer kept goes on from its fold when a later event comes.
 * Edge cases: a `task.created` and a `task-queue.entered` naming the same queue are one
 * segment; a task completed while waiting ends its segment `Completed`; a cancel after a
 * workflow timeout, or with a reason that names a timeout or TTL, is `Timeout`; any other
 * cancel is `Customer Left`; a `task-queue.timeout` ends the wait in that queue `Moved`.
 */
export class TaskFold {
  private readonly segments: QueueSegment[] = [];
  private readonly reservations = new Map<string, MutableReservation>();
  private open: OpenSegment | undefined;
  private lastQueue: string | undefined;
  private channel: string | undefined;
  private timedOut = false;
  private readonly marks: number[] = [];
  /** A completed, canceled or deleted task event was seen. */
  ended = false;

  constructor(readonly taskSid: string) {}

  /** Nothing more can change: the task ended, nobody waits, every reservation is over. */
  get settled(): boolean {
    if (!this.ended || this.open) return false;
    for (const r of this.reservations.values()) {
      if (r.accepted !== undefined ? r.completed === undefined : r.endType === undefined) return false;
    }
    return true;
  }

  result(): DerivedTask {
    const open = this.open;
    return {
      sid: this.taskSid,
      channel: this.channel,
      queueSegments: open ? [...this.segments, { taskSid: this.taskSid, queue: open.queue, start: open.start }] : this.segments,
      reservations: [...this.reservations.values()],
      ...(this.marks.length > 0 ? { transferMarks: [...this.marks] } : {}),
    };
  }

  private close(ts: number, outcome: QueueOutcome): void {
    if (!this.open) return;
    this.segments.push({ taskSid: this.taskSid, queue: this.open.queue, start: this.open.start, end: ts, outcome });
    this.open = undefined;
  }

  apply(e: StoredEvent): void {
    if (this.channel === undefined && e.channel !== undefined) this.channel = e.channel;
    if (e.reservationSid !== undefined) this.applyReservation(e, e.reservationSid);
    else this.applyTask(e);
  }

  private applyReservation(e: StoredEvent, sid: string): void {
    let r = this.reservations.get(sid);
    if (!r) {
      r = { sid, taskSid: this.taskSid, workerSid: e.workerSid ?? '' };
      this.reservations.set(sid, r);
    }
    if (e.team !== undefined && (r.team === undefined || e.type === 'reservation.accepted')) r.team = e.team;
    switch (e.type) {
      case 'reservation.created':
        r.created ??= e.ts;
        r.queue ??= e.queue ?? this.open?.queue ?? this.lastQueue;
        break;
      case 'reservation.accepted':
        if (r.accepted === undefined && r.endType === undefined) {
          r.accepted = e.ts;
          r.queue = this.open?.queue ?? e.queue ?? r.queue ?? this.lastQueue;
          this.close(e.ts, 'Accepted');
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
          r.queue ??= e.queue ?? this.open?.queue ?? this.lastQueue;
        }
    }
  }

  private applyTask(e: StoredEvent): void {
    switch (e.type) {
      case 'task.created':
        if (e.queue !== undefined && !this.open) {
          this.open = { queue: e.queue, start: e.ts, byCreated: true };
          this.lastQueue = e.queue;
        }
        break;
      case 'task-queue.entered': {
        const q = e.queue ?? this.lastQueue;
        if (q === undefined) break;
        if (this.open && this.open.queue === q) {
          this.open.byCreated = false;
          break;
        }
        this.close(e.ts, 'Moved');
        this.open = { queue: q, start: e.ts, byCreated: false };
        this.lastQueue = q;
        this.timedOut = false;
        break;
      }
      case 'task-queue.moved':
        this.close(e.ts, 'Moved');
        break;
      case 'workflow.timeout':
        this.timedOut = true;
        break;
      case TRANSFER_MARK:
        if (!this.marks.includes(e.ts)) this.marks.push(e.ts);
        break;
      case 'task-queue.timeout':
        // A routing step timed out: the task leaves this queue for its next step (MODEL.md,
        // settled). Not an outcome of the conversation: a later cancel is not a timeout.
        if (e.queue === undefined || this.open?.queue === e.queue) this.close(e.ts, 'Moved');
        break;
      case 'task.canceled':
        this.ended = true;
        this.close(e.ts, this.timedOut || (e.reason !== undefined && TIMEOUT_REASON.test(e.reason)) ? 'Timeout' : 'Customer Left');
        break;
      case 'task.completed':
        this.ended = true;
        this.close(e.ts, 'Completed');
        break;
      case 'task.deleted':
      case 'task.system-deleted':
        this.ended = true;
        this.close(e.ts, 'Deleted');
        break;
      default:
        break;
    }
  }
}

/** Replays one task's events (sorted by `sortStoredEvents`) into its segments and reservations. */
export function deriveTask(taskSid: string, events: readonly StoredEvent[]): DerivedTask {
  const fold = new TaskFold(taskSid);
  for (const e of events) fold.apply(e);
  return fold.result();
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
