/**
 * The Agents & teams rows against the engine's own report of the same events and window
 * (`buildReport`): a simulated day, and a simulated three days read as a two-day range,
 * from the live engine alone and with the earlier days frozen as history snapshots.
 *
 * Support type filter: there is no report "by agent and support type", and filtering the
 * events by queue would cut conversations that were transferred between support types
 * (a task's events name the queue it is in at that moment). So a filtered row is checked
 * against a second, independent engine that keeps the `agentSupportType` grouping over
 * the whole window (period `all`, the report's way of windowing) rather than the store's
 * day cells summed over the range; and the per-type numbers of each agent must add up to
 * the agent's report numbers.
 */
import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  SLICE_SEPARATOR,
  agentMetricSet,
  buildReport,
  mayViewAgent,
  reportGroupings,
  round,
  snapshotOfEngine,
  type Accumulator,
  workersOnContact,
  type DayRange,
  type Report,
  type TimeWindow,
  type TrEvent,
} from '../../../src/core';
import { simulate, toEventStreams } from '../../../src/sources/simulator';
import { addFrozenDays, type InsightsState } from '../../../src/store';
import { AVAILABLE, DEFAULT_SORT, OFFLINE, agentTableRows, selectAgentsModel, type AgentTableRow } from '../../../src/views/agents/agentsTab.selectors';
import { nextSort } from '../../../src/views/agents/useAgentsTable';
import { teamActivityText } from '../../../src/views/agents/agentsTab.columns';
import { translator } from '../../../src/views/common';
import { DAY, END_OF_DAY, agentsOfDay, dayEvents, loadedStore } from '../../store/fixtures';

const supervisor = { roles: ['supervisor'], workerSid: 'WKsup' };

function reportIn(events: readonly TrEvent[], window: TimeWindow): Report {
  const engine = new Engine(DEFAULT_CONFIG, { window, groupings: reportGroupings() });
  for (const e of events) engine.apply(e);
  return buildReport(engine);
}

/** Per `agentSupportType` slice, the window's accumulator, from an engine of its own. */
function typeCellsIn(events: readonly TrEvent[], window: TimeWindow): (sid: string, type: string) => Accumulator {
  const g = { slice: 'agentSupportType', period: 'all' } as const;
  const engine = new Engine(DEFAULT_CONFIG, { window, groupings: [g] });
  for (const e of events) engine.apply(e);
  return (sid, type) => engine.cellOf(g, `${sid}${SLICE_SEPARATOR}${type}`);
}

const agentRowsOf = (rows: readonly AgentTableRow[]): AgentTableRow[] => rows.filter((r) => r.kind === 'agent');
const teamRowsOf = (rows: readonly AgentTableRow[]): AgentTableRow[] => rows.filter((r) => r.kind === 'team');

function roundedSeconds(sec: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(sec).sort()) out[k] = round(sec[k], 1);
  return out;
}

/** Every agent and team row equals the report: numbers, names, teams, activity seconds and logged status. */
function expectRowsEqualReport(state: InsightsState, range: DayRange, report: Report): void {
  const model = selectAgentsModel(state, range);
  const rows = agentTableRows(model, {}, DEFAULT_SORT, false);
  const agents = agentRowsOf(rows);
  expect(agents.map((r) => r.sid).sort()).toEqual(Object.keys(report.byAgent).sort());
  for (const row of agents) {
    const { name, team, activitySec, loggedStatusPct, ...metrics } = report.byAgent[row.sid!];
    expect({ sid: row.sid, name: row.name, team: row.team, ...row.metrics }).toEqual({ sid: row.sid, name, team, ...metrics });
    expect(roundedSeconds(row.activitySec)).toEqual(activitySec);
    expect(row.loggedPct).toEqual(loggedStatusPct);
    // Handled per support type adds up to handled.
    expect(Object.values(row.handledByType).reduce((a, b) => a + b, 0)).toBe(row.metrics.handled);
  }
  const teams = teamRowsOf(rows);
  expect(Object.fromEntries(teams.map((r) => [r.team, r.metrics]))).toEqual(report.byTeam);
}

describe('a simulated day (scope all)', () => {
  const window = { from: Date.parse(`${DAY}T00:00:00Z`), to: END_OF_DAY };
  const report = reportIn(dayEvents, window);
  const state = loadedStore(supervisor, dayEvents).getState();
  const range = { from: DAY, to: DAY };

  it('has agents, teams and support types to check', () => {
    expect(Object.keys(report.byAgent).length).toBeGreaterThan(20);
    expect(Object.keys(report.byTeam).length).toBeGreaterThan(2);
    expect(Object.keys(report.bySupportType).length).toBeGreaterThan(3);
  });

  it('every agent row and team row is the report of the day', () => {
    expectRowsEqualReport(state, range, report);
  });

  it('is memoised per version and range, and rebuilt for a new version', () => {
    const a = selectAgentsModel(state, range);
    expect(selectAgentsModel(state, { from: DAY, to: DAY })).toBe(a);
    expect(selectAgentsModel({ ...state, now: state.now + 5000 }, range)).toBe(a);
    expect(selectAgentsModel({ ...state, version: state.version + 1 }, range)).not.toBe(a);
  });

  it('the team roll-up sums the logged time of the team\'s agents', () => {
    const rows = agentTableRows(selectAgentsModel(state, range), {}, DEFAULT_SORT, true);
    for (const team of teamRowsOf(rows)) {
      const members = agentRowsOf(rows).filter((r) => r.team === team.team);
      expect(team.agentCount).toBe(members.length);
      const logged = members.reduce((s, r) => s + r.loggedSec, 0);
      expect(team.loggedSec).toBeCloseTo(logged, 6);
    }
  });

  it("a team row counts the team's agents now as the scope line does: available of logged in, adding up to the tab's counts", () => {
    const model = selectAgentsModel(state, range);
    const rows = teamRowsOf(agentTableRows(model, {}, DEFAULT_SORT, true));
    const busy = workersOnContact(state.live.engine);
    const sum = { agents: 0, loggedIn: 0, available: 0, onContact: 0 };
    for (const team of rows) {
      // Every agent the live data knows in the team, by their activity now (core's agentStates.ts).
      const now = state.live.engine.agents().filter((a) => a.team === team.team).map((a) => ({ sid: a.sid, activity: state.live.engine.currentActivity(a.sid)?.activity }));
      expect(team.counts).toEqual({
        agents: now.length,
        loggedIn: now.filter((a) => a.activity !== undefined && a.activity !== OFFLINE).length,
        available: now.filter((a) => a.activity === AVAILABLE && !busy.has(a.sid)).length,
        onContact: now.filter((a) => busy.has(a.sid)).length,
      });
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += team.counts![k];
    }
    // Some teams have someone logged in and someone on a contact: the counts are not all zero.
    expect(rows.some((r) => r.counts!.loggedIn > r.counts!.available && r.counts!.onContact > 0)).toBe(true);
    expect(sum).toEqual(model.counts);
    // The cell reads as Queues reads: "N available of M logged in".
    const t = translator(undefined);
    for (const team of rows) expect(teamActivityText(t, team)).toBe(`${team.counts!.available} available of ${team.counts!.loggedIn} logged in`);
  });

  it('current activity: as the simulator left each agent', () => {
    const last = new Map<string, string>();
    for (const e of dayEvents) if (e.type === 'worker.activity.update' && e.workerSid && e.activityName) last.set(e.workerSid, e.activityName);
    const agents = agentRowsOf(agentTableRows(selectAgentsModel(state, range), {}, DEFAULT_SORT, false));
    for (const row of agents) expect(row.activity).toBe(last.get(row.sid!));
    const model = selectAgentsModel(state, range);
    const busy = workersOnContact(state.live.engine);
    expect(busy.size).toBeGreaterThan(0);
    expect(model.availableCount).toBe(agents.filter((r) => r.activity === AVAILABLE && !busy.has(r.sid!)).length);
    // the shared counts: every agent row is an agent the live data knows
    expect(model.counts.agents).toBe(agents.length);
    expect(model.counts.available).toBe(model.availableCount);
    expect(model.activities[model.activities.length - 1]).toBe(OFFLINE);
  });

  describe('support type filter', () => {
    const typeCell = typeCellsIn(dayEvents, window);
    const model = selectAgentsModel(state, range);

    it.each(Object.keys(report.bySupportType))('%s: the agents offered or handling it, with its numbers only', (type) => {
      const rows = agentTableRows(model, { supportType: type }, DEFAULT_SORT, true);
      const agents = agentRowsOf(rows);
      const expected = Object.keys(report.byAgent).filter((sid) => typeCell(sid, type).invitations > 0 || typeCell(sid, type).handled > 0);
      expect(agents.map((r) => r.sid).sort()).toEqual(expected.sort());
      for (const row of agents) {
        expect(row.metrics).toEqual(agentMetricSet(typeCell(row.sid!, type)));
        for (const [t, n] of Object.entries(row.handledByType)) expect(n).toBe(t === type ? row.metrics.handled : 0);
      }
      // A team row is its shown agents' numbers of that type (each agent under their latest team).
      for (const team of teamRowsOf(rows)) {
        const members = agents.filter((r) => r.team === team.team);
        expect(team.metrics.handled).toBe(members.reduce((s, r) => s + r.metrics.handled, 0));
        expect(team.metrics.invitations).toBe(members.reduce((s, r) => s + r.metrics.invitations, 0));
      }
    });

    it('the support types of an agent add up to the agent', () => {
      for (const [sid, agent] of Object.entries(report.byAgent)) {
        const sum = { handled: 0, invitations: 0, rona: 0, rejected: 0, transfers: 0 };
        for (const type of model.supportTypes) {
          const acc = typeCell(sid, type);
          for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += acc[k];
        }
        expect(sum).toEqual({ handled: agent.handled, invitations: agent.invitations, rona: agent.rona, rejected: agent.rejected, transfers: agent.transfers });
      }
    });
  });

  describe('sort and filters', () => {
    const model = selectAgentsModel(state, range);
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

    it('by name (default): A to Z, and Z to A', () => {
      const names = agentRowsOf(agentTableRows(model, {}, DEFAULT_SORT, false)).map((r) => r.name);
      expect(names).toEqual([...names].sort((a, b) => collator.compare(a, b)));
      const desc = agentRowsOf(agentTableRows(model, {}, { column: 'name', direction: 'descending' }, false)).map((r) => r.name);
      expect(desc).toEqual([...names].reverse());
    });

    it.each(['ronaRate', 'rejectRate', 'transferRate', 'avgHandleSec'] as const)('by %s: high first, agents without a value last', (column) => {
      const values = agentRowsOf(agentTableRows(model, {}, { column, direction: 'descending' }, false)).map((r) => r.metrics[column]);
      const present = values.filter((v): v is number => v !== null);
      expect(values.slice(present.length).every((v) => v === null)).toBe(true);
      expect(present).toEqual([...present].sort((a, b) => b - a));
      const asc = agentRowsOf(agentTableRows(model, {}, { column, direction: 'ascending' }, false)).map((r) => r.metrics[column]);
      expect(asc.filter((v) => v !== null)).toEqual([...present].reverse().sort((a, b) => a - b));
      expect(asc.slice(present.length).every((v) => v === null)).toBe(true);
    });

    it('by a support type column and by logged-in time', () => {
      const type = model.supportTypes[0];
      const byType = agentRowsOf(agentTableRows(model, {}, { column: `type:${type}`, direction: 'descending' }, false)).map((r) => r.handledByType[type]);
      expect(byType).toEqual([...byType].sort((a, b) => b - a));
      const logged = agentRowsOf(agentTableRows(model, {}, { column: 'logged', direction: 'ascending' }, false)).map((r) => r.loggedSec);
      expect(logged).toEqual([...logged].sort((a, b) => a - b));
    });

    it('grouped: each team row, then its agents in the sort order', () => {
      const rows = agentTableRows(model, {}, { column: 'handled', direction: 'descending' }, true);
      let team: string | undefined;
      for (const r of rows) {
        if (r.kind === 'team') team = r.team;
        else expect(r.team).toBe(team);
      }
      const teams = teamRowsOf(rows).map((r) => r.metrics.handled);
      expect(teams).toEqual([...teams].sort((a, b) => b - a));
    });

    it('a heading clicked twice flips the order; another heading starts high first (names A to Z)', () => {
      expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ column: 'name', direction: 'descending' });
      expect(nextSort(DEFAULT_SORT, 'ronaRate')).toEqual({ column: 'ronaRate', direction: 'descending' });
      expect(nextSort({ column: 'ronaRate', direction: 'descending' }, 'ronaRate')).toEqual({ column: 'ronaRate', direction: 'ascending' });
    });

    it('name: any part of the name, any case; team rows only for teams with a match, still the whole team', () => {
      const all = agentRowsOf(agentTableRows(model, {}, DEFAULT_SORT, false));
      const part = all[3].name.slice(1, 4).toUpperCase();
      const rows = agentTableRows(model, { name: part }, DEFAULT_SORT, true);
      const agents = agentRowsOf(rows);
      expect(agents.map((r) => r.sid)).toEqual(all.filter((r) => r.name.toLowerCase().includes(part.toLowerCase())).map((r) => r.sid));
      expect(teamRowsOf(rows).map((r) => r.team).sort()).toEqual([...new Set(agents.map((r) => r.team))].sort());
      for (const t of teamRowsOf(rows)) expect(t.metrics).toEqual(report.byTeam[t.team]);
      expect(agentTableRows(model, { name: 'no such name at all' }, DEFAULT_SORT, true)).toEqual([]);
    });

    it('team: that team\'s row first, then only its agents', () => {
      const team = model.teams[1];
      const rows = agentTableRows(model, { team }, DEFAULT_SORT, true);
      expect(rows[0]).toMatchObject({ kind: 'team', team });
      expect(rows.slice(1).every((r) => r.kind === 'agent' && r.team === team)).toBe(true);
      expect(rows.length - 1).toBe(Object.values(report.byAgent).filter((a) => a.team === team).length);
    });
  });
});

describe('a simulated three days, read as the last two', () => {
  const reader = new EventReader();
  const events: TrEvent[] = [...simulate({ agents: 16, days: 3, seed: 5 })].map((ev) => {
    const out = reader.read(toEventStreams(ev));
    if (out.kind !== 'event') throw new Error('simulated event not read');
    return out.event;
  });
  const end = Date.parse('2026-11-18T23:59:59.999Z');
  const range = { from: '2026-11-17', to: '2026-11-18' };
  const report = reportIn(events, { from: Date.parse('2026-11-17T00:00:00Z'), to: end });

  it('has work on both days', () => {
    expect(Object.keys(report.byDay)).toEqual(['2026-11-17', '2026-11-18']);
  });

  it('from the live engine alone', () => {
    const state = loadedStore(supervisor, events, { now: end }).getState();
    expectRowsEqualReport(state, range, report);
  });

  it('with the first two days frozen as history and the last one live', () => {
    const store = loadedStore(supervisor, events, { now: end });
    const s = store.getState();
    const snaps = ['2026-11-16', '2026-11-17'].map((day) => snapshotOfEngine(s.live.engine, day, s.access));
    addFrozenDays(store, snaps);
    expect(store.getState().history?.days.size).toBe(2);
    expectRowsEqualReport(store.getState(), range, report);
  });
});

describe('what each role may see', () => {
  const agents = agentsOfDay();
  const range = { from: DAY, to: DAY };
  const window = { from: Date.parse(`${DAY}T00:00:00Z`), to: END_OF_DAY };
  const report = reportIn(dayEvents, window);

  it('a team leader: only their team\'s agents and their team\'s roll-up', () => {
    const leader = agents[0];
    const user = { roles: ['wfo.team_leader'], workerSid: leader.sid, team: leader.team };
    const state = loadedStore(user, dayEvents).getState();
    const rows = agentTableRows(selectAgentsModel(state, range), {}, DEFAULT_SORT, true);
    const expected = agents.filter((a) => a.team === leader.team && report.byAgent[a.sid] !== undefined).map((a) => a.sid);
    expect(agentRowsOf(rows).map((r) => r.sid).sort()).toEqual(expected.sort());
    for (const r of rows) expect(mayViewAgent(state.access, { sid: r.sid ?? '', team: r.team })).toBe(true);
    expect(teamRowsOf(rows).map((r) => [r.team, r.metrics])).toEqual([[leader.team, report.byTeam[leader.team]]]);
    // Their one team row counts as their scope line: the team's agents now.
    expect(teamRowsOf(rows)[0].counts).toEqual(selectAgentsModel(state, range).counts);
    for (const r of agentRowsOf(rows)) expect(r.metrics).toMatchObject({ handled: report.byAgent[r.sid!].handled, ronaRate: report.byAgent[r.sid!].ronaRate });
  });

  it('an agent: their own row only, no team row', () => {
    const me = agents.find((a) => (report.byAgent[a.sid]?.handled ?? 0) > 0)!;
    const state = loadedStore({ roles: ['agent'], workerSid: me.sid }, dayEvents).getState();
    const rows = agentTableRows(selectAgentsModel(state, range), {}, DEFAULT_SORT, true);
    expect(rows.map((r) => [r.kind, r.sid])).toEqual([['agent', me.sid]]);
    const { name: _n, team: _t, activitySec: _a, loggedStatusPct, ...metrics } = report.byAgent[me.sid];
    expect(rows[0].metrics).toEqual(metrics);
    expect(rows[0].loggedPct).toEqual(loggedStatusPct);
  });
});
