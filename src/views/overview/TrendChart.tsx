import type { DayRange } from '../../core';
import * as React from 'react';
import { Bar, CartesianGrid, Legend, Line, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
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
import { NO_VALUE, formatCount, useStrings, type StringKey } from '../common';
import { trendLabel, trendSeriesLabel, trendStepLabel, type Trend, type TrendGap, type TrendPoint, type TrendStep } from './overviewTab.selectors';

/** Why a point has no figure (its day is not held), after its label in the table. */
const GAP_LABELS: Readonly<Record<TrendGap, StringKey>> = {
  loading: 'SupervisorInsightsGapLoading',
  tooOld: 'SupervisorInsightsGapTooOld',
  unavailable: 'SupervisorInsightsGapUnavailable',
};

const countOrNone = (v: number | null | undefined): string => (v === null || v === undefined ? NO_VALUE : formatCount(v));

export interface TrendChartProps {
  readonly id: string;
  readonly trend: Trend;
  readonly range: DayRange;
  /** The steps the range offers, and the one chosen. */
  readonly steps: readonly TrendStep[];
  readonly onStep: (step: TrendStep) => void;
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

/** The trend as bars and lines, its step picker, and the same numbers as a table. */
export function TrendChart({ id, trend, range, steps, onStep, zone }: TrendChartProps): React.ReactElement {
  const t = useStrings();
  const colours = useColours();
  const box = React.useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const headingId = `${id}-trend`;
  const labelOf = (key: string): string => trendLabel(key, range);
  const names = trend.series.map((s) => trendSeriesLabel(s, trend.series, t));
  const timesIn = zone !== undefined && trend.step !== 'day' ? t('SupervisorInsightsTimesIn', { zone }) : undefined;
  const summary = `${t('SupervisorInsightsTrend')}, ${trendStepLabel(trend.step, t)}${timesIn ? ` (${timesIn})` : ''}: ${names.join(', ')}`;
  return (
    <Box as="section" aria-labelledby={headingId}>
      <Box display="flex" justifyContent="space-between" alignItems="flex-end" columnGap="space40" marginBottom="space30" flexWrap="wrap">
        <Heading as="h3" variant="heading40" id={headingId} marginBottom="space0">
          {t('SupervisorInsightsTrend')}
        </Heading>
        <Box display="flex" alignItems="center" columnGap="space30">
          <Label htmlFor={`${id}-step`} marginBottom="space0">
            {t('SupervisorInsightsInterval')}
          </Label>
          <Box minWidth="size20">
            <Select id={`${id}-step`} value={String(trend.step)} onChange={(e) => onStep(e.target.value === 'day' ? 'day' : (Number(e.target.value) as TrendStep))}>
              {steps.map((s) => (
                <Option key={s} value={String(s)}>
                  {trendStepLabel(s, t)}
                </Option>
              ))}
            </Select>
          </Box>
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
            <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
            <Tooltip labelFormatter={(key) => labelOf(String(key))} formatter={(v) => countOrNone(v === null || v === undefined ? null : Number(v))} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {trend.series.map((s, i) =>
              s.kind === 'bar' ? (
                <Bar key={s.id} name={names[i]} dataKey={(p: TrendPoint) => p.values[s.id]} fill={colours[0]} fillOpacity={0.55} isAnimationActive={false} />
              ) : (
                <Line
                  key={s.id}
                  name={names[i]}
                  type="monotone"
                  dataKey={(p: TrendPoint) => p.values[s.id]}
                  stroke={s.metric === 'abandoned' ? colours[2] : colours[i === 1 ? 1 : Math.min(colours.length - 1, i + 1)]}
                  strokeWidth={2}
                  dot={trend.points.length <= 31}
                  isAnimationActive={false}
                />
              ),
            )}
          </ComposedChart>
        ) : null}
      </Box>
      <Box marginTop="space30">
        <Disclosure variant="default">
          <DisclosureHeading as="h4" variant="heading60">
            {t('SupervisorInsightsTrendAsTable')}
          </DisclosureHeading>
          <DisclosureContent>
            <Table scrollHorizontally noWrap>
              <THead>
                <Tr>
                  <Th scope="col">{timesIn ? `${trendStepLabel(trend.step, t)} (${zone})` : trendStepLabel(trend.step, t)}</Th>
                  {names.map((n) => (
                    <Th key={n} scope="col" textAlign="right">
                      {n}
                    </Th>
                  ))}
                </Tr>
              </THead>
              <TBody>
                {trend.points.map((p) => (
                  <Tr key={p.key}>
                    <Th scope="row">{p.gap ? `${labelOf(p.key)} (${t(GAP_LABELS[p.gap])})` : labelOf(p.key)}</Th>
                    {trend.series.map((s) => (
                      <Td key={s.id} textAlign="right">
                        {countOrNone(p.values[s.id])}
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
