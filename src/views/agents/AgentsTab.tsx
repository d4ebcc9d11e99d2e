import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { selectToday } from '../../store';
import { CsvButton, PeriodPicker, PeriodStatus, ScopeNote, formatCount, periodLabel, scopeWords, usePeriod, type TabProps } from '../common';
import { useStrings } from '../common/StringsContext';
import { activityColours } from './activityColours';
import { AgentsFilters } from './AgentsFilters';
import { AgentsTable } from './AgentsTable';
import { ActivityLegend } from './ActivityLegend';
import { agentColumns, agentCsvColumns } from './agentsTab.columns';
import { OFFLINE } from './agentsTab.selectors';
import { useAgentsTable } from './useAgentsTable';

/** Agents & teams: one row per agent the user may see, a roll-up per team, for a period. */
export function AgentsTab({ store, access, timeZone }: TabProps): React.ReactElement {
  const t = useStrings();
  const { period, setPeriod, range } = usePeriod(store);
  const today = useStore(store, selectToday);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const table = useAgentsTable(store, range);
  const { model, rows, filter } = table;
  const columns = React.useMemo(() => agentColumns(t, model, filter, table.grouped), [t, model, filter, table.grouped]);
  const logged = React.useMemo(() => model.activities.filter((a) => a !== OFFLINE), [model]);
  const colours = React.useMemo(() => activityColours(model.activities), [model]);
  // Typing a name re-renders the tab: the parts that do not depend on it are kept as they are.
  const picker = React.useMemo(() => <PeriodPicker id="agents-period" period={period} onChange={setPeriod} today={today} />, [period, setPeriod, today]);
  const legend = React.useMemo(() => <ActivityLegend activities={logged} colours={colours} />, [logged, colours]);
  const csvColumns = React.useMemo(() => agentCsvColumns(t, columns, model.activities, () => store.getState().now), [t, columns, model, store]);

  if (status === 'error') {
    return (
      <Text as="p" color="colorTextError" role="alert">
        {t('SupervisorInsightsLiveFailed', { error: error ?? '' })}
      </Text>
    );
  }
  const empty = model.agentCount === 0;
  return (
    <Box display="flex" flexDirection="column" rowGap="space50" paddingTop="space50">
      <Box display="flex" columnGap="space60" rowGap="space40" alignItems="flex-end" flexWrap="wrap" justifyContent="space-between">
        <Box display="flex" columnGap="space60" alignItems="flex-end" flexWrap="wrap">
          {picker}
          {empty ? null : (
            <AgentsFilters
              id="agents"
              filter={filter}
              onChange={table.setFilter}
              teams={model.teams}
              supportTypes={model.supportTypes}
              grouped={table.grouped}
              onGroupedChange={table.setGrouped}
            />
          )}
        </Box>
      </Box>
      <PeriodStatus store={store} period={period} range={range} timeZone={timeZone} />
      {empty ? (
        <Text as="p" color="colorTextWeak">
          {status === 'loading' ? t('SupervisorInsightsLoading') : t('SupervisorInsightsAgentsNone')}
        </Text>
      ) : (
        <>
          <Box display="flex" columnGap="space60" rowGap="space30" flexWrap="wrap" alignItems="center">
            <ScopeNote scope={t(scopeWords(access))} counts={model.counts} figure="agents" />
            <Text as="p" color="colorTextWeak" aria-live="polite">
              {t('SupervisorInsightsAgentsShown', { shown: formatCount(table.agentsShown), total: formatCount(model.agentCount) })}
            </Text>
            {legend}
            <Box marginLeft="auto">
              <CsvButton
                access={access}
                table="agents"
                suffix={periodLabel(period, store.getState().live.engine.calendar, store.getState().now)}
                columns={csvColumns}
                rows={() => rows}
              />
            </Box>
          </Box>
          {table.agentsShown === 0 ? (
            <Text as="p" role="status">
              {t('SupervisorInsightsAgentsNoneMatch')}
            </Text>
          ) : (
            <AgentsTable store={store} rows={rows} columns={columns} activities={logged} colours={colours} sort={table.sort} onSort={table.sortBy} />
          )}
        </>
      )}
    </Box>
  );
}
