/**
 * My stats against the engine's report over the same events: the agent's own figures
 * today and this week are the report's `byAgent` over that window; the team average is
 * the report's `byTeam` roll-up, counts divided by the team's agents with work in the
 * window. An agent's session gets there through the history function's team day cells
 * (made here as the function makes them: a team-scoped fold of each day, `teamDayCellOf`),
 * and holds no other agent's row, sid or event.
 */
import {
  DEFAULT_CONFIG,
  EventReader,
  HistoryFolder,
  NO_TEAM,
  accessOf,
  daysOf,
  oneDay,
  teamAgentsOf,
  teamDayCellOf,
  type Report,
  type TeamAverage,
  type TeamDayCell,
  type TrEvent,
} from '../../../src/core';
import { simulate, toEventStreams } from '../../../src/sources/simulator';
import { applyQueued, createInsightsStore, ingest, setTeamAverage, type InsightsState } from '../../../src/store';
import { figuresOf, selectMyStats, teamAverageOf } from '../../../src/views/mystats';
import { reportOf } from '../../fixtures/builders';

// Three simulated days, Monday 2026-11-16 to Wednesday, read up to Wednesday 15:00 UTC.
const NOW = Date.parse('2026-11-18T15:00:00.000Z');
const TODAY = { from: Date.parse('2026-11-18T00:00:00.000Z'), to: NOW };
const WEEK = { from: Date.parse('2026-11-16T00:00:00.000Z'), to: NOW };

const reader = new EventReader();
const events: readonly TrEvent[] = [...simulate({ agents: 24, days: 3, seed: 11 })]
  .map((ev) => {
    const out = reader.read(toEventStreams(ev));
    if (out.kind !== 'event') throw new Error('simulated event not read');
    return Object.freeze(out.event);
  })
  .filter((e) => e.ts <= NOW);

const todayReport = reportOf(events, { window: TODAY });
const weekReport = reportOf(events, { window: WEEK });

const WEEK_DAYS = { from: '2026-11-16', to: '2026-11-18' };

/** The team average the history function answers for this agent's team over the week so far. */
function teamAverageFor(workerSid: string, team: string): TeamAverage {
  const days: TeamDayCell[] = [];
  const teammates = new Set<string>();
  for (const day of daysOf(WEEK_DAYS)) {
    const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access: accessOf({ roles: ['wfo.team_leader'], workerSid, team }), range: oneDay(day), workerSid });
    folder.add(events);
    const snapshot = folder.finish().find((x) => x.day === day);
    if (!snapshot) continue;
    days.push(teamDayCellOf(snapshot, team));
    for (const sid of teamAgentsOf(snapshot, team)) teammates.add(sid);
  }
  return { team, days, rangeAgents: teammates.size, asOf: NOW };
}

function storeOf(roles: string[], workerSid: string, team?: string, average?: TeamAverage): InsightsState {
  const store = createInsightsStore({
    access: accessOf({ roles, workerSid, team }),
    config: DEFAULT_CONFIG,
    now: () => NOW,
    schedule: () => undefined,
    workerSid,
  });
  ingest(store, events);
  applyQueued(store);
  if (average) setTeamAverage(store, { value: average, range: WEEK_DAYS });
  return store.getState();
}

/** The team average the report gives: byTeam, counts over the team's agents who were offered or handled a contact. */
function expectedTeamAverage(report: Report, team: string) {
  const agents = Object.values(report.byAgent).filter((a) => a.team === team && (a.invitations > 0 || a.handled > 0)).length;
  const average = teamAverageOf(report.byTeam[team], agents);
  // A null on both sides would prove nothing.
  expect(average?.handled).toBeGreaterThan(0);
  return average;
}

const worked = Object.entries(todayReport.byAgent)
  .filter(([, a]) => a.handled > 0 && a.team !== NO_TEAM)
  .map(([sid, a]) => [sid, a.team] as const)
  .slice(0, 6);

describe('My stats selectors', () => {
  it('the simulated week has agents who worked today', () => {
    expect(worked.length).toBeGreaterThan(3);
    // Today and the week differ, so the week is not today's numbers again.
    expect(weekReport.byAgent[worked[0][0]].handled).toBeGreaterThan(todayReport.byAgent[worked[0][0]].handled);
  });

  it.each(worked)('agent %s: own figures and the team average (from the team day cells) equal the report', (sid, team) => {
    const state = storeOf(['agent'], sid, undefined, teamAverageFor(sid, team));
    const stats = selectMyStats(state);
    expect(stats.teamSource).toBe('team');
    expect(stats.teamFromHistory).toBe(true);
    expect(stats.teamAsOf).toBe(NOW);
    expect(stats.team).toBe(team);
    expect(stats.today.mine).toEqual(figuresOf(todayReport.byAgent[sid]));
    expect(stats.week.mine).toEqual(figuresOf(weekReport.byAgent[sid]));
    expect(stats.today.teamAverage).toEqual(expectedTeamAverage(todayReport, team));
    expect(stats.week.teamAverage).toEqual(expectedTeamAverage(weekReport, team));
  });

  it("an agent's session holds no other agent: one worker, no teammate's event", () => {
    const [sid] = worked[0];
    const state = storeOf(['agent'], sid);
    expect(state.live.engine.agents().map((a) => a.sid)).toEqual([sid]);
    const workers = new Set(state.live.engine.conversationRecords().flatMap((c) => c.tasks.flatMap((t) => t.events.map((e) => e.workerSid))));
    expect([...workers].filter((w) => w !== undefined && w !== sid)).toEqual([]);
  });

  it('an agent without an answer yet, without a history function, or after a failure says so', () => {
    const [sid, team] = worked[0];
    expect(selectMyStats(storeOf(['agent'], sid)).teamSource).toBe('loading');
    const store = createInsightsStore({ access: accessOf({ roles: ['agent'], workerSid: sid }), config: DEFAULT_CONFIG, now: () => NOW, schedule: () => undefined });
    setTeamAverage(store, { status: 'needsHistory' });
    expect(selectMyStats(store.getState()).teamSource).toBe('needsHistory');
    setTeamAverage(store, { problem: 'History failed on the server. Live data still works.' });
    expect(selectMyStats(store.getState())).toMatchObject({ teamSource: 'failed', teamProblem: 'History failed on the server. Live data still works.' });
    // A failure after a good answer keeps the figures, with the problem beside them.
    setTeamAverage(store, { value: teamAverageFor(sid, team), range: WEEK_DAYS });
    setTeamAverage(store, { problem: 'timed out' });
    const stale = selectMyStats(store.getState());
    expect(stale).toMatchObject({ teamSource: 'team', teamProblem: 'timed out', teamAsOf: NOW });
    expect(stale.week.teamAverage).not.toBeNull();
  });

  it('a supervisor who is also a worker gets the same team average from the whole data', () => {
    const [sid, team] = worked[1];
    const stats = selectMyStats(storeOf(['supervisor'], sid));
    expect(stats.teamFromHistory).toBe(false);
    expect(stats.today.mine).toEqual(figuresOf(todayReport.byAgent[sid]));
    expect(stats.today.teamAverage).toEqual(expectedTeamAverage(todayReport, team));
    expect(stats.week.teamAverage).toEqual(expectedTeamAverage(weekReport, team));
  });

  it('a team leader: the team of the access', () => {
    const [sid, team] = worked[2];
    const stats = selectMyStats(storeOf(['wfo.team_leader'], sid, team));
    expect(stats.team).toBe(team);
    expect(stats.week.mine).toEqual(figuresOf(weekReport.byAgent[sid]));
    expect(stats.week.teamAverage).toEqual(expectedTeamAverage(weekReport, team));
  });

  it('conversations by support type: mine per type sum to my conversations; team per type times agents to the team total', () => {
    const [sid, team] = worked[0];
    const stats = selectMyStats(storeOf(['agent'], sid, undefined, teamAverageFor(sid, team)));
    // A conversation transferred between support types counts in each, so the types sum to at least the total.
    const mine = stats.week.bySupportType.reduce((n, l) => n + l.mine, 0);
    expect(mine).toBeGreaterThanOrEqual(weekReport.byAgent[sid].conversations);
    const agents = stats.week.teamAgents;
    const teamSum = stats.week.bySupportType.reduce((n, l) => n + (l.teamAverage ?? 0) * agents, 0);
    expect(Math.round(teamSum)).toBeGreaterThanOrEqual(weekReport.byTeam[team].conversations);
  });

  it('logged status today is the report over today for the agent', () => {
    const [sid] = worked[0];
    const stats = selectMyStats(storeOf(['agent'], sid));
    expect(Object.fromEntries(stats.loggedStatus.map((l) => [l.activity, l.pct]))).toEqual(todayReport.byAgent[sid].loggedStatusPct);
  });
});
