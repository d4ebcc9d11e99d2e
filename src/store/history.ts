/**
 * History in the store: frozen days (`state.history.days`, read by `cells.ts`), the
 * backfill's progress, and the way a view asks for an older range. The store does not
 * know where history comes from: a source registers a loader, and `requestRange` calls it.
 */
import type { DayRange } from './cells';
import type { InsightsStore } from './insightsStore';

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
