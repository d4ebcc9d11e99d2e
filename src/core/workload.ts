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
 * One agent's activity seconds per local quarter-hour key (`2026-11-20T10:15`), per
 * activity, inside [from, to]; an open activity runs to `to`. One agent at a time, so a
 * month of a large centre is never held as every agent's quarter hours at once.
 */
export function agentWorkload(engine: Engine, workerSid: string, from: number, to: number): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const iv of engine.activityIntervals(workerSid, to)) {
    for (const piece of splitByQuarterHour(Math.max(iv.start, from), Math.min(iv.end, to))) {
      const perActivity = (out[engine.calendar.intervalKey(piece.quarter, 15)] ??= {});
      perActivity[iv.activity] = (perActivity[iv.activity] ?? 0) + piece.ms / 1000;
    }
  }
  return out;
}

/** Seconds customers waited in queue and agents were engaged, per local quarter-hour key, inside [from, to]; open ones run to `to`. */
export function segmentWorkload(engine: Engine, from: number, to: number): Record<string, { waitSec: number; handleSec: number }> {
  const out: Record<string, { waitSec: number; handleSec: number }> = {};
  const bucket = (quarter: number): { waitSec: number; handleSec: number } => (out[engine.calendar.intervalKey(quarter, 15)] ??= { waitSec: 0, handleSec: 0 });
  const clip = (s: number, e: number): [number, number] => [Math.max(s, from), Math.min(e, to)];
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

/**
 * Workload per local 15-minute interval (`2026-11-20T10:15`) inside [from, to]; open
 * activities and engagements run to `to`: `agentWorkload` of every agent and
 * `segmentWorkload` in one map.
 */
export function workload(engine: Engine, from: number, to: number): Record<string, WorkloadBucket> {
  const out: Record<string, WorkloadBucket> = {};
  const bucket = (key: string): WorkloadBucket => (out[key] ??= { activitySec: {}, waitSec: 0, handleSec: 0 });
  for (const agent of engine.agents()) {
    for (const [key, perActivity] of Object.entries(agentWorkload(engine, agent.sid, from, to))) bucket(key).activitySec[agent.sid] = perActivity;
  }
  for (const [key, seconds] of Object.entries(segmentWorkload(engine, from, to))) Object.assign(bucket(key), seconds);
  return out;
}
