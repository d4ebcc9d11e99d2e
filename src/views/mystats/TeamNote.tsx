import * as React from 'react';
import { Text } from '@twilio-paste/core/text';
import { formatCount, useStrings } from '../common';
import type { MyStats } from './myStats.selectors';

/** Whom the team average is of, or why there is none. */
export function TeamNote({ stats }: { stats: MyStats }): React.ReactElement {
  const t = useStrings();
  switch (stats.teamSource) {
    case 'team':
      return (
        <Text as="p" color="colorTextWeak">
          {t('SupervisorInsightsTeamAverageOf', { team: stats.team ?? '', agents: formatCount(stats.week.teamAgents) })}
          {' '}
          {stats.teamFromStream ? t('SupervisorInsightsTeamAverageLiveOnly') : null}
        </Text>
      );
    case 'noTeam':
      return <Text as="p" color="colorTextWeak">{t('SupervisorInsightsTeamAverageNoTeam')}</Text>;
    default:
      return <Text as="p" color="colorTextWeak">{t('SupervisorInsightsTeamAverageNotYet')}</Text>;
  }
}
