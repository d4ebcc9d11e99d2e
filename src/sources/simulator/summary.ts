/**
 * Figures about a simulated run, read back from its events alone: how often each scenario
 * happened and how busy the agents were. Used to tune the simulator and in its tests.
 */
import { HANGUP_REASON, type SimEvent } from './types';

export const SHORT_ABANDON_MS = 5_000;

export interface SimSummary {
  readonly events: number;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly tasksCreated: number;
  /** Tasks created by a cold transfer (they carry conversations.conversation_id). */
  readonly transferTasks: number;
  readonly byChannel: Readonly<Record<string, number>>;
  readonly completed: number;
  readonly shortAbandons: number;
  readonly longAbandons: number;
  readonly workflowTimeouts: number;
  readonly deleted: number;
  readonly queueMoves: number;
  readonly reservations: number;
  readonly rona: number;
  readonly rejected: number;
  readonly rescinded: number;
  readonly accepted: number;
  readonly activities: Readonly<Record<string, number>>;
  /** Share of logged-in agent time spent holding at least one accepted task. */
  readonly busyShare: number;
  /** Mean seconds from task creation to the first acceptance. */
  readonly meanWaitSec: number;
}

interface WorkerClock {
  onlineSince?: number;
  held: number;
  busySince?: number;
}

class Tally {
  readonly byType: Record<string, number> = {};
  readonly byChannel: Record<string, number> = {};
  readonly activities: Record<string, number> = {};
  events = 0;
  firstMs = Infinity;
  lastMs = -Infinity;
  transferTasks = 0;
  shortAbandons = 0;
  longAbandons = 0;
  onlineMs = 0;
  busyMs = 0;
  waitMs = 0;
  waits = 0;
  readonly workers = new Map<string, WorkerClock>();
  readonly acceptedTasks = new Set<string>();

  clock(sid: string): WorkerClock {
    let c = this.workers.get(sid);
    if (!c) {
      c = { held: 0 };
      this.workers.set(sid, c);
    }
    return c;
  }

  add(ev: SimEvent): void {
    this.events++;
    this.firstMs = Math.min(this.firstMs, ev.timeMs);
    this.lastMs = Math.max(this.lastMs, ev.timeMs);
    this.byType[ev.type] = (this.byType[ev.type] ?? 0) + 1;
    switch (ev.type) {
      case 'task.created':
        this.onCreated(ev);
        break;
      case 'task.canceled':
        this.onCanceled(ev);
        break;
      case 'reservation.accepted':
        this.onAccepted(ev);
        break;
      case 'reservation.completed':
        this.onReleased(ev);
        break;
      case 'worker.activity.update':
        this.onActivity(ev);
        break;
      default:
        break;
    }
  }

  private onCreated(ev: SimEvent): void {
    const t = ev.task;
    if (!t) return;
    this.byChannel[t.channel] = (this.byChannel[t.channel] ?? 0) + 1;
    if (t.attributes.includes('"conversation_id"')) this.transferTasks++;
  }

  private onCanceled(ev: SimEvent): void {
    const t = ev.task;
    if (!t || t.canceledReason !== HANGUP_REASON) return;
    if (ev.timeMs - t.dateCreatedMs < SHORT_ABANDON_MS) this.shortAbandons++;
    else this.longAbandons++;
  }

  private onAccepted(ev: SimEvent): void {
    const t = ev.task;
    if (t && !this.acceptedTasks.has(t.sid)) {
      this.acceptedTasks.add(t.sid);
      this.waitMs += ev.timeMs - t.dateCreatedMs;
      this.waits++;
    }
    if (!ev.worker) return;
    const c = this.clock(ev.worker.sid);
    if (c.held++ === 0) c.busySince = ev.timeMs;
  }

  private onReleased(ev: SimEvent): void {
    if (!ev.worker) return;
    const c = this.clock(ev.worker.sid);
    if (c.held === 0) return;
    if (--c.held === 0 && c.busySince !== undefined) {
      this.busyMs += ev.timeMs - c.busySince;
      c.busySince = undefined;
    }
  }

  private onActivity(ev: SimEvent): void {
    const w = ev.worker;
    if (!w) return;
    this.activities[w.activityName] = (this.activities[w.activityName] ?? 0) + 1;
    const c = this.clock(w.sid);
    if (w.activityName === 'Offline' && c.onlineSince !== undefined) {
      this.onlineMs += ev.timeMs - c.onlineSince;
      c.onlineSince = undefined;
    } else if (w.activityName !== 'Offline' && c.onlineSince === undefined) {
      // An agent already logged in when the run began counts from the first event seen.
      c.onlineSince = w.previousActivityName === 'Offline' ? ev.timeMs : this.firstMs;
    }
  }

  /** Closes the intervals still open at the last event. */
  finish(): void {
    for (const c of this.workers.values()) {
      if (c.onlineSince !== undefined) this.onlineMs += this.lastMs - c.onlineSince;
      if (c.busySince !== undefined) this.busyMs += this.lastMs - c.busySince;
    }
  }
}

export function summarize(events: Iterable<SimEvent>): SimSummary {
  const t = new Tally();
  for (const ev of events) t.add(ev);
  t.finish();
  const n = (type: string): number => t.byType[type] ?? 0;
  return {
    events: t.events,
    firstMs: t.firstMs,
    lastMs: t.lastMs,
    byType: t.byType,
    tasksCreated: n('task.created'),
    transferTasks: t.transferTasks,
    byChannel: t.byChannel,
    completed: n('task.completed'),
    shortAbandons: t.shortAbandons,
    longAbandons: t.longAbandons,
    workflowTimeouts: n('workflow.timeout'),
    deleted: n('task.deleted'),
    queueMoves: n('task-queue.moved'),
    reservations: n('reservation.created'),
    rona: n('reservation.timeout'),
    rejected: n('reservation.rejected'),
    rescinded: n('reservation.rescinded'),
    accepted: n('reservation.accepted'),
    activities: t.activities,
    busyShare: t.onlineMs > 0 ? t.busyMs / t.onlineMs : 0,
    meanWaitSec: t.waits > 0 ? t.waitMs / t.waits / 1000 : 0,
  };
}
