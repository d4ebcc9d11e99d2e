import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { Option, Select } from '@twilio-paste/core/select';
import { useStrings } from '../common/StringsContext';
import { ANY, OUTCOME_LABELS, type ConversationFilters, type FilterOptions } from './conversationsTab.selectors';

export interface ConversationFiltersBarProps {
  readonly filters: ConversationFilters;
  readonly options: FilterOptions;
  readonly onChange: (filters: ConversationFilters) => void;
}

/** A select's width: the filters and the period fit one row at 1440 px (the labels are short). */
const FIELD_WIDTH = '10rem';

/** Search by name or sid; support type, platform and outcome, each "All" by default (fields of the tab's toolbar row). */
export function ConversationFiltersBar({ filters, options, onChange }: ConversationFiltersBarProps): React.ReactElement {
  const t = useStrings();
  const set = <K extends keyof ConversationFilters>(key: K, value: ConversationFilters[K]): void => onChange({ ...filters, [key]: value });
  return (
    <>
      <Box flexGrow={1} flexShrink={1} flexBasis="size20" minWidth="size10" maxWidth="size40">
        <Label htmlFor="conversations-search">{t('SupervisorInsightsSearchConversations')}</Label>
        <Input id="conversations-search" type="search" value={filters.search} onChange={(e) => set('search', e.target.value)} />
      </Box>
      <Box width={FIELD_WIDTH} flexShrink={0}>
        <Label htmlFor="conversations-support-type">{t('SupervisorInsightsSupportType')}</Label>
        <Select id="conversations-support-type" value={filters.supportType} onChange={(e) => set('supportType', e.target.value)}>
          <Option value={ANY}>{t('SupervisorInsightsAll')}</Option>
          {options.supportTypes.map((s) => (
            <Option key={s} value={s}>
              {t.supportType(s)}
            </Option>
          ))}
        </Select>
      </Box>
      <Box width={FIELD_WIDTH} flexShrink={0}>
        <Label htmlFor="conversations-platform">{t('SupervisorInsightsPlatform')}</Label>
        <Select id="conversations-platform" value={filters.platform} onChange={(e) => set('platform', e.target.value)}>
          <Option value={ANY}>{t('SupervisorInsightsAll')}</Option>
          {options.platforms.map((p) => (
            <Option key={p} value={p}>
              {p}
            </Option>
          ))}
        </Select>
      </Box>
      <Box width={FIELD_WIDTH} flexShrink={0}>
        <Label htmlFor="conversations-outcome">{t('SupervisorInsightsOutcome')}</Label>
        <Select
          id="conversations-outcome"
          value={filters.outcome}
          onChange={(e) => set('outcome', e.target.value as ConversationFilters['outcome'])}
        >
          <Option value={ANY}>{t('SupervisorInsightsAll')}</Option>
          {options.outcomes.map((o) => (
            <Option key={o} value={o}>
              {t(OUTCOME_LABELS[o])}
            </Option>
          ))}
        </Select>
      </Box>
    </>
  );
}
