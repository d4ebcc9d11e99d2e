import * as React from 'react';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import { useStrings } from '../common';
import { formatAverage, formatMyMetric, MY_STATS_LABELS } from './myStats.format';
import { MY_STATS_METRICS, type MyStats } from './myStats.selectors';

/** The header both tables share: me, then the team average, today and this week. */
function ComparisonHead({ first, withTeam }: { first: string | null; withTeam: boolean }): React.ReactElement {
  const t = useStrings();
  const head = (who: 'SupervisorInsightsMe' | 'SupervisorInsightsTeamAverage', when: 'SupervisorInsightsToday' | 'SupervisorInsightsThisWeek') => (
    <Th scope="col" textAlign="right">{`${t(who)} · ${t(when)}`}</Th>
  );
  return (
    <THead>
      <Tr>
        <Th scope="col">{first}</Th>
        {head('SupervisorInsightsMe', 'SupervisorInsightsToday')}
        {withTeam ? head('SupervisorInsightsTeamAverage', 'SupervisorInsightsToday') : null}
        {head('SupervisorInsightsMe', 'SupervisorInsightsThisWeek')}
        {withTeam ? head('SupervisorInsightsTeamAverage', 'SupervisorInsightsThisWeek') : null}
      </Tr>
    </THead>
  );
}

/** Me against the team average, today and this week, one row per figure. */
export function MyFiguresTable({ stats }: { stats: MyStats }): React.ReactElement {
  const t = useStrings();
  const withTeam = stats.teamSource === 'team';
  return (
    <Table aria-label={t('SupervisorInsightsMyFigures')} variant="default">
      <ComparisonHead first={null} withTeam={withTeam} />
      <TBody>
        {MY_STATS_METRICS.map((m) => (
          <Tr key={m}>
            <Th scope="row">{t(MY_STATS_LABELS[m])}</Th>
            <Td textAlign="right">{formatMyMetric(m, stats.today.mine[m])}</Td>
            {withTeam ? <Td textAlign="right">{formatMyMetric(m, stats.today.teamAverage?.[m] ?? null, true)}</Td> : null}
            <Td textAlign="right">{formatMyMetric(m, stats.week.mine[m])}</Td>
            {withTeam ? <Td textAlign="right">{formatMyMetric(m, stats.week.teamAverage?.[m] ?? null, true)}</Td> : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** Conversations per support type, me and the team average, today and this week. */
export function MySupportTypesTable({ stats }: { stats: MyStats }): React.ReactElement {
  const t = useStrings();
  const withTeam = stats.teamSource === 'team';
  const types = [...new Set([...stats.week.bySupportType.map((l) => l.supportType), ...stats.today.bySupportType.map((l) => l.supportType)])];
  const todayOf = new Map(stats.today.bySupportType.map((l) => [l.supportType, l]));
  const weekOf = new Map(stats.week.bySupportType.map((l) => [l.supportType, l]));
  return (
    <Table aria-label={t('SupervisorInsightsBySupportType')}>
      <ComparisonHead first={t('SupervisorInsightsSupportType')} withTeam={withTeam} />
      <TBody>
        {types.map((type) => (
          <Tr key={type}>
            <Th scope="row">{t.supportType(type)}</Th>
            <Td textAlign="right">{formatAverage(todayOf.get(type)?.mine ?? 0)}</Td>
            {withTeam ? <Td textAlign="right">{formatAverage(todayOf.get(type)?.teamAverage ?? 0)}</Td> : null}
            <Td textAlign="right">{formatAverage(weekOf.get(type)?.mine ?? 0)}</Td>
            {withTeam ? <Td textAlign="right">{formatAverage(weekOf.get(type)?.teamAverage ?? 0)}</Td> : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
