/** How My stats shows its figures; outside JSX so the tests reach it. */
import type { StringKey } from '../common';
import { NO_VALUE, formatCount, formatRate, formatSeconds } from '../common/format';
import type { MyStatsMetric } from './myStats.selectors';

export const MY_STATS_LABELS: Readonly<Record<MyStatsMetric, StringKey>> = {
  handled: 'SupervisorInsightsHandled',
  conversations: 'SupervisorInsightsConversations',
  avgHandleSec: 'SupervisorInsightsAvgHandle',
  ronaRate: 'SupervisorInsightsRonaPct',
  rejectRate: 'SupervisorInsightsRejectPct',
  transferRate: 'SupervisorInsightsTransferPct',
};

/** A per-agent average keeps one decimal (`4.5`); whole counts stay whole. */
export function formatAverage(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_VALUE;
  return Number.isInteger(n) ? formatCount(n) : (Math.round(n * 10) / 10).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function formatMyMetric(metric: MyStatsMetric, value: number | null, average = false): string {
  switch (metric) {
    case 'handled':
    case 'conversations':
      return average ? formatAverage(value) : value === null ? NO_VALUE : formatCount(value);
    case 'avgHandleSec':
      return formatSeconds(value);
    default:
      return formatRate(value);
  }
}
