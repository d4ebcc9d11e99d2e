/**
 * A worker's activity: the activity events the engine keeps for each worker, and what is
 * read from them (intervals, the current activity and since when, seconds per activity).
 * The readers take the list sorted by `compareActivity`; the engine sorts it before it asks.
 */
import { lifecycleRank, type KnownEventType } from './events';

export interface ActivityEvent {
  readonly sid: string;
  readonly type: KnownEventType;
  readonly ts: number;
  readonly activity?: string;
  readonly previous?: string;
  readonly previousMs?: number;
}

export interface ActivityInterval {
  readonly activity: string;
  readonly start: number;
  readonly end: number;
}

/** Stream order for activity events: time, then lifecycle rank, then sid. */
export function compareActivity(a: ActivityEvent, b: ActivityEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const r = lifecycleRank(a.type) - lifecycleRank(b.type);
  if (r !== 0) return r;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}

/**
 * A sorted activity list as intervals. The first event's previous activity
 * (`worker_previous_activity_name` for `worker_time_in_previous_activity_ms`) fills the
 * time before it; the last activity runs to `until` (unless the worker was deleted).
 */
export function intervalsOf(list: readonly ActivityEvent[], until: number): ActivityInterval[] {
  const out: ActivityInterval[] = [];
  if (list.length === 0) return out;
  const first = list[0];
  if (first.previous !== undefined && first.previousMs !== undefined && first.previousMs > 0) {
    out.push({ activity: first.previous, start: first.ts - first.previousMs, end: first.ts });
  }
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.type === 'worker.deleted' || e.activity === undefined) continue;
    const end = i + 1 < list.length ? list[i + 1].ts : Math.max(until, e.ts);
    if (end > e.ts) out.push({ activity: e.activity, start: e.ts, end });
  }
  return out;
}

/**
 * The activity of a sorted list's latest event and since when: since the first of the
 * unbroken run of events in that activity (or the time before the first event, from its
 * previous-activity fields), as `intervalsOf` would merge them. Undefined for an empty
 * list or after `worker.deleted`. Reads back only over that run, so 2,000 workers fit in a frame.
 */
export function currentActivityOf(list: readonly ActivityEvent[]): { readonly activity: string; readonly since: number } | undefined {
  if (list.length === 0) return undefined;
  const last = list[list.length - 1];
  const activity = last.activity;
  if (last.type === 'worker.deleted' || activity === undefined) return undefined;
  let i = list.length - 1;
  while (i > 0 && list[i - 1].type !== 'worker.deleted' && list[i - 1].activity === activity) i--;
  const first = list[0];
  if (i === 0 && first.previous === activity && first.previousMs !== undefined && first.previousMs > 0) {
    return { activity, since: first.ts - first.previousMs };
  }
  return { activity, since: list[i].ts };
}

/** Seconds per activity inside [from, to] of a sorted list, intervals clipped to the window; activities with no time there are absent. */
export function secondsPerActivity(list: readonly ActivityEvent[], from: number, to: number): Record<string, number> {
  // Whole milliseconds are summed and divided once, so the seconds are exact to the
  // millisecond whatever the number of intervals (the lakehouse's SQL sums the same ms).
  const ms: Record<string, number> = {};
  for (const iv of intervalsOf(list, to)) {
    const s = Math.max(iv.start, from);
    const e = Math.min(iv.end, to);
    if (e > s) ms[iv.activity] = (ms[iv.activity] ?? 0) + (e - s);
  }
  const out: Record<string, number> = {};
  for (const k of Object.keys(ms)) out[k] = ms[k] / 1000;
  return out;
}
