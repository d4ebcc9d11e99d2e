import * as React from 'react';
import { Text } from '@twilio-paste/core/text';
import type { Access, AgentCounts } from '../../core';
import { formatCount } from './format';
import { useStrings } from './StringsContext';
import type { StringKey } from './strings';

const SCOPE_WORDS: Readonly<Record<Access['scope'], StringKey>> = {
  all: 'SupervisorInsightsScopeCentre',
  team: 'SupervisorInsightsScopeTeam',
  self: 'SupervisorInsightsScopeSelf',
  none: 'SupervisorInsightsScopeSelf',
};

/** Whose agents the figures are: "Your team" for a team leader, "Whole centre" for a role that sees everyone. */
export function scopeWords(access: Access): StringKey {
  return SCOPE_WORDS[access.scope];
}

/**
 * The small line that says whose figures a tab shows, and, where the tab counts agents,
 * the counts every tab shares (`agentCountsOf`): available, on a contact, logged in, agents.
 */
export function ScopeNote({ scope, counts, figure = 'agent-counts' }: { scope: string; counts?: AgentCounts; figure?: string }): React.ReactElement {
  const t = useStrings();
  return (
    <Text as="p" fontSize="fontSize20" lineHeight="lineHeight20" color="colorTextWeak" data-scope="">
      <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold" color="colorTextWeak">
        {scope}
      </Text>
      {counts ? (
        <>
          {' · '}
          <span data-figure={figure}>
            {t('SupervisorInsightsAgentCounts', {
              available: formatCount(counts.available),
              onContact: formatCount(counts.onContact),
              loggedIn: formatCount(counts.loggedIn),
              agents: formatCount(counts.agents),
            })}
          </span>
        </>
      ) : null}
    </Text>
  );
}
