/**
 * The trend's points of days the figures do not hold (still loading, older than history
 * keeps, not available without history) carry no figures and say why, so the chart leaves
 * a gap there and the table says "still loading" rather than drawing a zero.
 */
import type { PeriodCoverage } from '../../core';
import type { Trend, TrendGap, TrendPoint } from './overviewTab.selectors';

/** The trend with the points of days not held emptied and marked (the same object when every day is held). */
export function withTrendGaps(trend: Trend, coverage: PeriodCoverage): Trend {
  const gapOf = new Map<string, TrendGap>();
  for (const day of coverage.loading) gapOf.set(day, 'loading');
  for (const day of coverage.tooOld) gapOf.set(day, 'tooOld');
  for (const day of coverage.unavailable) gapOf.set(day, 'unavailable');
  if (gapOf.size === 0) return trend;
  let changed = false;
  const points = trend.points.map((p): TrendPoint => {
    const gap = gapOf.get(p.key.slice(0, 10));
    if (gap === undefined) return p;
    changed = true;
    const values: Record<string, null> = {};
    for (const s of trend.series) values[s.id] = null;
    return { ...p, values, gap };
  });
  return changed ? { ...trend, points } : trend;
}
