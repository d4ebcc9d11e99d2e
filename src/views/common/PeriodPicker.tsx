import type { DayRange } from '../../core';
import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { DatePicker } from '@twilio-paste/core/date-picker';
import { HelpText } from '@twilio-paste/core/help-text';
import { Label } from '@twilio-paste/core/label';
import { Option, Select } from '@twilio-paste/core/select';
import { useStore } from 'zustand';
import { requestRange, selectToday, type InsightsStore } from '../../store';
import { PERIOD_KINDS, TODAY, rangeOf, rangeProblem, type Period, type PeriodKind } from './period';
import type { StringKey } from './strings';
import { useStrings } from './StringsContext';
import { useViewState, viewKey } from './viewState';

export const KIND_LABELS: Readonly<Record<PeriodKind, StringKey>> = {
  today: 'SupervisorInsightsToday',
  yesterday: 'SupervisorInsightsYesterday',
  week: 'SupervisorInsightsThisWeek',
  lastWeek: 'SupervisorInsightsLastWeek',
  month: 'SupervisorInsightsThisMonth',
  lastMonth: 'SupervisorInsightsLastMonth',
  range: 'SupervisorInsightsRange',
};

/** Each field's width: the picker and a tab's filters fit one row at 1440 px. */
const FIELD_WIDTH = '10rem';

/** The period the tabs with a period picker share (kept in the view state, so Back keeps it). */
export const SHARED_PERIOD = viewKey<Period>('period', TODAY);

/**
 * The period a tab shows, and the days it covers: the shared one, or `fixed` (My stats'
 * week). Asking for days before today asks the store for them (the backfill loads what
 * it does not hold).
 */
export function usePeriod(store: InsightsStore, fixed?: Period): {
  period: Period;
  setPeriod: (p: Period) => void;
  range: DayRange;
} {
  const [shared, setShared] = useViewState(SHARED_PERIOD);
  const period = fixed ?? shared;
  const setPeriod = setShared;
  // The day (not the second) is what the range depends on.
  const today = useStore(store, selectToday);
  const range = React.useMemo(() => {
    const s = store.getState();
    return rangeOf(period, s.live.engine.calendar, s.now);
  }, [store, period, today]);
  React.useEffect(() => {
    if (range.from < today) requestRange(store, range);
  }, [store, range.from, range.to, today]);
  return { period, setPeriod, range };
}

export interface PeriodPickerProps {
  readonly id: string;
  readonly period: Period;
  readonly onChange: (period: Period) => void;
  /** Today's key, the default end of a new range. */
  readonly today: string;
}

/** Today, yesterday, this or last week, this or last month, or a range (two day pickers, at most 31 days). */
export function PeriodPicker({ id, period, onChange, today }: PeriodPickerProps): React.ReactElement {
  const t = useStrings();
  const [draft, setDraft] = React.useState<DayRange>(period.range ?? { from: today, to: today });
  const problem = period.kind === 'range' ? rangeProblem(draft) : undefined;
  const choose = (kind: PeriodKind): void => {
    if (kind === 'range') onChange(rangeProblem(draft) ? { kind, range: period.range } : { kind, range: draft });
    else onChange({ kind });
  };
  const changeDraft = (next: DayRange): void => {
    setDraft(next);
    if (!rangeProblem(next)) onChange({ kind: 'range', range: next });
  };
  return (
    <Box display="flex" columnGap="space40" alignItems="flex-end" flexShrink={0}>
      <Box width={FIELD_WIDTH}>
        <Label htmlFor={`${id}-kind`}>{t('SupervisorInsightsPeriod')}</Label>
        <Select id={`${id}-kind`} value={period.kind} onChange={(e) => choose(e.target.value as PeriodKind)}>
          {PERIOD_KINDS.map((k) => (
            <Option key={k} value={k}>
              {t(KIND_LABELS[k])}
            </Option>
          ))}
        </Select>
      </Box>
      {period.kind === 'range' ? (
        <>
          <Box width={FIELD_WIDTH}>
            <Label htmlFor={`${id}-from`}>{t('SupervisorInsightsFrom')}</Label>
            <DatePicker id={`${id}-from`} value={draft.from} max={today} onChange={(e) => changeDraft({ ...draft, from: e.target.value })} />
          </Box>
          <Box width={FIELD_WIDTH}>
            <Label htmlFor={`${id}-to`}>{t('SupervisorInsightsTo')}</Label>
            <DatePicker id={`${id}-to`} value={draft.to} max={today} onChange={(e) => changeDraft({ ...draft, to: e.target.value })} />
          </Box>
          {problem ? (
            <HelpText variant="error" id={`${id}-problem`}>
              {problem}
            </HelpText>
          ) : null}
        </>
      ) : null}
    </Box>
  );
}

/** The range a period covers at the store's `now` (for tests and CSV names). */
export function periodRange(store: InsightsStore, period: Period): DayRange {
  const s = store.getState();
  return rangeOf(period, s.live.engine.calendar, s.now);
}
