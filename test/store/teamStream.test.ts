/**
 * The team stream of an agent's session (scope `self`): the agent's team only, every
 * reservation under the one anonymous worker sid, no names, no customers; other teams
 * never enter; the count of teammates is a number, not a list.
 */
import { DEFAULT_CONFIG, TEAMMATES, accessOf } from '../../src/core';
import { applyQueued, createInsightsStore, ingest } from '../../src/store';
import { aContactArrives, aReservation, anEngagement } from '../fixtures/builders';

const call = (n: number) => ({ task: `WT${n}`, queue: 'CISS Safety', attributes: { call_sid: `CA${n}`, customers: { name: `Caller ${n}` } } });

function agentStore() {
  const store = createInsightsStore({
    access: accessOf({ roles: ['agent'], workerSid: 'WKme' }),
    config: DEFAULT_CONFIG,
    now: () => Date.parse('2026-11-20T12:00:00Z'),
    schedule: () => undefined,
  });
  return store;
}

describe('team stream (scope self)', () => {
  const me = { ...call(1), reservation: 'WR1', worker: 'WKme', name: 'Me Myself', team: 'Team Blue' };
  const mate = { ...call(2), reservation: 'WR2', worker: 'WKmate', name: 'Tea Mate', team: 'Team Blue' };
  const stranger = { ...call(3), reservation: 'WR3', worker: 'WKother', name: 'Oth Er', team: 'Team Red' };
  const events = [
    ...aContactArrives(call(1), 0),
    ...aContactArrives(call(2), 0),
    ...aContactArrives(call(3), 0),
    ...anEngagement(mate, { created: 5, accepted: 10, wrapup: 100, completed: 130 }),
    ...anEngagement(stranger, { created: 5, accepted: 12, wrapup: 90, completed: 100 }),
    ...anEngagement(me, { created: 6, accepted: 20, wrapup: 200, completed: 220 }),
    aReservation('reservation.created', { ...mate, reservation: 'WR2b', task: 'WT4' }, 300),
    aReservation('reservation.timeout', { ...mate, reservation: 'WR2b', task: 'WT4' }, 315),
  ];

  it('holds the team as one anonymous roll-up, with a count of its agents', () => {
    const store = agentStore();
    ingest(store, events);
    applyQueued(store);
    const state = store.getState();
    const team = state.team;
    expect(team?.team).toBe('Team Blue');
    const engine = team?.live.engine;
    expect(engine?.agents().map((a) => a.sid)).toEqual([TEAMMATES]);
    const cell = engine?.cellOf({ slice: 'agent', period: 'day' }, TEAMMATES, '2026-11-20');
    // mine and my teammate's: 2 handled, 3 invitations (one RONA); the other team's engagement is not there
    expect([cell?.handled, cell?.invitations, cell?.rona]).toEqual([2, 3, 1]);
    // handle: (130 - 10) + (220 - 20) = 320 s over 2
    expect(cell ? cell.handleSum / cell.handleN / 1000 : undefined).toBe(160);
    expect(team?.agents).toEqual({ '2026-11-20': 2, '2026-W47': 2 });
    // nothing of names or customers in the team engine
    const text = JSON.stringify(engine?.conversationRecords().map((c) => c.tasks.map((t) => t.info)));
    for (const word of ['Tea Mate', 'Oth Er', 'Caller', 'WKmate', 'WKother']) expect(text).not.toContain(word);
    // the agent's own engine still holds only the agent
    expect(state.live.engine.agents().map((a) => a.sid)).toEqual(['WKme']);
  });

  it('waits for the agent team before placing teammates, in any order', () => {
    const store = agentStore();
    const mine = events.filter((e) => e.workerSid === 'WKme');
    ingest(store, events.filter((e) => e.workerSid !== 'WKme'));
    applyQueued(store);
    expect(store.getState().team?.team).toBeUndefined();
    ingest(store, mine);
    applyQueued(store);
    const cell = store.getState().team?.live.engine.cellOf({ slice: 'agent', period: 'day' }, TEAMMATES, '2026-11-20');
    expect(cell?.handled).toBe(2);
  });
});
