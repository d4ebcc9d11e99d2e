/**
 * The catalogue of how the aggregates are cut: slice and period dimensions, the
 * groupings that pair them, the report's groupings, composite slice keys, and the cell
 * that holds one slice value's accumulator in one period.
 */
import type { Accumulator } from './metrics';

export const SLICE_DIMENSIONS = [
  'all',
  'supportType',
  'platform',
  'queue',
  'team',
  'agent',
  'platformSupportType',
  'agentSupportType',
] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];
export const PERIOD_DIMENSIONS = ['all', 'day', 'week', 'month', 'interval15', 'interval30', 'interval60'] as const;
export type PeriodDimension = (typeof PERIOD_DIMENSIONS)[number];

/** One way of cutting the aggregates: by a slice dimension and a period dimension. */
export interface Grouping {
  readonly slice: SliceDimension;
  readonly period: PeriodDimension;
}

/** `slice/period`, e.g. `agent/day`: the key of a grouping's cells wherever they are kept. */
export const groupingId = (g: Grouping): string => `${g.slice}/${g.period}`;

/** The groupings the report needs (MODEL.md §5). */
export const REPORT_GROUPINGS: readonly Grouping[] = [
  { slice: 'all', period: 'all' },
  { slice: 'supportType', period: 'all' },
  { slice: 'platform', period: 'all' },
  { slice: 'queue', period: 'all' },
  { slice: 'team', period: 'all' },
  { slice: 'agent', period: 'all' },
  { slice: 'all', period: 'day' },
  { slice: 'all', period: 'week' },
  { slice: 'all', period: 'month' },
];

/** A cell: the accumulator of one slice value in one period. */
export interface Cell {
  readonly slice: string;
  readonly period: string;
  readonly acc: Accumulator;
}

/**
 * Joins the two values of a composite slice (`platformSupportType`: platform then support
 * type; `agentSupportType`: agent sid then support type). A control character, so no
 * name or sid can contain it.
 */
export const SLICE_SEPARATOR = '\u001f';

/** The two values of a composite slice key; a key without the separator is `[key, '']`. */
export function splitSlice(slice: string): [string, string] {
  const i = slice.indexOf(SLICE_SEPARATOR);
  return i < 0 ? [slice, ''] : [slice.slice(0, i), slice.slice(i + 1)];
}
