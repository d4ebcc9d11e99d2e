/**
 * Live-query items to canonical events. Each index has a tracker that remembers the last
 * state it saw of every item and turns a change of state into the events TaskRouter
 * would have sent for it. Seeing the same state again (a re-snapshot, a reconnect, a
 * second shard) produces nothing; and every event's sid is derived from the item and the
 * state it describes, never from when or where it was seen, so even a second source over
 * the same data produces the same sids and the engine counts each once.
 *
 * Sids: `live:<index>:<sid>:<what>[:<discriminator>]`. A transition that happens once in
 * an item's life (a task's creation, a reservation's acceptance) has no discriminator;
 * one that can repeat carries what tells the repetitions apart (the activity and the time
 * it was entered; the queue and the time it was entered; the time and a hash of new
 * attributes). `date_updated` is not part of one-off sids on purpose: it also moves when
 * something unrelated changes, and the same acceptance must keep the same sid.
 *
 * Timestamps come from the items' own date fields. Where a state was skipped (a
 * reservation first seen in wrap-up, or after a disconnect) the implied earlier step is
 * placed at the latest moment known to be before it: the item's `date_created` on first
 * sight, else the `date_updated` of the previous observation. So talk time can only be
 * over-estimated by the gap, never lost.
 */
import { toEpochMs, type Attributes, type KnownEventType, type TrEvent } from '../../core';
import type { LiveIndex } from './items';

/** Why an item left an index, as far as the source can tell. */
export interface Vanished {
  readonly index: LiveIndex;
  readonly key: string;
  /** The status (or activity) it had when last seen. */
  readonly lastStatus?: string;
}

export interface RemovalOutcome {
  readonly events: TrEvent[];
  /** Set when the removal says nothing certain about how the item ended. */
  readonly vanished?: Vanished;
}

export interface ItemTracker {
  readonly index: LiveIndex;
  /**
   * Events for a new or changed item; pushes onto `out`. Returns undefined when the item
   * was read, or why it was skipped (`no task_sid or worker_sid: skipped`; never its content).
   */
  observe(key: string, value: unknown, out: TrEvent[]): string | undefined;
  /** The item left the index (or every query that held it). */
  remove(key: string, nowMs: number): RemovalOutcome;
  /** The item left the session's scope (not the index): forgotten, nothing said about it. */
  forget(key: string): void;
  /** The sid of a known item (for placing it in a shard), or undefined. */
  sidOf(key: string): string | undefined;
  /** Keys currently known. */
  keys(): IterableIterator<string>;
  readonly size: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Attribute trees deeper than this are dropped (the item still counts, without them):
 * nothing the model reads is deeper than three levels, and a tree thousands deep makes
 * `JSON.stringify` throw, which would abort a whole snapshot.
 */
export const MAX_ATTRIBUTE_DEPTH = 64;

/**
 * Attributes whose JSON text is longer than this (256 KB, in characters) are dropped the
 * same way: what the model reads is a few hundred bytes, and every change of an item
 * serialises and hashes its attributes. Text is measured before it is parsed; an object
 * is measured by a walk that stops at the limit, so a huge tree is never serialised.
 */
export const MAX_ATTRIBUTE_TEXT = 256 * 1024;

/**
 * Why an attribute tree cannot be used, or undefined: deeper than `maxDepth`, or surely
 * longer than `maxText` as JSON (the walk counts a lower bound: keys and strings with their
 * quotes, one character per other value, two per container). Iterative: a deep tree
 * cannot overflow the stack, and the walk stops as soon as either limit is passed.
 */
function shapeProblem(v: unknown, maxDepth: number, maxText: number): 'deep' | 'large' | undefined {
  const stack: [unknown, number][] = [[v, 1]];
  let text = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return 'deep';
    const array = Array.isArray(node);
    text += 2;
    for (const [key, child] of Object.entries(node)) {
      text += (array ? 0 : key.length + 3) + (typeof child === 'string' ? child.length + 2 : 1);
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
    if (text > maxText) return 'large';
  }
  return undefined;
}

const DROPPED = 'dropped, the item counts without them';
const TOO_DEEP = `attributes nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels: ${DROPPED}`;
const TOO_LARGE = `attributes longer than ${MAX_ATTRIBUTE_TEXT / 1024} KB of JSON text: ${DROPPED}`;

/** What a value is, in words that carry none of it: `a number`, `an array`, `null`. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' || t === 'undefined' ? t : `a ${t}`;
}

/** The attributes an item may be read with, and what was wrong with them if they were dropped. */
export interface ReadAttributes {
  readonly attrs?: Attributes;
  /** Canonical text, to tell a change (`''` when there are none). */
  readonly text: string;
  /** Why attributes that were there could not be used; never their content. */
  readonly problem?: string;
}

/**
 * Attributes as an object and as canonical text, from an object or JSON text, within
 * `MAX_ATTRIBUTE_DEPTH` and `MAX_ATTRIBUTE_TEXT`. None (undefined, null, empty text) is no
 * problem; anything else that is not an object (a number, an array, text that is not JSON
 * or is JSON of something else, a tree too deep or too long) is dropped with a reason.
 */
export function readAttributes(v: unknown): ReadAttributes {
  let o: Record<string, unknown> | undefined;
  let text: string | undefined;
  if (v === undefined || v === null) return { text: '' };
  if (typeof v === 'string') {
    if (v.trim() === '') return { text: '' };
    if (v.length > MAX_ATTRIBUTE_TEXT) return { text: '!large', problem: TOO_LARGE };
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      return { text: '', problem: `attributes are not JSON: ${DROPPED}` };
    }
    if (parsed === null) return { text: '' };
    o = record(parsed);
    if (!o) return { text: '', problem: `attributes are JSON of ${kindOf(parsed)}, not of an object: ${DROPPED}` };
    text = v;
  } else {
    o = record(v);
    if (!o) return { text: '', problem: `attributes are ${kindOf(v)}, not an object or JSON text: ${DROPPED}` };
  }
  const shape = shapeProblem(o, MAX_ATTRIBUTE_DEPTH, MAX_ATTRIBUTE_TEXT);
  if (shape === 'deep') return { text: '!deep', problem: TOO_DEEP };
  if (shape === 'large') return { text: '!large', problem: TOO_LARGE };
  if (text !== undefined) return { attrs: o, text };
  try {
    text = JSON.stringify(o);
  } catch {
    // A cycle or a BigInt (only an in-process source could hand one over).
    return { text: '!unserialisable', problem: `attributes cannot be serialised: ${DROPPED}` };
  }
  return text.length > MAX_ATTRIBUTE_TEXT ? { text: '!large', problem: TOO_LARGE } : { attrs: o, text };
}

/** FNV-1a, 32 bits, as 8 hex digits: tells two attribute states apart inside a sid. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The deterministic sid of a synthesized event. */
export function liveSid(index: LiveIndex, sid: string, ...parts: (string | number)[]): string {
  return ['live', index, sid, ...parts].join(':');
}

/** Why an item that is not an object was skipped. */
export function notAnObject(v: unknown): string {
  return `the item is ${kindOf(v)}, not an object: skipped`;
}
const NO_DATE = 'no date_created or date_updated: skipped';
const NO_SIDS = 'no task_sid or worker_sid: skipped';

// ---- tr-worker ----------------------------------------------------------------

interface WorkerState {
  readonly sid: string;
  activity?: string;
  /** `date_activity_changed` as the item gives it. */
  changedAt?: number;
  /** When the current activity began for the fold (`changedAt`, or 1 ms on; see below). */
  since?: number;
  attrsText: string;
}

/** What every tracker keeps: the last state seen per item key. */
/** Where a tracker says that part of an item could not be used (the item's key and why; never its data). */
export type ItemProblem = (key: string, reason: string) => void;

abstract class StateTracker<S extends { readonly sid: string }> implements ItemTracker {
  abstract readonly index: LiveIndex;
  protected readonly state = new Map<string, S>();

  constructor(private readonly onProblem?: ItemProblem) {}

  /** The item's attributes (see `readAttributes`), any problem with them reported. */
  protected attributes(key: string, v: unknown): ReadAttributes {
    const a = readAttributes(v);
    if (a.problem !== undefined) this.onProblem?.(key, a.problem);
    return a;
  }

  get size(): number {
    return this.state.size;
  }

  keys(): IterableIterator<string> {
    return this.state.keys();
  }

  sidOf(key: string): string | undefined {
    return this.state.get(key)?.sid;
  }

  forget(key: string): void {
    this.state.delete(key);
  }

  abstract observe(key: string, value: unknown, out: TrEvent[]): string | undefined;
  abstract remove(key: string, nowMs: number): RemovalOutcome;
}

class WorkerTracker extends StateTracker<WorkerState> {
  readonly index = 'tr-worker' as const;

  observe(key: string, value: unknown, out: TrEvent[]): string | undefined {
    const item = record(value);
    if (!item) return notAnObject(value);
    const sid = str(item.worker_sid) ?? key;
    const activity = str(item.activity_name);
    const updated = toEpochMs(item.date_updated);
    const changedAt = toEpochMs(item.date_activity_changed);
    const { attrs, text } = this.attributes(key, item.attributes);
    const base = { workerSid: sid, workerName: str(item.friendly_name), workerAttributes: attrs };
    const prev = this.state.get(key);
    if (!prev) {
      const since = changedAt ?? updated;
      this.state.set(key, { sid, activity, changedAt, since, attrsText: text });
      if (activity !== undefined && since !== undefined) {
        out.push({ ...base, sid: liveSid(this.index, sid, 'activity', since, activity), type: 'worker.activity.update', ts: since, activityName: activity });
      } else if (updated !== undefined) {
        out.push({ ...base, sid: liveSid(this.index, sid, 'attributes', updated, shortHash(text)), type: 'worker.attributes.update', ts: updated });
      }
      return undefined;
    }
    // An older view of the worker than the one already seen (a late copy from another query).
    if (changedAt !== undefined && prev.changedAt !== undefined && changedAt < prev.changedAt) return undefined;
    const activityChanged = activity !== undefined && (activity !== prev.activity || (changedAt !== undefined && changedAt !== prev.changedAt));
    let since = changedAt ?? updated;
    if (activityChanged && since !== undefined) {
      // Two changes in one millisecond keep the order they were seen in: the later one
      // is stepped 1 ms on, since events at one instant are ordered by sid in the fold.
      if (prev.since !== undefined && since <= prev.since) since = prev.since + 1;
      out.push({
        ...base,
        sid: liveSid(this.index, sid, 'activity', since, activity),
        type: 'worker.activity.update',
        ts: since,
        activityName: activity,
        previousActivityName: prev.activity,
        previousActivityMs: prev.since !== undefined ? since - prev.since : undefined,
      });
      prev.activity = activity;
      prev.changedAt = changedAt;
      prev.since = since;
      prev.attrsText = text;
      return undefined;
    }
    if (text !== prev.attrsText && text !== '') {
      const ts = updated ?? since;
      if (ts !== undefined) {
        out.push({ ...base, sid: liveSid(this.index, sid, 'attributes', ts, shortHash(text)), type: 'worker.attributes.update', ts });
      }
      prev.attrsText = text;
    }
    return undefined;
  }

  remove(key: string): RemovalOutcome {
    const prev = this.state.get(key);
    this.state.delete(key);
    if (!prev) return { events: [] };
    // A worker leaves tr-worker when it is deleted; the item carries no deletion time, so
    // no `worker.deleted` is made up: its last activity runs on to the window's end.
    return { events: [], vanished: { index: this.index, key, lastStatus: prev.activity } };
  }
}

// ---- tr-task ------------------------------------------------------------------

const TASK_ENDS: Readonly<Record<string, KnownEventType>> = {
  completed: 'task.completed',
  canceled: 'task.canceled',
};

interface TaskState {
  readonly sid: string;
  status?: string;
  queue?: string;
  attrsText: string;
  updated?: number;
  wrapped: boolean;
  ended: boolean;
}

function taskStatus(v: unknown): string | undefined {
  const s = str(v)?.toLowerCase();
  return s === 'wrapup' ? 'wrapping' : s === 'cancelled' ? 'canceled' : s;
}

class TaskTracker extends StateTracker<TaskState> {
  readonly index = 'tr-task' as const;

  observe(key: string, value: unknown, out: TrEvent[]): string | undefined {
    const item = record(value);
    if (!item) return notAnObject(value);
    const sid = str(item.task_sid) ?? key;
    const status = taskStatus(item.status);
    const queue = str(item.queue_name);
    const created = toEpochMs(item.date_created);
    const updated = toEpochMs(item.date_updated) ?? created;
    const { attrs, text } = this.attributes(key, item.attributes);
    const base = {
      taskSid: sid,
      queueName: queue,
      queueSid: str(item.queue_sid),
      channel: str(item.channel_unique_name) ?? str(item.channel_type),
      taskAttributes: attrs,
    };
    let prev = this.state.get(key);
    if (!prev) {
      const at = created ?? updated;
      if (at === undefined) return NO_DATE;
      prev = { sid, status: undefined, queue, attrsText: text, updated, wrapped: false, ended: false };
      this.state.set(key, prev);
      out.push({ ...base, sid: liveSid(this.index, sid, 'created'), type: 'task.created', ts: at });
      if (queue !== undefined) {
        out.push({ ...base, sid: liveSid(this.index, sid, 'entered', queue, at), type: 'task-queue.entered', ts: at });
      }
    } else {
      if (updated !== undefined && prev.updated !== undefined && updated < prev.updated) return undefined;
      const changedAt = updated ?? prev.updated;
      if (changedAt === undefined) return undefined;
      if (queue !== undefined && queue !== prev.queue && !prev.ended) {
        out.push({ ...base, sid: liveSid(this.index, sid, 'entered', queue, changedAt), type: 'task-queue.entered', ts: changedAt });
        prev.queue = queue;
      }
      if (text !== prev.attrsText && text !== '') {
        out.push({ ...base, sid: liveSid(this.index, sid, 'updated', changedAt, shortHash(text)), type: 'task.updated', ts: changedAt });
        prev.attrsText = text;
      }
      prev.updated = changedAt;
    }
    const at = updated ?? created;
    if (at !== undefined && !prev.ended) {
      if (status === 'wrapping' && !prev.wrapped) {
        prev.wrapped = true;
        out.push({ ...base, sid: liveSid(this.index, sid, 'wrapup'), type: 'task.wrapup', ts: at });
      }
      const end = status !== undefined ? TASK_ENDS[status] : undefined;
      if (end !== undefined) {
        prev.ended = true;
        // The published item has no cancel reason (a `reason` field is read should one
        // appear): without it every cancel reads as the customer leaving, workflow
        // timeouts included.
        out.push({ ...base, sid: liveSid(this.index, sid, status as string), type: end, ts: at, reason: str(item.reason) });
      }
    }
    if (status !== undefined) prev.status = status;
    return undefined;
  }

  remove(key: string): RemovalOutcome {
    const prev = this.state.get(key);
    this.state.delete(key);
    if (!prev || prev.ended) return { events: [] };
    // An open task left the index. It was deleted, or it ended and was deleted while
    // this source was not listening (TaskRouter deletes finished tasks minutes after they
    // end): which one, and when, cannot be known here. No cancel is made up.
    return { events: [], vanished: { index: this.index, key, lastStatus: prev.status } };
  }
}

// ---- tr-reservation ---------------------------------------------------------------

const UNACCEPTED_ENDS: Readonly<Record<string, KnownEventType>> = {
  rejected: 'reservation.rejected',
  timeout: 'reservation.timeout',
  canceled: 'reservation.canceled',
  rescinded: 'reservation.rescinded',
  failed: 'reservation.failed',
};

/** How far along a reservation is: pending 0, accepted 1, wrapping 2, completed 3. */
const STEP: Readonly<Record<string, number>> = { pending: 0, accepted: 1, wrapping: 2, completed: 3 };

interface ReservationState {
  readonly sid: string;
  readonly taskSid: string;
  readonly workerSid: string;
  step: number;
  /** A never-accepted end was seen. */
  ended: boolean;
  /** The latest time known for the reservation's state. */
  updated: number;
  base: Omit<TrEvent, 'sid' | 'type' | 'ts'>;
  status: string;
}

class ReservationTracker extends StateTracker<ReservationState> {
  readonly index = 'tr-reservation' as const;

  observe(key: string, value: unknown, out: TrEvent[]): string | undefined {
    const item = record(value);
    if (!item) return notAnObject(value);
    const sid = str(item.reservation_sid) ?? str(item.sid) ?? key;
    const taskSid = str(item.task_sid);
    const workerSid = str(item.worker_sid);
    if (taskSid === undefined || workerSid === undefined) return NO_SIDS;
    const status = taskStatus(item.status) ?? 'pending';
    const created = toEpochMs(item.date_created);
    const updated = toEpochMs(item.date_updated) ?? created;
    const base = {
      taskSid,
      reservationSid: sid,
      workerSid,
      workerName: str(item.worker_name),
      queueName: str(item.queue_name),
      channel: str(item.task_channel_unique_name),
    };
    let prev = this.state.get(key);
    const emit = (what: string, type: KnownEventType, ts: number): void => {
      out.push({ ...base, sid: liveSid(this.index, sid, what), type, ts });
    };
    if (!prev) {
      const at = created ?? updated;
      if (at === undefined) return NO_DATE;
      prev = { sid, taskSid, workerSid, step: 0, ended: false, updated: at, base, status };
      this.state.set(key, prev);
      emit('created', 'reservation.created', at);
    } else if (updated !== undefined && updated < prev.updated) {
      return undefined;
    }
    prev.base = base;
    const at = updated ?? prev.updated;
    const step = STEP[status];
    if (step !== undefined && !prev.ended && step > prev.step) {
      if (prev.step < 1) emit('accepted', 'reservation.accepted', step === 1 ? at : prev.updated);
      if (step === 2) emit('wrapup', 'reservation.wrapup', at);
      if (step === 3) emit('completed', 'reservation.completed', at);
      prev.step = step;
    }
    const end = UNACCEPTED_ENDS[status];
    if (end !== undefined && !prev.ended && prev.step === 0) {
      prev.ended = true;
      emit(status, end, at);
    }
    prev.updated = Math.max(prev.updated, at);
    prev.status = status;
    return undefined;
  }

  remove(key: string, nowMs: number): RemovalOutcome {
    const prev = this.state.get(key);
    this.state.delete(key);
    if (!prev || prev.ended || prev.step === 3) return { events: [] };
    if (prev.step >= 1) {
      // An accepted reservation can only end by being completed, and Flex drops a
      // reservation from the index when it ends: its completion is known, only not its
      // exact time, which is taken as now (never before the last state seen).
      const ts = Math.max(nowMs, prev.updated);
      return { events: [{ ...prev.base, sid: liveSid(this.index, prev.sid, 'completed'), type: 'reservation.completed', ts }] };
    }
    // A pending offer that vanished: it was rejected, timed out, rescinded or canceled,
    // and the index does not say which. It stays a pending invitation.
    return { events: [], vanished: { index: this.index, key, lastStatus: prev.status } };
  }
}

/** A fresh tracker for one index. */
export function createTracker(index: LiveIndex, onProblem?: ItemProblem): ItemTracker {
  switch (index) {
    case 'tr-worker': return new WorkerTracker(onProblem);
    case 'tr-task': return new TaskTracker(onProblem);
    case 'tr-reservation': return new ReservationTracker(onProblem);
  }
}

// ---- other teams' acceptances, read from tr-task ---------------------------------

interface AcceptanceState {
  readonly reservationSid: string;
  step: number;
  updated: number;
  base: Omit<TrEvent, 'sid' | 'type' | 'ts'>;
}

/**
 * A team leader's session does not query other teams' reservations, yet their
 * acceptances end queue waits (waiting now, longest wait, service level). A `tr-task`
 * item names its accepted reservation (`accepted_reservation_sid`) and says whether it
 * is assigned, wrapping or completed: this turns that into the reservation's acceptance,
 * wrap-up and completion, under the worker sid given (the anonymous one), with the sids
 * the reservation tracker would give them, so the same step seen both ways counts once.
 * Offers that were never accepted are not in a task item, and stay unknown.
 */
export class AcceptanceTracker {
  private readonly state = new Map<string, AcceptanceState>();

  constructor(private readonly workerSid: string) {}

  observe(key: string, value: unknown, out: TrEvent[]): void {
    const item = record(value);
    if (!item) return;
    const reservationSid = str(item.accepted_reservation_sid);
    const taskSid = str(item.task_sid) ?? key;
    const status = taskStatus(item.status);
    const step = status === 'assigned' ? 1 : status === 'wrapping' ? 2 : status === 'completed' ? 3 : 0;
    const updated = toEpochMs(item.date_updated) ?? toEpochMs(item.date_created);
    if (reservationSid === undefined || step === 0 || updated === undefined) return;
    let prev = this.state.get(key);
    const base = {
      taskSid, reservationSid, workerSid: this.workerSid, queueName: str(item.queue_name),
      channel: str(item.channel_unique_name) ?? str(item.channel_type),
    };
    const emit = (what: string, type: KnownEventType, ts: number): void => {
      out.push({ ...base, sid: liveSid('tr-reservation', reservationSid, what), type, ts });
    };
    if (!prev || prev.reservationSid !== reservationSid) {
      prev = { reservationSid, step: 0, updated, base };
      this.state.set(key, prev);
    } else if (updated < prev.updated) {
      return;
    }
    prev.base = base;
    if (step > prev.step) {
      if (prev.step < 1) emit('accepted', 'reservation.accepted', step === 1 ? updated : prev.updated);
      if (step >= 2 && prev.step < 2) emit('wrapup', 'reservation.wrapup', updated);
      if (step === 3) emit('completed', 'reservation.completed', updated);
      prev.step = step;
    }
    prev.updated = Math.max(prev.updated, updated);
  }

  /** The task left the index: an acceptance not yet completed has been, as a reservation's would. */
  remove(key: string, nowMs: number, out: TrEvent[]): void {
    const prev = this.state.get(key);
    this.state.delete(key);
    if (!prev || prev.step === 0 || prev.step === 3) return;
    out.push({ ...prev.base, sid: liveSid('tr-reservation', prev.reservationSid, 'completed'), type: 'reservation.completed', ts: Math.max(nowMs, prev.updated) });
  }

  forget(key: string): void {
    this.state.delete(key);
  }
}
