import type { Access, DayRange } from '../../core';
import * as React from 'react';
import { Bar, CartesianGrid, Cell, Legend, Line, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
// Deep imports (typed in ./recharts-es6.d.ts): recharts' own ComposedChart brings its
// areas and scatters along.
import { generateCategoricalChart } from 'recharts/es6/chart/generateCategoricalChart';
import { formatAxisMap } from 'recharts/es6/util/CartesianUtils';
import { Box } from '@twilio-paste/core/box';
import { Disclosure, DisclosureContent, DisclosureHeading } from '@twilio-paste/core/disclosure';
import { Heading } from '@twilio-paste/core/heading';
import { Label } from '@twilio-paste/core/label';
import { Option, Select } from '@twilio-paste/core/select';
import { TBody, THead, Table, Td, Th, Tr } from '@twilio-paste/core/table';
// The theme from context: the theme module itself carries every theme's tokens (~280 KB).
import { ThemeContext } from '@twilio-paste/core/styling-library';
import { Text } from '@twilio-paste/core/text';
import { CsvButton, NO_VALUE, useStrings, type StringKey } from '../common';
import {
  TREND_METRICS,
  TREND_METRIC_LABELS,
  formatValue,
  trendColumnsOf,
  trendLabel,
  trendSeriesLabel,
  trendStepLabel,
  type Trend,
  type TrendGap,
  type TrendMetric,
  type TrendOptions,
  type TrendPoint,
  type TrendStep,
} from './overviewTab.selectors';

/** Why a point has no figure (its day is not held), after its label in the table and the tooltip. */
const GAP_LABELS: Readonly<Record<TrendGap, StringKey>> = {
  loading: 'SupervisorInsightsGapLoading',
  tooOld: 'SupervisorInsightsGapTooOld',
  unavailable: 'SupervisorInsightsGapUnavailable',
};

export interface TrendChartProps {
  readonly id: string;
  readonly trend: Trend;
  readonly range: DayRange;
  /** The steps the range offers, and the one chosen. */
  readonly steps: readonly TrendStep[];
  readonly onStep: (step: TrendStep) => void;
  readonly options: TrendOptions;
  readonly onOptions: (options: TrendOptions) => void;
  /** The support types the picker offers. */
  readonly supportTypes: readonly string[];
  readonly access: Access;
  /** The period, for the CSV file name. */
  readonly periodLabel: string;
  /** The centre's zone: the CSV's times carry its offset. */
  readonly timeZone: string;
  /** The zone's short name (`UTC`), on the time axis when the buckets are times of day. */
  readonly zone?: string;
}

/** recharts' ComposedChart as recharts builds it, with bars and lines only. */
const ComposedChart = generateCategoricalChart({
  chartName: 'ComposedChart',
  GraphicalChild: [Line, Bar],
  axisComponents: [
    { axisType: 'xAxis', AxisComp: XAxis },
    { axisType: 'yAxis', AxisComp: YAxis },
    { axisType: 'zAxis', AxisComp: ZAxis },
  ],
  formatAxisMap,
});

const CHART_HEIGHT = 260;
/** Paste's data-visualisation palette, for when no Paste theme is around (tests). */
const FALLBACK_COLOURS = ['rgb(0, 140, 255)', 'rgb(0, 20, 137)', 'rgb(235, 86, 86)', 'rgb(14, 124, 58)', 'rgb(109, 46, 209)', 'rgb(117, 12, 12)'];

/** The width of an element, followed as it resizes (no ResizeObserver: measured once). */
function useWidth(ref: React.RefObject<HTMLElement>): number {
  const [width, setWidth] = React.useState(0);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function useColours(): string[] {
  const theme = React.useContext(ThemeContext) as { dataVisualization?: Record<string, string> } | undefined;
  const dv = theme?.dataVisualization;
  if (!dv) return FALLBACK_COLOURS;
  const pick = (n: number, i: number): string => dv[`colorDataVisualization${n}`] ?? FALLBACK_COLOURS[i];
  // Bars light, lines dark, abandoned red; then more platforms.
  return [pick(4, 0), pick(1, 1), pick(10, 2), pick(2, 3), pick(7, 4), pick(9, 5)];
}

/** The colour index of the total's line: red for abandoned, dark blue for the rest. */
const totalColour = (metric: TrendMetric): number => (metric === 'abandoned' ? 2 : 1);

/** The dash of what is still running: the partial bucket's bar outline and line segment. */
const SO_FAR_DASH = '4 3';

/**
 * A series' value for the chart: a line's settled part leaves out the bucket still
 * running, its dashed part is that bucket and the one before it (so the two meet); a bar
 * draws every bucket, the partial one lighter.
 */
function chartValue(points: readonly TrendPoint[], id: string, part: 'all' | 'settled' | 'soFar'): (p: TrendPoint) => number | null {
  const last = points.length - 1;
  const partialAt = points[last]?.partial ? last : -1;
  return (p) => {
    const v = p.values[id] ?? null;
    if (part === 'all' || partialAt < 0) return part === 'soFar' ? null : v;
    const i = p === points[partialAt] ? partialAt : p === points[partialAt - 1] ? partialAt - 1 : -2;
    if (part === 'settled') return i === partialAt ? null : v;
    return i >= 0 ? v : null;
  };
}

/**
 * The trend of one metric (per platform side by side), its pickers (metric, support type,
 * step), a note and a lighter, dashed mark for the bucket still running, a gap for days not
 * held, the same numbers as a table, and their CSV.
 */
export function TrendChart({ id, trend, range, steps, onStep, options, onOptions, supportTypes, access, periodLabel, timeZone, zone }: TrendChartProps): React.ReactElement {
  const t = useStrings();
  const colours = useColours();
  const box = React.useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const headingId = `${id}-trend`;
  const labelOf = (key: string): string => trendLabel(key, range);
  const names = trend.series.map((s) => trendSeriesLabel(s, trend.series, t));
  const columns = React.useMemo(() => trendColumnsOf(trend, range, timeZone, t), [trend, range, timeZone, t]);
  // A running bucket whose day is still loading is a gap: no figure, so no "so far" note.
  const partial = trend.points.find((p) => p.partial && !p.gap);
  const scope = trend.supportType === undefined ? t('SupervisorInsightsAllSupportTypes') : t.supportType(trend.supportType);
  const timesIn = zone !== undefined && trend.step !== 'day' ? t('SupervisorInsightsTimesIn', { zone }) : undefined;
  const summary = `${t('SupervisorInsightsTrend')}, ${scope}, ${trendStepLabel(trend.step, t)}${timesIn ? ` (${timesIn})` : ''}: ${names.join(', ')}`;
  const show = (v: unknown): string => (v === null || v === undefined ? NO_VALUE : formatValue(trend.metric, Number(v)));
  const isCount = trend.series[0]?.kind === 'bar';
  // The total dark blue; platforms green, purple, …: red is left to abandoned, which it would otherwise suggest.
  const lineColour = (i: number): string => (i === 0 ? colours[totalColour(trend.metric)] : colours[Math.min(colours.length - 1, i + 2)]);
  /** A bucket's label, with why it has no figure when its day is not held, or that it is still running. */
  const pointLabel = (p: TrendPoint): string => {
    if (p.gap) return `${labelOf(p.key)} (${t(GAP_LABELS[p.gap])})`;
    return p.partial ? `${labelOf(p.key)} (${t('SupervisorInsightsTrendSoFar')})` : labelOf(p.key);
  };
  return (
    <Box as="section" aria-labelledby={headingId}>
      <Box display="flex" justifyContent="space-between" alignItems="flex-end" columnGap="space60" rowGap="space30" marginBottom="space30" flexWrap="wrap">
        <Heading as="h3" variant="heading40" id={headingId} marginBottom="space0">
          {t('SupervisorInsightsTrend')}
        </Heading>
        <Box display="flex" alignItems="flex-end" columnGap="space50" rowGap="space30" flexWrap="wrap">
          <Picker id={`${id}-trend-metric`} label={t('SupervisorInsightsTrendMetric')} value={trend.metric} onChange={(v) => onOptions({ ...options, metric: TREND_METRICS.find((m) => m === v) ?? options.metric })}>
            {TREND_METRICS.map((m) => (
              <Option key={m} value={m}>
                {t(TREND_METRIC_LABELS[m])}
              </Option>
            ))}
          </Picker>
          <Picker id={`${id}-trend-support-type`} label={t('SupervisorInsightsTrendSupportType')} value={trend.supportType ?? ''} onChange={(v) => onOptions({ ...options, supportType: v === '' ? undefined : v })}>
            <Option value="">{t('SupervisorInsightsAllSupportTypes')}</Option>
            {supportTypes.map((s) => (
              <Option key={s} value={s}>
                {t.supportType(s)}
              </Option>
            ))}
          </Picker>
          <Picker id={`${id}-step`} label={t('SupervisorInsightsInterval')} value={String(trend.step)} onChange={(v) => onStep(v === 'day' ? 'day' : (Number(v) as TrendStep))}>
            {steps.map((s) => (
              <Option key={s} value={String(s)}>
                {trendStepLabel(s, t)}
              </Option>
            ))}
          </Picker>
          <CsvButton access={access} table="overview-trend" suffix={periodLabel} columns={columns} rows={() => trend.points} />
        </Box>
      </Box>
      <Box ref={box} as="figure" margin="space0" aria-label={summary} backgroundColor="colorBackgroundBody" borderRadius="borderRadius30" boxShadow="shadowCard" paddingY="space40">
        {width > 0 ? (
          <ComposedChart width={width} height={CHART_HEIGHT} data={trend.points as TrendPoint[]} margin={{ top: 8, right: 24, bottom: timesIn ? 16 : 0, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="key"
              tickFormatter={labelOf}
              minTickGap={16}
              tick={{ fontSize: 12 }}
              label={timesIn ? { value: timesIn, position: 'insideBottomRight', offset: -12, fontSize: 12 } : undefined}
            />
            <YAxis allowDecimals={!isCount} width={56} tick={{ fontSize: 12 }} tickFormatter={(v) => show(v)} />
            <Tooltip
              labelFormatter={(key) => {
                const point = trend.points.find((p) => p.key === key);
                return point ? pointLabel(point) : labelOf(String(key));
              }}
              formatter={(v) => show(v)}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {trend.series.map((s, i) =>
              s.kind === 'bar' ? (
                <Bar key={s.id} name={names[i]} dataKey={chartValue(trend.points, s.id, 'all')} fill={colours[0]} fillOpacity={0.55} isAnimationActive={false}>
                  {trend.points.map((p) => (
                    <Cell key={p.key} fillOpacity={p.partial ? 0.2 : 0.55} stroke={p.partial ? colours[0] : undefined} strokeDasharray={p.partial ? SO_FAR_DASH : undefined} />
                  ))}
                </Bar>
              ) : (
                <Line
                  key={s.id}
                  name={names[i]}
                  type="monotone"
                  dataKey={chartValue(trend.points, s.id, 'settled')}
                  stroke={lineColour(i)}
                  strokeWidth={2}
                  dot={trend.points.length <= 31}
                  isAnimationActive={false}
                />
              ),
            )}
            {partial
              ? trend.series.map((s, i) =>
                  s.kind === 'line' ? (
                    <Line
                      key={`${s.id}-so-far`}
                      name={`${names[i]} (${t('SupervisorInsightsTrendSoFar')})`}
                      legendType="none"
                      tooltipType="none"
                      type="monotone"
                      dataKey={chartValue(trend.points, s.id, 'soFar')}
                      stroke={lineColour(i)}
                      strokeWidth={2}
                      strokeDasharray={SO_FAR_DASH}
                      strokeOpacity={0.6}
                      dot={false}
                      isAnimationActive={false}
                    />
                  ) : null,
                )
              : null}
          </ComposedChart>
        ) : null}
      </Box>
      {partial ? (
        <Text as="p" fontSize="fontSize20" color="colorTextWeak" marginTop="space20">
          {t('SupervisorInsightsTrendSoFarNote', { label: labelOf(partial.key) })}
        </Text>
      ) : null}
      <Box marginTop="space30">
        <Disclosure variant="default">
          <DisclosureHeading as="h4" variant="heading60">
            {t('SupervisorInsightsTrendAsTable')}
          </DisclosureHeading>
          <DisclosureContent>
            <Table scrollHorizontally noWrap>
              <THead>
                <Tr>
                  {columns.map((c, i) => (
                    <Th key={c.header} scope="col" textAlign={i === 0 ? 'left' : 'right'}>
                      {i === 0 && timesIn ? `${c.header} (${zone})` : c.header}
                    </Th>
                  ))}
                </Tr>
              </THead>
              <TBody>
                {trend.points.map((p) => (
                  <Tr key={p.key}>
                    <Th scope="row">{p.gap ? `${columns[0].value(p)} (${t(GAP_LABELS[p.gap])})` : columns[0].value(p)}</Th>
                    {columns.slice(1).map((c) => (
                      <Td key={c.header} textAlign="right">
                        {c.value(p)}
                      </Td>
                    ))}
                  </Tr>
                ))}
              </TBody>
            </Table>
          </DisclosureContent>
        </Disclosure>
      </Box>
    </Box>
  );
}

/** A labelled select, as the trend's pickers are laid out. */
function Picker({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (value: string) => void; children: NonNullable<React.ReactNode> }): React.ReactElement {
  return (
    <Box>
      <Label htmlFor={id}>
        {label}
      </Label>
      <Box minWidth="size20">
        <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {children}
        </Select>
      </Box>
    </Box>
  );
}
