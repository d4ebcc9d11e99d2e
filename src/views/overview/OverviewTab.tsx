import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Callout, CalloutText } from '@twilio-paste/core/callout';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { selectPeriodCoverage, selectToday } from '../../store';
import { PeriodPicker, PeriodStatus, ScopeNote, formatZone, periodLabel, scopeWords, usePeriod, useStrings, viewKey, useViewState, type TabProps } from '../common';
import { KpiCards } from './KpiCards';
import {
  ALL_PLATFORMS,
  DEFAULT_TREND,
  defaultTrendStep,
  platformsOf,
  selectOverview,
  selectTrend,
  trendStepsFor,
  trendSupportTypes,
  type PlatformChoice,
  type TableMetricSet,
  type TrendOptions,
  type TrendStep,
} from './overviewTab.selectors';
import { PlatformPicker } from './PlatformPicker';
import { SupportTypeTable } from './SupportTypeTable';
import { TrendChart } from './TrendChart';
import { withTrendGaps } from './trendGaps';

const ID = 'overview';
/** The platform choice, the table's metric set and the trend's options and step, kept while a conversation is open. */
const PLATFORM_CHOICE = viewKey<PlatformChoice>('overview.platforms', ALL_PLATFORMS);
const METRIC_SET = viewKey<TableMetricSet>('overview.metricSet', 'volumes');
const TREND_OPTIONS = viewKey<TrendOptions>('overview.trend', DEFAULT_TREND);
/** The step picked (undefined: the period's default, which follows the period). */
const TREND_STEP = viewKey<TrendStep | undefined>('overview.trendStep', undefined);

/** The management report: KPIs, support types and the trend over a period, per platform or side by side. */
export function OverviewTab({ store, access, timeZone }: TabProps): React.ReactElement {
  const t = useStrings();
  const { period, setPeriod, range } = usePeriod(store);
  const today = useStore(store, selectToday);
  const [choice, setChoice] = useViewState(PLATFORM_CHOICE);
  const [pickedStep, setStep] = useViewState(TREND_STEP);
  const [metricSet, setMetricSet] = useViewState(METRIC_SET);
  const [trendOptions, setTrendOptions] = useViewState(TREND_OPTIONS);
  const steps = React.useMemo(() => trendStepsFor(range), [range]);
  const step = pickedStep !== undefined && steps.includes(pickedStep) ? pickedStep : defaultTrendStep(range);

  const platforms = useStore(store, (s) => s.live.engine.config.platforms);
  const platformNames = React.useMemo(() => platformsOf({ ...store.getState().live.engine.config, platforms }), [store, platforms]);
  const summary = useStore(store, (s) => selectOverview(s, range, choice));
  const rawTrend = useStore(store, (s) => selectTrend(s, range, choice, step, trendOptions));
  const coverage = useStore(store, (s) => selectPeriodCoverage(s, range));
  const trend = React.useMemo(() => withTrendGaps(rawTrend, coverage), [rawTrend, coverage]);
  const supportTypes = useStore(store, (s) => s.live.engine.config.supportTypes);
  const trendTypes = React.useMemo(() => trendSupportTypes({ ...store.getState().live.engine.config, supportTypes }), [store, supportTypes]);
  // The zone the buckets are cut in: the CSV's offsets and the time axis's name.
  const calendarZone = useStore(store, (s) => s.live.engine.calendar.timeZone);
  const zone = useStore(store, (s) => formatZone(s.now, calendarZone));
  // Days still loading: cards and table wait rather than show part of the period as the whole.
  const loadingDays = coverage.loading.length > 0;
  const noDayHeld = coverage.held.length === 0 && !loadingDays;
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const fileSuffix = React.useMemo(() => {
    const s = store.getState();
    return periodLabel(period, s.live.engine.calendar, s.now);
  }, [store, period, today]);

  let body: React.ReactNode;
  if (status === 'error') {
    body = (
      <Callout variant="error">
        <CalloutText>{t('SupervisorInsightsLiveFailed', { error: error ?? '' })}</CalloutText>
      </Callout>
    );
  } else if (noDayHeld) {
    body = (
      <Text as="p" role="status" color="colorTextWeak">
        {t('SupervisorInsightsNoDaysHeld')}
      </Text>
    );
  } else if (summary.empty && (status === 'loading' || loadingDays)) {
    body = (
      <Text as="p" role="status" color="colorTextWeak">
        {t('SupervisorInsightsLoading')}
      </Text>
    );
  } else if (summary.empty) {
    body = (
      <Text as="p" role="status" color="colorTextWeak">
        {t('SupervisorInsightsNoData')}
      </Text>
    );
  } else {
    body = (
      <Box display="flex" flexDirection="column" rowGap="space70">
        <KpiCards summary={summary} pending={loadingDays} />
        {loadingDays ? (
          <Text as="p" color="colorTextWeak">
            {t('SupervisorInsightsTableWaits')}
          </Text>
        ) : (
          <SupportTypeTable id={ID} summary={summary} access={access} periodLabel={fileSuffix} metricSet={metricSet} onMetricSet={setMetricSet} />
        )}
        <TrendChart
          id={ID}
          trend={trend}
          range={range}
          steps={steps}
          onStep={setStep}
          options={trendOptions}
          onOptions={setTrendOptions}
          supportTypes={trendTypes}
          access={access}
          periodLabel={fileSuffix}
          timeZone={calendarZone}
          zone={zone}
        />
      </Box>
    );
  }

  return (
    <Box display="flex" flexDirection="column" rowGap="space60" paddingTop="space50">
      <Box display="flex" flexDirection="column" rowGap="space30">
        <Box display="flex" columnGap="space80" rowGap="space40" alignItems="flex-start" flexWrap="wrap">
          <PeriodPicker id={ID} period={period} onChange={setPeriod} today={today} />
          <PlatformPicker id={ID} platforms={platformNames} choice={choice} onChange={setChoice} />
        </Box>
        <PeriodStatus store={store} period={period} range={range} timeZone={timeZone} />
        <ScopeNote scope={t(scopeWords(access, 'overview'))} />
      </Box>
      {body}
    </Box>
  );
}
