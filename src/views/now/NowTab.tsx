import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { ScopeNote, liveScopeText, useStrings, type TabProps } from '../common';
import { AgentsNow } from './AgentsNow';
import { MissedOffers } from './MissedOffers';
import { selectNowView } from './nowTab.selectors';
import { WaitingBoard } from './WaitingBoard';

function Panel({ title, children }: { title: string; children: React.ReactNode }): React.ReactElement {
  return (
    <Box as="section" aria-label={title} backgroundColor="colorBackgroundBody" borderRadius="borderRadius30" boxShadow="shadowCard" padding="space40" minWidth="0">
      <Box marginBottom="space20">
        <Heading as="h3" variant="heading50" marginBottom="space0">
          {title}
        </Heading>
      </Box>
      {children}
    </Box>
  );
}

/**
 * The live picture first: waiting per support type (most urgent first) and platform, and
 * today's missed offers on the left; the agents now on the right. Dense, so a 7-type,
 * 30-agent team fits 1440×900 without scrolling.
 */
export function NowTab({ store, access, timeZone }: TabProps): React.ReactElement {
  const t = useStrings();
  const view = useStore(store, selectNowView);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  if (status === 'error') {
    return (
      <Text as="p" color="colorTextError" role="alert">
        {t('SupervisorInsightsLiveFailed', { error: error ?? '' })}
      </Text>
    );
  }
  const limits = [
    ...Object.entries(view.limits.activityMinutes).map(([activity, minutes]) => `${activity} ${t('SupervisorInsightsNowOverLimit', { minutes })}`),
    ...(view.limits.wrapupMinutes !== undefined ? [`${t('SupervisorInsightsNowWrapup', { duration: '' }).trim()} ${t('SupervisorInsightsNowOverLimit', { minutes: view.limits.wrapupMinutes })}`] : []),
  ].join(', ');
  return (
    <Box display="flex" flexDirection="column" rowGap="space30" paddingTop="space30" data-now-tab="">
      <ScopeNote scope={liveScopeText(t, access)} counts={view.counts} figure="now-agents" />
      {status === 'loading' ? (
        <Text as="p" fontSize="fontSize20" color="colorTextWeak">
          {t('SupervisorInsightsLoading')}
        </Text>
      ) : null}
      <Box display="grid" gridTemplateColumns="minmax(0, 5fr) minmax(0, 8fr)" columnGap="space40" alignItems="start">
        <Box display="flex" flexDirection="column" rowGap="space40" minWidth="0">
          <Panel title={t('SupervisorInsightsNowWaiting')}>
            <WaitingBoard groups={view.groups} platforms={view.platforms} />
          </Panel>
          <Panel title={t('SupervisorInsightsNowMissed')}>
            <MissedOffers rona={view.rona} rejected={view.rejected} missed={view.missed} timeZone={timeZone} />
          </Panel>
        </Box>
        <Panel title={t('SupervisorInsightsNowAgents')}>
          <AgentsNow agents={view.agents} offline={view.offline} />
          {limits ? (
            <Text as="p" fontSize="fontSize20" color="colorTextWeak" marginTop="space20">
              {t('SupervisorInsightsNowLimits', { limits })}
            </Text>
          ) : null}
        </Panel>
      </Box>
    </Box>
  );
}
