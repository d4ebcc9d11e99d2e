/**
 * The Overview tab's numbers against the engine's own report of the same events: KPIs
 * (all platforms, each platform, side by side), rows per support type, and the trend at
 * day / 15 / 30 / 60 minutes, for a simulated day and a simulated three-day stream (live,
 * and read from frozen history days).
 */
import {
  DAY_GROUPINGS,
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  OTHER_SUPPORT_TYPE,
  buildReport,
  emptyAccumulator,
  groupingId,
  isEmptyAccumulator,
  metricSet,
  platformOf,
  rangeBounds,
  reportGroupings,
  type Accumulator,
  type DayRange,
  type DaySnapshot,
  type EngineConfig,
  type MetricSet,
  type Report,
  type ReportInterval,
  type TimeWindow,
  type TrEvent,
} from '../../../src/core';
import { simulate, toEventStreams } from '../../../src/sources/simulator';
import { addFrozenDays, applyQueued, ingest, type InsightsState } from '../../../src/store';
import { rangeOf, translator } from '../../../src/views/common';
import {
  ALL_PLATFORMS,
  SIDE_BY_SIDE,
  TABLE_METRICS,
  bucketOf,
  columnsOf,
  defaultTrendStep,
  platformsOf,
  selectOverview,
  selectTrend,
  tableColumnsOf,
  trendStepsFor,
  type OverviewSummary,
  type PlatformChoice,
  type Trend,
} from '../../../src/views/overview/overviewTab.selectors';
import { DAY, dayEvents, loadedStore, storeFor } from '../../store/fixtures';

const supervisor = { roles: ['supervisor'], workerSid: 'WKsup' };
const PLATFORMS = platformsOf(DEFAULT_CONFIG);
const ONE_DAY: DayRange = { from: DAY, to: DAY };

/** The engine's report of these events, with an interval and a window when given. */
function reportOf(events: readonly TrEvent[], interval?: ReportInterval, window?: TimeWindow, config: EngineConfig = DEFAULT_CONFIG): Report {
  const engine = new Engine(config, { groupings: reportGroupings(interval), window });
  for (const e of events) engine.apply(e);
  return buildReport(engine, interval);
}

/** The events of one platform's tasks (every worker event too): the report of them is that platform's report. */
function eventsOfPlatform(events: readonly TrEvent[], platform: string): TrEvent[] {
  const channelOf = new Map<string, string>();
  for (const e of events) if (e.taskSid !== undefined && e.channel !== undefined && !channelOf.has(e.taskSid)) channelOf.set(e.taskSid, e.channel);
  return events.filter((e) => e.taskSid === undefined || platformOf(channelOf.get(e.taskSid), DEFAULT_CONFIG.platforms) === platform);
}

const NOTHING: MetricSet = metricSet(emptyAccumulator());
const COUNTS = ['conversations', 'offered', 'handled', 'abandoned', 'invitations', 'rona', 'rejected', 'revoked', 'transfers'] as const;

/** The rows of a summary as support type → metric set of column `i`. */
function rowsOf(summary: OverviewSummary, i: number): Record<string, MetricSet> {
  const out: Record<string, MetricSet> = {};
  for (const r of summary.rows) if (r.supportType !== undefined) out[r.supportType] = r.cells[i];
  return out;
}

/** What the table must hold for a report: every configured support type (zeros where none), `other` only with data. */
function expectedRows(report: Report): Record<string, MetricSet> {
  const out: Record<string, MetricSet> = {};
  for (const s of Object.keys(DEFAULT_CONFIG.supportTypes)) out[s] = report.bySupportType[s] ?? NOTHING;
  for (const [s, m] of Object.entries(report.bySupportType)) out[s] = m;
  return out;
}

/** Trend values of a series at each key, with the keys that have data. */
function seriesOf(trend: Trend, id: string): Record<string, number | null> {
  return Object.fromEntries(trend.points.map((p) => [p.key, p.values[id]]));
}

const TREND_METRICS = ['conversations', 'handled', 'abandoned'] as const;

function expectTrendEquals(
  trend: Trend,
  byKey: Record<string, MetricSet>,
  id: (metric: string) => string,
  metrics: readonly (typeof TREND_METRICS)[number][] = TREND_METRICS,
): void {
  for (const metric of metrics) {
    const values = seriesOf(trend, id(metric));
    for (const [key, m] of Object.entries(byKey)) expect([key, values[key]]).toEqual([key, m[metric]]);
    for (const [key, v] of Object.entries(values)) expect([key, v]).toEqual([key, byKey[key]?.[metric] ?? 0]);
  }
}

describe('overview selectors on a simulated day', () => {
  const report = reportOf(dayEvents);
  const state = loadedStore(supervisor, dayEvents).getState();

  it('the platforms come from the config, voice first, then the default', () => {
    expect(PLATFORMS).toEqual([DEFAULT_CONFIG.platforms.byChannel.voice, DEFAULT_CONFIG.platforms.default]);
    expect(Object.keys(report.byPlatform).sort()).toEqual([...PLATFORMS].sort());
    const renamed = { ...DEFAULT_CONFIG, platforms: { default: 'Digital', byChannel: { voice: 'Phones', sms: 'Digital' } } };
    expect(platformsOf(renamed)).toEqual(['Phones', 'Digital']);
    expect(columnsOf(SIDE_BY_SIDE, platformsOf(renamed)).map((c) => c.platform)).toEqual(['Phones', 'Digital', undefined]);
  });

  it('all platforms: the KPIs are the report totals, the rows its bySupportType, in config order', () => {
    const summary = selectOverview(state, ONE_DAY, ALL_PLATFORMS);
    expect(summary.columns).toHaveLength(1);
    expect(summary.empty).toBe(false);
    expect(summary.kpis[0]).toEqual(report.totals);
    expect(summary.kpis[0]).toEqual(report.byDay[DAY]);
    expect(rowsOf(summary, 0)).toEqual(expectedRows(report));
    const order = summary.rows.map((r) => r.supportType);
    const configured = Object.keys(DEFAULT_CONFIG.supportTypes);
    expect(order.slice(0, configured.length)).toEqual(configured);
    expect(order.includes(OTHER_SUPPORT_TYPE)).toBe(report.bySupportType[OTHER_SUPPORT_TYPE] !== undefined);
    // The last row is the total, the same set as the KPIs.
    expect(summary.rows[summary.rows.length - 1]).toEqual({ cells: [report.totals] });
  });

  it('one platform: the KPIs are the report byPlatform, the rows that platform report bySupportType', () => {
    for (const platform of PLATFORMS) {
      const summary = selectOverview(state, ONE_DAY, { mode: 'one', platform });
      expect(summary.columns).toEqual([{ id: `platform:${platform}`, platform }]);
      expect(summary.kpis[0]).toEqual(report.byPlatform[platform]);
      const own = reportOf(eventsOfPlatform(dayEvents, platform));
      expect(own.totals).toEqual(report.byPlatform[platform]);
      expect(rowsOf(summary, 0)).toEqual(expectedRows(own));
    }
  });

  it('side by side: a column per platform, then the total; platform rows add up to the report support types', () => {
    const summary = selectOverview(state, ONE_DAY, SIDE_BY_SIDE);
    expect(summary.columns.map((c) => c.platform)).toEqual([...PLATFORMS, undefined]);
    PLATFORMS.forEach((p, i) => expect(summary.kpis[i]).toEqual(report.byPlatform[p]));
    expect(summary.kpis[PLATFORMS.length]).toEqual(report.totals);
    expect(rowsOf(summary, PLATFORMS.length)).toEqual(expectedRows(report));
    for (const row of summary.rows) {
      const reported = row.supportType === undefined ? report.totals : (report.bySupportType[row.supportType] ?? NOTHING);
      for (const count of COUNTS) {
        const sum = PLATFORMS.reduce((n, _p, i) => n + row.cells[i][count], 0);
        expect([row.supportType, count, sum]).toEqual([row.supportType, count, reported[count]]);
      }
    }
    // Something was counted on each platform, so the check above compared real numbers.
    for (const p of PLATFORMS) expect(report.byPlatform[p].handled).toBeGreaterThan(0);
  });

  it('the table columns and their CSV cells follow the columns shown', () => {
    const t = translator(undefined);
    const side = tableColumnsOf(selectOverview(state, ONE_DAY, SIDE_BY_SIDE).columns, t);
    // Support type, then every metric for each platform and the total.
    expect(side).toHaveLength(1 + TABLE_METRICS.length * (PLATFORMS.length + 1));
    expect(side[1].header).toBe(`Conversations · ${PLATFORMS[0]}`);
    expect(side[1 + PLATFORMS.length].header).toBe('Conversations · Total');
    const all = tableColumnsOf(selectOverview(state, ONE_DAY, ALL_PLATFORMS).columns, t);
    expect(all.map((c) => c.header)).toEqual(['Support type', 'Conversations', 'Offered', 'Handled', 'Abandoned', 'Abandoned %', 'Avg handle', 'SLA', 'RONA %', 'Reject %', 'Transfer %']);
  });

  it.each([15, 30, 60] as const)('the trend per %i minutes is the report byInterval, every bucket of the day', (step) => {
    const byInterval = reportOf(dayEvents, step).byInterval ?? {};
    const trend = selectTrend(state, ONE_DAY, ALL_PLATFORMS, step);
    expect(trend.step).toBe(step);
    // The clock is at the end of the day: every bucket from 00:00, empty ones as zeros.
    expect(trend.points).toHaveLength((24 * 60) / step);
    expect(trend.points[0].key).toBe(`${DAY}T00:00`);
    expect(trend.series.map((s) => [s.id, s.kind])).toEqual([['conversations', 'bar'], ['handled', 'line'], ['abandoned', 'line']]);
    expectTrendEquals(trend, byInterval, (m) => m);
    expect(Object.keys(byInterval).length).toBeGreaterThan(10);
  });

  it.each([15, 30, 60] as const)('side by side per %i minutes: a line per platform, each that platform report byInterval', (step) => {
    const trend = selectTrend(state, ONE_DAY, SIDE_BY_SIDE, step);
    expect(trend.series.map((s) => s.id)).toEqual(['conversations', ...PLATFORMS.map((p) => `conversations:${p}`)]);
    expectTrendEquals(trend, reportOf(dayEvents, step).byInterval ?? {}, () => 'conversations', ['conversations']);
    for (const p of PLATFORMS) {
      const own = reportOf(eventsOfPlatform(dayEvents, p), step).byInterval ?? {};
      expectTrendEquals(trend, own, () => `conversations:${p}`, ['conversations']);
    }
  });

  it('one platform: the trend lines count that platform only', () => {
    const platform = PLATFORMS[1];
    const trend = selectTrend(state, ONE_DAY, { mode: 'one', platform }, 60);
    expectTrendEquals(trend, reportOf(eventsOfPlatform(dayEvents, platform), 60).byInterval ?? {}, (m) => m);
  });

  it('bucketOf: 30 and 60 minutes are sums of the quarter hours inside them', () => {
    expect(bucketOf('2026-11-16T10:45', 60)).toBe('2026-11-16T10:00');
    expect(bucketOf('2026-11-16T10:45', 30)).toBe('2026-11-16T10:30');
    expect(bucketOf('2026-11-16T10:15', 30)).toBe('2026-11-16T10:00');
    expect(bucketOf('2026-11-16T10:15', 15)).toBe('2026-11-16T10:15');
  });

  it('memoised per store version, range and options', () => {
    const store = loadedStore(supervisor, dayEvents);
    const s1 = store.getState();
    expect(selectOverview(s1, ONE_DAY, ALL_PLATFORMS)).toBe(selectOverview(s1, ONE_DAY, ALL_PLATFORMS));
    expect(selectTrend(s1, ONE_DAY, ALL_PLATFORMS, 60)).toBe(selectTrend(s1, ONE_DAY, ALL_PLATFORMS, 60));
    const side = selectOverview(s1, ONE_DAY, SIDE_BY_SIDE);
    expect(side).not.toBe(selectOverview(s1, ONE_DAY, ALL_PLATFORMS));
    expect(selectTrend(s1, ONE_DAY, ALL_PLATFORMS, 30).step).toBe(30);
    // A batch that changed the engine gives new numbers.
    const before = selectOverview(s1, ONE_DAY, ALL_PLATFORMS);
    const last = dayEvents.find((e) => e.type === 'task.created');
    ingest(store, [{ ...last!, sid: 'EVextra', taskSid: 'WTextra', taskAttributes: {} }]);
    applyQueued(store);
    const after = selectOverview(store.getState(), ONE_DAY, ALL_PLATFORMS);
    expect(after).not.toBe(before);
    expect(after.kpis[0].conversations).toBe(before.kpis[0].conversations + 1);
  });

  it("today's trend stops at the bucket the clock is in, and equals the report of the events so far", () => {
    const now = Date.parse(`${DAY}T14:10:00Z`);
    const soFar = dayEvents.filter((e) => e.ts <= now);
    const store = loadedStore(supervisor, soFar, { now });
    for (const step of [15, 30, 60] as const) {
      const trend = selectTrend(store.getState(), ONE_DAY, ALL_PLATFORMS, step);
      // 14:10 is in the 14:00 bucket at every step: 14 hours of buckets, then that one.
      expect(trend.points.map((p) => p.key).at(-1)).toBe(`${DAY}T14:00`);
      expect(trend.points).toHaveLength((14 * 60) / step + 1);
      expectTrendEquals(trend, reportOf(soFar, step).byInterval ?? {}, (m) => m);
    }
  });

  it('nothing counted: empty, with every configured support type at zero and the rates as null', () => {
    const state = storeFor(supervisor).getState();
    const summary = selectOverview(state, ONE_DAY, SIDE_BY_SIDE);
    expect(summary.empty).toBe(true);
    expect(summary.rows.map((r) => r.supportType)).toEqual([...Object.keys(DEFAULT_CONFIG.supportTypes), undefined]);
    for (const r of summary.rows) for (const c of r.cells) expect(c).toEqual(NOTHING);
    expect(NOTHING.abandonRate).toBeNull();
    expect(selectTrend(state, ONE_DAY, ALL_PLATFORMS, 60).points.every((p) => p.values.conversations === 0)).toBe(true);
  });

  it('steps: minutes for one day (60 first), days first for longer ranges, no quarter hours past a week', () => {
    expect(trendStepsFor(ONE_DAY)).toEqual([60, 30, 15]);
    expect(defaultTrendStep(ONE_DAY)).toBe(60);
    expect(trendStepsFor({ from: '2026-11-16', to: '2026-11-22' })).toEqual(['day', 60, 30, 15]);
    expect(defaultTrendStep({ from: '2026-11-16', to: '2026-11-18' })).toBe('day');
    expect(trendStepsFor({ from: '2026-11-01', to: '2026-11-30' })).toEqual(['day', 60]);
  });
});

describe('overview selectors over three simulated days', () => {
  const reader = new EventReader();
  const events: TrEvent[] = [...simulate({ agents: 16, days: 3, seed: 11 })].map((ev) => {
    const out = reader.read(toEventStreams(ev));
    if (out.kind !== 'event') throw new Error('simulated event not read');
    return Object.freeze(out.event);
  });
  const days = ['2026-11-16', '2026-11-17', '2026-11-18'];
  const now = Date.parse('2026-11-18T23:59:59.999Z');
  const report = reportOf(events, 60);
  const live = loadedStore(supervisor, events, { now }).getState();

  /** A store holding the days only as frozen snapshots (as the backfill leaves them), no live events. */
  function frozenOnly(): InsightsState {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: DAY_GROUPINGS });
    for (const e of events) engine.apply(e);
    engine.flush();
    const snapshots: DaySnapshot[] = days.map((day) => {
      const cells: Record<string, Record<string, Record<string, Accumulator>>> = {};
      for (const g of DAY_GROUPINGS) {
        const byGrouping: Record<string, Record<string, Accumulator>> = (cells[groupingId(g)] = {});
        for (const c of engine.cellsOf(g)) {
          if (c.period.slice(0, 10) === day && !isEmptyAccumulator(c.acc)) (byGrouping[c.slice] ??= {})[c.period] = { ...c.acc };
        }
      }
      return { day, cells, conversations: [], activity: {}, agents: [] };
    });
    const store = storeFor(supervisor, { now });
    addFrozenDays(store, snapshots);
    return store.getState();
  }

  it('this week (Monday to today) is the report of the three days; per day its byDay; per hour its byInterval', () => {
    const week = rangeOf({ kind: 'week' }, live.live.engine.calendar, now);
    expect(week).toEqual({ from: days[0], to: days[2] });
    expect(Object.keys(report.byDay)).toEqual(days);
    for (const state of [live, frozenOnly()]) {
      const summary = selectOverview(state, week, ALL_PLATFORMS);
      expect(summary.kpis[0]).toEqual(report.totals);
      expect(rowsOf(summary, 0)).toEqual(expectedRows(report));
      const side = selectOverview(state, week, SIDE_BY_SIDE);
      PLATFORMS.forEach((p, i) => expect(side.kpis[i]).toEqual(report.byPlatform[p]));
      const perDay = selectTrend(state, week, ALL_PLATFORMS, 'day');
      expect(perDay.points.map((p) => p.key)).toEqual(days);
      expectTrendEquals(perDay, report.byDay, (m) => m);
      const perHour = selectTrend(state, week, ALL_PLATFORMS, 60);
      expect(perHour.points).toHaveLength(3 * 24);
      expectTrendEquals(perHour, report.byInterval ?? {}, (m) => m);
    }
  });

  it('a range of one past day is that day of the report, at every step', () => {
    for (const day of days) {
      const range = { from: day, to: day };
      const summary = selectOverview(live, range, ALL_PLATFORMS);
      expect(summary.kpis[0]).toEqual(report.byDay[day]);
      for (const step of [15, 30] as const) {
        const byInterval = reportOf(events, step).byInterval ?? {};
        const ofDay = Object.fromEntries(Object.entries(byInterval).filter(([k]) => k.startsWith(day)));
        expectTrendEquals(selectTrend(live, range, ALL_PLATFORMS, step), ofDay, (m) => m);
      }
    }
  });

  it('a range of the last two days is the report with that window', () => {
    const range = { from: days[1], to: days[2] };
    const { start, end } = rangeBounds(live.live.engine.calendar, range);
    const windowed = reportOf(events, undefined, { from: start, to: end - 1 });
    const choices: PlatformChoice[] = [ALL_PLATFORMS, SIDE_BY_SIDE];
    for (const state of [live, frozenOnly()]) {
      for (const choice of choices) {
        const summary = selectOverview(state, range, choice);
        const total = summary.kpis[summary.kpis.length - 1];
        expect(total).toEqual(windowed.totals);
      }
      expect(rowsOf(selectOverview(state, range, ALL_PLATFORMS), 0)).toEqual(expectedRows(windowed));
      const perDay = selectTrend(state, range, ALL_PLATFORMS, 'day');
      expect(perDay.points.map((p) => p.key)).toEqual([days[1], days[2]]);
      expectTrendEquals(perDay, windowed.byDay, (m) => m);
    }
  });
});
