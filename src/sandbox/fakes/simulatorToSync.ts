/**
 * Plays TaskRouter for the fake insights client: applies simulated events to the
 * `tr-task`, `tr-reservation` and `tr-worker` indexes the way the real indexes would
 * change, so the live source can be driven by `simulate()`.
 *
 *   const feed = new SimulatorToSync(client);
 *   feed.seedWorkers(workersAtStart(events, startMs));
 *   for (const ev of events) feed.apply(ev);
 *
 * Items carry the fields listed in src/sources/live/items.ts, dates as ISO text and
 * attributes as objects. A task that ended stays in `tr-task` (with its reservations)
 * for `retentionMs`, then leaves the index, as TaskRouter deletes finished tasks a few
 * minutes after they end; an offer that ended unaccepted leaves `retentionMs` after its
 * end. A deleted task leaves at once. Nothing here knows a workflow timeout or a cancel
 * reason: the indexes have no field for them.
 */
import type { ReservationItem, TaskItem, WorkerItem } from '../../sources/live';
import { ACTIVITY_SIDS, WORKSPACE, type ActivityName, type SimEvent, type SimEventType, type TaskSnapshot } from '../../sources/simulator';

/** Where the items go: the fake client, or anything with the same two methods. */
export interface SyncIndexWriter {
  set(index: string, key: string, value: object): void;
  remove(index: string, key: string): void;
}

export interface SimulatorToSyncOptions {
  /** How long an ended task or offer stays in its index (default 5 minutes). */
  readonly retentionMs?: number;
}

const RESERVATION_STATUS: Readonly<Partial<Record<SimEventType, string>>> = {
  'reservation.created': 'pending',
  'reservation.accepted': 'accepted',
  'reservation.rejected': 'rejected',
  'reservation.timeout': 'timeout',
  'reservation.rescinded': 'rescinded',
  'reservation.canceled': 'canceled',
  'reservation.wrapup': 'wrapup',
  'reservation.completed': 'completed',
};

const UNACCEPTED_ENDS = new Set(['rejected', 'timeout', 'rescinded', 'canceled']);

const iso = (ms: number): string => new Date(ms).toISOString();

function parseAttributes(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

interface Eviction {
  readonly at: number;
  readonly index: 'tr-task' | 'tr-reservation';
  readonly key: string;
}

/** Applies simulated events to the live-query indexes, in time order. */
export class SimulatorToSync {
  private readonly retentionMs: number;
  private readonly tasks = new Map<string, TaskItem>();
  private readonly taskAttributesText = new Map<string, string>();
  private readonly reservations = new Map<string, ReservationItem>();
  private readonly reservationsOf = new Map<string, string[]>();
  private readonly workers = new Map<string, WorkerItem>();
  private readonly evictions: Eviction[] = [];
  private nextEviction = 0;

  constructor(private readonly target: SyncIndexWriter, options: SimulatorToSyncOptions = {}) {
    this.retentionMs = options.retentionMs ?? 5 * 60_000;
  }

  /** Puts workers in `tr-worker` as they are before the first event (see `workersAtStart`). */
  seedWorkers(items: readonly WorkerItem[]): void {
    for (const item of items) {
      if (item.worker_sid === undefined) continue;
      this.workers.set(item.worker_sid, item);
      this.target.set('tr-worker', item.worker_sid, item);
    }
  }

  /** A worker's attributes as `tr-worker` holds them now (undefined for a worker not met yet). */
  workerAttributes(sid: string): Readonly<Record<string, unknown>> | undefined {
    return this.workers.get(sid)?.attributes as Readonly<Record<string, unknown>> | undefined;
  }

  apply(ev: SimEvent): void {
    this.evictUntil(ev.timeMs);
    if (ev.type === 'worker.activity.update' || ev.type === 'worker.attributes.update') {
      this.applyWorker(ev);
      return;
    }
    const task = ev.task;
    if (!task) return;
    if (ev.type === 'task.deleted') {
      this.dropTask(task.sid);
      return;
    }
    this.applyTask(ev, task);
    const status = RESERVATION_STATUS[ev.type];
    if (status !== undefined && ev.reservation) this.applyReservation(ev, task, ev.reservation.sid, status);
  }

  /** Lets every item whose retention ended by `ms` leave its index. */
  evictUntil(ms: number): void {
    const list = this.evictions;
    while (this.nextEviction < list.length && list[this.nextEviction].at <= ms) {
      const e = list[this.nextEviction++];
      if (e.index === 'tr-task') this.dropTask(e.key);
      else this.dropReservation(e.key);
    }
    if (this.nextEviction > 1024 && this.nextEviction * 2 > list.length) {
      list.splice(0, this.nextEviction);
      this.nextEviction = 0;
    }
  }

  private attributesOf(task: TaskSnapshot): Record<string, unknown> {
    const previous = this.tasks.get(task.sid);
    if (previous && this.taskAttributesText.get(task.sid) === task.attributes) return previous.attributes as Record<string, unknown>;
    this.taskAttributesText.set(task.sid, task.attributes);
    return parseAttributes(task.attributes);
  }

  private applyTask(ev: SimEvent, task: TaskSnapshot): void {
    const previous = this.tasks.get(task.sid);
    const attributes = this.attributesOf(task);
    const accepted = ev.type === 'reservation.accepted' && ev.reservation && ev.worker;
    const item: TaskItem = {
      task_sid: task.sid,
      workspace_sid: WORKSPACE.workspaceSid,
      status: task.assignmentStatus,
      queue_name: task.queueName,
      queue_sid: task.queueSid,
      channel_type: task.channel,
      channel_unique_name: task.channel,
      attributes,
      priority: task.priority,
      age: Math.max(0, Math.floor((ev.timeMs - task.dateCreatedMs) / 1000)),
      date_created: iso(task.dateCreatedMs),
      date_updated: iso(ev.timeMs),
      worker_sid: accepted ? ev.worker?.sid : previous?.worker_sid,
      worker_name: accepted ? ev.worker?.name : previous?.worker_name,
      accepted_reservation_sid: accepted ? ev.reservation?.sid : previous?.accepted_reservation_sid,
    };
    const changed = !previous || previous.status !== item.status || previous.queue_name !== item.queue_name || previous.attributes !== attributes;
    if (!changed && ev.resourceType !== 'task') return;
    this.tasks.set(task.sid, item);
    this.target.set('tr-task', task.sid, item);
    if ((task.assignmentStatus === 'completed' || task.assignmentStatus === 'canceled') && previous?.status !== task.assignmentStatus) {
      this.evictions.push({ at: ev.timeMs + this.retentionMs, index: 'tr-task', key: task.sid });
    }
  }

  private applyReservation(ev: SimEvent, task: TaskSnapshot, sid: string, status: string): void {
    const previous = this.reservations.get(sid);
    const worker = ev.worker;
    const item: ReservationItem = {
      reservation_sid: sid,
      task_sid: task.sid,
      worker_sid: worker?.sid ?? previous?.worker_sid,
      worker_name: worker?.name ?? previous?.worker_name,
      status,
      task_status: task.assignmentStatus,
      queue_name: task.queueName,
      task_channel_unique_name: task.channel,
      attributes: this.tasks.get(task.sid)?.attributes ?? parseAttributes(task.attributes),
      date_created: previous?.date_created ?? iso(ev.timeMs),
      date_updated: iso(ev.timeMs),
      task_date_created: iso(task.dateCreatedMs),
      task_age: Math.max(0, Math.floor((ev.timeMs - task.dateCreatedMs) / 1000)),
      task_priority: task.priority,
      workspace_sid: WORKSPACE.workspaceSid,
    };
    this.reservations.set(sid, item);
    if (!previous) {
      let list = this.reservationsOf.get(task.sid);
      if (!list) this.reservationsOf.set(task.sid, (list = []));
      list.push(sid);
    }
    this.target.set('tr-reservation', sid, item);
    if (UNACCEPTED_ENDS.has(status)) this.evictions.push({ at: ev.timeMs + this.retentionMs, index: 'tr-reservation', key: sid });
  }

  private applyWorker(ev: SimEvent): void {
    const w = ev.worker;
    if (!w) return;
    const previous = this.workers.get(w.sid);
    const activityChanged = ev.type === 'worker.activity.update';
    const item: WorkerItem = {
      worker_sid: w.sid,
      friendly_name: w.name,
      activity_name: w.activityName,
      worker_activity_sid: w.activitySid,
      // A worker first met through an attributes change: when it entered its activity is
      // not in the event, so the change's own time stands in.
      date_activity_changed: activityChanged ? iso(ev.timeMs) : previous?.date_activity_changed ?? iso(ev.timeMs),
      date_updated: iso(ev.timeMs),
      attributes: parseAttributes(w.attributes),
      workspace_sid: WORKSPACE.workspaceSid,
    };
    this.workers.set(w.sid, item);
    this.target.set('tr-worker', w.sid, item);
  }

  private dropTask(taskSid: string): void {
    for (const sid of this.reservationsOf.get(taskSid) ?? []) this.dropReservation(sid);
    this.reservationsOf.delete(taskSid);
    this.taskAttributesText.delete(taskSid);
    if (this.tasks.delete(taskSid)) this.target.remove('tr-task', taskSid);
  }

  private dropReservation(sid: string): void {
    if (this.reservations.delete(sid)) this.target.remove('tr-reservation', sid);
  }
}

/**
 * The `tr-worker` items as they stood at `startMs`, read back from a run's events: each
 * worker's first activity change names the activity before it and how long it lasted,
 * and its first event that carries the worker gives the attributes. A worker that never
 * changes activity in the run is taken to have been in its activity since `startMs`.
 */
export function workersAtStart(events: Iterable<SimEvent>, startMs: number): WorkerItem[] {
  const first = new Map<string, SimEvent>();
  const firstChange = new Map<string, SimEvent>();
  for (const ev of events) {
    const w = ev.worker;
    if (!w) continue;
    if (!first.has(w.sid)) first.set(w.sid, ev);
    if (ev.type === 'worker.activity.update' && !firstChange.has(w.sid)) firstChange.set(w.sid, ev);
  }
  const items: WorkerItem[] = [];
  for (const [sid, ev] of first) {
    const w = ev.worker as NonNullable<SimEvent['worker']>;
    const change = firstChange.get(sid)?.worker;
    const changeAt = firstChange.get(sid)?.timeMs;
    const before: ActivityName = change?.previousActivityName ?? w.activityName;
    const since =
      change !== undefined && changeAt !== undefined && change.timeInPreviousActivityMs !== undefined
        ? changeAt - change.timeInPreviousActivityMs
        : startMs;
    items.push({
      worker_sid: sid,
      friendly_name: w.name,
      activity_name: before,
      worker_activity_sid: ACTIVITY_SIDS[before],
      date_activity_changed: iso(since),
      date_updated: iso(Math.min(since, startMs)),
      attributes: parseAttributes(w.attributes),
      workspace_sid: WORKSPACE.workspaceSid,
    });
  }
  return items;
}
