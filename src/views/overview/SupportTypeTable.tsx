import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { TBody, TFoot, THead, Table, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import type { Access } from '../../core';
import { CsvButton, useStrings } from '../common';
import { Radio, RadioGroup } from '@twilio-paste/core/radio-group';
import {
  METRICS_OF_SET,
  METRIC_LABELS,
  METRIC_SET_LABELS,
  TABLE_METRICS,
  TABLE_METRIC_SETS,
  columnLabel,
  formatMetric,
  tableColumnsOf,
  type OverviewSummary,
  type TableMetricSet,
} from './overviewTab.selectors';

export interface SupportTypeTableProps {
  readonly id: string;
  readonly summary: OverviewSummary;
  readonly access: Access;
  /** The period, for the CSV file name. */
  readonly periodLabel: string;
  /** Side by side: the set of metrics shown per column. */
  readonly metricSet: TableMetricSet;
  readonly onMetricSet: (set: TableMetricSet) => void;
}

/**
 * A line before each column group, so the platforms read apart. Paste's Th and Td take no
 * border props; the colour is Paste's colorBorderWeak.
 */
const GROUP_START = { style: { borderLeft: '1px solid rgb(202, 205, 216)' } } as const;

/**
 * A row or corner header that stays put should the table scroll sideways (side by side on
 * a window narrower than a laptop's). Paste's Th takes no position, so this is a Box laid out like it.
 */
function StickyTh({ children, scope, rowSpan, head }: { children: React.ReactNode; scope: 'row' | 'col'; rowSpan?: number; head?: boolean }): React.ReactElement {
  return (
    <Box
      as="th"
      // Box's types lack the table attributes; the element gets them all the same.
      {...{ scope, rowSpan }}
      position="sticky"
      left="0"
      zIndex="zIndex10"
      backgroundColor={head ? 'colorBackground' : 'colorBackgroundBody'}
      textAlign="left"
      fontSize="fontSize30"
      lineHeight="lineHeight30"
      fontWeight="fontWeightSemibold"
      paddingX="space50"
      paddingY="space40"
      borderBottomStyle="solid"
      borderBottomWidth="borderWidth10"
      borderBottomColor="colorBorderWeaker"
      borderRightStyle="solid"
      borderRightWidth="borderWidth10"
      borderRightColor="colorBorderWeaker"
    >
      {children}
    </Box>
  );
}

/**
 * The figures per support type, with the total row and its CSV. Side by side, each
 * platform (and the total) is a column group over one set of metrics, chosen above the
 * table, so it fits the screen; the CSV has every metric of every column.
 */
export function SupportTypeTable({ id, summary, access, periodLabel, metricSet, onMetricSet }: SupportTypeTableProps): React.ReactElement {
  const t = useStrings();
  const { columns, rows } = summary;
  const tableColumns = React.useMemo(() => tableColumnsOf(columns, t), [columns, t]);
  const several = columns.length > 1;
  const metrics = several ? METRICS_OF_SET[metricSet] : TABLE_METRICS;
  const body = rows.filter((r) => r.supportType !== undefined);
  const total = rows.find((r) => r.supportType === undefined);
  const headingId = `${id}-by-support-type`;
  const RowHeader = several ? StickyTh : Th;
  const cellsOf = (row: (typeof rows)[number], strong: boolean): React.ReactNode =>
    columns.map((c, i) =>
      metrics.map((m, j) => (
        <Td key={`${c.id}-${m}`} textAlign="right" {...(several && j === 0 ? GROUP_START : {})}>
          <Text as="span" fontVariantNumeric="tabular-nums" fontWeight={strong || (several && c.platform === undefined) ? 'fontWeightSemibold' : 'fontWeightNormal'}>
            {formatMetric(m, row.cells[i])}
          </Text>
        </Td>
      )),
    );
  return (
    <Box as="section" aria-labelledby={headingId}>
      <Box display="flex" justifyContent="space-between" alignItems="center" columnGap="space60" rowGap="space30" flexWrap="wrap" marginBottom="space30">
        <Heading as="h3" variant="heading40" id={headingId} marginBottom="space0">
          {t('SupervisorInsightsBySupportType')}
        </Heading>
        <Box display="flex" alignItems="center" columnGap="space60">
          {several ? (
            <RadioGroup name={`${id}-metric-set`} legend={t('SupervisorInsightsMetricSet')} orientation="horizontal" value={metricSet} onChange={(v) => onMetricSet(TABLE_METRIC_SETS.find((s) => s === v) ?? metricSet)}>
              {TABLE_METRIC_SETS.map((s) => (
                <Radio key={s} id={`${id}-metric-set-${s}`} value={s}>
                  {t(METRIC_SET_LABELS[s])}
                </Radio>
              ))}
            </RadioGroup>
          ) : null}
          <CsvButton access={access} table="overview" suffix={periodLabel} columns={tableColumns} rows={() => rows} />
        </Box>
      </Box>
      <Box data-table="overview-by-support-type">
        <Table scrollHorizontally variant="default" aria-labelledby={headingId}>
          <THead>
            <Tr>
              {several ? (
                <StickyTh scope="col" rowSpan={2} head>
                  {tableColumns[0].header}
                </StickyTh>
              ) : (
                <Th scope="col">{tableColumns[0].header}</Th>
              )}
              {several
                ? columns.map((c) => (
                    <Th key={c.id} colSpan={metrics.length} scope="colgroup" textAlign="center" {...GROUP_START}>
                      {columnLabel(c, columns, t)}
                    </Th>
                  ))
                : metrics.map((m) => (
                    <Th key={m} scope="col" textAlign="right">
                      <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold" lineHeight="lineHeight10">
                        {t(METRIC_LABELS[m])}
                      </Text>
                    </Th>
                  ))}
            </Tr>
            {several ? (
              <Tr>
                {columns.map((c) =>
                  metrics.map((m, j) => (
                    <Th key={`${c.id}-${m}`} scope="col" textAlign="right" {...(j === 0 ? GROUP_START : {})}>
                      <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold" lineHeight="lineHeight10">
                        {t(METRIC_LABELS[m])}
                      </Text>
                    </Th>
                  )),
                )}
              </Tr>
            ) : null}
          </THead>
          <TBody>
            {body.map((row) => (
              <Tr key={row.supportType}>
                <RowHeader scope="row">{tableColumns[0].value(row)}</RowHeader>
                {cellsOf(row, false)}
              </Tr>
            ))}
          </TBody>
          {total ? (
            <TFoot>
              <Tr>
                <RowHeader scope="row">{tableColumns[0].value(total)}</RowHeader>
                {cellsOf(total, true)}
              </Tr>
            </TFoot>
          ) : null}
        </Table>
      </Box>
      <Text as="p" fontSize="fontSize20" color="colorTextWeak" marginTop="space20">
        {t('SupervisorInsightsCountedOnce')}
      </Text>
    </Box>
  );
}
