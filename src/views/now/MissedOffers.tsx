import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { formatClock, formatClockZone, formatCount, formatZone, useStrings } from '../common';
import type { MissedOffer } from './nowTab.selectors';

/** At most this many offers are listed, latest first; the earlier ones are counted. */
export const MAX_MISSED_ROWS = 100;

/**
 * The list shows this many lines and scrolls for the rest (keyboard too), so a busy day's
 * offers are all there while the Now tab still fits a 900 px window.
 */
export const VISIBLE_MISSED_ROWS = 6;
/** One line's height, px (the `lineHeight20` of the lines). */
const LINE_PX = 20;

/**
 * The listed offers' times and the zone they are in: one zone name for the list when every
 * listed time is in it (`Times in UTC`, said once: the list is narrow), else none and each
 * time with its own (`01:50 BST`, `01:10 GMT`: today had a clock change between them).
 */
export function missedTimes(offers: readonly MissedOffer[], timeZone?: string): { zone?: string; times: string[] } {
  const zones = new Set(offers.map((m) => formatZone(m.at, timeZone)));
  if (zones.size <= 1) return { zone: [...zones][0], times: offers.map((m) => formatClock(m.at, timeZone)) };
  return { times: offers.map((m) => formatClockZone(m.at, timeZone)) };
}

function Count({ label, value }: { label: string; value: number }): React.ReactElement {
  return (
    <Box as="section" aria-label={label} display="flex" alignItems="baseline" columnGap="space20">
      <Text as="span" fontSize="fontSize60" fontWeight="fontWeightSemibold" fontVariantNumeric="tabular-nums" color={value > 0 ? 'colorTextWarningStrong' : 'colorText'}>
        {formatCount(value)}
      </Text>
      <Text as="span" fontSize="fontSize20" color="colorTextWeak">
        {label}
      </Text>
    </Box>
  );
}

/** Today's RONA and rejected offers: the counts, and who, which support type and when. */
export function MissedOffers({ rona, rejected, missed, timeZone }: { rona: number; rejected: number; missed: readonly MissedOffer[]; timeZone?: string }): React.ReactElement {
  const t = useStrings();
  const shown = missed.slice(0, MAX_MISSED_ROWS);
  const earlier = missed.length - shown.length;
  const { zone, times } = missedTimes(shown, timeZone);
  return (
    <Box display="flex" flexDirection="column" rowGap="space20">
      <Box display="flex" columnGap="space60" alignItems="baseline">
        <Count label={t('SupervisorInsightsNowRona')} value={rona} />
        <Count label={t('SupervisorInsightsNowRejected')} value={rejected} />
        {/* On the counts' line, so the zone costs the tab no height. */}
        {zone !== undefined ? (
          <Text as="span" fontSize="fontSize20" color="colorTextWeak" marginLeft="auto">
            {t('SupervisorInsightsTimesIn', { zone })}
          </Text>
        ) : null}
      </Box>
      {missed.length === 0 ? (
        <Text as="p" fontSize="fontSize20" color="colorTextWeak">
          {t('SupervisorInsightsNowMissedNone')}
        </Text>
      ) : (
        <Box
          as="ol"
          margin="space0"
          padding="space0"
          listStyleType="none"
          aria-label={t('SupervisorInsightsNowMissed')}
          // Scrolls only when there is more than it shows; then it takes focus, so the keys scroll it.
          {...(shown.length > VISIBLE_MISSED_ROWS ? { tabIndex: 0, style: { maxHeight: VISIBLE_MISSED_ROWS * LINE_PX, overflowY: 'auto' as const } } : {})}
        >
          {shown.map((m, i) => (
            <Box as="li" key={m.key} display="grid" gridTemplateColumns={`${zone !== undefined ? '3rem' : '6rem'} minmax(0, 2fr) minmax(0, 2fr) 4.5rem`} columnGap="space30">
              <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" fontVariantNumeric="tabular-nums" whiteSpace="nowrap">
                {times[i]}
              </Text>
              <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" fontWeight="fontWeightSemibold" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis">
                {m.agent}
              </Text>
              <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis">
                {t.supportType(m.supportType)}
              </Text>
              <Text as="span" fontSize="fontSize20" lineHeight="lineHeight20" color={m.outcome === 'RONA' ? 'colorTextWarningStrong' : 'colorTextError'}>
                {m.outcome === 'RONA' ? t('SupervisorInsightsNowRona') : t('SupervisorInsightsNowRejected')}
              </Text>
            </Box>
          ))}
        </Box>
      )}
      {earlier > 0 ? (
        <Text as="p" fontSize="fontSize20" color="colorTextWeak">
          {t('SupervisorInsightsNowMissedMore', { count: formatCount(earlier) })}
        </Text>
      ) : null}
    </Box>
  );
}
