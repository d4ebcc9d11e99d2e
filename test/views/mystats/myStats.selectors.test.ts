/**
 * My stats against the engine's report over the same events: the agent's own figures
 * today and this week are the report's `byAgent` over that window; the team average is
 * the report's `byTeam` roll-up, counts divided by the team's agents with work in the
 * window. An agent's session gets there through the anonymous team stream, and holds no
 * other agent's row or sid.
 */
import { DEFAULT_CONFIG, EventReader, NO_TEAM, TEAMMATES, accessOf, type Report, type TrEvent } from '../../../src/core';
import { simulate, toEventStreams } from '../../../src/sources/simulator';
import { applyQueued, createInsightsStore, ingest, type InsightsState } from '../../../src/store';
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

function storeOf(roles: string[], workerSid: string, team?: string): InsightsState {
  const store = createInsightsStore({
    access: accessOf({ roles, workerSid, team }),
    config: DEFAULT_CONFIG,
    now: () => NOW,
    schedule: () => undefined,
    workerSid,
  });
  ingest(store, events);
  applyQueued(store);
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

  it.each(worked)('agent %s: own figures and the team average equal the report', (sid, team) => {
    const state = storeOf(['agent'], sid);
    const stats = selectMyStats(state);
    expect(stats.teamSource).toBe('team');
    expect(stats.team).toBe(team);
    expect(stats.today.mine).toEqual(figuresOf(todayReport.byAgent[sid]));
    expect(stats.week.mine).toEqual(figuresOf(weekReport.byAgent[sid]));
    expect(stats.today.teamAverage).toEqual(expectedTeamAverage(todayReport, team));
    expect(stats.week.teamAverage).toEqual(expectedTeamAverage(weekReport, team));
  });

  it("an agent's session holds no other agent: one worker, and the team engine only the anonymous bucket", () => {
    const [sid] = worked[0];
    const state = storeOf(['agent'], sid);
    expect(state.live.engine.agents().map((a) => a.sid)).toEqual([sid]);
    const teamEngine = state.team?.live.engine;
    expect(teamEngine?.agents().map((a) => a.sid)).toEqual([TEAMMATES]);
    const slices = new Set((teamEngine?.cellsOf({ slice: 'agent', period: 'day' }) ?? []).map((c) => c.slice));
    expect([...slices]).toEqual([TEAMMATES]);
    // No customer reaches the team engine: its conversations carry no name or contact.
    for (const c of teamEngine?.conversationRecords() ?? []) for (const t of c.tasks) expect(t.info?.customerName).toBeUndefined();
  });

  it('a supervisor who is also a worker gets the same team average from the whole data', () => {
    const [sid, team] = worked[1];
    const stats = selectMyStats(storeOf(['supervisor'], sid));
    expect(stats.teamFromStream).toBe(false);
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
    const stats = selectMyStats(storeOf(['agent'], sid));
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
