import * as React from 'react';
import { Text } from '@twilio-paste/core/text';
import { formatClockZone, formatCount, useStrings } from '../common';
import type { MyStats } from './myStats.selectors';

/** Whom the team average is of, or why there is none. */
export function TeamNote({ stats, timeZone }: { stats: MyStats; timeZone?: string }): React.ReactElement {
  const t = useStrings();
  const weak = (text: string) => (
    <Text as="p" color="colorTextWeak">
      {text}
    </Text>
  );
  switch (stats.teamSource) {
    case 'team': {
      const asOf = stats.teamFromHistory && stats.teamAsOf !== undefined ? formatClockZone(stats.teamAsOf, timeZone) : undefined;
      return (
        <Text as="p" color="colorTextWeak">
          {t('SupervisorInsightsTeamAverageOf', { team: stats.team ?? '', today: formatCount(stats.today.teamAgents), agents: formatCount(stats.week.teamAgents) })}
          {asOf !== undefined ? ` ${t('SupervisorInsightsTeamAverageAsOf', { time: asOf })}` : null}
          {asOf !== undefined && stats.teamProblem !== undefined
            ? ` ${t('SupervisorInsightsTeamAverageStale', { problem: stats.teamProblem, time: asOf })}`
            : null}
        </Text>
      );
    }
    case 'noTeam':
      return weak(t('SupervisorInsightsTeamAverageNoTeam'));
    case 'loading':
      return weak(t('SupervisorInsightsTeamAverageLoading'));
    case 'needsHistory':
      return weak(t('SupervisorInsightsTeamAverageNeedsHistory'));
    case 'failed':
      return weak(t('SupervisorInsightsTeamAverageFailed', { problem: stats.teamProblem ?? '' }));
    default:
      return weak(t('SupervisorInsightsTeamAverageNotYet'));
  }
}
