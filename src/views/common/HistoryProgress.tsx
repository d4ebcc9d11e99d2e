/**
 * The backfill's progress line for the Insights header: a bar and the counts while
 * history loads ("Loading history: 12,345 events · 3 of 7 days"), the reason when it
 * failed (live data goes on), a quiet note when no history function is configured, and
 * once today's history is in, how many events it brought.
 * Paste 15 has no progress bar, so the bar is a Box with the ARIA progressbar role.
 */
import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import type { HistoryProgress as Progress } from '../../core';
import { selectToday, type InsightsStore } from '../../store';
import { formatCount } from './format';

export interface HistoryProgressProps {
  readonly store: InsightsStore;
}

/** The words of a progress state (pure, for the tests). */
export function historyProgressText(p: Progress | undefined, today?: string): string | undefined {
  if (!p) return undefined;
  if (p.error) return p.error;
  if (p.notice) return p.notice;
  const events = `${formatCount(p.fetched)} event${p.fetched === 1 ? '' : 's'}`;
  const days = p.daysTotal > 1 ? ` · ${formatCount(p.daysDone)} of ${formatCount(p.daysTotal)} days` : '';
  if (p.loading) return `Loading history: ${events}${days}`;
  // A finished load of earlier days says nothing here: each tab's period line says what
  // its period holds (a "loaded 1 to 30 Nov" line would be stale on a tab set to this week).
  if (p.range && (p.range.from !== p.range.to || (today !== undefined && p.range.from !== today))) return undefined;
  return `History loaded (today): ${events}`;
}

/** 0–100 for the bar: days frozen of days asked for, or the share of today's span fetched. */
export function historyProgressPercent(p: Progress): number {
  const share = p.daysTotal > 1 ? p.daysDone / p.daysTotal : (p.share ?? (p.loading ? 0 : 1));
  return Math.round(Math.min(1, Math.max(0, share)) * 100);
}

export function HistoryProgress({ store }: HistoryProgressProps): React.ReactElement | null {
  const progress = useStore(store, (s) => s.history?.progress);
  const today = useStore(store, selectToday);
  const text = historyProgressText(progress, today);
  if (!progress || text === undefined) return null;
  if (progress.error) {
    return (
      <Box paddingY="space30" role="alert">
        <Text as="p" color="colorTextError">
          {text}
        </Text>
      </Box>
    );
  }
  if (!progress.loading) {
    return (
      <Box paddingY="space30" role="status" aria-label="History">
        <Text as="p" color="colorTextWeak" fontSize="fontSize20">
          {text}
        </Text>
      </Box>
    );
  }
  const percent = historyProgressPercent(progress);
  return (
    <Box paddingY="space30" role="status" aria-label="History">
      <Text as="p" fontSize="fontSize20" marginBottom="space20">
        {text}
      </Text>
      <Box
        role="progressbar"
        aria-label="Loading history"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        backgroundColor="colorBackgroundStrong"
        borderRadius="borderRadius20"
        height="sizeSquare30"
        overflow="hidden"
        maxWidth="size60"
      >
        <Box backgroundColor="colorBackgroundPrimary" height="100%" width={`${percent}%`} />
      </Box>
    </Box>
  );
}
