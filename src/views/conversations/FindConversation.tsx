import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { HelpText } from '@twilio-paste/core/help-text';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { identifierOf } from '../../core';
import { useStrings } from '../common/StringsContext';

export interface FindConversationProps {
  /** The name text being found (shown in the table instead of the period's list); '' when none. */
  readonly query: string;
  /** A name (or part of a sid) to find across the days loaded; '' clears it. */
  readonly onFind: (query: string) => void;
  /** An identifier: opened at once (the drill-down looks it up in history when no loaded day has it). */
  readonly onOpen: (sid: string) => void;
}

/**
 * "Find a conversation": a task, reservation, conversation or call sid opens that
 * conversation whatever day it was; any other text lists the conversations whose names
 * match across every day loaded (the tab shows them instead of the period's list).
 */
export function FindConversation({ query, onFind, onOpen }: FindConversationProps): React.ReactElement {
  const t = useStrings();
  const [text, setText] = React.useState(query);
  React.useEffect(() => setText(query), [query]);
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const id = identifierOf(text);
    if (id) onOpen(id.sid);
    else onFind(text.trim());
  };
  return (
    <Box as="form" onSubmit={submit} display="flex" columnGap="space30" alignItems="flex-end" aria-label={t('SupervisorInsightsFind')}>
      <Box flexGrow={1} maxWidth="size50">
        <Label htmlFor="conversations-find">{t('SupervisorInsightsFind')}</Label>
        <Input id="conversations-find" type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="conversations-find-hint" />
        <HelpText id="conversations-find-hint">{t('SupervisorInsightsFindHint')}</HelpText>
      </Box>
      <Box paddingBottom="space90">
        <Button type="submit" variant="primary" disabled={text.trim() === ''}>
          {t('SupervisorInsightsFindButton')}
        </Button>
      </Box>
      {query !== '' ? (
        <Box paddingBottom="space90">
          <Button variant="secondary" onClick={() => onFind('')}>
            {t('SupervisorInsightsFindClear')}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
