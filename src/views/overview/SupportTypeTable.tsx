import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { TBody, TFoot, THead, Table, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import type { Access } from '../../core';
import { CsvButton, useStrings } from '../common';
import { METRIC_LABELS, TABLE_METRICS, columnLabel, tableColumnsOf, type OverviewSummary } from './overviewTab.selectors';

export interface SupportTypeTableProps {
  readonly id: string;
  readonly summary: OverviewSummary;
  readonly access: Access;
  /** The period, for the CSV file name. */
  readonly periodLabel: string;
}

/**
 * A row or corner header that stays put while the table scrolls sideways (side by side is
 * wider than the screen). Paste's Th takes no position, so this is a Box laid out like it.
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

/** The figures per support type (per platform and the total, side by side), with the total row and its CSV. */
export function SupportTypeTable({ id, summary, access, periodLabel }: SupportTypeTableProps): React.ReactElement {
  const t = useStrings();
  const { columns, rows } = summary;
  const tableColumns = React.useMemo(() => tableColumnsOf(columns, t), [columns, t]);
  const several = columns.length > 1;
  const body = rows.filter((r) => r.supportType !== undefined);
  const total = rows.find((r) => r.supportType === undefined);
  const headingId = `${id}-by-support-type`;
  const RowHeader = several ? StickyTh : Th;
  const cellsOf = (row: (typeof rows)[number], strong: boolean): React.ReactNode =>
    tableColumns.slice(1).map((c, i) => (
      <Td key={i} textAlign="right">
        <Text as="span" fontVariantNumeric="tabular-nums" fontWeight={strong || (several && columns[c.column ?? 0]?.platform === undefined) ? 'fontWeightSemibold' : 'fontWeightNormal'}>
          {c.value(row)}
        </Text>
      </Td>
    ));
  return (
    <Box as="section" aria-labelledby={headingId}>
      <Box display="flex" justifyContent="space-between" alignItems="center" marginBottom="space30">
        <Heading as="h3" variant="heading40" id={headingId} marginBottom="space0">
          {t('SupervisorInsightsBySupportType')}
        </Heading>
        <CsvButton access={access} table="overview" suffix={periodLabel} columns={tableColumns} rows={() => rows} />
      </Box>
      <Table scrollHorizontally noWrap={several} variant="default" aria-labelledby={headingId}>
        <THead>
          <Tr>
            {several ? (
              <StickyTh scope="col" rowSpan={2} head>
                {tableColumns[0].header}
              </StickyTh>
            ) : (
              <Th scope="col">{tableColumns[0].header}</Th>
            )}
            {TABLE_METRICS.map((m) => (
              <Th key={m} colSpan={columns.length} scope={several ? 'colgroup' : 'col'} textAlign={several ? 'center' : 'right'}>
                <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold" lineHeight="lineHeight10">
                  {t(METRIC_LABELS[m])}
                </Text>
              </Th>
            ))}
          </Tr>
          {several ? (
            <Tr>
              {TABLE_METRICS.map((m) =>
                columns.map((c) => (
                  <Th key={`${m}-${c.id}`} scope="col" textAlign="right">
                    <Text as="span" fontSize="fontSize20" color="colorTextWeak" fontWeight="fontWeightMedium">
                      {columnLabel(c, columns, t)}
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
      <Text as="p" fontSize="fontSize20" color="colorTextWeak" marginTop="space20">
        {t('SupervisorInsightsCountedOnce')}
      </Text>
    </Box>
  );
}
