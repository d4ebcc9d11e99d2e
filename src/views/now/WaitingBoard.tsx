import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { formatCount, formatSeconds, useStrings } from '../common';
import { STATUS_TEXT_COLOURS, StatusBadge } from '../queues';
import type { NowGroup } from './nowTab.selectors';

const CELL = { paddingY: 'space20', paddingX: 'space30', borderBottomStyle: 'solid', borderBottomWidth: 'borderWidth10', borderBottomColor: 'colorBorderWeaker' } as const;

/** Waiting now and longest wait per support type (most urgent first) and platform, side by side, coloured by the thresholds. */
export function WaitingBoard({ groups, platforms }: { groups: readonly NowGroup[]; platforms: readonly string[] }): React.ReactElement {
  const t = useStrings();
  return (
    <Box as="table" width="100%" style={{ borderCollapse: 'collapse', tableLayout: 'fixed' }} aria-label={t('SupervisorInsightsNowWaiting')}>
      <thead>
        <tr>
          <Box as="th" {...CELL} width="30%" textAlign="left">
            <Text as="span" fontSize="fontSize20" color="colorTextWeak">
              {t('SupervisorInsightsSupportType')}
            </Text>
          </Box>
          <Box as="th" {...CELL} width="16%" />
          {platforms.map((p) => (
            <Box as="th" {...CELL} key={p} textAlign="right">
              <Text as="span" fontSize="fontSize20" color="colorTextWeak" whiteSpace="nowrap">
                {p}
              </Text>
            </Box>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.supportType} aria-label={t.supportType(g.supportType)}>
            <Box as="th" {...CELL} textAlign="left">
              <Text as="span" fontSize="fontSize30" fontWeight={g.waiting > 0 ? 'fontWeightSemibold' : 'fontWeightNormal'} whiteSpace="nowrap">
                {t.supportType(g.supportType)}
              </Text>
            </Box>
            <Box as="td" {...CELL}>
              <StatusBadge status={g.status} />
            </Box>
            {g.cells.map((c) => (
              <Box as="td" {...CELL} key={c.platform} textAlign="right" data-platform={c.platform}>
                <Text as="span" fontSize="fontSize30" fontVariantNumeric="tabular-nums" whiteSpace="nowrap">
                  <Text as="span" fontSize="fontSize30" fontWeight="fontWeightSemibold" color={STATUS_TEXT_COLOURS[c.statuses.waiting]}>
                    {formatCount(c.waiting)}
                  </Text>
                  <Text as="span" fontSize="fontSize20" color="colorTextWeak">
                    {` ${t('SupervisorInsightsNowLongest')} `}
                  </Text>
                  <Text as="span" fontSize="fontSize30" fontWeight="fontWeightSemibold" color={STATUS_TEXT_COLOURS[c.statuses.longestWait]}>
                    {c.waiting > 0 ? formatSeconds(c.longestWaitSec) : '—'}
                  </Text>
                </Text>
              </Box>
            ))}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
