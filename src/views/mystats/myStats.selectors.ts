/**
 * My stats: the signed-in agent's own numbers today and this week, next to their team's
 * average. Pure and memoised on the store version (a team average answer bumps it) and the minute.
 *
 * The team average: counts (handled, conversations, per support type) are the team's
 * total divided by the team's agents who had an invitation or an engagement in the
 * period; rates and average handle time are the team's own ratios (the team roll-up, as
 * `byTeam` reports it). Where it comes from depends on the scope:
 * - `self` (agents): the team's day cells from the history function (`state.teamAverage`,
 *   the core's `teamAverage.ts`): sums and counts of the team, no row, sid or event of anyone.
 *   Today's agents are today's cell's; the week's are the distinct teammates the function
 *   counted over the week (a teammate on two days counts once).
 * - `team`, `all`: the team cells of the session's own data, and the agents whose latest
 *   team is the team (the user's team: `access.team`, else the user's worker's team).
 */
import {
  NO_TEAM,
  agentMetricSet,
  emptyAccumulator,
  loggedStatusPct,
  mergeAccumulator,
  oneDay,
  rangeBounds,
  splitSlice,
  teamAccumulatorOf,
  type Accumulator,
  type AgentMetricSet,
  type DayRange,
} from '../../core';
import { cellsBetween, memo, totalsBetween, type InsightsState } from '../../store';
import { rangeOf } from '../common/period';

/** The figures compared, in the order shown. */
export const MY_STATS_METRICS = ['handled', 'conversations', 'avgHandleSec', 'ronaRate', 'rejectRate', 'transferRate'] as const;
export type MyStatsMetric = (typeof MY_STATS_METRICS)[number];

/** Counts are averaged per agent; the others are the team's ratios. */
export const PER_AGENT_METRICS: ReadonlySet<MyStatsMetric> = new Set(['handled', 'conversations']);

export type Figures = Readonly<Record<MyStatsMetric, number | null>>;

export interface SupportTypeLine {
  readonly supportType: string;
  /** The agent's conversations of this support type. */
  readonly mine: number;
  /** The team's conversations of this type per agent; null without a team average. */
  readonly teamAverage: number | null;
}

export interface MyStatsPeriod {
  readonly range: DayRange;
  readonly mine: Figures;
  /** Null when no team average can be given (see `MyStats.team`). */
  readonly teamAverage: Figures | null;
  /** Agents of the team counted in the average (the user included). */
  readonly teamAgents: number;
  readonly bySupportType: readonly SupportTypeLine[];
}

export const TEAM_AVERAGE_SOURCES = ['team', 'noTeam', 'notYet', 'noWorker', 'loading', 'needsHistory', 'failed'] as const;
export type TeamAverageSource = (typeof TEAM_AVERAGE_SOURCES)[number];

export interface MyStats {
  /** Undefined when the user is no worker: nothing of their own to show. */
  readonly workerSid?: string;
  /** The team compared with, when known. */
  readonly team?: string;
  /**
   * `team`: an average is given; `noTeam`: the worker has no team attribute; `notYet`: no
   * team data seen yet. An agent's session also: `loading` (the history function not
   * answered yet), `needsHistory` (no history function configured), `failed` (it did not answer).
   */
  readonly teamSource: TeamAverageSource;
  /** True for an agent's session: the team average is the history function's day cells. */
  readonly teamFromHistory: boolean;
  /** Agent's session: epoch ms the function had read the team's events up to. */
  readonly teamAsOf?: number;
  /** Agent's session, `failed`: why (the function's message). */
  readonly teamProblem?: string;
  readonly today: MyStatsPeriod;
  readonly week: MyStatsPeriod;
  /** Share of today's logged-in time per activity (0–100), largest first. */
  readonly loggedStatus: readonly { readonly activity: string; readonly pct: number }[];
}

/** The compared figures of an accumulator (rates 0..1, seconds). */
export function figuresOf(m: AgentMetricSet): Figures {
  return {
    handled: m.handled,
    conversations: m.conversations,
    avgHandleSec: m.avgHandleSec,
    ronaRate: m.ronaRate,
    rejectRate: m.rejectRate,
    transferRate: m.transferRate,
  };
}

/** The team average: counts divided by the team's agents, ratios as they are; null without agents. */
export function teamAverageOf(team: AgentMetricSet, agents: number): Figures | null {
  if (agents <= 0) return null;
  const f = figuresOf(team);
  return { ...f, handled: team.handled / agents, conversations: team.conversations / agents };
}

const sumOf = (cells: Iterable<Accumulator>): Accumulator => {
  const acc = emptyAccumulator();
  for (const c of cells) mergeAccumulator(acc, c);
  return acc;
};

/** The user's latest team as the session knows it. */
function teamOfUser(state: InsightsState): string | undefined {
  if (state.access.scope === 'team') return state.access.team;
  if (state.access.scope === 'self') return state.teamAverage?.value ? (state.teamAverage.value.team ?? NO_TEAM) : undefined;
  const sid = state.workerSid;
  if (sid === undefined) return undefined;
  return state.live.engine.agents().find((a) => a.sid === sid)?.team;
}

/** Per support type, the counts of one agent (`agentSupportType` cells) over a range. */
function supportTypesOf(cells: Map<string, Map<string, Accumulator>>, keep: (agent: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const [slice, byDay] of cells) {
    const [agent, supportType] = splitSlice(slice);
    if (!keep(agent)) continue;
    out.set(supportType, (out.get(supportType) ?? 0) + sumOf(byDay.values()).conversations);
  }
  return out;
}

interface TeamNumbers {
  readonly rollUp: AgentMetricSet;
  readonly agents: number;
  readonly bySupportType: Map<string, number>;
}

/** Scope `self`: the team's day cells of the range, from the history function. */
function teamFromAverage(state: InsightsState, range: DayRange, isWeek: boolean): TeamNumbers | undefined {
  const average = state.teamAverage?.value;
  if (!average) return undefined;
  const cells = average.days.filter((c) => c.day >= range.from && c.day <= range.to);
  const acc = sumOf(cells.map(teamAccumulatorOf));
  const bySupportType = new Map<string, number>();
  for (const c of cells) for (const [t, n] of Object.entries(c.bySupportType)) bySupportType.set(t, (bySupportType.get(t) ?? 0) + n);
  // A day's agents are its cell's; over the week, the teammates counted once however many days they worked.
  const agents = isWeek ? average.rangeAgents : cells.reduce((n, c) => Math.max(n, c.agents), 0);
  return { rollUp: agentMetricSet(acc), agents, bySupportType };
}

/** Scopes `team` and `all`: the team cells and the team's agents with work in the range. */
function teamFromCells(state: InsightsState, team: string, range: DayRange): TeamNumbers {
  const rollUp = agentMetricSet(totalsBetween(state, 'team', range).get(team) ?? emptyAccumulator());
  const teamOf = new Map<string, string>();
  for (const snap of state.history?.days.values() ?? []) {
    if (snap.day >= range.from && snap.day <= range.to) for (const a of snap.agents) teamOf.set(a.sid, a.team);
  }
  for (const a of state.live.engine.agents()) teamOf.set(a.sid, a.team);
  let agents = 0;
  for (const [sid, acc] of totalsBetween(state, 'agent', range)) {
    if (teamOf.get(sid) === team && (acc.invitations > 0 || acc.handled > 0)) agents++;
  }
  const bySupportType = supportTypesOf(cellsBetween(state, 'agentSupportType', 'day', range), (agent) => teamOf.get(agent) === team);
  return { rollUp, agents, bySupportType };
}

function periodOf(state: InsightsState, sid: string | undefined, team: string | undefined, range: DayRange, isWeek: boolean): MyStatsPeriod {
  const mineAcc = sid === undefined ? emptyAccumulator() : sumOf(cellsBetween(state, 'agent', 'day', range).get(sid)?.values() ?? []);
  const mineByType =
    sid === undefined ? new Map<string, number>() : supportTypesOf(cellsBetween(state, 'agentSupportType', 'day', range), (agent) => agent === sid);
  const teamNumbers =
    team === undefined || team === NO_TEAM
      ? undefined
      : state.access.scope === 'self'
        ? teamFromAverage(state, range, isWeek)
        : teamFromCells(state, team, range);
  const teamAverage = teamNumbers ? teamAverageOf(teamNumbers.rollUp, teamNumbers.agents) : null;
  const types = new Set([...mineByType.keys(), ...(teamNumbers?.bySupportType.keys() ?? [])]);
  const order = Object.keys(state.live.engine.config.supportTypes);
  const rank = (t: string): number => (order.indexOf(t) < 0 ? order.length : order.indexOf(t));
  const bySupportType = [...types]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((supportType) => ({
      supportType,
      mine: mineByType.get(supportType) ?? 0,
      teamAverage: teamNumbers && teamNumbers.agents > 0 ? (teamNumbers.bySupportType.get(supportType) ?? 0) / teamNumbers.agents : null,
    }));
  return { range, mine: figuresOf(agentMetricSet(mineAcc)), teamAverage, teamAgents: teamNumbers?.agents ?? 0, bySupportType };
}

function loggedStatusToday(state: InsightsState, sid: string | undefined, today: string): MyStats['loggedStatus'] {
  if (sid === undefined) return [];
  const frozen = state.history?.days.get(today);
  let seconds: Readonly<Record<string, number>>;
  if (frozen) seconds = frozen.activity[sid] ?? {};
  else {
    const engine = state.live.engine;
    const { start, end } = rangeBounds(engine.calendar, oneDay(today));
    seconds = engine.activitySeconds(sid, start, Math.min(end, Math.max(start, state.now)));
  }
  const pct = loggedStatusPct(seconds);
  return Object.entries(pct)
    .map(([activity, p]) => ({ activity, pct: p }))
    .sort((a, b) => b.pct - a.pct || (a.activity < b.activity ? -1 : 1));
}

const myStats = memo<MyStats>();

/**
 * The user's own figures today and this week, with the team average where the session
 * has one. An agent's session reads only its own cells and the history function's team
 * cells (`state.teamAverage`): nothing of a teammate is in its store.
 */
export function selectMyStats(state: InsightsState): MyStats {
  const engine = state.live.engine;
  const today = engine.calendar.dayKey(state.now);
  // Logged status runs with the clock: key on the minute (a team average answer bumps the version).
  const key = `${today}|${Math.floor(state.now / 60_000)}`;
  return myStats(state, key, () => {
    const sid = state.workerSid;
    const team = teamOfUser(state);
    const todayRange = oneDay(today);
    const weekRange = rangeOf({ kind: 'week' }, engine.calendar, state.now);
    const todayPeriod = periodOf(state, sid, team, todayRange, false);
    // The agent's week from the function is the one it was asked for (up to today); another week has no average.
    const average = state.teamAverage;
    const weekAsked = average?.range !== undefined && average.range.from === weekRange.from;
    const weekPeriod = periodOf(state, sid, state.access.scope === 'self' && !weekAsked ? undefined : team, weekRange, true);
    const teamSource: TeamAverageSource =
      sid === undefined
        ? 'noWorker'
        : team === NO_TEAM
          ? 'noTeam'
          : average && !average.value && average.status !== 'ready'
            ? average.status === 'failed' ? 'failed' : average.status
            : team === undefined || weekPeriod.teamAverage === null
              ? 'notYet'
              : 'team';
    return {
      workerSid: sid,
      team: team === NO_TEAM ? undefined : team,
      teamSource,
      teamFromHistory: state.access.scope === 'self',
      teamAsOf: average?.value?.asOf,
      teamProblem: average?.problem,
      today: todayPeriod,
      week: weekPeriod,
      loggedStatus: loggedStatusToday(state, sid, today),
    };
  });
}
