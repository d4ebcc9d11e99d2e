export { OverviewTab } from './OverviewTab';
export {
  ALL_PLATFORMS,
  OVERVIEW_KPIS,
  PLATFORM_MODES,
  SIDE_BY_SIDE,
  TABLE_METRICS,
  TREND_STEPS,
  selectOverview,
  selectTrend,
  tableColumnsOf,
} from './overviewTab.selectors';
export type {
  OverviewColumn,
  OverviewKpi,
  OverviewSummary,
  PlatformChoice,
  PlatformMode,
  SupportTypeRow,
  TableMetric,
  Trend,
  TrendPoint,
  TrendSeries,
  TrendStep,
} from './overviewTab.selectors';
