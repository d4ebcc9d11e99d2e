/**
 * New alert rules put in force in the session (a save in the Settings tab): the watch
 * looks at what the live store holds now, alerts raised before and after keep their
 * acknowledgement, the others are logged raised or cleared now; the clock and later
 * batches feed the new rules; after a re-slice the rules see the new support types.
 */
import { DEFAULT_CONFIG, accessOf, type AlertRule, type EngineConfig } from '../../src/core';
import { acknowledgeAlert, applyQueued, createAlertStore, createInsightsStore, ingest, reconfigure, setAlertRules, setStatus, tick } from '../../src/store';
import { aContactArrives, aReservation, at } from '../fixtures/builders';
import { manualFrames } from './fixtures';

const waitOver = (seconds: number, supportType = 'imminent'): AlertRule => ({ id: 'wait', kind: 'contactWait', supportType, seconds, severity: 'error', holdSec: 0, clearSec: 10 });
const early = { task: 'WT1', queue: 'Imminent Risk', reservation: 'WR1', worker: 'WK1' };
const late = { task: 'WT2', queue: 'Imminent Risk', reservation: 'WR2', worker: 'WK2' };

/** An admin's store (it keeps its events) with two imminent contacts waiting since 0 s and 80 s, at 130 s. */
function setup(rules: readonly AlertRule[]) {
  let clock = at(0);
  const frames = manualFrames();
  const insights = createInsightsStore({ access: accessOf({ roles: ['admin'] }), config: DEFAULT_CONFIG, now: () => clock, schedule: frames.schedule, keepEvents: true });
  // Live data open: alerts are evaluated batch by batch (while loading they wait for the whole fold).
  setStatus(insights, 'ready');
  const alerts = createAlertStore(insights, { rules, user: 'admin@example.org' });
  const setClock = (sec: number): void => {
    clock = at(sec);
    tick(insights);
  };
  ingest(insights, [...aContactArrives(early, 0), ...aContactArrives(late, 80)]);
  applyQueued(insights);
  setClock(130);
  return { insights, alerts, setClock };
}

const keys = (s: { active: readonly { key: string }[] }) => s.active.map((a) => a.key).sort();
const entries = (s: { log: readonly { type: string; key: string; at: number }[] }) => s.log.map((e) => [e.type, e.key, (e.at - at(0)) / 1000]);

describe('alert rules put in force in the session', () => {
  it('a lower limit raises at once what is over it now, keeping what was raised and acknowledged', () => {
    const { alerts } = setup([waitOver(120)]);
    expect(keys(alerts.getState())).toEqual(['wait|contact:WT1']);
    acknowledgeAlert(alerts, 'wait|contact:WT1', at(130));
    // 130 s and 50 s of waiting, over 40 s both.
    setAlertRules(alerts, [waitOver(40)]);
    const s = alerts.getState();
    expect(keys(s)).toEqual(['wait|contact:WT1', 'wait|contact:WT2']);
    expect(Object.keys(s.acknowledged)).toEqual(['wait|contact:WT1']);
    expect(s.rules).toEqual([waitOver(40)]);
    expect(entries(s)).toEqual([
      ['raised', 'wait|contact:WT1', 120],
      ['acknowledged', 'wait|contact:WT1', 130],
      ['raised', 'wait|contact:WT2', 130],
    ]);
    expect(s.raisedCount).toBe(2);
  });

  it('a higher limit clears now what is under it, and the clock then raises under the new rule', () => {
    const { alerts, setClock } = setup([waitOver(120)]);
    acknowledgeAlert(alerts, 'wait|contact:WT1', at(130));
    setAlertRules(alerts, [waitOver(200)]);
    expect(alerts.getState().active).toEqual([]);
    expect(alerts.getState().acknowledged).toEqual({});
    expect(entries(alerts.getState()).slice(-1)).toEqual([['cleared', 'wait|contact:WT1', 130]]);
    setClock(199);
    expect(alerts.getState().active).toEqual([]);
    setClock(200);
    expect(keys(alerts.getState())).toEqual(['wait|contact:WT1']);
  });

  it('later batches reach the new rules only', () => {
    const { insights, alerts, setClock } = setup([waitOver(120)]);
    setAlertRules(alerts, [{ id: 'backlog', kind: 'waitingCount', count: 3, severity: 'warning', holdSec: 0, clearSec: 0 }]);
    expect(alerts.getState().active).toEqual([]);
    ingest(insights, aContactArrives({ task: 'WT3', queue: 'Imminent Risk' }, 131));
    applyQueued(insights);
    setClock(131);
    expect(keys(alerts.getState())).toEqual(['backlog|queue:Imminent Risk']);
  });

  it('after a re-slice, a rule on a support type the new map made sees that type\'s contacts', () => {
    const { insights, alerts } = setup([waitOver(120)]);
    const remapped: EngineConfig = { ...DEFAULT_CONFIG, supportTypes: { ...DEFAULT_CONFIG.supportTypes, urgent: ['imminent_risk'] } };
    expect(reconfigure(insights, remapped).resliced).toBe(true);
    setAlertRules(alerts, [waitOver(120, 'urgent')]);
    expect(keys(alerts.getState())).toEqual(['wait|contact:WT1']);
  });

  it('an agent rule added later counts the RONAs the session already folded', () => {
    const { insights, alerts } = setup([waitOver(120)]);
    ingest(insights, [aReservation('reservation.created', { ...late, worker: 'WK9' }, 100), aReservation('reservation.timeout', { ...late, worker: 'WK9' }, 115)]);
    applyQueued(insights);
    setAlertRules(alerts, [{ id: 'rona', kind: 'agentRona', count: 1, severity: 'warning', holdSec: 0, clearSec: 0 }]);
    expect(keys(alerts.getState())).toEqual(['rona|agent:WK9']);
  });
});
