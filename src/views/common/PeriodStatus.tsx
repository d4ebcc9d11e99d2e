/**
 * The line under a tab's period picker that says what the figures shown are: the period
 * and its days, the time the live figures stand at (with the zone), and any day of the
 * period the figures do not hold: still loading, older than history keeps, or not
 * available without history. It replaces the one history line the view had, which said
 * what was loaded last, whatever the tab showed.
 */
import type { DayRange, PeriodCoverage } from '../../core';
import * as React from 'react';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { HISTORY_RETENTION_DAYS } from '../../core';
import { historySupplyOf, selectPeriodCoverage, type InsightsStore } from '../../store';
import { formatClockZone, formatDayKey } from './format';
import type { Period } from './period';
import { KIND_LABELS } from './PeriodPicker';
import type { Translate } from './strings';
import { useStrings } from './StringsContext';

export interface PeriodStatusInput {
  readonly period: Period;
  readonly range: DayRange;
  readonly coverage: PeriodCoverage;
  /** Today's key and `now`, for "as of". */
  readonly today: string;
  readonly now: number;
  readonly timeZone?: string;
  /** History failed (past days not held are "could not be loaded", not "not set up"). */
  readonly failed: boolean;
}

const span = (t: Translate, days: readonly string[]): string | undefined => {
  if (days.length === 0) return undefined;
  const from = formatDayKey(days[0]);
  const to = formatDayKey(days[days.length - 1]);
  return days.length === 1 ? t('SupervisorInsightsFiguresCoverDay', { day: from }) : t('SupervisorInsightsFiguresCover', { from, to });
};

/** The notes of the days a period's figures do not hold (empty when they hold every day). */
export function coverageNotes(t: Translate, coverage: PeriodCoverage, today: string, failed: boolean): string[] {
  const notes: string[] = [];
  const { loading, tooOld, unavailable } = coverage;
  if (loading.length === 1 && loading[0] === today) notes.push(t('SupervisorInsightsTodayLoading'));
  else if (loading.length === 1) notes.push(t('SupervisorInsightsDayLoading'));
  else if (loading.length > 1) notes.push(t('SupervisorInsightsDaysLoading', { count: loading.length }));
  if (tooOld.length > 0) {
    const retention = HISTORY_RETENTION_DAYS;
    notes.push(tooOld.length === 1 ? t('SupervisorInsightsDayTooOld', { retention }) : t('SupervisorInsightsDaysTooOld', { count: tooOld.length, retention }));
  }
  if (unavailable.length > 0) {
    if (failed) notes.push(unavailable.length === 1 ? t('SupervisorInsightsDayFailed') : t('SupervisorInsightsDaysFailed', { count: unavailable.length }));
    else notes.push(unavailable.length === 1 ? t('SupervisorInsightsDayNoHistory') : t('SupervisorInsightsDaysNoHistory', { count: unavailable.length }));
  }
  // Days that will never come: say which days the figures are of.
  if (tooOld.length + unavailable.length > 0 && loading.length === 0) {
    const cover = span(t, coverage.held);
    if (cover) notes.push(cover);
  }
  return notes;
}

/** The whole line: `This week, Mon 30 Nov to Mon 7 Dec · as of 15:00 UTC · 3 days still loading`. */
export function periodStatusText(t: Translate, input: PeriodStatusInput): string {
  const { period, range, coverage, today, now, timeZone, failed } = input;
  const name = t(KIND_LABELS[period.kind]);
  const to = range.to > today ? today : range.to;
  const head =
    range.from === to
      ? t('SupervisorInsightsPeriodDay', { period: name, day: formatDayKey(range.from) })
      : t('SupervisorInsightsPeriodDays', { period: name, from: formatDayKey(range.from), to: formatDayKey(to) });
  const parts = [head];
  // A period that reaches today moves with the live data: say when it stood.
  if (range.to >= today) parts.push(t('SupervisorInsightsAsOf', { time: formatClockZone(now, timeZone) }));
  parts.push(...coverageNotes(t, coverage, today, failed));
  return parts.join(' · ');
}

export interface PeriodStatusProps {
  readonly store: InsightsStore;
  readonly period: Period;
  readonly range: DayRange;
  readonly timeZone?: string;
}

/** What a tab's figures are of, under its period picker. */
export function PeriodStatus({ store, period, range, timeZone }: PeriodStatusProps): React.ReactElement {
  const t = useStrings();
  const coverage = useStore(store, (s) => selectPeriodCoverage(s, range));
  const failed = useStore(store, (s) => historySupplyOf(s.history?.progress) === 'failed');
  // The minute, not the second: the line changes once a minute while the period reaches today.
  const minute = useStore(store, (s) => Math.floor(s.now / 60_000));
  const zone = useStore(store, (s) => timeZone ?? s.config.timeZone);
  const today = useStore(store, (s) => s.live.engine.calendar.dayKey(s.now));
  const text = periodStatusText(t, { period, range, coverage, today, now: minute * 60_000, timeZone: zone, failed });
  const partial = coverage.loading.length + coverage.tooOld.length + coverage.unavailable.length > 0;
  return (
    <Text as="p" role="status" aria-label={t('SupervisorInsightsPeriodShown')} fontSize="fontSize20" color={partial ? 'colorTextWarningStrong' : 'colorTextWeak'}>
      {text}
    </Text>
  );
}
