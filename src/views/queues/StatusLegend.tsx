import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { formatRate, formatSeconds, useStrings } from '../common';
import { thresholdsFor, type Thresholds } from '../../core';
import { TILE_STATUSES } from './queuesTab.selectors';
import { StatusBadge } from './StatusBadge';

/** What the colours mean, with the configured thresholds, and each support type's own where it has them. */
export function StatusLegend({ thresholds }: { thresholds: Thresholds }): React.ReactElement {
  const t = useStrings();
  const own = Object.keys(thresholds.bySupportType ?? {}).map((supportType) => {
    const th = thresholdsFor(thresholds, supportType);
    return t('SupervisorInsightsStatusLegendOwn', {
      supportType: t.supportType(supportType),
      waitingAmber: th.waitingNow.amber,
      waitingRed: th.waitingNow.red,
      waitAmber: formatSeconds(th.longestWaitSec.amber),
      waitRed: formatSeconds(th.longestWaitSec.red),
      slaAmber: formatRate(th.serviceLevel.amber),
      slaRed: formatRate(th.serviceLevel.red),
    });
  });
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
        {own.map((line) => ` ${line}`).join('')}
      </Text>
    </Box>
  );
}
