import * as React from 'react';
import { Text } from '@twilio-paste/core/text';
import type { Access, AgentCounts } from '../../core';
import { formatCount } from './format';
import { useStrings } from './StringsContext';
import type { StringKey, Translate } from './strings';

/** The tabs whose scope line says whose figures they are (Now and Queues say theirs in their own words). */
export type ScopeOf = 'agents' | 'overview' | 'conversations';

const SCOPE_WORDS: Readonly<Record<ScopeOf, Readonly<Record<Access['scope'], StringKey>>>> = {
  // Agents & teams: a team leader's rows are their team's agents.
  agents: {
    all: 'SupervisorInsightsScopeCentre',
    team: 'SupervisorInsightsScopeTeam',
    self: 'SupervisorInsightsScopeSelf',
    none: 'SupervisorInsightsScopeSelf',
  },
  // Overview: a team leader's session folds every contact (other teams' parts anonymised), so
  // the figures are the centre's; only other teams' offers stop at the live data's start.
  overview: {
    all: 'SupervisorInsightsScopeCentre',
    team: 'SupervisorInsightsScopeOverviewTeam',
    self: 'SupervisorInsightsScopeSelf',
    none: 'SupervisorInsightsScopeSelf',
  },
  // Conversations: every conversation of the centre, other teams' agents and customers not named.
  conversations: {
    all: 'SupervisorInsightsScopeCentre',
    team: 'SupervisorInsightsScopeConversationsTeam',
    self: 'SupervisorInsightsScopeSelf',
    none: 'SupervisorInsightsScopeSelf',
  },
};

/**
 * Whose figures a tab shows for this access: "Whole centre" for a role that sees everyone;
 * for a team leader "Your team" on Agents & teams, and on Overview and Conversations the
 * centre's, with what of it they do not get (see docs/model.md, "Agent counts and scope").
 */
export function scopeWords(access: Access, tab: ScopeOf = 'agents'): StringKey {
  return SCOPE_WORDS[tab][access.scope];
}

/**
 * The live tabs' scope (Now, Queues): the queues are always the whole centre's; the agents
 * are the whole centre's for a role that sees everyone, else the access's ("your team").
 */
export function liveScopeText(t: Translate, access: Access): string {
  return access.scope === 'all' ? t('SupervisorInsightsScopeCentre') : t('SupervisorInsightsScopeQueues', { agents: t(scopeWords(access)).toLowerCase() });
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
