/**
 * The read layer every dashboard goes through: cells of a grouping over a range of days,
 * from the session's two layers: frozen day snapshots (history folded earlier, or loaded
 * from the browser cache; `state.history`) and the live engine's cells. The sums are the
 * core's (`cellsOver`): a day is read from exactly one layer.
 */
import {
  cellsOver,
  emptyAccumulator,
  totalsOver,
  type Accumulator,
  type DayLayers,
  type DayPeriod,
  type DayRange,
  type SliceDimension,
} from '../core';
import type { InsightsState } from './insightsStore';

const layersOf = (state: InsightsState): DayLayers => ({ frozen: state.history?.days, engine: state.live.engine });

/** Per slice and period key, the accumulators of a grouping over a day range (see `cellsOver`). */
export function cellsBetween(state: InsightsState, slice: SliceDimension, period: DayPeriod, range: DayRange): Map<string, Map<string, Accumulator>> {
  return cellsOver(layersOf(state), slice, period, range);
}

/** Per slice, the sum over every day of the range (read-only: see `totalsOver`). */
export function totalsBetween(state: InsightsState, slice: SliceDimension, range: DayRange): Map<string, Readonly<Accumulator>> {
  return totalsOver(layersOf(state), slice, range);
}

/** The whole range's accumulator for the `all` slice. */
export function totalBetween(state: InsightsState, range: DayRange): Readonly<Accumulator> {
  return totalsBetween(state, 'all', range).get('') ?? emptyAccumulator();
}
