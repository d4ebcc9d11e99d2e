import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import type { Access } from '../../core';
import { formatCount, formatSeconds, useStrings } from '../common';
import type { QueuesView } from './queuesTab.selectors';

function Stat({ label, value, detail, figure }: { label: string; value: string; detail?: string; figure?: string }): React.ReactElement {
  return (
    <Box as="section" aria-label={label} backgroundColor="colorBackgroundBody" borderRadius="borderRadius30" boxShadow="shadowCard" padding="space50">
      <Text as="h3" fontSize="fontSize30" fontWeight="fontWeightSemibold" color="colorTextWeak">
        {label}
      </Text>
      <Text as="p" fontSize="fontSize80" lineHeight="lineHeight80" fontWeight="fontWeightSemibold" fontVariantNumeric="tabular-nums" data-figure={figure}>
        {value}
      </Text>
      {detail ? (
        <Text as="p" fontSize="fontSize20" color="colorTextWeak">
          {detail}
        </Text>
      ) : null}
    </Box>
  );
}

/** The whole view at a glance: waiting, longest wait, active, agents available (once, not per queue). */
export function QueuesSummary({ view, access }: { view: QueuesView; access: Access }): React.ReactElement {
  const t = useStrings();
  return (
    <Box display="grid" gridTemplateColumns="repeat(auto-fill, minmax(12rem, 1fr))" columnGap="space40" rowGap="space40" aria-label={t('SupervisorInsightsQueuesSummary')} as="section">
      {/* The live figure the browser tests and the live benchmark follow. */}
      <Stat label={t('SupervisorInsightsWaitingNow')} value={formatCount(view.waiting)} figure="queues" />
      <Stat label={t('SupervisorInsightsLongestWait')} value={formatSeconds(view.longestWaitSec)} />
      <Stat label={t('SupervisorInsightsActive')} value={formatCount(view.active)} />
      <Stat
        label={t('SupervisorInsightsAgentsAvailable')}
        value={formatCount(view.available)}
        detail={`${t('SupervisorInsightsAvailableOf', { available: formatCount(view.available), loggedIn: formatCount(view.loggedIn) })}. ${t(
          access.scope === 'team' ? 'SupervisorInsightsAvailableTeamNote' : 'SupervisorInsightsAvailableNote',
        )}`}
      />
    </Box>
  );
}
