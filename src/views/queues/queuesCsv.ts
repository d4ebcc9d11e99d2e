/** The tiles as a table, for the CSV: one line per queue, labelled as shown, numbers plain (`csv.ts`). */
import { csvHeader, csvPercent, csvSeconds, type CsvColumn, type Translate } from '../common';
import { formatRate, formatSeconds } from '../common/format';
import type { QueueTile, QueuesView } from './queuesTab.selectors';
import { STATUS_LABELS } from './StatusBadge';

export function queueCsvRows(view: QueuesView): QueueTile[] {
  return view.groups.flatMap((g) => g.tiles);
}

export function queueCsvColumns(t: Translate): CsvColumn<QueueTile>[] {
  return [
    { header: t('SupervisorInsightsSupportType'), value: (r) => t.supportType(r.supportType) },
    { header: t('SupervisorInsightsQueue'), value: (r) => r.queue },
    { header: t('SupervisorInsightsStatusLegend'), value: (r) => t(STATUS_LABELS[r.status]) },
    { header: t('SupervisorInsightsWaitingNow'), value: (r) => r.waiting },
    seconds(t('SupervisorInsightsLongestWait'), (r) => r.longestWaitSec),
    { header: t('SupervisorInsightsActive'), value: (r) => r.active },
    { header: t('SupervisorInsightsServiceLevel'), value: (r) => formatRate(r.today.serviceLevel), csv: (r) => csvPercent(r.today.serviceLevel), csvHeader: csvHeader(t('SupervisorInsightsServiceLevel'), '%') },
    { header: t('SupervisorInsightsAbandoned'), value: (r) => r.today.abandoned },
    seconds(t('SupervisorInsightsAvgWait'), (r) => r.today.avgWaitSec),
  ];
}

function seconds(header: string, of: (r: QueueTile) => number | null | undefined): CsvColumn<QueueTile> {
  return { header, value: (r) => formatSeconds(of(r)), csv: (r) => csvSeconds(of(r)), csvHeader: csvHeader(header, 's') };
}
