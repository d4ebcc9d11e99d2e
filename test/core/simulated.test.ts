/**
 * The engine on a simulated day of the crisis line: its counts agree with what the
 * simulator generated, and live use (a read after every event, sealing as it goes)
 * gives exactly the batch report.
 */
import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  buildReport,
  reportGroupings,
  type TrEvent,
} from '../../src/core';
import { simulate, summarize, toEventStreams, toEventsApi } from '../../src/sources/simulator';
import { withoutInput } from '../fixtures/builders';

const simulated = [...simulate({ agents: 40, days: 1, seed: 7 })];
const summary = summarize(simulated);
const reader = new EventReader();
const events: TrEvent[] = simulated.map((ev) => {
  const out = reader.read(toEventStreams(ev));
  if (out.kind !== 'event') throw new Error(`simulated event not read: ${JSON.stringify(out)}`);
  return out.event;
});

function batch(list: readonly TrEvent[], sealEvery?: number) {
  const engine = new Engine(DEFAULT_CONFIG, { groupings: reportGroupings(15), sealEvery });
  for (const e of list) engine.apply(e);
  return buildReport(engine, 15);
}

const expected = batch(events);

describe('a simulated day', () => {
  it('counts what the simulator generated', () => {
    const t = expected.totals;
    expect(expected.input).toMatchObject({ read: simulated.length, used: simulated.length, rejected: 0 });
    expect(t.invitations).toBe(summary.reservations);
    expect(t.rona).toBe(summary.rona);
    expect(t.rejected).toBe(summary.rejected);
    expect(t.revoked).toBe(summary.rescinded);
    expect(t.handled).toBe(summary.accepted);
    // every task enters a queue, and queue moves add one segment each
    expect(t.offered).toBe(summary.tasksCreated + summary.queueMoves);
    // transfer tasks join their original conversation
    expect(t.conversations).toBe(summary.tasksCreated - summary.transferTasks);
    expect(Object.keys(expected.bySupportType).sort()).toEqual(
      ['check_in', 'check_out', 'debrief', 'imminent', 'safety', 'support', 'technical_support'],
    );
    expect(Object.keys(expected.byPlatform).sort()).toEqual(['CISS Central', 'DIGI Central']);
  });

  it('slices add up: support types, platforms, queues and intervals to the totals', () => {
    const sum = (slices: Record<string, { handled: number; offered: number; invitations: number }>) =>
      Object.values(slices).reduce((a, m) => ({ handled: a.handled + m.handled, offered: a.offered + m.offered, invitations: a.invitations + m.invitations }), { handled: 0, offered: 0, invitations: 0 });
    const totals = { handled: expected.totals.handled, offered: expected.totals.offered, invitations: expected.totals.invitations };
    expect(sum(expected.bySupportType)).toEqual(totals);
    expect(sum(expected.byPlatform)).toEqual(totals);
    expect(sum(expected.byQueue)).toEqual(totals);
    expect(sum(expected.byInterval ?? {})).toEqual(totals);
    const agents = Object.values(expected.byAgent).reduce((a, m) => a + m.handled, 0);
    expect(agents).toBe(expected.totals.handled);
  });

  it('live use gives the batch report: a read after every event, settled tasks sealed as it goes', () => {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: reportGroupings(15), sealEvery: 1 });
    let handled = 0;
    for (const e of events) {
      engine.apply(e);
      const now = engine.cellOf({ slice: 'all', period: 'all' }).handled;
      expect(now).toBeGreaterThanOrEqual(handled);
      handled = now;
    }
    expect(buildReport(engine, 15)).toEqual(expected);
  });

  it('the Events API format reads to the same report', () => {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: reportGroupings(15) });
    const r = new EventReader();
    for (const ev of simulated) {
      const out = r.read(JSON.parse(JSON.stringify(toEventsApi(ev))));
      if (out.kind === 'event') engine.apply(out.event);
    }
    expect(withoutInput(buildReport(engine, 15))).toEqual(withoutInput(expected));
  });
});
