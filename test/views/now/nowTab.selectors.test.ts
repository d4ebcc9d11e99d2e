/**
 * The Now tab's figures against the engine: a built moment (waiting contacts, agents on
 * contacts, on a long break, in a long wrap-up, a RONA and a reject), and the simulated
 * day, where today's RONA and reject counts equal the agent day cells'.
 */
import { DEFAULT_CONFIG, OTHER_AGENTS, accessOf, agentCountsOf, agentLimitsOf, countAgents, isAvailable, isLoggedIn, type AlertRule, type TrEvent } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest, totalsBetween, type InsightsState } from '../../../src/store';
import { selectNowView } from '../../../src/views/now';
import { aContactArrives, aReservation, anActivity, anEngagement, at } from '../../fixtures/builders';
import { DAY, agentsOfDay, dayEvents } from '../../store/fixtures';

const TEAM = agentsOfDay()[0].team;

const NOW = at(2000);
const r = (reservation: string, task: string, worker: string, queue: string, channel: string) => ({ reservation, task, worker, queue, channel, team: 'Team Blue' });

// W1: Available, on an imminent call since 100 s. W2: Break since 0 (33 min). W3: Available, free.
// W4: Offline. W5: Available, in wrap-up of a safety chat since 300 s (28 min).
// Waiting: an imminent call (100 s), a check_in chat (1,000 s), a safety chat (50 s).
// Offers: W3 let a support offer ring out at 500 s; W1 rejected a debrief offer at 600 s.
const MOMENT: readonly TrEvent[] = [
  anActivity('WK1', 0, 'Available'),
  anActivity('WK2', 0, 'Break'),
  anActivity('WK3', 0, 'Available'),
  anActivity('WK4', 0, 'Offline'),
  anActivity('WK5', 0, 'Available'),
  ...aContactArrives({ task: 'WT1', queue: 'imminent', channel: 'voice' }, 90),
  ...anEngagement(r('WR1', 'WT1', 'WK1', 'imminent', 'voice'), { created: 95, accepted: 100 }),
  ...aContactArrives({ task: 'WT2', queue: 'safety', channel: 'chat' }, 190),
  ...anEngagement(r('WR2', 'WT2', 'WK5', 'safety', 'chat'), { created: 195, accepted: 200, wrapup: 300 }),
  ...aContactArrives({ task: 'WT3', queue: 'imminent', channel: 'voice' }, 1900),
  ...aContactArrives({ task: 'WT4', queue: 'check_in', channel: 'chat' }, 1000),
  ...aContactArrives({ task: 'WT5', queue: 'safety', channel: 'chat' }, 1950),
  ...aContactArrives({ task: 'WT6', queue: 'support', channel: 'chat' }, 480),
  aReservation('reservation.created', r('WR6', 'WT6', 'WK3', 'support', 'chat'), 500),
  aReservation('reservation.timeout', r('WR6', 'WT6', 'WK3', 'support', 'chat'), 515),
  ...aContactArrives({ task: 'WT7', queue: 'debrief', channel: 'chat' }, 590),
  aReservation('reservation.created', r('WR7', 'WT7', 'WK1', 'debrief', 'chat'), 600),
  aReservation('reservation.rejected', r('WR7', 'WT7', 'WK1', 'debrief', 'chat'), 605),
];

function stateOf(events: readonly TrEvent[], config: object = DEFAULT_CONFIG, now = NOW, roles = ['supervisor'], team?: string): InsightsState {
  const store = createInsightsStore({ access: accessOf({ roles, workerSid: 'WKlead', team }), config: config as typeof DEFAULT_CONFIG, now: () => now, schedule: () => undefined });
  ingest(store, events);
  applyQueued(store);
  return store.getState();
}

describe('the shared agent definitions', () => {
  it.each([
    ['Available', false, true, true],
    ['Available', true, true, false], // on a contact: logged in, not available
    ['Break', false, true, false],
    ['Offline', false, false, false],
    [undefined, false, false, false],
  ])('%s, on a contact %s: logged in %s, available %s', (activity, onContact, loggedIn, available) => {
    expect(isLoggedIn(activity)).toBe(loggedIn);
    expect(isAvailable(activity, onContact)).toBe(available);
  });

  it('counts agents, logged in, available and on a contact once', () => {
    // 4 agents: one free, one busy while Available, one on a break, one offline
    expect(countAgents([{ activity: 'Available', onContact: false }, { activity: 'Available', onContact: true }, { activity: 'Break', onContact: false }, { activity: 'Offline', onContact: false }])).toEqual({
      agents: 4,
      loggedIn: 3,
      available: 1,
      onContact: 1,
    });
  });

  it('a team leader counts their team only', () => {
    const state = stateOf(dayEvents.filter((e) => e.ts <= Date.parse(`${DAY}T15:00:00Z`)), DEFAULT_CONFIG, Date.parse(`${DAY}T15:00:00Z`), ['wfo.team_leader'], TEAM);
    const team = agentCountsOf(state.live.engine, state.access);
    expect(team.agents).toBeGreaterThan(0);
    expect(team.agents).toBe(state.live.engine.agents().filter((a) => a.team === TEAM).length);
    expect(selectNowView(state).counts).toEqual(team);
  });

  it('limits come from the alert rules, the lowest per activity; none: the defaults', () => {
    const rules = [
      { id: 'a', kind: 'agentActivity', activity: 'Break', minutes: 20 },
      { id: 'b', kind: 'agentActivity', activity: 'Break', minutes: 15 },
      { id: 'c', kind: 'agentActivity', activity: 'Lunch', minutes: 45 },
    ] as unknown as AlertRule[];
    expect(agentLimitsOf(rules)).toEqual({ activityMinutes: { Break: 15, Lunch: 45 } });
    expect(agentLimitsOf([])).toEqual({ activityMinutes: { Break: 30 }, wrapupMinutes: 10 });
  });
});

describe('Now tab selectors', () => {
  const view = selectNowView(stateOf(MOMENT));

  it('lists every support type, imminent and safety first, then config order', () => {
    expect(view.groups.map((g) => g.supportType)).toEqual(['imminent', 'safety', 'check_in', 'check_out', 'support', 'debrief', 'technical_support']);
    expect(view.platforms).toEqual(['CISS Central', 'DIGI Central']);
  });

  it('waiting and longest wait per support type and platform, coloured by the thresholds', () => {
    const cell = (type: string, platform: string) => view.groups.find((g) => g.supportType === type)?.cells.find((c) => c.platform === platform);
    // imminent call waiting since 1,900 s -> 100 s at 2,000 s: amber (60..180)
    expect(cell('imminent', 'CISS Central')).toMatchObject({ waiting: 1, longestWaitSec: 100, statuses: { waiting: 'green', longestWait: 'amber' }, status: 'amber' });
    expect(cell('imminent', 'DIGI Central')).toMatchObject({ waiting: 0, status: 'green' });
    // check_in chat since 1,000 s -> 1,000 s: red (>= 180)
    expect(cell('check_in', 'DIGI Central')).toMatchObject({ waiting: 1, longestWaitSec: 1000, status: 'red' });
    // the offers that rang out or were rejected leave their contacts waiting: 5 in all
    expect(view.groups.reduce((n, g) => n + g.waiting, 0)).toBe(5);
  });

  it('the urgency order comes from config', () => {
    const v = selectNowView(stateOf(MOMENT, { ...DEFAULT_CONFIG, urgency: ['debrief', 'imminent'] }));
    expect(v.groups.map((g) => g.supportType).slice(0, 3)).toEqual(['debrief', 'imminent', 'check_in']);
  });

  it('agents by state with time in activity, the contact they are on, and what is past a limit', () => {
    const bySid = new Map(view.agents.map((a) => [a.sid, a]));
    expect(view.counts).toEqual({ agents: 5, loggedIn: 4, available: 1, onContact: 2 });
    // on a call while Available: shows the task
    expect(bySid.get('WK1')).toMatchObject({ state: 'onContact', activity: 'Available', inActivitySec: 2000, contact: { supportType: 'imminent', channel: 'voice', platform: 'CISS Central', ageSec: 1900 } });
    expect(bySid.get('WK1')?.over).toBeUndefined();
    // Break since 0: 33:20 > 30 min
    expect(bySid.get('WK2')).toMatchObject({ state: 'away', over: { kind: 'activity', minutes: 30 } });
    expect(bySid.get('WK3')).toMatchObject({ state: 'available' });
    // wrap-up since 300 s: 28:20 > 10 min
    expect(bySid.get('WK5')).toMatchObject({ state: 'onContact', contact: { supportType: 'safety', wrapupSec: 1700 }, over: { kind: 'wrapup', minutes: 10 } });
    expect(view.offline.map((a) => a.sid)).toEqual(['WK4']);
    // past a limit first, then on a contact, available, away
    expect(view.agents.map((a) => a.sid)).toEqual(['WK5', 'WK2', 'WK1', 'WK3']);
  });

  it("today's RONA and rejected offers as counts and a list, latest first", () => {
    expect([view.rona, view.rejected]).toEqual([1, 1]);
    expect(view.missed.map((m) => [m.workerSid, m.supportType, m.outcome, m.at])).toEqual([
      ['WK1', 'debrief', 'Rejected', at(600)],
      ['WK3', 'support', 'RONA', at(500)],
    ]);
  });

  it('offers of another day are not today’s', () => {
    const v = selectNowView(stateOf(MOMENT, DEFAULT_CONFIG, NOW + 24 * 3_600_000));
    expect([v.rona, v.rejected, v.missed.length]).toEqual([0, 0, 0]);
  });

  it("on the simulated day, a team leader's RONA and reject counts equal their team's agent day cells", () => {
    const now = Date.parse(`${DAY}T19:00:00Z`);
    const state = stateOf(dayEvents.filter((e) => e.ts <= now), DEFAULT_CONFIG, now, ['wfo.team_leader'], TEAM);
    const v = selectNowView(state);
    let rona = 0;
    let rejected = 0;
    for (const [sid, acc] of totalsBetween(state, 'agent', { from: DAY, to: DAY })) {
      if (sid === OTHER_AGENTS) continue;
      rona += acc.rona;
      rejected += acc.rejected;
    }
    expect(v.rona + v.rejected).toBeGreaterThan(0);
    expect([v.rona, v.rejected]).toEqual([rona, rejected]);
    expect(v.missed.length).toBe(rona + rejected);
  });
});
