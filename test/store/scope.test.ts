/**
 * Role scope is enforced where data is selected: at ingestion, before the fold. An
 * agent's engine holds no other agent; a team leader's knows the team's agents and an
 * anonymous rest, with the contact figures whole; `none` folds nothing.
 */
import { DEFAULT_CONFIG, OTHER_AGENTS, OTHER_TEAMS, accessOf, conversationDetailsOf, splitSlice, type ConversationDetail, type TrEvent } from '../../src/core';
import { applyQueued, ingest, pendingOf, selectWaitingNow, type InsightsState } from '../../src/store';
import { agentRows, mine, teamRows, todayBy, totalsToday } from './probes';
import { aContactArrives, aReservation, aTaskEvent, anActivity, anEngagement, at } from '../fixtures/builders';
import { DAY, agentsOfDay, dayEvents, loadedStore, reportOf, shuffledWithin, storeFor } from './fixtures';

const report = reportOf(dayEvents);
const agents = agentsOfDay();
const agentUser = (sid: string) => ({ roles: ['agent'], workerSid: sid });

/** Every agent sid the engine holds anything of: known workers and agent / team cells. */
function agentSidsIn(state: InsightsState): { workers: string[]; agentCells: string[]; teamCells: string[] } {
  const engine = state.live.engine;
  const sliceKeys = (slice: 'agent' | 'team' | 'agentSupportType') =>
    [...new Set(engine.cellsOf({ slice, period: 'day' }).map((c) => splitSlice(c.slice)[0]))].sort();
  return {
    workers: engine.agents().map((a) => a.sid).sort(),
    // Every grouping of the store that names an agent.
    agentCells: [...new Set([...sliceKeys('agent'), ...sliceKeys('agentSupportType')])].sort(),
    teamCells: sliceKeys('team'),
  };
}

function agentNumbers(sid: string) {
  const { name: _n, team: _t, activitySec: _a, loggedStatusPct: _p, ...metrics } = report.byAgent[sid];
  return metrics;
}

describe('scope self: an agent session', () => {
  const worked = agents.filter((a) => (report.byAgent[a.sid]?.invitations ?? 0) > 0);

  it('the simulated day has agents with work to check', () => {
    expect(worked.length).toBeGreaterThan(20);
  });

  it.each(worked.map((a) => [a.sid, a.teams] as const))('%s holds only their own rows, with the full report numbers', (sid, teams) => {
    const state = loadedStore(agentUser(sid), dayEvents).getState();
    const held = agentSidsIn(state);
    expect(held.workers).toEqual([sid]);
    expect(held.agentCells).toEqual([sid]);
    // team cells are the agent's own engagements under their handling team(s)
    expect(held.teamCells.every((t) => teams.includes(t))).toBe(true);
    expect(agentRows(state).map((r) => r.sid)).toEqual([sid]);
    expect(teamRows(state)).toEqual([]);
    // the agent's own numbers are exactly what the whole centre's engine says about them
    expect(mine(state)).toEqual(agentNumbers(sid));
    // and the engine never even saw another agent's event
    expect(state.live.engine.stats.used).toBeLessThan(dayEvents.length / 4);
  });

  it('gives the same numbers when events arrive shuffled within the reorder window and over many frames', () => {
    const sid = worked[0].sid;
    const store = storeFor(agentUser(sid));
    const shuffled = shuffledWithin(dayEvents, 60_000, 42);
    for (let i = 0, size = 1; i < shuffled.length; i += size, size = 1 + ((size * 7) % 97)) {
      ingest(store, shuffled.slice(i, i + size));
      store.frames.run();
    }
    expect(mine(store.getState())).toEqual(agentNumbers(sid));
    expect(agentSidsIn(store.getState()).workers).toEqual([sid]);
  });

  it('totals are of the agent own conversations only', () => {
    const sid = worked[0].sid;
    const totals = totalsToday(loadedStore(agentUser(sid), dayEvents).getState());
    expect(totals.handled).toBe(report.byAgent[sid].handled);
    expect(totals.conversations).toBeLessThan(report.totals.conversations);
  });

  describe('task events that come before the agent reservation', () => {
    const call = { task: 'WT1', queue: 'CISS Safety' };
    const me = { ...call, reservation: 'WR1', worker: 'WKme', name: 'Me' };
    const other = { ...call, reservation: 'WR0', worker: 'WKother', name: 'Other' };

    it('are held back, and folded when the reservation names the task', () => {
      const store = storeFor(agentUser('WKme'), { now: at(30) });
      const listener = jest.fn();
      store.subscribe(listener);
      ingest(store, [...aContactArrives(call, 0), aReservation('reservation.created', other, 5), aReservation('reservation.timeout', other, 20)]);
      store.frames.run();
      expect(listener).not.toHaveBeenCalled(); // nothing of the agent's yet: no update
      expect(pendingOf(store).held).toBe(2);
      ingest(store, [aReservation('reservation.created', me, 25)]);
      store.frames.run();
      expect(listener).toHaveBeenCalledTimes(1);
      expect(pendingOf(store).held).toBe(0);
      const state = store.getState();
      // the contact is waiting since 0 s (its queue segment came with it), offered to the agent
      expect(selectWaitingNow(state).contacts).toEqual([expect.objectContaining({ taskSid: 'WT1', since: at(0) })]);
      expect(mine(state)).toMatchObject({ invitations: 1, rona: 0 });
      expect(agentSidsIn(state).workers).toEqual(['WKme']);
    });

    it('a transfer to another queue after the agent engagement counts as their transfer', () => {
      const transfer = { task: 'WT2', queue: 'CISS Support', attributes: { conversations: { conversation_id: 'WT1' } } };
      const events: TrEvent[] = [
        ...aContactArrives(call, 0),
        ...anEngagement(me, { created: 5, accepted: 10, wrapup: 100, completed: 110 }),
        ...aContactArrives(transfer, 100),
        ...anEngagement({ ...transfer, reservation: 'WR2', worker: 'WKother' }, { created: 105, accepted: 110 }),
        aTaskEvent('task.completed', call, 110),
      ];
      for (const order of [events, [...events].reverse()]) {
        const state = loadedStore(agentUser('WKme'), order, { now: at(200) }).getState();
        expect(mine(state)).toMatchObject({ handled: 1, transfers: 1, transferRate: 1 });
        expect(agentSidsIn(state).workers).toEqual(['WKme']);
      }
    });

    it('are dropped once their task ended and the stream is past the reorder window', () => {
      const store = storeFor(agentUser('WKme'));
      ingest(store, [...aContactArrives(call, 0), aTaskEvent('task.canceled', call, 30, { reason: 'hangup' })]);
      store.frames.run();
      expect(pendingOf(store).held).toBe(3);
      ingest(store, [anActivity('WKsomeone', 31 + 300, 'Available')]);
      store.frames.run();
      expect(pendingOf(store).held).toBe(0);
    });
  });
});

describe('scope team: a team leader session', () => {
  const leader = agents[0];
  const team = leader.team;
  const members = agents.filter((a) => a.team === team).map((a) => a.sid).sort();
  const user = { roles: ['wfo.team_leader'], workerSid: leader.sid, team };
  const state = loadedStore(user, dayEvents).getState();

  it('the day has other teams to hide', () => {
    expect(new Set(agents.map((a) => a.team)).size).toBeGreaterThan(2);
  });

  it('the engine knows the team agents by sid, everyone else only as one anonymous roll-up', () => {
    const held = agentSidsIn(state);
    const known = members.filter((sid) => report.byAgent[sid] !== undefined);
    expect(held.workers).toEqual([...known, OTHER_AGENTS].sort());
    expect(held.agentCells.filter((s) => s !== OTHER_AGENTS).every((s) => members.includes(s))).toBe(true);
    expect(held.teamCells.sort()).toEqual([OTHER_TEAMS, team].sort());
    const names = state.live.engine.agents().map((a) => a.name);
    for (const a of agents.filter((x) => x.team !== team)) expect(names).not.toContain(a.name);
  });

  it('agent rows: exactly the team, with the full report numbers', () => {
    const rows = agentRows(state);
    expect(rows.map((r) => r.sid).sort()).toEqual(members.filter((sid) => report.byAgent[sid] !== undefined));
    for (const r of rows) {
      expect(r.team).toBe(team);
      const { sid: _s, name: _n, team: _t, activity: _a, activitySince: _since, ...metrics } = r;
      expect(metrics).toEqual(agentNumbers(r.sid));
    }
  });

  it('team rows: only the team, as the report has it', () => {
    expect(teamRows(state)).toEqual([{ team, ...report.byTeam[team] }]);
  });

  it('contact figures stay whole: totals, support types, platforms and queues are the centre', () => {
    expect(totalsToday(state)).toEqual(report.byDay[DAY]);
    expect(todayBy(state, 'supportType')).toEqual(report.bySupportType);
    expect(todayBy(state, 'platform')).toEqual(report.byPlatform);
    expect(todayBy(state, 'queue')).toEqual(report.byQueue);
  });

  it('other teams activity is not folded at all', () => {
    const outsider = agents.find((a) => a.team !== team) as { sid: string };
    expect(state.live.engine.activityIntervals(outsider.sid, Infinity)).toEqual([]);
    expect(state.live.engine.activityIntervals(members[0], Infinity).length).toBeGreaterThan(0);
  });

  it('the leader always has their own numbers, even when working for another team', () => {
    const elsewhere = agents.find((a) => a.team !== team && (report.byAgent[a.sid]?.handled ?? 0) > 0) as { sid: string };
    const s = loadedStore({ ...user, workerSid: elsewhere.sid }, dayEvents).getState();
    expect(mine(s)).toEqual(agentNumbers(elsewhere.sid));
    expect(agentRows(s).map((r) => r.sid)).not.toContain(elsewhere.sid);
  });

  it('an agent who changes team counts for each leader while in their team (handling team)', () => {
    const first = { task: 'WT1', queue: 'CISS Safety' };
    const second = { task: 'WT2', queue: 'CISS Safety' };
    const events: TrEvent[] = [
      ...aContactArrives(first, 0),
      ...anEngagement({ ...first, reservation: 'WR1', worker: 'WKmover', team: 'Team Blue' }, { created: 5, accepted: 10, completed: 100 }),
      ...aContactArrives(second, 200),
      ...anEngagement({ ...second, reservation: 'WR2', worker: 'WKmover', team: 'Team Green' }, { created: 205, accepted: 210, completed: 300 }),
    ];
    const blue = loadedStore({ roles: ['wfo.team_leader'], workerSid: 'WKblue', team: 'Team Blue' }, events, { now: at(400) }).getState();
    const green = loadedStore({ roles: ['wfo.team_leader'], workerSid: 'WKgreen', team: 'Team Green' }, events, { now: at(400) }).getState();
    expect(agentRows(blue).map((r) => [r.sid, r.handled])).toEqual([['WKmover', 1]]);
    expect(agentRows(green).map((r) => [r.sid, r.handled])).toEqual([['WKmover', 1]]);
    // the contact figures are whole in both sessions
    expect(totalsToday(blue).handled).toBe(2);
    expect(totalsToday(green).handled).toBe(2);
  });

  describe('customers and media: the team conversations only', () => {
    const access = accessOf(user);
    const whole = conversationDetailsOf(loadedStore({ roles: ['admin'] }, dayEvents).getState().live.engine, access, DEFAULT_CONFIG);
    const seen = (events: readonly TrEvent[]) => conversationDetailsOf(loadedStore(user, events).getState().live.engine, access, DEFAULT_CONFIG);
    // Offered to the team: a reservation of the leader, or of someone in the team by the event's own attributes.
    const offered = new Set(
      dayEvents
        .filter((e) => e.type.startsWith('reservation.') && (e.workerSid === leader.sid || e.workerAttributes?.team === team))
        .map((e) => e.taskSid),
    );
    const handledByTeam = (d: ConversationDetail) => d.taskSids.some((sid) => offered.has(sid));

    it.each([
      ['in order', dayEvents],
      ['shuffled within a minute', shuffledWithin(dayEvents, 60_000, 3)],
      ['newest first', [...dayEvents].reverse()],
    ] as const)('%s: the team conversations as the centre has them, the rest without customer or media', (_label, events) => {
      const details = seen(events);
      const ours = [...details.values()].filter(handledByTeam);
      const theirs = [...details.values()].filter((d) => !handledByTeam(d));
      expect(ours.length).toBeGreaterThan(20);
      expect(theirs.length).toBeGreaterThan(20);
      for (const d of ours) {
        const w = whole.get(d.id) as ConversationDetail;
        expect([d.id, d.customerName, d.customerContact]).toEqual([w.id, w.customerName, w.customerContact]);
        // Each of the team's engagements plays what it plays for the centre.
        const mediaOf = (x: ConversationDetail) =>
          x.segments.filter((g) => g.agentSid !== undefined && members.includes(g.agentSid)).map((g) => [g.agentSid, g.start, g.media?.items]);
        expect(mediaOf(d)).toEqual(mediaOf(w));
      }
      const names = new Set([...whole.values()].map((w) => w.customerName).filter(Boolean));
      expect(names.size).toBeGreaterThan(20);
      for (const d of theirs) {
        expect([d.id, d.customerName, d.customerContact, d.media.items]).toEqual([d.id, undefined, undefined, []]);
        for (const x of d.segments) expect(x.media?.items ?? []).toEqual([]);
      }
    });
  });

  it('an agent whose team is not known yet is outside the team', () => {
    const s = loadedStore(user, [anActivity('WKnew', 0, 'Available')]).getState();
    expect(s.live.engine.agents()).toEqual([]);
  });
});

describe('scope none', () => {
  it('ingests nothing: no frame, no fold, no update', () => {
    const store = storeFor({ roles: ['wfo.something_new'], workerSid: 'WKme', team: 'Team Blue' });
    expect(store.getState().access.scope).toBe('none');
    const listener = jest.fn();
    store.subscribe(listener);
    ingest(store, dayEvents);
    expect(store.frames.pending).toBe(0);
    applyQueued(store);
    expect(listener).not.toHaveBeenCalled();
    const state = store.getState();
    expect(state.live.engine.stats.read).toBe(0);
    expect(state.workerSid).toBeUndefined();
    expect(agentRows(state)).toEqual([]);
    expect(teamRows(state)).toEqual([]);
    expect(mine(state)).toBeUndefined();
  });
});
