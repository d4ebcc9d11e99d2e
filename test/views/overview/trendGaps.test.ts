import type { PeriodCoverage } from '../../../src/core';
import type { Trend } from '../../../src/views/overview/overviewTab.selectors';
import { withTrendGaps } from '../../../src/views/overview/trendGaps';

const trend: Trend = {
  step: 'day',
  metric: 'conversations',
  series: [{ id: 'conversations', metric: 'conversations', kind: 'bar' }],
  points: [
    { key: '2026-11-19', start: Date.UTC(2026, 10, 19), values: { conversations: 4 }, partial: false },
    { key: '2026-11-20', start: Date.UTC(2026, 10, 20), values: { conversations: 0 }, partial: true },
  ],
};
const coverage = (loading: string[]): PeriodCoverage => ({ days: ['2026-11-19', '2026-11-20'], held: ['2026-11-19', '2026-11-20'].filter((d) => !loading.includes(d)), loading, tooOld: [], unavailable: [] });

describe('the trend with days not held', () => {
  it('a day still loading has no figure, not a zero, and keeps its start and whether it is running', () => {
    const out = withTrendGaps(trend, coverage(['2026-11-20']));
    expect(out.points[0]).toBe(trend.points[0]);
    expect(out.points[1]).toEqual({ key: '2026-11-20', start: Date.UTC(2026, 10, 20), values: { conversations: null }, partial: true, gap: 'loading' });
  });

  it('every day held: the same trend', () => {
    expect(withTrendGaps(trend, coverage([]))).toBe(trend);
  });
});
