/**
 * History in the store: frozen days (`state.history.days`, read by `cells.ts`), the
 * backfill's progress, and the way a view asks for an older range. The store does not
 * know where history comes from: a source registers a loader, and `requestRange` calls it.
 */
import { HISTORY_RETENTION_DAYS, inRange, periodCoverage, type DayRange, type DaySnapshot, type HistoryProgress, type HistorySupply, type PeriodCoverage } from '../core';
import { memo } from './memo';
import type { InsightsState, InsightsStore } from './insightsStore';

/** Loads (or starts loading) the days of a range the store does not hold yet. */
export type RangeLoader = (range: DayRange) => void;

const loaders = new WeakMap<object, RangeLoader>();

/** The source that can load history for this store (the backfill); replaces any earlier one. */
export function setRangeLoader(store: InsightsStore, loader: RangeLoader | undefined): void {
  if (loader) loaders.set(store, loader);
  else loaders.delete(store);
}

/**
 * A view needs this range (the user picked this week, this month or a range). Without a
 * loader (no history function configured) nothing happens and the views show what the
 * live data holds.
 */
export function requestRange(store: InsightsStore, range: DayRange): void {
  loaders.get(store)?.(range);
}

/**
 * Adds frozen days (replacing any of the same day). A new Map each time and the version
 * bumped, so memoised selectors and `useStore` see the change.
 */
export function addFrozenDays(store: InsightsStore, snapshots: readonly DaySnapshot[]): void {
  if (snapshots.length === 0) return;
  const s = store.getState();
  const days = new Map(s.history?.days ?? []);
  for (const snap of snapshots) days.set(snap.day, snap);
  store.setState({ history: { ...s.history, days }, version: s.version + 1 });
}

/** Replaces the backfill's progress (the progress bar reads it). */
export function setHistoryProgress(store: InsightsStore, progress: HistoryProgress | undefined): void {
  const s = store.getState();
  const before = s.history?.progress;
  if (before === progress) return;
  if (
    before &&
    progress &&
    before.loading === progress.loading &&
    before.fetched === progress.fetched &&
    before.daysDone === progress.daysDone &&
    before.daysTotal === progress.daysTotal &&
    before.error === progress.error &&
    before.range?.from === progress.range?.from &&
    before.range?.to === progress.range?.to &&
    before.notice === progress.notice &&
    before.share === progress.share
  ) {
    return;
  }
  store.setState({ history: { days: s.history?.days ?? new Map(), progress } });
}

/** The frozen days the store holds (empty without history). */
export function frozenDays(store: InsightsStore): ReadonlyMap<string, DaySnapshot> {
  return store.getState().history?.days ?? EMPTY;
}

const EMPTY: ReadonlyMap<string, DaySnapshot> = new Map();

/**
 * Where history stands, from the backfill's progress: a notice (no history function, or an
 * unusable URL) is `none`, an error not followed by a new load `failed`; no progress at all
 * (no backfill was ever started) is `none` too.
 */
export function historySupplyOf(progress: HistoryProgress | undefined): HistorySupply {
  if (!progress || progress.notice !== undefined) return 'none';
  if (progress.error !== undefined && !progress.loading) return 'failed';
  return 'available';
}

const coverages = memo<PeriodCoverage>();

/** What the figures of a range hold of each of its days (loaded, loading, too old, unavailable). */
export function selectPeriodCoverage(state: InsightsState, range: DayRange): PeriodCoverage {
  const progress = state.history?.progress;
  const calendar = state.live.engine.calendar;
  const today = calendar.dayKey(state.now);
  const todayLoading = progress?.loading === true && progress.range !== undefined && inRange(today, progress.range);
  const supply = historySupplyOf(progress);
  // `now` moves every tick: the key holds the day and what changes a day's class.
  const oldest = calendar.dayKey(state.now - HISTORY_RETENTION_DAYS * 86_400_000);
  return coverages(state, `${range.from}|${range.to}|${today}|${oldest}|${supply}|${todayLoading}|${state.history?.days.size ?? 0}`, () =>
    periodCoverage(range, { calendar, now: state.now, frozen: state.history?.days ?? EMPTY, supply, todayLoading, retentionDays: HISTORY_RETENTION_DAYS }),
  );
}
