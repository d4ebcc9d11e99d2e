/**
 * The day-range read layer: sums of day cells over a range, frozen days read instead of
 * the live engine's cells of the same day.
 */
import {
  daysOf,
  emptyAccumulator,
  mergeAccumulator,
  metricSet,
  oneDay,
  rangeBounds,
  splitSlice,
  type Accumulator,
  type DaySnapshot,
} from '../../src/core';
import { cellsBetween, totalBetween, totalsBetween, type InsightsState } from '../../src/store';
import { DAY, dayEvents, loadedStore, reportOf } from './fixtures';

const report = reportOf(dayEvents);
const state = loadedStore({ roles: ['supervisor'], workerSid: 'WKsup' }, dayEvents).getState();

function withFrozen(base: InsightsState, snapshots: DaySnapshot[]): InsightsState {
  return { ...base, history: { days: new Map(snapshots.map((s) => [s.day, s])) } };
}

function snapshotOf(day: string, handled: number): DaySnapshot {
  const acc: Accumulator = { ...emptyAccumulator(), conversations: handled, handled };
  return { day, cells: { 'all/day': { '': { [day]: acc } } }, conversations: [], activity: {}, agents: [] };
}

describe('cellsBetween and totals', () => {
  it('today through the live engine equals the report of the day', () => {
    expect(metricSet(totalBetween(state, oneDay(DAY)))).toEqual(report.totals);
    const bySupportType = totalsBetween(state, 'supportType', oneDay(DAY));
    for (const [type, acc] of bySupportType) expect(metricSet(acc)).toEqual(report.bySupportType[type]);
    expect([...bySupportType.keys()].sort()).toEqual(Object.keys(report.bySupportType).sort());
  });

  it('platform × support type cells add up to each support type, and to each platform but for distinct conversations', () => {
    const byPlatform = new Map<string, Accumulator>();
    const byType = new Map<string, Accumulator>();
    for (const [slice, acc] of totalsBetween(state, 'platformSupportType', oneDay(DAY))) {
      const [platform, type] = splitSlice(slice);
      mergeAccumulator(byPlatform.get(platform) ?? byPlatform.set(platform, emptyAccumulator()).get(platform)!, acc);
      mergeAccumulator(byType.get(type) ?? byType.set(type, emptyAccumulator()).get(type)!, acc);
    }
    // A conversation transferred to another support type counts once in each type's
    // `conversations`, so per platform only the other sums are equal.
    for (const [p, acc] of byPlatform) {
      const { conversations, abandonRate: _rate, ...rest } = metricSet(acc);
      const { conversations: expected, abandonRate: _expectedRate, ...expectedRest } = report.byPlatform[p];
      expect(rest).toEqual(expectedRest);
      expect(conversations).toBeGreaterThanOrEqual(expected);
    }
    for (const [t, acc] of byType) expect(metricSet(acc)).toEqual(report.bySupportType[t]);
  });

  it('quarter hours of the day sum to the day', () => {
    const intervals = cellsBetween(state, 'all', 'interval15', oneDay(DAY)).get('')!;
    const sum = emptyAccumulator();
    for (const [period, acc] of intervals) {
      expect(period.startsWith(DAY)).toBe(true);
      mergeAccumulator(sum, acc);
    }
    expect(sum).toEqual(totalBetween(state, oneDay(DAY)));
  });

  it('a range outside the data is empty', () => {
    expect(cellsBetween(state, 'agent', 'day', oneDay('2026-10-01')).size).toBe(0);
  });

  it('a frozen day is read instead of the engine, and days of a range add up', () => {
    const frozen = withFrozen(state, [snapshotOf(DAY, 5), snapshotOf('2026-11-15', 7)]);
    // 5 from the frozen 16th (not the engine's numbers for it) + 7 from the 15th.
    expect(totalBetween(frozen, { from: '2026-11-15', to: DAY }).handled).toBe(12);
    expect(totalBetween(frozen, oneDay('2026-11-15')).handled).toBe(7);
  });

  it('lists the days of a range and their bounds in the zone', () => {
    expect(daysOf({ from: '2026-10-30', to: '2026-11-02' })).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    const b = rangeBounds(state.live.engine.calendar, oneDay(DAY));
    expect(b.end - b.start).toBe(86_400_000);
  });
});
