/** The tiles as a table, for the CSV: one line per queue, formatted as shown. */
import type { CsvColumn, Translate } from '../common';
import { formatRate, formatSeconds } from '../common/format';
import type { QueueTile, QueuesView } from './queuesTab.selectors';

export function queueCsvRows(view: QueuesView): QueueTile[] {
  return view.groups.flatMap((g) => g.tiles);
}

export function queueCsvColumns(t: Translate): CsvColumn<QueueTile>[] {
  return [
    { header: t('SupervisorInsightsSupportType'), value: (r) => r.supportType },
    { header: t('SupervisorInsightsQueue'), value: (r) => r.queue },
    { header: t('SupervisorInsightsStatusLegend'), value: (r) => r.status },
    { header: t('SupervisorInsightsWaitingNow'), value: (r) => r.waiting },
    { header: t('SupervisorInsightsLongestWait'), value: (r) => formatSeconds(r.longestWaitSec) },
    { header: t('SupervisorInsightsActive'), value: (r) => r.active },
    { header: t('SupervisorInsightsServiceLevel'), value: (r) => formatRate(r.today.serviceLevel) },
    { header: t('SupervisorInsightsAbandoned'), value: (r) => r.today.abandoned },
    { header: t('SupervisorInsightsAvgWait'), value: (r) => formatSeconds(r.today.avgWaitSec) },
  ];
}
