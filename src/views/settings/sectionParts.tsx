import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { HelpText } from '@twilio-paste/core/help-text';
import type { SettingsProblem } from '../../core';
import { describeProblem } from './settingsDraft';

/** A section of the tab: a heading, what it does, its fields, and its problems under them. */
export function Section({
  id,
  title,
  intro,
  problems,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly intro?: React.ReactNode;
  readonly problems?: readonly SettingsProblem[];
  readonly children: React.ReactNode;
}): React.ReactElement {
  return (
    <Box as="section" aria-labelledby={`${id}-title`} borderStyle="solid" borderWidth="borderWidth10" borderColor="colorBorderWeak" borderRadius="borderRadius20" padding="space60" data-section={id}>
      <Heading as="h3" variant="heading30" id={`${id}-title`}>
        {title}
      </Heading>
      {intro ? <Box marginBottom="space40">{intro}</Box> : null}
      <Box display="flex" flexDirection="column" rowGap="space40">
        {children}
      </Box>
      {problems && problems.length > 0 ? (
        <Box marginTop="space40" role="group" aria-label={`Problems in ${title}`}>
          {problems.map((p) => (
            <HelpText key={`${p.field}|${p.message}`} variant="error">
              {describeProblem(p)}
            </HelpText>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
