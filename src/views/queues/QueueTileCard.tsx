import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { formatCount, formatRate, formatSeconds, useStrings } from '../common';
import type { QueueTile, TileStatus } from './queuesTab.selectors';
import { STATUS_TEXT_COLOURS, StatusBadge } from './StatusBadge';

const BORDER = { green: 'colorBorderSuccess', amber: 'colorBorderWarning', red: 'colorBorderError' } as const;
const TEXT = STATUS_TEXT_COLOURS;

function Figure({ label, value, status }: { label: string; value: string; status?: TileStatus }): React.ReactElement {
  return (
    <Box minWidth="0">
      <Text as="dt" fontSize="fontSize20" color="colorTextWeak" whiteSpace="nowrap">
        {label}
      </Text>
      <Text as="dd" fontSize="fontSize40" fontWeight="fontWeightSemibold" fontVariantNumeric="tabular-nums" color={status ? TEXT[status] : 'colorText'}>
        {value}
      </Text>
    </Box>
  );
}

/** Equal when everything the tile shows is equal: a live update redraws only the tiles it changed. */
function sameTile(a: { tile: QueueTile }, b: { tile: QueueTile }): boolean {
  const x = a.tile;
  const y = b.tile;
  return (
    x === y ||
    (x.queue === y.queue &&
      x.waiting === y.waiting &&
      x.longestWaitSec === y.longestWaitSec &&
      x.active === y.active &&
      x.status === y.status &&
      x.statuses.waiting === y.statuses.waiting &&
      x.statuses.longestWait === y.statuses.longestWait &&
      x.statuses.serviceLevel === y.statuses.serviceLevel &&
      x.today.serviceLevel === y.today.serviceLevel &&
      x.today.abandoned === y.today.abandoned &&
      x.today.avgWaitSec === y.today.avgWaitSec)
  );
}

/** One queue: now (waiting, longest wait, active) and today (SLA, abandoned, ASA). */
export const QueueTileCard = React.memo(QueueTileView, sameTile);

function QueueTileView({ tile }: { tile: QueueTile }): React.ReactElement {
  const t = useStrings();
  const sla = tile.today.serviceLevel;
  return (
    <Box
      as="section"
      aria-label={tile.queue}
      backgroundColor="colorBackgroundBody"
      borderRadius="borderRadius30"
      boxShadow="shadowCard"
      borderLeftStyle="solid"
      borderLeftWidth="borderWidth40"
      borderLeftColor={BORDER[tile.status]}
      padding="space50"
    >
      <Box display="flex" justifyContent="space-between" alignItems="center" columnGap="space30" marginBottom="space30">
        <Text as="h4" fontSize="fontSize30" fontWeight="fontWeightSemibold" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis" title={tile.queue}>
          {tile.queue}
        </Text>
        <StatusBadge status={tile.status} />
      </Box>
      <Box as="dl" display="grid" gridTemplateColumns="repeat(3, minmax(0, 1fr))" columnGap="space40" rowGap="space30" margin="space0">
        <Figure label={t('SupervisorInsightsWaitingNow')} value={formatCount(tile.waiting)} status={tile.statuses.waiting} />
        <Figure label={t('SupervisorInsightsLongestWait')} value={formatSeconds(tile.longestWaitSec)} status={tile.statuses.longestWait} />
        <Figure label={t('SupervisorInsightsActive')} value={formatCount(tile.active)} />
        <Figure label={`${t('SupervisorInsightsServiceLevel')} ${t('SupervisorInsightsTodayShort').toLowerCase()}`} value={formatRate(sla)} status={tile.statuses.serviceLevel} />
        <Figure label={t('SupervisorInsightsAbandoned')} value={formatCount(tile.today.abandoned)} />
        <Figure label={t('SupervisorInsightsAvgWait')} value={formatSeconds(tile.today.avgWaitSec)} />
      </Box>
    </Box>
  );
}
