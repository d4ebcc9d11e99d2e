/**
 * The watch over the live engine: incremental evaluation (only what each event touched,
 * plus the clock) equals a full re-evaluation of every task, worker, queue, support type
 * and platform after every event of a simulated day; and a team leader's watch leaves
 * another team's agents out.
 */
import type { AlertRule } from '../../src/core/alerts';
import { AlertWatch, changesOf } from '../../src/core/alertWatch';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { LIVE_GROUPINGS } from '../../src/core/days';
import { Engine } from '../../src/core/engine';
import type { TrEvent } from '../../src/core/events';
import { EventReader } from '../../src/core/readers';
import { accessOf } from '../../src/core/roles';
import { simulate, simulationRoster, toEventStreams } from '../../src/sources/simulator';
import { aContactArrives, anActivity, aReservation, at } from '../fixtures/builders';

const RULES: AlertRule[] = [
  { id: 'wait-any', kind: 'contactWait', seconds: 45, severity: 'warning', holdSec: 0, clearSec: 20 },
  { id: 'wait-imminent', kind: 'contactWait', supportType: 'imminent', seconds: 20, severity: 'error', holdSec: 5, clearSec: 30 },
  { id: 'queue-2', kind: 'waitingCount', count: 2, severity: 'warning', holdSec: 15, clearSec: 30 },
  { id: 'type-3', kind: 'waitingCount', supportType: 'support', count: 3, severity: 'warning', holdSec: 0, clearSec: 60 },
  { id: 'sl-queue', kind: 'serviceLevel', below: 0.9, severity: 'warning', holdSec: 60, clearSec: 120 },
  { id: 'sl-platform', kind: 'serviceLevel', platform: 'CISS Central', below: 0.95, severity: 'error', holdSec: 0, clearSec: 60 },
  { id: 'nobody', kind: 'noAgentAvailable', severity: 'error', holdSec: 10, clearSec: 10 },
  { id: 'nobody-support', kind: 'noAgentAvailable', supportType: 'support', severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'break', kind: 'agentActivity', activity: 'Break', minutes: 10, severity: 'info', holdSec: 0, clearSec: 0 },
  { id: 'wrapup', kind: 'agentWrapup', minutes: 1, severity: 'info', holdSec: 10, clearSec: 5 },
  { id: 'rona', kind: 'agentRona', count: 1, severity: 'warning', holdSec: 0, clearSec: 0 },
];

function simulatedDay(agents: number, seed: number): TrEvent[] {
  const reader = new EventReader();
  return [...simulate({ agents, days: 1, seed })].map((ev) => {
    const out = reader.read(toEventStreams(ev));
    if (out.kind !== 'event') throw new Error('simulated event not read');
    return out.event;
  });
}

describe('incremental evaluation equals a full re-evaluation', () => {
  const raisedRules = new Set<string>();
  afterAll(() => {
    // Not vacuous: every rule raised at least once over the days.
    expect([...raisedRules].sort()).toEqual(RULES.map((r) => r.id).sort());
  });
  it.each([
    [12, 3, 'supervisor'],
    [3, 5, 'supervisor'],
    [20, 11, 'wfo.team_leader'],
  ])('after every event of a simulated day (%i agents, seed %i, %s)', (agents, seed, role) => {
    const events = simulatedDay(agents, seed);
    const access = accessOf({ roles: [role], team: simulationRoster({ agents, seed }).agents[0].profile.team, workerSid: 'WKx' });
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const incremental = new AlertWatch(RULES, access);
    const full = new AlertWatch(RULES, access);
    const tasks = new Set<string>();
    const workers = new Set<string>();
    const ronas: { workerSid: string; ts: number; sid: string }[] = [];
    const incLog: string[] = [];
    const fullLog: string[] = [];
    let compared = 0;
    let previous = events[0].ts;
    for (const e of events) {
      if (!engine.apply(e)) continue;
      // Clock moves between events on the simulated time: ticks each 5 s in between.
      for (let t = previous + 5000; t < e.ts; t += 5000) incremental.tick(engine, t);
      previous = Math.max(previous, e.ts);
      const now = previous;
      incremental.update(engine, changesOf([e]), now);
      if (e.taskSid) tasks.add(e.taskSid);
      if (e.workerSid) workers.add(e.workerSid);
      if (e.type === 'reservation.timeout' && e.workerSid) ronas.push({ workerSid: e.workerSid, ts: e.ts, sid: e.sid });
      full.fullUpdate(engine, tasks, workers, ronas, now);
      for (const t of incremental.takeTransitions()) incLog.push(`${t.type} ${t.alert.key} ${t.at}`);
      for (const t of full.takeTransitions()) fullLog.push(`${t.type} ${t.alert.key} ${t.at}`);
      expect(incremental.active()).toEqual(full.active());
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
    // Within one update the order of subjects differs; each transition and its moment is the same.
    expect([...incLog].sort()).toEqual([...fullLog].sort());
    for (const l of incLog) if (l.startsWith('raised')) raisedRules.add(l.split(' ')[1].split('|')[0]);
  });
});

describe('the watch over the engine', () => {
  const blue = { task: 'WT1', queue: 'Imminent Risk', reservation: 'WR1', worker: 'WKblue', team: 'Team Blue' };
  const red = { task: 'WT2', queue: 'Imminent Risk', reservation: 'WR2', worker: 'WKred', team: 'Team Red' };
  const rules: AlertRule[] = [
    { id: 'rona', kind: 'agentRona', count: 1, severity: 'warning', holdSec: 0, clearSec: 0 },
    { id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 5 },
  ];
  function watchOf(roles: string[]) {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const watch = new AlertWatch(rules, accessOf({ roles, team: 'Team Blue', workerSid: 'WKlead' }));
    const feed = (list: TrEvent[], sec: number): void => {
      const used = list.filter((e) => engine.apply(e));
      watch.update(engine, changesOf(used), at(sec));
    };
    feed([...aContactArrives(blue, 0), ...aContactArrives(red, 0)], 0);
    feed([aReservation('reservation.created', blue, 1), aReservation('reservation.created', red, 1)], 1);
    feed([aReservation('reservation.timeout', blue, 16), aReservation('reservation.timeout', red, 16)], 16);
    return { engine, watch, feed };
  }
  it('a team leader is alerted about their team agent and every queue, not the other team', () => {
    const { engine, watch } = watchOf(['wfo.team_leader']);
    watch.tick(engine, at(120));
    expect(watch.active().map((a) => a.key)).toEqual(['rona|agent:WKblue', 'imminent|contact:WT1', 'imminent|contact:WT2']);
  });
  it('a supervisor is alerted about both agents', () => {
    const { watch } = watchOf(['supervisor']);
    expect(watch.active().map((a) => a.key)).toEqual(['rona|agent:WKblue', 'rona|agent:WKred']);
  });
  it('the wait clears once the contact is answered and the clear time passed', () => {
    const { engine, watch, feed } = watchOf(['supervisor']);
    watch.tick(engine, at(121));
    feed([aReservation('reservation.created', { ...blue, reservation: 'WR3' }, 121), aReservation('reservation.accepted', { ...blue, reservation: 'WR3' }, 122)], 122);
    feed([anActivity('WKblue', 123, 'Busy')], 123);
    watch.tick(engine, at(127));
    const cleared = watch.takeTransitions().filter((t) => t.type === 'cleared');
    expect(cleared.map((t) => [t.alert.key, (t.at - at(0)) / 1000])).toEqual([['imminent|contact:WT1', 127]]);
  });
});
