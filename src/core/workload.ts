/**
 * Workload (seed 001): agent activity and segment time split across 15-minute
 * intervals, so a 40-minute break from 10:05 adds 10, 15 and 15 minutes to the 10:00,
 * 10:15 and 10:30 intervals. Zone offsets are whole quarter hours, so UTC quarter
 * hours are local quarter hours too.
 */
import type { Engine } from './engine';

const QUARTER_MS = 15 * 60_000;

/** [start, end) cut at quarter-hour boundaries: each piece's quarter start and length in ms. */
export function splitByQuarterHour(start: number, end: number): { quarter: number; ms: number }[] {
  const out: { quarter: number; ms: number }[] = [];
  let t = start;
  while (t < end) {
    const quarter = Math.floor(t / QUARTER_MS) * QUARTER_MS;
    const next = Math.min(end, quarter + QUARTER_MS);
    out.push({ quarter, ms: next - t });
    t = next;
  }
  return out;
}

export interface WorkloadBucket {
  /** Seconds per agent sid, per activity name. */
  readonly activitySec: Record<string, Record<string, number>>;
  /** Seconds customers waited in queue. */
  waitSec: number;
  /** Seconds agents were engaged (accepted → completed, or → now when still open). */
  handleSec: number;
}

/**
 * Workload per local 15-minute interval (`2026-11-20T10:15`) inside [from, to]; open
 * activities and engagements run to `to`.
 */
export function workload(engine: Engine, from: number, to: number): Record<string, WorkloadBucket> {
  const out: Record<string, WorkloadBucket> = {};
  const bucket = (quarter: number): WorkloadBucket => {
    const key = engine.calendar.intervalKey(quarter, 15);
    return (out[key] ??= { activitySec: {}, waitSec: 0, handleSec: 0 });
  };
  const clip = (s: number, e: number): [number, number] => [Math.max(s, from), Math.min(e, to)];
  for (const agent of engine.agents()) {
    for (const iv of engine.activityIntervals(agent.sid, to)) {
      const [s, e] = clip(iv.start, iv.end);
      for (const piece of splitByQuarterHour(s, e)) {
        const perAgent = (bucket(piece.quarter).activitySec[agent.sid] ??= {});
        perAgent[iv.activity] = (perAgent[iv.activity] ?? 0) + piece.ms / 1000;
      }
    }
  }
  for (const c of engine.conversationRecords()) {
    for (const task of c.tasks) {
      const d = task.derived;
      if (!d) continue;
      for (const q of d.queueSegments) {
        const [s, e] = clip(q.start, q.end ?? to);
        for (const piece of splitByQuarterHour(s, e)) bucket(piece.quarter).waitSec += piece.ms / 1000;
      }
      for (const r of d.reservations) {
        if (r.accepted === undefined) continue;
        const [s, e] = clip(r.accepted, r.completed ?? to);
        for (const piece of splitByQuarterHour(s, e)) bucket(piece.quarter).handleSec += piece.ms / 1000;
      }
    }
  }
  return out;
}
