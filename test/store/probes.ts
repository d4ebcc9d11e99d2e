/**
 * What the tabs read, as plain figures for the store tests: today's totals and slices
 * through the read layer (`cells.ts`, as Overview and Queues read them), agent and team
 * rows through the Agents tab's row model, the user's own numbers through the agent
 * cells My stats reads. The tests assert scope and batching on these, the layer a person
 * sees, not on selectors no view uses.
 */
import {
  agentMetricSet,
  emptyAccumulator,
  isEmptyAccumulator,
  metricSet,
  oneDay,
  weekUpTo,
  type AgentMetricSet,
  type DayRange,
  type MetricSet,
  type SliceDimension,
} from '../../src/core';
import { selectToday, totalBetween, totalsBetween, type InsightsState } from '../../src/store';
import { selectAgentsModel } from '../../src/views/agents/agentsTab.selectors';

const today = (state: InsightsState): DayRange => oneDay(selectToday(state));

/** Today's metric set over every contact the scope folded. */
export function totalsToday(state: InsightsState): MetricSet {
  return metricSet(totalBetween(state, today(state)));
}

/** Today's metric set per support type, platform or queue, by key, empty slices left out. */
export function todayBy(state: InsightsState, slice: Extract<SliceDimension, 'supportType' | 'platform' | 'queue'>): Record<string, MetricSet> {
  const out: Record<string, MetricSet> = {};
  const totals = [...totalsBetween(state, slice, today(state))].filter(([, acc]) => !isEmptyAccumulator(acc));
  totals.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, acc] of totals) out[key] = metricSet(acc);
  return out;
}

export interface AgentRowProbe extends AgentMetricSet {
  readonly sid: string;
  readonly name: string;
  readonly team: string;
  readonly activity?: string;
  readonly activitySince?: number;
}

/** The Agents tab's agent rows for today, in its name order. */
export function agentRows(state: InsightsState): AgentRowProbe[] {
  return selectAgentsModel(state, today(state)).entries.map(({ row }) => ({
    sid: row.sid as string,
    name: row.name,
    team: row.team,
    ...row.metrics,
    activity: row.activity,
    activitySince: row.activitySince,
  }));
}

/** The Agents tab's team roll-ups for today (the `team` cells: handling team), by team. */
export function teamRows(state: InsightsState): ({ team: string } & AgentMetricSet)[] {
  const rows = [...selectAgentsModel(state, today(state)).teamEntries.values()].filter((t) => !isEmptyAccumulator(t.cells));
  rows.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
  return rows.map((t) => ({ team: t.team, ...agentMetricSet(t.cells) }));
}

/** The user's own numbers over a range (the agent cells My stats reads); undefined when the user is no worker. */
export function mine(state: InsightsState, range: DayRange = today(state)): AgentMetricSet | undefined {
  const sid = state.workerSid;
  if (sid === undefined) return undefined;
  return agentMetricSet(totalsBetween(state, 'agent', range).get(sid) ?? emptyAccumulator());
}

/** The user's own numbers this week (ISO week up to today). */
export function mineThisWeek(state: InsightsState): AgentMetricSet | undefined {
  return mine(state, weekUpTo(selectToday(state)));
}
