/**
 * The read layer every dashboard goes through: cells of a grouping over a range of days.
 * Weeks, months and chosen ranges are sums of day cells (and trend buckets sums of
 * 15-minute cells): a conversation is counted in the period of its first segment, so the
 * sum over days equals the count over the range. Two layers are read: frozen day
 * snapshots (history folded earlier, or loaded from the browser cache; `state.history`)
 * and the live engine's cells. A day is in at most one layer.
 */
import {
  emptyAccumulator,
  isEmptyAccumulator,
  mergeAccumulator,
  type Accumulator,
  type Calendar,
  type Grouping,
  type SliceDimension,
} from '../core';
import type { ConversationRow } from './conversations';
import type { InsightsState } from './insightsStore';

/** The period dimensions the store keeps per day: `day`, and `interval15` for trends. */
export type DayPeriod = 'day' | 'interval15';

/** An inclusive range of local days, as day keys (`2026-11-01` … `2026-11-21`). */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/**
 * A day's frozen aggregates: per grouping id of `DAY_GROUPINGS` (`agent/day`), slice →
 * period → accumulator; plus what the lists need of that day.
 */
export interface DaySnapshot {
  readonly day: string;
  readonly cells: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, Accumulator>>>>>>;
  /** The day's conversations (first segment that day), as the Conversations list shows them. */
  readonly conversations: readonly ConversationRow[];
  /** Seconds per activity per agent sid, clipped to the day (logged status %). */
  readonly activity: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Agents seen that day, with their latest name and team then. */
  readonly agents: readonly { readonly sid: string; readonly name?: string; readonly team: string }[];
}

/** The day key of a period key (`2026-11-20T10:15` → `2026-11-20`). */
export const dayOfPeriod = (period: string): string => period.slice(0, 10);

/** Is the day key inside the range (keys compare as text)? */
export const inRange = (day: string, range: DayRange): boolean => day >= range.from && day <= range.to;

/** The range of one day. */
export const oneDay = (day: string): DayRange => ({ from: day, to: day });

/**
 * The accumulators of a grouping over a day range, summed per slice and per period key
 * (`day` periods: one entry per day; `interval15`: per quarter hour). Fresh objects: the
 * caller may merge further. Empty cells are left out.
 */
export function cellsBetween(
  state: InsightsState,
  slice: SliceDimension,
  period: DayPeriod,
  range: DayRange,
): Map<string, Map<string, Accumulator>> {
  const out = new Map<string, Map<string, Accumulator>>();
  const add = (s: string, p: string, acc: Accumulator): void => {
    if (isEmptyAccumulator(acc)) return;
    let byPeriod = out.get(s);
    if (!byPeriod) out.set(s, (byPeriod = new Map()));
    const into = byPeriod.get(p);
    if (into) mergeAccumulator(into, acc);
    else byPeriod.set(p, mergeAccumulator(emptyAccumulator(), acc));
  };
  const g: Grouping = { slice, period };
  const id = `${slice}/${period}`;
  const frozen = state.history?.days;
  if (frozen) {
    for (const [day, snap] of frozen) {
      if (!inRange(day, range)) continue;
      const cells = snap.cells[id];
      if (!cells) continue;
      for (const s in cells) for (const p in cells[s]) add(s, p, cells[s][p]);
    }
  }
  for (const c of state.engine.engine.cellsOf(g)) {
    const day = dayOfPeriod(c.period);
    if (!inRange(day, range) || frozen?.has(day)) continue;
    add(c.slice, c.period, c.acc);
  }
  return out;
}

/** Per slice, the sum over every period of the range. */
export function totalsBetween(state: InsightsState, slice: SliceDimension, range: DayRange): Map<string, Accumulator> {
  const out = new Map<string, Accumulator>();
  for (const [s, byPeriod] of cellsBetween(state, slice, 'day', range)) {
    const acc = emptyAccumulator();
    for (const a of byPeriod.values()) mergeAccumulator(acc, a);
    out.set(s, acc);
  }
  return out;
}

/** The whole range's accumulator for the `all` slice. */
export function totalBetween(state: InsightsState, range: DayRange): Accumulator {
  return totalsBetween(state, 'all', range).get('') ?? emptyAccumulator();
}

/** The day `n` days after a day key (negative: before). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The ISO week of a day, Monday first, up to that day (a week does not run into the future). */
export function weekUpTo(day: string): DayRange {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return { from: addDays(day, -weekday), to: day };
}

/** Every day key of a range, in order (at most `limit` days, a guard against a bad range). */
export function daysOf(range: DayRange, limit = 400): string[] {
  const out: string[] = [];
  let t = Date.UTC(Number(range.from.slice(0, 4)), Number(range.from.slice(5, 7)) - 1, Number(range.from.slice(8, 10)));
  for (let i = 0; i < limit; i++) {
    const key = new Date(t).toISOString().slice(0, 10);
    if (key > range.to) break;
    out.push(key);
    t += 86_400_000;
  }
  return out;
}

/** Epoch ms bounds of a day range in the calendar's zone: [start of `from`, start of the day after `to`). */
export function rangeBounds(calendar: Calendar, range: DayRange): { start: number; end: number } {
  const [y1, m1, d1] = range.from.split('-').map(Number);
  const next = new Date(Date.UTC(Number(range.to.slice(0, 4)), Number(range.to.slice(5, 7)) - 1, Number(range.to.slice(8, 10)) + 1));
  return {
    start: calendar.fromLocal(y1, m1, d1),
    end: calendar.fromLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}
