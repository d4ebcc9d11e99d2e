import * as React from 'react';
import { useStore } from 'zustand';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import { EXPORT_MAX_DAYS, EXPORT_TABLES, exportFetchSpan, exportTablesOf, type DayRange, type ExportTables } from '../../core';
import { selectToday } from '../../store';
import { PeriodPicker, downloadCsv, formatCount, formatDayKey, formatDayTime, usePeriod, useStrings, type TabProps } from '../common';
import { exportCsv, exportFileName, exportTooLong } from './exportTab.selectors';
import type { ExportEventsLoader } from './exportLoader';

export interface ExportTabProps extends TabProps {
  /** The period's events through the history function; absent without one. */
  readonly exportEvents?: ExportEventsLoader;
}

type Prepared =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly range: DayRange; readonly events: number }
  | { readonly status: 'failed'; readonly range: DayRange; readonly problem: string }
  | { readonly status: 'ready'; readonly range: DayRange; readonly tables: ExportTables; readonly events: number; readonly asOf: number };

/** `Mon 16 Nov`, or `Mon 16 Nov – Sun 22 Nov`. */
const daysText = (range: DayRange): string =>
  range.from === range.to ? formatDayKey(range.from) : `${formatDayKey(range.from)} – ${formatDayKey(range.to)}`;

const sameRange = (a: DayRange, b: DayRange): boolean => a.from === b.from && a.to === b.to;

/** The period's lakehouse tables as CSV files, for roles with export. */
export function ExportTab({ store, access, timeZone, exportEvents }: ExportTabProps): React.ReactElement {
  const t = useStrings();
  // The period the other tabs show (a month picked on Overview is refused here, not cut).
  const { period, setPeriod, range } = usePeriod(store);
  const today = useStore(store, selectToday);
  const [prepared, setPrepared] = React.useState<Prepared>({ status: 'idle' });
  const running = React.useRef<AbortController | undefined>(undefined);
  React.useEffect(() => () => running.current?.abort(), []);
  const tooLong = exportTooLong(range);

  const prepare = (): void => {
    if (!exportEvents || tooLong) return;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const { config, now } = store.getState();
    const span = exportFetchSpan(config, range, now);
    setPrepared({ status: 'loading', range, events: 0 });
    exportEvents(span, { signal: controller.signal, onProgress: (events) => setPrepared({ status: 'loading', range, events }) }).then(
      (events) => {
        if (controller.signal.aborted) return;
        const tables = exportTablesOf(events, config, access, span.window, `insights-${now}`);
        setPrepared({ status: 'ready', range, tables, events: events.length, asOf: span.to });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setPrepared({ status: 'failed', range, problem: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  return (
    <Box display="flex" flexDirection="column" rowGap="space50" paddingTop="space50">
      <Text as="p">{t('SupervisorInsightsExportIntro')}</Text>
      <Box display="flex" columnGap="space50" alignItems="flex-end" flexWrap="wrap">
        <PeriodPicker id="insights-export-period" period={period} onChange={setPeriod} today={today} />
        <Button variant="primary" onClick={prepare} disabled={!exportEvents || tooLong || prepared.status === 'loading'}>
          {t('SupervisorInsightsExportPrepare')}
        </Button>
      </Box>
      {!exportEvents ? <Text as="p" role="status">{t('SupervisorInsightsExportNeedsHistory')}</Text> : null}
      {tooLong ? <Text as="p" role="alert">{t('SupervisorInsightsExportTooLong', { days: EXPORT_MAX_DAYS })}</Text> : null}
      {prepared.status === 'loading' ? (
        <Text as="p" role="status">
          {t('SupervisorInsightsExportLoading', { period: daysText(prepared.range), events: formatCount(prepared.events) })}
        </Text>
      ) : null}
      {prepared.status === 'failed' ? (
        <Text as="p" role="alert">
          {t('SupervisorInsightsExportFailed', { problem: prepared.problem })}
        </Text>
      ) : null}
      {prepared.status === 'ready' && !sameRange(prepared.range, range) ? <Text as="p">{t('SupervisorInsightsExportStale')}</Text> : null}
      {prepared.status === 'ready' && sameRange(prepared.range, range) ? <ExportFiles prepared={prepared} timeZone={timeZone} /> : null}
    </Box>
  );
}

function ExportFiles({ prepared, timeZone }: { prepared: Extract<Prepared, { status: 'ready' }>; timeZone?: string }): React.ReactElement {
  const t = useStrings();
  const { range, tables } = prepared;
  return (
    <>
      <Text as="p">
        {t('SupervisorInsightsExportReady', {
          period: daysText(range),
          events: formatCount(prepared.events),
          asOf: formatDayTime(prepared.asOf, timeZone),
        })}
      </Text>
      <Table aria-label={t('SupervisorInsightsExportFiles')}>
        <THead>
          <Tr>
            <Th scope="col">{t('SupervisorInsightsExportFile')}</Th>
            <Th scope="col">{t('SupervisorInsightsExportCovers')}</Th>
            <Th scope="col" textAlign="right">
              {t('SupervisorInsightsExportRows')}
            </Th>
            <Th scope="col" />
          </Tr>
        </THead>
        <TBody>
          {EXPORT_TABLES.map((table) => {
            const file = exportFileName(table, range);
            return (
              <Tr key={table}>
                <Th scope="row">{file}</Th>
                <Td>{t(`SupervisorInsightsExport_${table}`)}</Td>
                <Td textAlign="right">{formatCount(tables.rows[table].length)}</Td>
                <Td>
                  <Button variant="secondary" size="small" onClick={() => downloadCsv(file, exportCsv(table, tables.rows[table]))}>
                    {t('SupervisorInsightsExportDownload', { file: table })}
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </>
  );
}
