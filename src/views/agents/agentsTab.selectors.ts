/**
 * The Agents & teams table, derived from the store in two steps:
 *
 * 1. `selectAgentsModel(state, range)`: per agent the period's accumulators (all support
 *    types, and per support type from `agentSupportType`), the seconds per activity over
 *    the period (frozen days from their snapshot, live days from the engine's intervals,
 *    clipped to the period and to the store's `now`) and the current activity; per team
 *    the `team` cells summed over the period. Memoised per store version and range: the
 *    costly part runs once per batch of events, never per keystroke or per clock tick.
 * 2. `agentTableRows(model, filter, sort, grouped)`: name, team and support-type filters
 *    and the sort, over the model's precomputed rows (lower-case names, one collator).
 *
 * Every agent row passes `mayViewAgent`; team rows exist only for scopes `all` and `team`
 * (the leader's own team), never for `self`.
 */
import {
  AVAILABLE_ACTIVITY,
  NO_TEAM,
  OFFLINE_ACTIVITY,
  OTHER_AGENTS,
  OTHER_SUPPORT_TYPE,
  OTHER_TEAMS,
  agentCountsOf,
  agentMetricSet,
  agentsInScope,
  countAgents,
  daysOf,
  emptyAccumulator,
  inRange,
  isAvailable,
  isEmptyAccumulator,
  loggedStatusPct,
  mayViewAgent,
  mergeAccumulator,
  rangeBounds,
  splitSlice,
  workersOnContact,
  type Accumulator,
  type AgentCounts,
  type AgentMetricSet,
  type DayRange,
  type Engine,
} from '../../core';
import { totalsBetween, type InsightsState } from '../../store';

/** The activity that is not logged in: left out of the logged status base (`loggedStatusPct`). */
export const OFFLINE = OFFLINE_ACTIVITY;
/** The activity in which an agent on no contact is available (`isAvailable`, core's `agentStates.ts`). */
export const AVAILABLE = AVAILABLE_ACTIVITY;

export const ROW_KINDS = ['team', 'agent'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** Sortable columns; a support type's column is `type:<support type>`. */
export const SORT_COLUMNS = ['name', 'team', 'activity', 'handled', 'avgHandleSec', 'ronaRate', 'rejectRate', 'transferRate', 'logged'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number] | `type:${string}`;

export const SORT_DIRECTIONS = ['ascending', 'descending'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface SortState {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { column: 'name', direction: 'ascending' };

export interface AgentFilter {
  /** Only this team (undefined: every team). */
  readonly team?: string;
  /** Only agents offered or handling this support type, with that type's numbers (undefined: all types). */
  readonly supportType?: string;
  /** Part of the name, any case. */
  readonly name?: string;
}

/** One row of the table: an agent, or a team's roll-up. */
export interface AgentTableRow {
  readonly kind: RowKind;
  /** Unique in the table: the agent's sid, or `team:<team>`. */
  readonly key: string;
  readonly sid?: string;
  /** The agent's name, or the team's. */
  readonly name: string;
  readonly team: string;
  /** Position in name order among rows of its kind (sorting compares numbers, not strings). */
  readonly order: number;
  readonly metrics: AgentMetricSet;
  /** Handled engagements per support type (every configured type, 0 when none). */
  readonly handledByType: Readonly<Record<string, number>>;
  /** Seconds per activity over the period (Offline included), clipped to the period and `now`. */
  readonly activitySec: Readonly<Record<string, number>>;
  /** Share of logged-in time per activity, 0–100 (`loggedStatusPct`). */
  readonly loggedPct: Readonly<Record<string, number>>;
  /** Logged-in seconds (every activity but Offline). */
  readonly loggedSec: number;
  /** Agent: the activity now and since when. */
  readonly activity?: string;
  readonly activitySince?: number;
  /** Agent: an engagement in progress now (wrap-up included), so "Available" is not read as free. */
  readonly onContact?: boolean;
  /** Team: the team's agent rows of the period. */
  readonly agentCount?: number;
  /**
   * Team: the shared counts of the team's agents now (`countAgents` over `agentsInScope`),
   * as the scope line and Queues count them: the cell reads "available of logged in".
   */
  readonly counts?: AgentCounts;
}

interface AgentEntry {
  readonly row: AgentTableRow;
  /** An engagement in progress now (wrap-up included). */
  readonly onContact: boolean;
  readonly nameKey: string;
  readonly byType: ReadonlyMap<string, Accumulator>;
}

interface TeamEntry {
  readonly team: string;
  /** The `team` cells summed over the period (the handling team of each engagement). */
  readonly cells: Accumulator;
  readonly agents: AgentEntry[];
  /** The team's agents now, counted as every tab counts them. */
  counts: AgentCounts;
  /** The roll-up over every support type (built with the model). */
  row: AgentTableRow;
}

export interface AgentsModel {
  readonly range: DayRange;
  /** The configured support types, then any other type that has numbers (`other` last). */
  readonly supportTypes: readonly string[];
  /** Every activity seen in the period, most time first (Offline last). */
  readonly activities: readonly string[];
  /** Teams that have agents or numbers in the period, by name. */
  readonly teams: readonly string[];
  readonly agentCount: number;
  /** Agent rows whose agent is available now (`isAvailable`). */
  readonly availableCount: number;
  /** The counts every tab shares, over the agents the live data knows (`agentCountsOf`). */
  readonly counts: AgentCounts;
  readonly entries: readonly AgentEntry[];
  readonly teamEntries: ReadonlyMap<string, TeamEntry>;
  /** Per support type: agent rows and team rows restricted to that type (built on first use). */
  readonly typed: Map<string, { agents: ReadonlyMap<string, AgentTableRow>; teams: ReadonlyMap<string, AgentTableRow> }>;
}

/** One collator for every comparison: `localeCompare` builds one per call. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const compareText = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Merges seconds per activity into `into`. */
function addSeconds(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
}

function loggedSecOf(sec: Readonly<Record<string, number>>): number {
  let s = 0;
  for (const k in sec) if (k !== OFFLINE) s += sec[k];
  return s;
}

function handledByTypeOf(types: readonly string[], byType: ReadonlyMap<string, Accumulator>, only?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of types) out[t] = only !== undefined && t !== only ? 0 : (byType.get(t)?.handled ?? 0);
  return out;
}

/** The live (not frozen) stretches of a range, as [start, end) epoch ms, ending at `now` at the latest. */
function liveSpans(state: InsightsState, range: DayRange): { start: number; end: number }[] {
  const calendar = state.live.engine.calendar;
  const frozen = state.history?.days;
  const spans: { start: number; end: number }[] = [];
  for (const day of daysOf(range)) {
    if (frozen?.has(day)) continue;
    const b = rangeBounds(calendar, { from: day, to: day });
    const end = Math.min(b.end, state.now);
    if (end <= b.start) continue;
    const last = spans[spans.length - 1];
    if (last && last.end === b.start) last.end = end;
    else spans.push({ start: b.start, end });
  }
  return spans;
}

/** `agentSupportType` slice → [sid, type], kept across versions (the same slices come back every batch). */
const splits = new Map<string, readonly [string, string]>();
function splitCached(slice: string): readonly [string, string] {
  let hit = splits.get(slice);
  if (!hit) {
    if (splits.size > 200_000) splits.clear();
    splits.set(slice, (hit = splitSlice(slice)));
  }
  return hit;
}

interface Known {
  name?: string;
  team: string;
}

function teamRowOf(t: TeamEntry, acc: Accumulator, handledByType: Record<string, number>): AgentTableRow {
  const sec: Record<string, number> = {};
  for (const e of t.agents) addSeconds(sec, e.row.activitySec);
  return {
    kind: 'team',
    key: `team:${t.team}`,
    name: t.team,
    team: t.team,
    order: 0,
    metrics: agentMetricSet(acc),
    handledByType,
    activitySec: sec,
    loggedPct: loggedStatusPct(sec, OFFLINE),
    loggedSec: loggedSecOf(sec),
    agentCount: t.agents.length,
    counts: t.counts,
  };
}

function buildModel(state: InsightsState, range: DayRange): AgentsModel {
  const { access } = state;
  const engine: Engine = state.live.engine;
  const frozen = state.history?.days;

  // Who: agents of the frozen days (a later day wins), then the engine's (the latest name and team).
  const known = new Map<string, Known>();
  const frozenDays = frozen ? [...frozen.values()].filter((s) => inRange(s.day, range)).sort((a, b) => (a.day < b.day ? -1 : 1)) : [];
  for (const snap of frozenDays) {
    for (const a of snap.agents) known.set(a.sid, { name: a.name ?? known.get(a.sid)?.name, team: a.team });
  }
  const engineAgents = engine.agents();
  for (const a of engineAgents) known.set(a.sid, { name: a.name ?? known.get(a.sid)?.name, team: a.team });

  // Activity: frozen days from their snapshot, live days from the engine's intervals.
  const activity = new Map<string, Record<string, number>>();
  for (const snap of frozenDays) {
    for (const sid in snap.activity) {
      let sec = activity.get(sid);
      if (!sec) activity.set(sid, (sec = {}));
      addSeconds(sec, snap.activity[sid]);
    }
  }
  const spans = liveSpans(state, range);
  const onContact = workersOnContact(engine);
  const current = new Map<string, { activity?: string; activitySince?: number }>();
  for (const a of engineAgents) {
    if (a.sid === OTHER_AGENTS || !mayViewAgent(access, a)) continue;
    const intervals = engine.activityIntervals(a.sid, Infinity);
    const inNow = engine.currentActivity(a.sid);
    current.set(a.sid, { activity: inNow?.activity, activitySince: inNow?.since });
    if (spans.length === 0 || intervals.length === 0) continue;
    let sec: Record<string, number> | undefined = activity.get(a.sid);
    for (const iv of intervals) {
      for (const span of spans) {
        const s = iv.start > span.start ? iv.start : span.start;
        const e = iv.end < span.end ? iv.end : span.end;
        if (e > s) {
          if (!sec) activity.set(a.sid, (sec = {}));
          sec[iv.activity] = (sec[iv.activity] ?? 0) + (e - s) / 1000;
        }
      }
    }
  }

  const agentTotals = totalsBetween(state, 'agent', range);
  const typeTotals = new Map<string, Map<string, Accumulator>>();
  const typesSeen = new Set<string>();
  for (const [slice, acc] of totalsBetween(state, 'agentSupportType', range)) {
    const [sid, type] = splitCached(slice);
    typesSeen.add(type);
    let m = typeTotals.get(sid);
    if (!m) typeTotals.set(sid, (m = new Map()));
    m.set(type, acc);
  }
  const supportTypes = Object.keys(engine.config.supportTypes).filter((t) => t !== OTHER_SUPPORT_TYPE);
  for (const t of [...typesSeen].sort()) if (t !== OTHER_SUPPORT_TYPE && !supportTypes.includes(t)) supportTypes.push(t);
  if (typesSeen.has(OTHER_SUPPORT_TYPE)) supportTypes.push(OTHER_SUPPORT_TYPE);

  const entries: AgentEntry[] = [];
  const activityTotals: Record<string, number> = {};
  const sids = new Set<string>([...agentTotals.keys(), ...activity.keys()]);
  let availableCount = 0;
  for (const sid of sids) {
    if (sid === OTHER_AGENTS) continue;
    const who = known.get(sid) ?? { team: NO_TEAM };
    if (!mayViewAgent(access, { sid, team: who.team })) continue;
    const all = agentTotals.get(sid) ?? EMPTY;
    const sec = activity.get(sid) ?? {};
    if (isEmptyAccumulator(all) && Object.keys(sec).length === 0) continue;
    const byType = typeTotals.get(sid) ?? new Map<string, Accumulator>();
    const now = current.get(sid) ?? {};
    const busy = onContact.has(sid);
    if (isAvailable(now.activity, busy)) availableCount++;
    addSeconds(activityTotals, sec);
    const name = who.name ?? sid;
    const row: AgentTableRow = {
      kind: 'agent',
      key: sid,
      sid,
      name,
      team: who.team,
      order: 0,
      metrics: agentMetricSet(all),
      handledByType: handledByTypeOf(supportTypes, byType),
      activitySec: sec,
      loggedPct: loggedStatusPct(sec, OFFLINE),
      loggedSec: loggedSecOf(sec),
      ...now,
      ...(busy ? { onContact: true } : {}),
    };
    entries.push({ row, onContact: busy, nameKey: name.toLowerCase(), byType });
  }
  // Name order once per model, so sorting later compares numbers, not strings.
  entries.sort((a, b) => compareText(a.row.name, b.row.name) || (a.row.key < b.row.key ? -1 : 1));
  entries.forEach((e, i) => ((e.row as { order: number }).order = i));

  const teamEntries = new Map<string, TeamEntry>();
  if (access.scope === 'all' || access.scope === 'team') {
    const teamOf = (team: string): TeamEntry => {
      let t = teamEntries.get(team);
      if (!t) teamEntries.set(team, (t = { team, cells: emptyAccumulator(), agents: [], counts: NO_AGENTS, row: undefined as unknown as AgentTableRow }));
      return t;
    };
    for (const [team, acc] of totalsBetween(state, 'team', range)) {
      if (team === OTHER_TEAMS || isEmptyAccumulator(acc)) continue;
      if (access.scope === 'team' && team !== access.team) continue;
      mergeAccumulator(teamOf(team).cells, acc);
    }
    for (const e of entries) teamOf(e.row.team).agents.push(e);
    // Now, the agents the live data knows, by their team now: the counts of the scope line
    // and of Queues, cut by team (a team leader's one team row reads as their scope line).
    const byTeam = new Map<string, { activity?: string; onContact: boolean }[]>();
    for (const a of agentsInScope(engine, access)) {
      let list = byTeam.get(a.team);
      if (!list) byTeam.set(a.team, (list = []));
      list.push({ activity: current.get(a.sid)?.activity, onContact: onContact.has(a.sid) });
    }
    for (const t of teamEntries.values()) t.counts = countAgents(byTeam.get(t.team) ?? []);
  }
  const teams = [...teamEntries.keys()].sort(compareText);
  teams.forEach((team, i) => {
    const t = teamEntries.get(team)!;
    const handled: Record<string, number> = {};
    for (const type of supportTypes) {
      let n = 0;
      for (const e of t.agents) n += e.row.handledByType[type];
      handled[type] = n;
    }
    t.row = { ...teamRowOf(t, t.cells, handled), order: i };
  });

  const activities = Object.keys(activityTotals).sort((a, b) => {
    if ((a === OFFLINE) !== (b === OFFLINE)) return a === OFFLINE ? 1 : -1;
    return activityTotals[b] - activityTotals[a] || compareText(a, b);
  });
  const counts = agentCountsOf(engine, access, onContact);
  return { range, supportTypes, activities, teams, agentCount: entries.length, availableCount, counts, entries, teamEntries, typed: new Map() };
}

const EMPTY: Accumulator = Object.freeze(emptyAccumulator()) as Accumulator;
const NO_AGENTS: AgentCounts = Object.freeze(countAgents([]));

const models = new WeakMap<Engine, { key: string; model: AgentsModel }>();

/**
 * The row model of a period: memoised per engine, store version and range (the clock
 * ticking does not rebuild it; the next batch of events does, with the `now` of then).
 */
export function selectAgentsModel(state: InsightsState, range: DayRange): AgentsModel {
  const engine = state.live.engine;
  const key = `${state.version}|${range.from}|${range.to}`;
  const hit = models.get(engine);
  if (hit && hit.key === key) return hit.model;
  const model = buildModel(state, range);
  models.set(engine, { key, model });
  return model;
}

/**
 * Rows restricted to one support type (memoised on the model): agents offered or handling
 * that type, with that type's numbers; per team, the sum of its agents' numbers of that
 * type (there is no team × support type grouping; agents count for their latest team).
 */
function typedRows(model: AgentsModel, type: string): { agents: ReadonlyMap<string, AgentTableRow>; teams: ReadonlyMap<string, AgentTableRow> } {
  let rows = model.typed.get(type);
  if (!rows) {
    const agents = new Map<string, AgentTableRow>();
    for (const e of model.entries) {
      const acc = e.byType.get(type);
      if (!acc || (acc.invitations === 0 && acc.handled === 0)) continue;
      agents.set(e.row.key, { ...e.row, metrics: agentMetricSet(acc), handledByType: handledByTypeOf(model.supportTypes, e.byType, type) });
    }
    const teams = new Map<string, AgentTableRow>();
    for (const t of model.teamEntries.values()) {
      const acc = emptyAccumulator();
      for (const e of t.agents) {
        const a = e.byType.get(type);
        if (a) mergeAccumulator(acc, a);
      }
      const handled: Record<string, number> = {};
      for (const s of model.supportTypes) handled[s] = s === type ? acc.handled : 0;
      teams.set(t.team, { ...teamRowOf(t, acc, handled), order: t.row.order });
    }
    model.typed.set(type, (rows = { agents, teams }));
  }
  return rows;
}

type Value = string | number | null | undefined;

/** The value a column sorts by. Logged status sorts by logged-in time. */
export function sortValue(row: AgentTableRow, column: SortColumn): Value {
  switch (column) {
    case 'name':
      return row.name;
    case 'team':
      return row.team;
    case 'activity':
      return row.kind === 'team' ? (row.counts?.available ?? 0) : row.activity;
    case 'handled':
      return row.metrics.handled;
    case 'avgHandleSec':
    case 'ronaRate':
    case 'rejectRate':
    case 'transferRate':
      return row.metrics[column];
    case 'logged':
      return row.loggedSec;
    default:
      return row.handledByType[column.slice(5)] ?? 0;
  }
}

/** A comparator for a sort: values without a number (no rate, no activity) go last either way; ties by name. */
export function comparatorOf(sort: SortState): (a: AgentTableRow, b: AgentTableRow) => number {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const { column } = sort;
  if (column === 'name') return (a, b) => sign * (a.order - b.order);
  return (a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    const xMissing = x === null || x === undefined;
    const yMissing = y === null || y === undefined;
    if (xMissing || yMissing) return xMissing === yMissing ? a.order - b.order : xMissing ? 1 : -1;
    let c = typeof x === 'number' && typeof y === 'number' ? x - y : x < y ? -1 : x > y ? 1 : 0;
    // The same activity: the one in it longer first.
    if (c === 0 && column === 'activity' && a.activitySince !== undefined && b.activitySince !== undefined) c = a.activitySince - b.activitySince;
    return c !== 0 ? sign * c : a.order - b.order;
  };
}

/**
 * The rows as shown: agents that pass the filters, sorted; and a roll-up row per team that
 * has agents shown (or, unfiltered, numbers). `grouped`: each team's row, then its agents
 * (teams in the order the sort puts them); otherwise the team rows first, then every agent
 * in one sorted list. The name filter chooses agents; a team's row stays the whole team's.
 */
export function agentTableRows(model: AgentsModel, filter: AgentFilter, sort: SortState, grouped: boolean): AgentTableRow[] {
  const q = (filter.name ?? '').trim().toLowerCase();
  const typed = filter.supportType !== undefined ? typedRows(model, filter.supportType) : undefined;
  const agents: AgentTableRow[] = [];
  for (const e of model.entries) {
    if (filter.team !== undefined && e.row.team !== filter.team) continue;
    if (q !== '' && !e.nameKey.includes(q)) continue;
    const row = typed ? typed.agents.get(e.row.key) : e.row;
    if (row) agents.push(row);
  }
  const compare = comparatorOf(sort);
  agents.sort(compare);

  const filtered = q !== '' || typed !== undefined;
  const byTeam = new Map<string, AgentTableRow[]>();
  for (const a of agents) {
    let list = byTeam.get(a.team);
    if (!list) byTeam.set(a.team, (list = []));
    list.push(a);
  }
  const teams: AgentTableRow[] = [];
  for (const t of model.teamEntries.values()) {
    if (filter.team !== undefined && t.team !== filter.team) continue;
    if (!byTeam.has(t.team) && (filtered || isEmptyAccumulator(t.cells))) continue;
    teams.push(typed ? typed.teams.get(t.team)! : t.row);
  }
  teams.sort(compare);
  if (!grouped) return teams.length === 0 ? agents : [...teams, ...agents];
  const out: AgentTableRow[] = [];
  const placed = new Set<string>();
  for (const t of teams) {
    out.push(t);
    const list = byTeam.get(t.team);
    if (list) for (const a of list) out.push(a);
    placed.add(t.team);
  }
  // Agents without a team row (scope self): in sort order.
  for (const a of agents) if (!placed.has(a.team)) out.push(a);
  return out;
}
