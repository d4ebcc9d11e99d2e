import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStrings } from '../common/StringsContext';

export interface ActivityLegendProps {
  readonly activities: readonly string[];
  readonly colours: ReadonlyMap<string, string>;
}

/** What the colours of the logged status bars mean. */
export function ActivityLegend({ activities, colours }: ActivityLegendProps): React.ReactElement | null {
  const t = useStrings();
  if (activities.length === 0) return null;
  return (
    <Box as="ul" aria-label={t('SupervisorInsightsLoggedStatusNote')} title={t('SupervisorInsightsLoggedStatusNote')} display="flex" columnGap="space40" flexWrap="wrap" margin="space0" padding="space0" style={{ listStyle: 'none' }}>
      <Text as="li" color="colorTextWeak" fontSize="fontSize20">
        {t('SupervisorInsightsLoggedStatus')}:
      </Text>
      {activities.map((a) => (
        <Text as="li" key={a} fontSize="fontSize20">
          <span aria-hidden="true" style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, marginRight: 4, backgroundColor: colours.get(a) }} />
          {a}
        </Text>
      ))}
    </Box>
  );
}
