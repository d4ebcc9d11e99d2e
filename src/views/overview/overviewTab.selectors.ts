/**
 * What the Overview tab shows, derived from the store: KPI sets per column (a platform,
 * or the total), rows per support type, and the trend series. Every number comes from
 * the day cells (`cells.ts`): a week, a month or a range is a sum of days, a 30- or
 * 60-minute bucket a sum of 15-minute cells. Pure and memoised on the store version,
 * the range and the options, so the tab re-renders only when its numbers changed.
 */
import {
  OTHER_SUPPORT_TYPE,
  daysOf,
  emptyAccumulator,
  isEmptyAccumulator,
  mergeAccumulator,
  metricSet,
  splitSlice,
  type Accumulator,
  type Calendar,
  type DayPeriod,
  type DayRange,
  type EngineConfig,
  type MetricSet,
} from '../../core';
import { cellsBetween, memo, totalsBetween, type InsightsState } from '../../store';
import { NO_VALUE, formatCount, formatDayKey, formatRate, formatSeconds } from '../common/format';
import { csvHeader, csvInstant, csvPercent, csvSeconds, type CsvColumn } from '../common/csv';
import type { StringKey, Translate } from '../common/strings';

/** How platforms are shown: everything together, one platform, or each platform next to the total. */
export const PLATFORM_MODES = ['all', 'one', 'sideBySide'] as const;
export type PlatformMode = (typeof PLATFORM_MODES)[number];

export type PlatformChoice =
  | { readonly mode: 'all' }
  | { readonly mode: 'one'; readonly platform: string }
  | { readonly mode: 'sideBySide' };

export const ALL_PLATFORMS: PlatformChoice = { mode: 'all' };
export const SIDE_BY_SIDE: PlatformChoice = { mode: 'sideBySide' };

/** A column of figures: one platform, or the total over every platform (`platform` undefined). */
export interface OverviewColumn {
  readonly id: string;
  readonly platform?: string;
}

export const TOTAL_COLUMN: OverviewColumn = { id: 'total' };

/** The KPI cards, in the order shown. */
export const OVERVIEW_KPIS = [
  'conversations',
  'handled',
  'abandonRate',
  'avgHandleSec',
  'serviceLevel',
  'ronaRate',
  'rejectRate',
  'transferRate',
] as const;
export type OverviewKpi = (typeof OVERVIEW_KPIS)[number];

/** The columns of the support-type table, in the order shown. */
export const TABLE_METRICS = [
  'conversations',
  'offered',
  'handled',
  'abandoned',
  'abandonRate',
  'avgHandleSec',
  'serviceLevel',
  'ronaRate',
  'rejectRate',
  'transferRate',
] as const;
export type TableMetric = (typeof TABLE_METRICS)[number];

/**
 * The side-by-side table shows one set of metrics at a time, so a column per platform and
 * the total fits the screen; every metric is in exactly one set (the CSV has them all).
 */
export const TABLE_METRIC_SETS = ['volumes', 'service', 'offers'] as const;
export type TableMetricSet = (typeof TABLE_METRIC_SETS)[number];

export const METRICS_OF_SET: Readonly<Record<TableMetricSet, readonly TableMetric[]>> = {
  volumes: ['conversations', 'offered', 'handled', 'abandoned'],
  service: ['abandonRate', 'serviceLevel', 'avgHandleSec'],
  offers: ['ronaRate', 'rejectRate', 'transferRate'],
};

export const METRIC_SET_LABELS: Readonly<Record<TableMetricSet, StringKey>> = {
  volumes: 'SupervisorInsightsMetricSetVolumes',
  service: 'SupervisorInsightsMetricSetService',
  offers: 'SupervisorInsightsMetricSetOffers',
};

export type OverviewMetric = OverviewKpi | TableMetric;

export const METRIC_LABELS: Readonly<Record<OverviewMetric, StringKey>> = {
  conversations: 'SupervisorInsightsConversations',
  offered: 'SupervisorInsightsOffered',
  handled: 'SupervisorInsightsHandled',
  abandoned: 'SupervisorInsightsAbandoned',
  abandonRate: 'SupervisorInsightsAbandonedPct',
  avgHandleSec: 'SupervisorInsightsAvgHandle',
  serviceLevel: 'SupervisorInsightsServiceLevel',
  ronaRate: 'SupervisorInsightsRonaPct',
  rejectRate: 'SupervisorInsightsRejectPct',
  transferRate: 'SupervisorInsightsTransferPct',
};

const METRIC_KINDS: Readonly<Record<OverviewMetric, 'count' | 'rate' | 'seconds'>> = {
  conversations: 'count',
  offered: 'count',
  handled: 'count',
  abandoned: 'count',
  abandonRate: 'rate',
  avgHandleSec: 'seconds',
  serviceLevel: 'rate',
  ronaRate: 'rate',
  rejectRate: 'rate',
  transferRate: 'rate',
};

/** A metric as shown: `1,234`, `4:05`, `12%`, or `—` where its denominator is zero. */
export function formatMetric(metric: OverviewMetric, m: MetricSet | undefined): string {
  return m ? formatValue(metric, m[metric]) : NO_VALUE;
}

/** One value of a metric as shown (see `formatMetric`). */
export function formatValue(metric: OverviewMetric, v: number | null): string {
  switch (METRIC_KINDS[metric]) {
    case 'count':
      return v === null ? NO_VALUE : formatCount(v);
    case 'rate':
      return formatRate(v);
    case 'seconds':
      return formatSeconds(v);
  }
}

/** A metric as the CSV writes it: a count as is, a rate as a percentage number, seconds whole. */
export function csvMetric(metric: OverviewMetric, m: MetricSet | undefined): number | null {
  return m ? csvValue(metric, m[metric]) : null;
}

/** One value of a metric as the CSV writes it (see `csvMetric`). */
export function csvValue(metric: OverviewMetric, v: number | null): number | null {
  switch (METRIC_KINDS[metric]) {
    case 'count':
      return v;
    case 'rate':
      return csvPercent(v);
    case 'seconds':
      return csvSeconds(v);
  }
}

const unitOf = (metric: OverviewMetric): 's' | '%' | undefined =>
  METRIC_KINDS[metric] === 'rate' ? '%' : METRIC_KINDS[metric] === 'seconds' ? 's' : undefined;

/**
 * The platforms of the config, in order: each channel's platform as listed, then the
 * default. Names are the customer's (`CISS Central`, `DIGI Central`), never hard-coded.
 */
export function platformsOf(config: EngineConfig): string[] {
  const out: string[] = [];
  for (const p of [...Object.values(config.platforms.byChannel), config.platforms.default]) {
    if (typeof p === 'string' && p !== '' && !out.includes(p)) out.push(p);
  }
  return out;
}

/** The columns a choice shows: the total; one platform; or every platform, then the total. */
export function columnsOf(choice: PlatformChoice, platforms: readonly string[]): OverviewColumn[] {
  switch (choice.mode) {
    case 'all':
      return [TOTAL_COLUMN];
    case 'one':
      return [{ id: `platform:${choice.platform}`, platform: choice.platform }];
    case 'sideBySide':
      return [...platforms.map((platform) => ({ id: `platform:${platform}`, platform })), TOTAL_COLUMN];
  }
}

const choiceKey = (c: PlatformChoice): string => (c.mode === 'one' ? `one:${c.platform}` : c.mode);

/** One row of the support-type table: a metric set per column (aligned with `columns`). */
export interface SupportTypeRow {
  /** The support type, or undefined for the total row. */
  readonly supportType?: string;
  readonly cells: readonly MetricSet[];
}

export interface OverviewSummary {
  readonly columns: readonly OverviewColumn[];
  /** The KPI metric set of each column (the same numbers as the table's total row). */
  readonly kpis: readonly MetricSet[];
  /** Configured support types in config order, others with data, `other` if it has data; then the total. */
  readonly rows: readonly SupportTypeRow[];
  /** Nothing counted in any column over the range. */
  readonly empty: boolean;
}

const summaries = memo<OverviewSummary>();

/** Support type → accumulator over the range, for one platform or for all. */
function supportTypesOf(state: InsightsState, range: DayRange, platform: string | undefined): Map<string, Accumulator> {
  if (platform === undefined) return totalsBetween(state, 'supportType', range);
  const out = new Map<string, Accumulator>();
  for (const [slice, acc] of totalsBetween(state, 'platformSupportType', range)) {
    const [p, supportType] = splitSlice(slice);
    if (p === platform) out.set(supportType, acc);
  }
  return out;
}

/** The order of the rows: the config's support types, then others with data, then `other`. */
function supportTypeOrder(config: EngineConfig, seen: Iterable<string>): string[] {
  const configured = Object.keys(config.supportTypes).filter((s) => s !== OTHER_SUPPORT_TYPE);
  const extra = [...new Set(seen)].filter((s) => !configured.includes(s) && s !== OTHER_SUPPORT_TYPE).sort();
  const hasOther = [...seen].includes(OTHER_SUPPORT_TYPE);
  return [...configured, ...extra, ...(hasOther ? [OTHER_SUPPORT_TYPE] : [])];
}

/** KPIs and support-type rows of a range, per column of the platform choice. */
export function selectOverview(state: InsightsState, range: DayRange, choice: PlatformChoice): OverviewSummary {
  return summaries(state, `${range.from}|${range.to}|${choiceKey(choice)}`, () => {
    const config = state.live.engine.config;
    const columns = columnsOf(choice, platformsOf(config));
    const byPlatform = choice.mode === 'all' ? new Map<string, Accumulator>() : totalsBetween(state, 'platform', range);
    const totals = columns.map((c) =>
      c.platform === undefined ? (totalsBetween(state, 'all', range).get('') ?? emptyAccumulator()) : (byPlatform.get(c.platform) ?? emptyAccumulator()),
    );
    const bySupportType = columns.map((c) => supportTypesOf(state, range, c.platform));
    const seen = new Set<string>();
    for (const m of bySupportType) for (const [s, acc] of m) if (!isEmptyAccumulator(acc)) seen.add(s);
    const empty = emptyAccumulator();
    const rows: SupportTypeRow[] = supportTypeOrder(config, seen).map((supportType) => ({
      supportType,
      cells: bySupportType.map((m) => metricSet(m.get(supportType) ?? empty)),
    }));
    const kpis = totals.map(metricSet);
    rows.push({ cells: kpis });
    return { columns, kpis, rows, empty: totals.every(isEmptyAccumulator) };
  });
}

/** Trend buckets: a day, or 15 / 30 / 60 minutes (30 and 60 are sums of 15-minute cells). */
export const TREND_STEPS = ['day', 60, 30, 15] as const;
export type TrendStep = (typeof TREND_STEPS)[number];

/** Ranges longer than this many days offer days and hours only (15-minute bars over a month are noise). */
export const FINE_STEPS_MAX_DAYS = 7;

/** The steps a range offers: minutes for one day; days first (and minutes for a week at most) for more. */
export function trendStepsFor(range: DayRange): TrendStep[] {
  const days = daysOf(range).length;
  if (days <= 1) return [60, 30, 15];
  return days <= FINE_STEPS_MAX_DAYS ? ['day', 60, 30, 15] : ['day', 60];
}

/** The step a range starts with: hours for one day, days for more. */
export function defaultTrendStep(range: DayRange): TrendStep {
  return daysOf(range).length <= 1 ? 60 : 'day';
}

/** The metrics the trend offers, one at a time. */
export const TREND_METRICS = ['conversations', 'handled', 'abandoned', 'serviceLevel', 'avgHandleSec', 'ronaRate'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

/** What the trend draws: one metric, over every support type (`supportType` undefined) or one. */
export interface TrendOptions {
  readonly metric: TrendMetric;
  readonly supportType?: string;
}

export const DEFAULT_TREND: TrendOptions = { metric: 'conversations' };

export interface TrendSeries {
  /** Key into each point's `values`. */
  readonly id: string;
  readonly metric: TrendMetric;
  /** The platform the series counts, or undefined for every platform. */
  readonly platform?: string;
  readonly kind: 'bar' | 'line';
}

/** Why a trend point has no figures: its day is still loading, older than history keeps, or not available. */
export type TrendGap = 'loading' | 'tooOld' | 'unavailable';

export interface TrendPoint {
  /** The day (`2026-11-20`) or the local start of the bucket (`2026-11-20T10:30`). */
  readonly key: string;
  /** The bucket's start, epoch ms (the CSV writes it with the zone's offset). */
  readonly start: number;
  /**
   * A count (0 where nothing was counted); a rate or an average, null where its denominator
   * is zero. Null where the point's day is not held (`gap`): no figure, not a zero.
   */
  readonly values: Readonly<Record<string, number | null>>;
  /** The bucket that holds `now`: its figures are so far, not the bucket's. */
  readonly partial: boolean;
  /** Why the point's day is not held, when it is not. */
  readonly gap?: TrendGap;
}

export interface Trend {
  readonly step: TrendStep;
  readonly metric: TrendMetric;
  /** The support type counted, or undefined for every one. */
  readonly supportType?: string;
  readonly series: readonly TrendSeries[];
  /** Every bucket of the range in order, empty ones as zeros; today's stop at the bucket of `now`, marked partial. */
  readonly points: readonly TrendPoint[];
}

/**
 * The series a choice draws for a metric: the metric (as bars for a count, a line for a
 * rate or an average); side by side, the total and a line per platform.
 */
export function trendSeriesOf(choice: PlatformChoice, platforms: readonly string[], metric: TrendMetric = 'conversations'): TrendSeries[] {
  const kind = METRIC_KINDS[metric] === 'count' ? 'bar' : 'line';
  switch (choice.mode) {
    case 'all':
      return [{ id: metric, metric, kind }];
    case 'one':
      return [{ id: metric, metric, platform: choice.platform, kind }];
    case 'sideBySide':
      return [{ id: metric, metric, kind }, ...platforms.map((platform): TrendSeries => ({ id: `${metric}:${platform}`, metric, platform, kind: 'line' }))];
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The bucket key of a 15-minute key at a coarser step (`2026-11-20T10:45` at 60 → `2026-11-20T10:00`). */
export function bucketOf(key15: string, step: 15 | 30 | 60): string {
  const minute = Number(key15.slice(14, 16));
  return `${key15.slice(0, 14)}${pad2(minute - (minute % step))}`;
}

/** A trend value: a count as is (0 where nothing counted), a rate or an average null where there is none. */
function trendValue(metric: TrendMetric, acc: Accumulator | undefined): number | null {
  if (!acc) return METRIC_KINDS[metric] === 'count' ? 0 : null;
  return metricSet(acc)[metric];
}

/** Platform (or '' for all) → period key → accumulator, for every support type or one. */
function trendCells(state: InsightsState, period: DayPeriod, range: DayRange, supportType: string | undefined, perPlatform: boolean): Map<string, Map<string, Accumulator>> {
  const out = new Map<string, Map<string, Accumulator>>();
  if (supportType === undefined) {
    const all = cellsBetween(state, 'all', period, range).get('');
    if (all) out.set('', all);
    if (perPlatform) for (const [p, m] of cellsBetween(state, 'platform', period, range)) out.set(p, m);
    return out;
  }
  const total = cellsBetween(state, 'supportType', period, range).get(supportType);
  if (total) out.set('', total);
  if (perPlatform) {
    for (const [slice, m] of cellsBetween(state, 'platformSupportType', period, range)) {
      const [p, s] = splitSlice(slice);
      if (s === supportType) out.set(p, m);
    }
  }
  return out;
}

const trends = memo<Trend>();

/**
 * The trend of a range at a step, for the choice's series of one metric, over every
 * support type or one. When the range holds today, the bucket of `now` is the last one
 * and is `partial`.
 */
export function selectTrend(state: InsightsState, range: DayRange, choice: PlatformChoice, step: TrendStep, options: TrendOptions = DEFAULT_TREND): Trend {
  const calendar = state.live.engine.calendar;
  const today = calendar.dayKey(state.now);
  const holdsToday = range.from <= today && today <= range.to;
  // Today's buckets stop at the one `now` is in; that bucket is part of the key.
  const lastBucket = !holdsToday ? '' : step === 'day' ? today : calendar.intervalKey(state.now, step);
  const { metric, supportType } = options;
  return trends(state, `${range.from}|${range.to}|${choiceKey(choice)}|${step}|${lastBucket}|${metric}|${supportType ?? ''}`, () => {
    const series = trendSeriesOf(choice, platformsOf(state.live.engine.config), metric);
    const sliceOf = (s: TrendSeries): string => (s.platform === undefined ? '' : s.platform);
    const perPlatform = series.some((s) => s.platform !== undefined);
    const cells = trendCells(state, step === 'day' ? 'day' : 'interval15', range, supportType, perPlatform);

    // Bucket key → slice → accumulator.
    const buckets = new Map<string, Map<string, Accumulator>>();
    for (const [slice, byPeriod] of cells) {
      for (const [key, acc] of byPeriod) {
        const bucket = step === 'day' ? key : bucketOf(key, step);
        let bySlice = buckets.get(bucket);
        if (!bySlice) buckets.set(bucket, (bySlice = new Map()));
        const into = bySlice.get(slice);
        if (into) mergeAccumulator(into, acc);
        else bySlice.set(slice, mergeAccumulator(emptyAccumulator(), acc));
      }
    }

    const keys: string[] = [];
    for (const day of daysOf(range)) {
      if (day > today) break;
      if (step === 'day') {
        keys.push(day);
        continue;
      }
      for (let minute = 0; minute < 24 * 60; minute += step) {
        const key = `${day}T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
        if (day === today && key > lastBucket) break;
        keys.push(key);
      }
    }
    // A bucket with data outside the generated keys (a clock behind the events) is still shown.
    const listed = new Set(keys);
    for (const k of buckets.keys()) if (!listed.has(k)) keys.push(k);
    keys.sort();

    const points = keys.map((key): TrendPoint => {
      const bySlice = buckets.get(key);
      const values: Record<string, number | null> = {};
      for (const s of series) values[s.id] = trendValue(metric, bySlice?.get(sliceOf(s)));
      return { key, start: startOfKey(key, calendar), values, partial: key === lastBucket };
    });
    return { step, metric, supportType, series, points };
  });
}

/** The instant a bucket key starts at, in the calendar's zone. */
function startOfKey(key: string, calendar: Calendar): number {
  const n = (from: number, to: number): number => Number(key.slice(from, to));
  return key.length === 10 ? calendar.fromLocal(n(0, 4), n(5, 7), n(8, 10)) : calendar.fromLocal(n(0, 4), n(5, 7), n(8, 10), n(11, 13), n(14, 16));
}

/** The support types the trend offers: the config's, in order (`other` last). */
export function trendSupportTypes(config: EngineConfig): string[] {
  return supportTypeOrder(config, [OTHER_SUPPORT_TYPE]);
}

/** A bucket as a person reads it: `Mon 16 Nov` for days, `10:30` within one day, `Mon 16 Nov 10:30` across days. */
export function trendLabel(key: string, range: DayRange): string {
  if (key.length === 10) return formatDayKey(key);
  const time = key.slice(11, 16);
  return range.from === range.to ? time : `${formatDayKey(key.slice(0, 10))} ${time}`;
}

/** The label of a support type row (the total row reads "Total"). */
export function supportTypeLabel(row: SupportTypeRow, t: Translate): string {
  return row.supportType === undefined ? t('SupervisorInsightsTotal') : t.supportType(row.supportType);
}

/** A column's name: the platform, or "Total" (or "All platforms" when it is the only column). */
export function columnLabel(column: OverviewColumn, columns: readonly OverviewColumn[], t: Translate): string {
  if (column.platform !== undefined) return column.platform;
  return columns.length === 1 ? t('SupervisorInsightsAllPlatforms') : t('SupervisorInsightsTotal');
}

/** A column of the support-type table as shown (and as its CSV has it). */
export interface TableColumn {
  /** The header: the metric, with the platform after it when several columns are shown. */
  readonly header: string;
  readonly metric?: TableMetric;
  /** Index into `columns` (undefined for the support type column). */
  readonly column?: number;
  readonly value: (row: SupportTypeRow) => string;
  /** The CSV's plain number (`csvMetric`) and its header with the unit. */
  readonly csv?: (row: SupportTypeRow) => number | null;
  readonly csvHeader?: string;
}

/** The table's columns: support type, then each metric (per platform, then the total, when side by side). */
export function tableColumnsOf(columns: readonly OverviewColumn[], t: Translate): TableColumn[] {
  const out: TableColumn[] = [{ header: t('SupervisorInsightsSupportType'), value: (row) => supportTypeLabel(row, t) }];
  for (const metric of TABLE_METRICS) {
    columns.forEach((c, i) => {
      const label = t(METRIC_LABELS[metric]);
      out.push({
        header: columns.length === 1 ? label : `${label} · ${columnLabel(c, columns, t)}`,
        metric,
        column: i,
        value: (row) => formatMetric(metric, row.cells[i]),
        csv: (row) => csvMetric(metric, row.cells[i]),
        csvHeader: (() => {
          const unit = unitOf(metric);
          const withUnit = unit ? csvHeader(label, unit) : label;
          return columns.length === 1 ? withUnit : `${withUnit} · ${columnLabel(c, columns, t)}`;
        })(),
      });
    });
  }
  return out;
}

/** A series' name: the metric, with the platform (or "Total") when the chart compares platforms; the CSV's with the unit after the metric. */
export function trendSeriesLabel(series: TrendSeries, all: readonly TrendSeries[], t: Translate, unit?: 's' | '%'): string {
  const label = t(METRIC_LABELS[series.metric]);
  const metric = unit ? csvHeader(label, unit) : label;
  const compares = all.some((s) => s.platform !== undefined) && all.some((s) => s.platform === undefined);
  if (!compares) return metric;
  return `${metric} · ${series.platform ?? t('SupervisorInsightsTotal')}`;
}

/** A step as the picker reads it: "Day", "60 minutes". */
export function trendStepLabel(step: TrendStep, t: Translate): string {
  return step === 'day' ? t('SupervisorInsightsPerDay') : t('SupervisorInsightsPerMinutes', { minutes: step });
}

/** The trend's metrics as the picker names them. */
export const TREND_METRIC_LABELS: Readonly<Record<TrendMetric, StringKey>> = {
  conversations: 'SupervisorInsightsConversations',
  handled: 'SupervisorInsightsHandled',
  abandoned: 'SupervisorInsightsAbandoned',
  serviceLevel: 'SupervisorInsightsServiceLevel',
  avgHandleSec: 'SupervisorInsightsAvgHandle',
  ronaRate: 'SupervisorInsightsRonaPct',
};

/**
 * The trend as a table and as its CSV (one list, so the two stay in step): the bucket
 * (ISO 8601 with the zone's offset in the CSV), a column per series, and whether the
 * bucket is still running ("so far").
 */
export function trendColumnsOf(trend: Trend, range: DayRange, timeZone: string, t: Translate): CsvColumn<TrendPoint>[] {
  const unit = unitOf(trend.metric);
  return [
    { header: trendStepLabel(trend.step, t), value: (p) => trendLabel(p.key, range), csv: (p) => csvInstant(p.start, timeZone), csvHeader: t('SupervisorInsightsStart') },
    ...trend.series.map((s): CsvColumn<TrendPoint> => {
      return {
        header: trendSeriesLabel(s, trend.series, t),
        value: (p) => formatValue(s.metric, p.values[s.id] ?? null),
        csv: (p) => csvValue(s.metric, p.values[s.id] ?? null),
        csvHeader: trendSeriesLabel(s, trend.series, t, unit),
      };
    }),
    { header: t('SupervisorInsightsTrendPartialColumn'), value: (p) => (p.partial ? t('SupervisorInsightsYes') : '') },
  ];
}
