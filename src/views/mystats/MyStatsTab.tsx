import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { formatCount, usePeriod, useStrings, type Period, type TabProps } from '../common';
import { LoggedStatus } from './LoggedStatus';
import { MyFiguresTable, MySupportTypesTable } from './MyFiguresTable';
import { selectMyStats } from './myStats.selectors';
import { TeamNote } from './TeamNote';

const THIS_WEEK: Period = { kind: 'week' };

/** The signed-in agent's own figures, today and this week, against their team's average. */
export function MyStatsTab({ store }: TabProps): React.ReactElement {
  const t = useStrings();
  // The week's earlier days come from history: asking for the period loads them.
  usePeriod(store, THIS_WEEK);
  const stats = useStore(store, selectMyStats);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const timeZone = useStore(store, (s) => s.config.timeZone);
  if (status === 'error') return <Text as="p" color="colorTextError">{t('SupervisorInsightsLiveFailed', { error: error ?? '' })}</Text>;
  if (stats.workerSid === undefined) return <Text as="p">{t('SupervisorInsightsNoWorker')}</Text>;
  return (
    <Box display="flex" flexDirection="column" rowGap="space60" paddingTop="space40">
      <Box display="flex" flexWrap="wrap" columnGap="space40" rowGap="space40">
        <Box as="section" aria-label={t('SupervisorInsightsMyHandledToday')} backgroundColor="colorBackgroundBody" borderRadius="borderRadius30" boxShadow="shadowCard" padding="space50" minWidth="size20">
          <Text as="h3" fontSize="fontSize30" fontWeight="fontWeightSemibold" color="colorTextWeak">
            {t('SupervisorInsightsMyHandledToday')}
          </Text>
          <Text as="p" fontSize="fontSize80" lineHeight="lineHeight80" fontWeight="fontWeightSemibold" fontVariantNumeric="tabular-nums" data-figure="myStats">
            {formatCount(stats.today.mine.handled ?? 0)}
          </Text>
        </Box>
        <LoggedStatus lines={stats.loggedStatus} />
      </Box>
      {status === 'loading' ? <Text as="p" color="colorTextWeak">{t('SupervisorInsightsLoading')}</Text> : null}
      <TeamNote stats={stats} timeZone={timeZone} />
      <MyFiguresTable stats={stats} />
      <Box>
        <Heading as="h3" variant="heading40">
          {t('SupervisorInsightsBySupportType')}
        </Heading>
        {stats.week.bySupportType.length === 0 && stats.today.bySupportType.length === 0 ? (
          <Text as="p">{t('SupervisorInsightsNoData')}</Text>
        ) : (
          <MySupportTypesTable stats={stats} />
        )}
      </Box>
    </Box>
  );
}
