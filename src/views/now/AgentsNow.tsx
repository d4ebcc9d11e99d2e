import * as React from 'react';
import { ErrorIcon } from '@twilio-paste/icons/cjs/ErrorIcon';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { formatCount, formatSeconds, useStrings, type StringKey } from '../common';
import type { AgentState, NowAgent } from './nowTab.selectors';

/** At most this many agents are listed (two columns); the rest are counted. A 30-agent team is listed whole. */
export const MAX_AGENT_ROWS = 40;

/**
 * Up to this many agents are listed in one column, each line whole (name, activity, contact
 * with its channel and age); more go in two columns, where long texts are cut to fit.
 */
export const ONE_COLUMN_AGENTS = 18;

export const STATE_WORDS: Readonly<Record<AgentState, StringKey>> = {
  onContact: 'SupervisorInsightsNowStateOnContact',
  available: 'SupervisorInsightsNowStateAvailable',
  away: 'SupervisorInsightsNowStateAway',
  offline: 'SupervisorInsightsNowStateOffline',
};

const STATE_COLOURS: Readonly<Record<AgentState, string>> = {
  onContact: 'colorBackgroundPrimary',
  available: 'colorBackgroundSuccess',
  away: 'colorBackgroundStrong',
  offline: 'colorBackgroundStrong',
};

/** "over 30 min", in colour, icon and words. */
function OverLimit({ minutes }: { minutes: number }): React.ReactElement {
  const t = useStrings();
  return (
    <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold" color="colorTextError" whiteSpace="nowrap">
      <ErrorIcon decorative size="sizeIcon10" display="inline-block" />
      {t('SupervisorInsightsNowOverLimit', { minutes })}
    </Text>
  );
}

/** One agent on one line: state, name, activity and time in it, and the contact they are on. */
function AgentLine({ agent }: { agent: NowAgent }): React.ReactElement {
  const t = useStrings();
  const c = agent.contact;
  return (
    <Box
      as="li"
      display="grid"
      gridTemplateColumns="minmax(0, 8fr) minmax(0, 8fr) minmax(0, 10fr)"
      columnGap="space30"
      alignItems="center"
      paddingY="space10"
      paddingX="space20"
      borderRadius="borderRadius20"
      backgroundColor={agent.over ? 'colorBackgroundErrorWeakest' : undefined}
      aria-label={`${agent.name}: ${t(STATE_WORDS[agent.state])}`}
    >
      <Box display="flex" alignItems="center" columnGap="space20" minWidth="0">
        <Box as="span" aria-hidden="true" flexShrink={0} width="sizeSquare20" height="sizeSquare20" borderRadius="borderRadiusCircle" backgroundColor={STATE_COLOURS[agent.state] as 'colorBackgroundStrong'} />
        <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" fontWeight="fontWeightSemibold" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis" title={agent.name}>
          {agent.name}
        </Text>
      </Box>
      <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" fontVariantNumeric="tabular-nums" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis">
        {t('SupervisorInsightsActivityNow', { activity: agent.activity ?? '', duration: formatSeconds(agent.inActivitySec) })}
        {agent.over?.kind === 'activity' ? (
          <>
            {' '}
            <OverLimit minutes={agent.over.minutes} />
          </>
        ) : null}
      </Text>
      <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" fontVariantNumeric="tabular-nums" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis" color="colorTextWeak">
        {c ? (
          <>
            <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold">
              {t.supportType(c.supportType)}
            </Text>
            {` · ${c.channel ?? c.platform} · `}
            {/* In wrap-up, the wrap-up's time says more than the contact's age. */}
            {c.wrapupSec !== undefined ? t('SupervisorInsightsNowWrapup', { duration: formatSeconds(c.wrapupSec) }) : formatSeconds(c.ageSec)}
            {agent.moreContacts > 0 ? ` ${t('SupervisorInsightsNowMoreContacts', { count: agent.moreContacts })}` : ''}
            {agent.over?.kind === 'wrapup' ? (
              <>
                {' '}
                <OverLimit minutes={agent.over.minutes} />
              </>
            ) : null}
          </>
        ) : null}
      </Text>
    </Box>
  );
}

/** The agents now, those past a limit first, in one column or two (`ONE_COLUMN_AGENTS`); offline ones named on one line. */
export function AgentsNow({ agents, offline }: { agents: readonly NowAgent[]; offline: readonly NowAgent[] }): React.ReactElement {
  const t = useStrings();
  const shown = agents.slice(0, MAX_AGENT_ROWS);
  const rest = agents.length - shown.length;
  if (agents.length === 0 && offline.length === 0) return <Text as="p">{t('SupervisorInsightsNowNoAgents')}</Text>;
  return (
    <Box display="flex" flexDirection="column" rowGap="space20" minWidth="0">
      <Box as="ul" margin="space0" padding="space0" listStyleType="none" display="grid" gridTemplateColumns={shown.length > ONE_COLUMN_AGENTS ? 'repeat(2, minmax(0, 1fr))' : 'minmax(0, 1fr)'} columnGap="space40" aria-label={t('SupervisorInsightsNowAgents')}>
        {shown.map((a) => (
          <AgentLine key={a.sid} agent={a} />
        ))}
      </Box>
      {rest > 0 ? (
        <Text as="p" fontSize="fontSize20" color="colorTextWeak">
          {t('SupervisorInsightsNowAgentsMore', { count: formatCount(rest) })}
        </Text>
      ) : null}
      {offline.length > 0 ? (
        <Text as="p" fontSize="fontSize20" lineHeight="lineHeight20" color="colorTextWeak">
          <Text as="span" fontSize="fontSize20" fontWeight="fontWeightSemibold" color="colorTextWeak">
            {t('SupervisorInsightsNowOffline', { count: formatCount(offline.length) })}
          </Text>{' '}
          {offline.map((a) => a.name).join(', ')}
        </Text>
      ) : null}
    </Box>
  );
}
