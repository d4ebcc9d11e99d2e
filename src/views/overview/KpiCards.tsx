import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { NO_VALUE, useStrings } from '../common';
import { METRIC_LABELS, OVERVIEW_KPIS, columnLabel, formatMetric, type OverviewSummary } from './overviewTab.selectors';

export interface KpiCardsProps {
  readonly summary: OverviewSummary;
  /** Days of the period still loading: each figure reads "—" (the period line says how many). */
  readonly pending?: boolean;
}

/** One card per KPI; side by side, each card holds a figure per platform and the total. */
export function KpiCards({ summary, pending = false }: KpiCardsProps): React.ReactElement {
  const t = useStrings();
  const { columns, kpis } = summary;
  const several = columns.length > 1;
  return (
    <Box
      as="section"
      aria-label={t('SupervisorInsightsOverviewKpis')}
      display="grid"
      // Two rows of four on a wide screen (a figure per platform and the total in each card when side by side).
      gridTemplateColumns={several ? ['minmax(0, 1fr)', 'repeat(2, minmax(0, 1fr))', 'repeat(4, minmax(0, 1fr))'] : ['repeat(2, minmax(0, 1fr))', 'repeat(4, minmax(0, 1fr))']}
      columnGap="space40"
      rowGap="space40"
    >
      {OVERVIEW_KPIS.map((kpi) => (
        <KpiCard key={kpi} label={t(METRIC_LABELS[kpi])} several={several}>
          {columns.map((c, i) => (
            <Box key={c.id} minWidth="0" flex={several ? '1' : undefined}>
              {several ? (
                <Text as="p" fontSize="fontSize20" lineHeight="lineHeight10" color="colorTextWeak">
                  {columnLabel(c, columns, t)}
                </Text>
              ) : null}
              <Text
                as="p"
                fontSize={several ? 'fontSize60' : 'fontSize70'}
                lineHeight={several ? 'lineHeight60' : 'lineHeight70'}
                fontWeight={c.platform === undefined && several ? 'fontWeightBold' : 'fontWeightSemibold'}
                fontVariantNumeric="tabular-nums"
                // The live figure the browser tests follow: handled, over every platform.
                data-figure={kpi === 'handled' && c.platform === undefined ? 'overview' : undefined}
              >
                {pending ? NO_VALUE : formatMetric(kpi, kpis[i])}
              </Text>
            </Box>
          ))}
        </KpiCard>
      ))}
    </Box>
  );
}

function KpiCard({ label, several, children }: { label: string; several: boolean; children: React.ReactNode }): React.ReactElement {
  return (
    <Box as="section" aria-label={label} backgroundColor="colorBackgroundBody" borderRadius="borderRadius30" boxShadow="shadowCard" paddingX="space40" paddingY="space40" minWidth="0">
      <Text as="h3" fontSize="fontSize30" fontWeight="fontWeightSemibold" color="colorTextWeak" marginBottom="space20" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis" title={label}>
        {label}
      </Text>
      {/* Bottom-aligned, so figures stay in line when a long platform name wraps. */}
      <Box display="flex" columnGap="space30" alignItems="flex-end" justifyContent={several ? 'space-between' : 'flex-start'}>
        {children}
      </Box>
    </Box>
  );
}
