/**
 * The team average of an agent's My stats, as aggregates: the history function folds the
 * team's events into a day (`HistoryFolder`, a team-scoped access) and keeps only the team's
 * day cell (`teamDayCellOf`); the plugin turns the cells back into an accumulator to compute
 * the figures as for any other cell (`teamAccumulatorOf`). Nothing here names anyone.
 *
 * Per day: the team's cell (`team/day`, the handling team's slice), the number of agents of
 * the team with an invitation or an engagement that day, and per support type the
 * conversations of the team's agents summed (`agentSupportType/day`: a conversation two
 * teammates engaged in counts for each, as the team and all sessions of My stats count it).
 */
import type { DaySnapshot } from './days';
import { splitSlice } from './groupings';
import type { TeamDayCell } from './historyProtocol';
import { emptyAccumulator, type Accumulator } from './metrics';

/** The team average of a range as the plugin holds it: every answer's days together. */
export interface TeamAverage {
  /** The caller's team; absent when their worker has none. */
  readonly team?: string;
  readonly days: readonly TeamDayCell[];
  /** Distinct teammates over the range. */
  readonly rangeAgents: number;
  /** Epoch ms the function read events up to. */
  readonly asOf: number;
}

/** Did this agent's cell see work (the team average counts such agents)? */
export const engaged = (acc: Accumulator | undefined): boolean => acc !== undefined && (acc.invitations > 0 || acc.handled > 0);

/**
 * The sids of the team's agents who engaged that day (the snapshot's agents whose team that
 * day is `team`). For the function's own count across days; never sent.
 */
export function teamAgentsOf(snapshot: DaySnapshot, team: string): string[] {
  const agentCells = snapshot.cells['agent/day'] ?? {};
  return snapshot.agents.filter((a) => a.team === team && engaged(agentCells[a.sid]?.[snapshot.day])).map((a) => a.sid);
}

/** The team's day cell of a frozen day; a day with no work of the team gives zeros (never undefined). */
export function teamDayCellOf(snapshot: DaySnapshot, team: string): TeamDayCell {
  const day = snapshot.day;
  const acc = snapshot.cells['team/day']?.[team]?.[day] ?? emptyAccumulator();
  const members = new Set(snapshot.agents.filter((a) => a.team === team).map((a) => a.sid));
  const bySupportType: Record<string, number> = {};
  for (const [slice, byDay] of Object.entries(snapshot.cells['agentSupportType/day'] ?? {})) {
    const [agent, supportType] = splitSlice(slice);
    const n = byDay[day]?.conversations ?? 0;
    if (members.has(agent) && n > 0) bySupportType[supportType] = (bySupportType[supportType] ?? 0) + n;
  }
  return {
    day,
    agents: teamAgentsOf(snapshot, team).length,
    handled: acc.handled,
    conversations: acc.conversations,
    invitations: acc.invitations,
    rona: acc.rona,
    rejected: acc.rejected,
    transfers: acc.transfers,
    handleSumMs: acc.handleSum,
    handleN: acc.handleN,
    bySupportType,
  };
}

/** The accumulator of a team day cell, for the metrics (fields the cell does not carry stay 0). */
export function teamAccumulatorOf(cell: TeamDayCell): Accumulator {
  return {
    ...emptyAccumulator(),
    handled: cell.handled,
    conversations: cell.conversations,
    invitations: cell.invitations,
    rona: cell.rona,
    rejected: cell.rejected,
    transfers: cell.transfers,
    handleSum: cell.handleSumMs,
    handleN: cell.handleN,
  };
}

const COUNT_FIELDS = ['agents', 'handled', 'conversations', 'invitations', 'rona', 'rejected', 'transfers', 'handleSumMs', 'handleN'] as const;
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A team day cell as received, checked; undefined for anything else (a proxy's answer, an old function). */
export function readTeamDayCell(value: unknown): TeamDayCell | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.day !== 'string' || !DAY_KEY.test(v.day)) return undefined;
  if (!COUNT_FIELDS.every((k) => isCount(v[k]))) return undefined;
  const types = v.bySupportType;
  if (typeof types !== 'object' || types === null || Array.isArray(types)) return undefined;
  const bySupportType: Record<string, number> = {};
  for (const [k, n] of Object.entries(types as Record<string, unknown>)) {
    if (!isCount(n)) return undefined;
    bySupportType[k] = n;
  }
  return {
    day: v.day,
    agents: v.agents as number,
    handled: v.handled as number,
    conversations: v.conversations as number,
    invitations: v.invitations as number,
    rona: v.rona as number,
    rejected: v.rejected as number,
    transfers: v.transfers as number,
    handleSumMs: v.handleSumMs as number,
    handleN: v.handleN as number,
    bySupportType,
  };
}
