/**
 * The report JSON of MODEL.md §5, read off an engine's aggregates.
 */
import { NO_TEAM } from './dimensions';
import { Engine, type InputError } from './engine';
import { REPORT_GROUPINGS, type Grouping, type PeriodDimension, type SliceDimension } from './groupings';
import {
  agentMetricSet,
  emptyAccumulator,
  isEmptyAccumulator,
  loggedStatusPct,
  metricSet,
  round,
  type Accumulator,
  type AgentMetricSet,
  type MetricSet,
} from './metrics';

export const REPORT_INTERVALS = [15, 30, 60] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

export interface AgentReport extends AgentMetricSet {
  name: string;
  team: string;
  activitySec: Record<string, number>;
  loggedStatusPct: Record<string, number>;
}

export interface Report {
  window: { from: string | null; to: string | null; timeZone: string };
  input: { read: number; used: number; duplicates: number; ignored: number; rejected: number; errors: InputError[] };
  totals: MetricSet;
  bySupportType: Record<string, MetricSet>;
  byPlatform: Record<string, MetricSet>;
  byQueue: Record<string, MetricSet>;
  byTeam: Record<string, AgentMetricSet>;
  byAgent: Record<string, AgentReport>;
  byDay: Record<string, MetricSet>;
  byWeek: Record<string, MetricSet>;
  byMonth: Record<string, MetricSet>;
  byInterval?: Record<string, MetricSet>;
}

/** The groupings an engine must maintain to produce a report with this interval. */
export function reportGroupings(interval?: ReportInterval): Grouping[] {
  const list = [...REPORT_GROUPINGS];
  if (interval !== undefined) list.push({ slice: 'all', period: `interval${interval}` as PeriodDimension });
  return list;
}

function bySlice<T>(engine: Engine, slice: SliceDimension, period: PeriodDimension, make: (a: Accumulator) => T): Record<string, T> {
  const entries: [string, T][] = [];
  for (const c of engine.cellsOf({ slice, period })) {
    if (isEmptyAccumulator(c.acc)) continue;
    entries.push([period === 'all' ? c.slice : c.period, make(c.acc)]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}

/** The window actually reported: the engine's, or first to last event where it is open. */
export function reportWindow(engine: Engine): { from: number | undefined; to: number | undefined } {
  const from = engine.window.from ?? (Number.isFinite(engine.minTs) ? engine.minTs : undefined);
  const to = engine.window.to ?? (Number.isFinite(engine.maxTs) ? engine.maxTs : undefined);
  return { from, to };
}

export function buildReport(engine: Engine, interval?: ReportInterval): Report {
  engine.flush();
  const { from, to } = reportWindow(engine);
  const byAgentCells = bySlice(engine, 'agent', 'all', agentMetricSet);
  const names = new Map(engine.agents().map((a) => [a.sid, a]));
  const byAgent: Record<string, AgentReport> = {};
  const agentSids = new Set(Object.keys(byAgentCells));
  const activity = new Map<string, Record<string, number>>();
  if (from !== undefined && to !== undefined) {
    for (const a of engine.agents()) {
      const sec = engine.activitySeconds(a.sid, from, to);
      if (Object.keys(sec).length > 0) {
        activity.set(a.sid, sec);
        agentSids.add(a.sid);
      }
    }
  }
  for (const sid of [...agentSids].sort()) {
    const known = names.get(sid);
    const sec = activity.get(sid) ?? {};
    const metrics = byAgentCells[sid] ?? agentMetricSet(emptyAccumulator());
    const activitySec: Record<string, number> = {};
    for (const k of Object.keys(sec).sort()) activitySec[k] = round(sec[k], 1);
    byAgent[sid] = {
      name: known?.name ?? sid,
      team: known?.team ?? NO_TEAM,
      ...metrics,
      activitySec,
      loggedStatusPct: loggedStatusPct(sortedRecord(sec)),
    };
  }
  const report: Report = {
    window: {
      from: from === undefined ? null : new Date(from).toISOString(),
      to: to === undefined ? null : new Date(to).toISOString(),
      timeZone: engine.config.timeZone,
    },
    input: { ...engine.stats, errors: [...engine.stats.errors] },
    totals: metricSet(engine.cellOf({ slice: 'all', period: 'all' })),
    bySupportType: bySlice(engine, 'supportType', 'all', metricSet),
    byPlatform: bySlice(engine, 'platform', 'all', metricSet),
    byQueue: bySlice(engine, 'queue', 'all', metricSet),
    byTeam: bySlice(engine, 'team', 'all', agentMetricSet),
    byAgent,
    byDay: bySlice(engine, 'all', 'day', metricSet),
    byWeek: bySlice(engine, 'all', 'week', metricSet),
    byMonth: bySlice(engine, 'all', 'month', metricSet),
  };
  if (interval !== undefined) report.byInterval = bySlice(engine, 'all', `interval${interval}` as PeriodDimension, metricSet);
  return report;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}
