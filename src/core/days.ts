/**
 * The day model: the store, the history folder, the cache and the history function all
 * speak of local days. A week, a month or a chosen range is the sum of its day cells (and
 * a trend bucket the sum of its 15-minute cells): a conversation is counted in the period
 * of its first segment, so the sum over days equals the count over the range. A past day
 * is kept as a `DaySnapshot` (frozen aggregates); `cellsOver` reads frozen days and a
 * live engine as one layer, each day from exactly one of them.
 */
import type { ConversationRow } from './conversations';
import type { Engine } from './engine';
import type { Cell, Grouping, SliceDimension } from './groupings';
import { emptyAccumulator, isEmptyAccumulator, mergeAccumulator, type Accumulator } from './metrics';
import type { Calendar } from './time';

/**
 * What the dashboards read: per day only. Weeks, months and ranges are sums of days, and
 * the trend's 30 and 60 minutes sums of `interval15`; each grouping costs work on every
 * event, so none is kept that a sum of days gives.
 */
export const LIVE_GROUPINGS: readonly Grouping[] = [
  { slice: 'all', period: 'day' },
  { slice: 'all', period: 'interval15' },
  { slice: 'supportType', period: 'day' },
  // The trend per support type, at every step.
  { slice: 'supportType', period: 'interval15' },
  { slice: 'platform', period: 'day' },
  { slice: 'platform', period: 'interval15' },
  { slice: 'platformSupportType', period: 'day' },
  { slice: 'platformSupportType', period: 'interval15' },
  { slice: 'queue', period: 'day' },
  { slice: 'team', period: 'day' },
  { slice: 'agent', period: 'day' },
  { slice: 'agentSupportType', period: 'day' },
];

/** The per-day groupings a frozen day keeps. Must stay a subset of `LIVE_GROUPINGS`. */
export const DAY_GROUPINGS: readonly Grouping[] = LIVE_GROUPINGS.filter((g) => g.period === 'day' || g.period === 'interval15');

/** The period dimensions kept per day: `day`, and `interval15` for trends. */
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

/** What a loader of days says while it works (the progress bar reads it). */
export interface HistoryProgress {
  /** True while pages are being fetched. */
  readonly loading: boolean;
  /** The range being (or last) loaded. */
  readonly range?: DayRange;
  /** Events received so far for that range. */
  readonly fetched: number;
  /** Days of the range frozen so far, and how many there are. */
  readonly daysDone: number;
  readonly daysTotal: number;
  readonly error?: string;
  /** Share of the range's time span fetched so far, 0–1 (for the bar). */
  readonly share?: number;
  /** Something to say that is not an error (no history function configured, say). */
  readonly notice?: string;
}

/** The day key of a period key (`2026-11-20T10:15` → `2026-11-20`). */
export const dayOfPeriod = (period: string): string => period.slice(0, 10);

/** Is the day key inside the range (keys compare as text)? */
export const inRange = (day: string, range: DayRange): boolean => day >= range.from && day <= range.to;

/** The range of one day. */
export const oneDay = (day: string): DayRange => ({ from: day, to: day });

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

/** Where `cellsOver` reads: frozen days, and an engine (with `cellsOf`) for every other day. */
export interface DayLayers {
  readonly frozen?: ReadonlyMap<string, DaySnapshot>;
  readonly engine: Pick<Engine, 'cellsOf'>;
}

/**
 * Visits every cell of a grouping over a day range, each day from one layer only: a
 * frozen day from its snapshot, any other day from the engine. Empty cells are visited too.
 */
function eachCellOver(
  layers: DayLayers,
  slice: SliceDimension,
  period: DayPeriod,
  range: DayRange,
  visit: (slice: string, period: string, acc: Accumulator) => void,
): void {
  const { frozen, engine } = layers;
  const id = `${slice}/${period}`;
  if (frozen) {
    for (const [day, snap] of frozen) {
      if (!inRange(day, range)) continue;
      const cells = snap.cells[id];
      if (!cells) continue;
      for (const s in cells) for (const p in cells[s]) visit(s, p, cells[s][p]);
    }
  }
  const live: readonly Cell[] = engine.cellsOf({ slice, period });
  for (const c of live) {
    // Day periods are day keys already: no slicing on the hot path of "today".
    const day = period === 'day' ? c.period : dayOfPeriod(c.period);
    if (!inRange(day, range) || frozen?.has(day)) continue;
    visit(c.slice, c.period, c.acc);
  }
}

/**
 * The accumulators of a grouping over a day range, summed per slice and per period key
 * (`day` periods: one entry per day; `interval15`: per quarter hour). A day frozen is read
 * from its snapshot only. Fresh objects: the caller may merge further. Empty cells are
 * left out.
 */
export function cellsOver(layers: DayLayers, slice: SliceDimension, period: DayPeriod, range: DayRange): Map<string, Map<string, Accumulator>> {
  const out = new Map<string, Map<string, Accumulator>>();
  eachCellOver(layers, slice, period, range, (s, p, acc) => {
    if (isEmptyAccumulator(acc)) return;
    let byPeriod = out.get(s);
    if (!byPeriod) out.set(s, (byPeriod = new Map()));
    const into = byPeriod.get(p);
    if (into) mergeAccumulator(into, acc);
    else byPeriod.set(p, mergeAccumulator(emptyAccumulator(), acc));
  });
  return out;
}

/**
 * Per slice, the day cells of a grouping summed over the range. Read-only: a slice with
 * one cell in the range gets that cell itself, not a copy (for "today" every slice has
 * one, and 2,000 agents × 8 support types of copies cost more than the rest of a view);
 * a slice with several gets a fresh sum. Never write what this returns.
 */
export function totalsOver(layers: DayLayers, slice: SliceDimension, range: DayRange): Map<string, Readonly<Accumulator>> {
  const out = new Map<string, Accumulator>();
  const owned = new Set<Accumulator>();
  eachCellOver(layers, slice, 'day', range, (s, _p, acc) => {
    const into = out.get(s);
    if (!into) out.set(s, acc);
    else if (owned.has(into)) mergeAccumulator(into, acc);
    else {
      const sum = mergeAccumulator(mergeAccumulator(emptyAccumulator(), into), acc);
      owned.add(sum);
      out.set(s, sum);
    }
  });
  return out;
}

/**
 * Where history stands for the days before today: `available` (a history function loads
 * them), `failed` (it said why it cannot), `none` (no history function: live data only).
 */
export type HistorySupply = 'available' | 'failed' | 'none';

/** The days of a range a view shows, by what the figures hold of them. */
export interface PeriodCoverage {
  /** Every day of the range up to today, in order. */
  readonly days: readonly string[];
  /** Days held: frozen, or today with its history in. */
  readonly held: readonly string[];
  /** Days asked for and not in yet (today while its history loads, past days being fetched). */
  readonly loading: readonly string[];
  /** Past days older than history keeps (and not frozen earlier): they can never be loaded. */
  readonly tooOld: readonly string[];
  /** Past days that cannot be loaded because there is no history (`none`) or it failed. */
  readonly unavailable: readonly string[];
}

export interface CoverageInput {
  readonly calendar: Calendar;
  /** Epoch ms now. */
  readonly now: number;
  /** Days frozen in the store (history loaded or cached). */
  readonly frozen: ReadonlySet<string> | ReadonlyMap<string, unknown>;
  readonly supply: HistorySupply;
  /** True while today's history is still coming in (the live figures of today are partial). */
  readonly todayLoading: boolean;
  /** How far back history is served, in days (`HISTORY_RETENTION_DAYS`). */
  readonly retentionDays: number;
}

/**
 * What a range's figures hold of each of its days. A day is `tooOld` when its start is
 * more than `retentionDays` × 24 h before `now` (the backfill serves no part of it), unless
 * it was frozen earlier. Days after today are not part of a period's figures and are left out.
 */
export function periodCoverage(range: DayRange, input: CoverageInput): PeriodCoverage {
  const { calendar, now, frozen, supply, todayLoading, retentionDays } = input;
  const today = calendar.dayKey(now);
  const oldest = now - retentionDays * 86_400_000;
  const days: string[] = [];
  const held: string[] = [];
  const loading: string[] = [];
  const tooOld: string[] = [];
  const unavailable: string[] = [];
  for (const day of daysOf(range)) {
    if (day > today) break;
    days.push(day);
    if (frozen.has(day)) held.push(day);
    else if (day === today) (todayLoading ? loading : held).push(day);
    else if (rangeBounds(calendar, oneDay(day)).start < oldest) tooOld.push(day);
    else if (supply === 'available') loading.push(day);
    else unavailable.push(day);
  }
  return { days, held, loading, tooOld, unavailable };
}
