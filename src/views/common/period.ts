/**
 * The periods a person picks: today, yesterday, this or last week (ISO, Monday first),
 * this or last month, or a range of days, all in the configured time zone. Each becomes
 * an inclusive range of day keys, which the store's read layer sums.
 */
import { addDays, weekUpTo, type Calendar, type DayRange } from '../../core';

export const PERIOD_KINDS = ['today', 'yesterday', 'week', 'lastWeek', 'month', 'lastMonth', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  readonly kind: PeriodKind;
  /** For `range`: the chosen days (inclusive). */
  readonly range?: DayRange;
}

export const TODAY: Period = { kind: 'today' };

/** Longest range a person may pick, in days (history is kept 30 days; a month may have 31). */
export const MAX_RANGE_DAYS = 31;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function daysBetween(from: string, to: string): number {
  const t = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/** The last month's days: its first day to the day before this month's first. */
function lastMonthOf(today: string): DayRange {
  const to = addDays(`${today.slice(0, 7)}-01`, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** The days of a period at `now`. This week and this month run up to today, not into the future. */
export function rangeOf(period: Period, calendar: Calendar, now: number): DayRange {
  const today = calendar.dayKey(now);
  switch (period.kind) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const day = addDays(today, -1);
      return { from: day, to: day };
    }
    case 'week':
      return weekUpTo(today);
    case 'lastWeek': {
      const monday = addDays(weekUpTo(today).from, -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth':
      return lastMonthOf(today);
    case 'range':
      return period.range ?? { from: today, to: today };
  }
}

/** Why a chosen range cannot be used, or undefined when it can. */
export function rangeProblem(range: DayRange): string | undefined {
  if (!DAY_RE.test(range.from) || !DAY_RE.test(range.to)) return 'Pick both days.';
  if (range.from > range.to) return 'The first day is after the last.';
  if (daysBetween(range.from, range.to) + 1 > MAX_RANGE_DAYS) return `At most ${MAX_RANGE_DAYS} days.`;
  return undefined;
}

/** How a period reads in a file name: `2026-11-21`, `2026-W47`, `2026-11`, `2026-11-01_2026-11-07`. */
export function periodLabel(period: Period, calendar: Calendar, now: number): string {
  const r = rangeOf(period, calendar, now);
  switch (period.kind) {
    case 'today':
    case 'yesterday':
      return r.from;
    case 'week':
      return calendar.weekKey(now);
    case 'lastWeek':
      // Seven days back is inside last week whatever the clock change.
      return calendar.weekKey(now - 7 * 86_400_000);
    case 'month':
    case 'lastMonth':
      return r.from.slice(0, 7);
    case 'range':
      return r.from === r.to ? r.from : `${r.from}_${r.to}`;
  }
}
