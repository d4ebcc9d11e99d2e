import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { formatRate, formatSeconds, useStrings } from '../common';
import type { Thresholds } from '../../core';
import { TILE_STATUSES } from './queuesTab.selectors';
import { StatusBadge } from './StatusBadge';

/** What the colours mean, with the configured thresholds. */
export function StatusLegend({ thresholds }: { thresholds: Thresholds }): React.ReactElement {
  const t = useStrings();
  return (
    <Box as="section" aria-label={t('SupervisorInsightsStatusLegend')} display="flex" flexWrap="wrap" alignItems="center" columnGap="space30" rowGap="space20">
      {TILE_STATUSES.map((s) => (
        <StatusBadge key={s} status={s} />
      ))}
      <Text as="p" fontSize="fontSize20" color="colorTextWeak">
        {t('SupervisorInsightsStatusLegendDetail', {
          waitingAmber: thresholds.waitingNow.amber,
          waitingRed: thresholds.waitingNow.red,
          waitAmber: formatSeconds(thresholds.longestWaitSec.amber),
          waitRed: formatSeconds(thresholds.longestWaitSec.red),
          slaAmber: formatRate(thresholds.serviceLevel.amber),
          slaRed: formatRate(thresholds.serviceLevel.red),
        })}
      </Text>
    </Box>
  );
}
