import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStrings } from '../common';
import type { MyStats } from './myStats.selectors';

/** Today's logged-in time per activity, as percentages. */
export function LoggedStatus({ lines }: { lines: MyStats['loggedStatus'] }): React.ReactElement {
  const t = useStrings();
  return (
    <Box as="section" aria-label={t('SupervisorInsightsLoggedStatusToday')} backgroundColor="colorBackgroundBody" borderRadius="borderRadius30" boxShadow="shadowCard" padding="space50" minWidth="size30">
      <Text as="h3" fontSize="fontSize30" fontWeight="fontWeightSemibold" color="colorTextWeak" marginBottom="space20">
        {t('SupervisorInsightsLoggedStatusToday')}
      </Text>
      {lines.length === 0 ? (
        <Text as="p">{t('SupervisorInsightsNoActivityYet')}</Text>
      ) : (
        <Box as="dl" display="grid" gridTemplateColumns="auto auto" columnGap="space50" rowGap="space10" margin="space0">
          {lines.map((l) => (
            <React.Fragment key={l.activity}>
              <Text as="dt">{l.activity}</Text>
              <Text as="dd" textAlign="right" fontVariantNumeric="tabular-nums" margin="space0">
                {`${l.pct.toFixed(1)}%`}
              </Text>
            </React.Fragment>
          ))}
        </Box>
      )}
    </Box>
  );
}
