import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Checkbox } from '@twilio-paste/core/checkbox';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { Option, Select } from '@twilio-paste/core/select';
import { useStrings } from '../common/StringsContext';
import type { AgentFilter } from './agentsTab.selectors';

export interface AgentsFiltersProps {
  readonly id: string;
  readonly filter: AgentFilter;
  readonly onChange: (filter: AgentFilter) => void;
  readonly teams: readonly string[];
  readonly supportTypes: readonly string[];
  readonly grouped: boolean;
  readonly onGroupedChange: (grouped: boolean) => void;
}

/** Team, support type, name; and whether agents are listed under their team's row. */
export function AgentsFilters({ id, filter, onChange, teams, supportTypes, grouped, onGroupedChange }: AgentsFiltersProps): React.ReactElement {
  const t = useStrings();
  // Forty teams' options are not rebuilt for each letter typed.
  const teamOptions = React.useMemo(
    () =>
      teams.map((team) => (
        <Option key={team} value={team}>
          {team}
        </Option>
      )),
    [teams],
  );
  const typeOptions = React.useMemo(
    () =>
      supportTypes.map((type) => (
        <Option key={type} value={type}>
          {t.supportType(type)}
        </Option>
      )),
    [supportTypes, t],
  );
  return (
    <Box display="flex" columnGap="space40" rowGap="space30" alignItems="flex-end" flexWrap="wrap">
      {teams.length > 1 ? (
        <Box minWidth="size20">
          <Label htmlFor={`${id}-team`}>{t('SupervisorInsightsTeam')}</Label>
          <Select id={`${id}-team`} value={filter.team ?? ''} onChange={(e) => onChange({ ...filter, team: e.target.value || undefined })}>
            <Option value="">{t('SupervisorInsightsAllTeams')}</Option>
            {teamOptions}
          </Select>
        </Box>
      ) : null}
      <Box minWidth="size20">
        <Label htmlFor={`${id}-type`}>{t('SupervisorInsightsSupportType')}</Label>
        <Select id={`${id}-type`} value={filter.supportType ?? ''} onChange={(e) => onChange({ ...filter, supportType: e.target.value || undefined })}>
          <Option value="">{t('SupervisorInsightsAllSupportTypes')}</Option>
          {typeOptions}
        </Select>
      </Box>
      <Box minWidth="size20">
        <Label htmlFor={`${id}-name`}>{t('SupervisorInsightsFilterByName')}</Label>
        <Input id={`${id}-name`} type="search" value={filter.name ?? ''} onChange={(e) => onChange({ ...filter, name: e.target.value })} />
      </Box>
      {teams.length > 0 ? (
        <Box paddingBottom="space30">
          <Checkbox id={`${id}-grouped`} checked={grouped} onChange={(e) => onGroupedChange(e.target.checked)}>
            {t('SupervisorInsightsGroupByTeam')}
          </Checkbox>
        </Box>
      ) : null}
    </Box>
  );
}
