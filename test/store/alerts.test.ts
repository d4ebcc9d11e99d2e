/**
 * The alert store beside the insights store: a batch raises what it touched, the clock
 * tick alone raises a wait crossing its limit, an acknowledgement is the user's and is
 * logged with their name, a clear is logged and drops the acknowledgement.
 */
import { DEFAULT_CONFIG, accessOf, type AlertRule } from '../../src/core';
import { acknowledgeAlert, applyQueued, createAlertStore, createInsightsStore, ingest, stopAlerts, tick, unacknowledgedCount } from '../../src/store';
import { aContactArrives, aReservation, at } from '../fixtures/builders';
import { manualFrames } from './fixtures';

const rules: AlertRule[] = [{ id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 }];
const contact = { task: 'WT1', queue: 'Imminent Risk', reservation: 'WR1', worker: 'WK1' };

function setup() {
  let clock = at(0);
  const frames = manualFrames();
  const insights = createInsightsStore({ access: accessOf({ roles: ['wfo.team_leader'], team: 'Team Blue', workerSid: 'WKlead' }), config: DEFAULT_CONFIG, now: () => clock, schedule: frames.schedule });
  const alerts = createAlertStore(insights, { rules, user: 'lead@example.org' });
  const setClock = (sec: number): void => {
    clock = at(sec);
    tick(insights);
  };
  return { insights, alerts, setClock };
}

describe('the alert store', () => {
  it('raises on the 1 s tick when the wait crosses the limit, with no new event', () => {
    const { insights, alerts, setClock } = setup();
    ingest(insights, aContactArrives(contact, 0));
    applyQueued(insights);
    setClock(119);
    expect(alerts.getState().active).toEqual([]);
    setClock(120);
    expect(alerts.getState().active.map((a) => [a.key, a.severity])).toEqual([['imminent|contact:WT1', 'error']]);
    expect(unacknowledgedCount(alerts.getState())).toBe(1);
  });

  it('acknowledge, then the queue empties and the alert clears after the clear time; the log says who and when', () => {
    const { insights, alerts, setClock } = setup();
    ingest(insights, aContactArrives(contact, 0));
    applyQueued(insights);
    setClock(125);
    acknowledgeAlert(alerts, 'imminent|contact:WT1', at(126));
    expect(unacknowledgedCount(alerts.getState())).toBe(0);
    setClock(130);
    ingest(insights, [aReservation('reservation.created', contact, 129), aReservation('reservation.accepted', contact, 130)]);
    applyQueued(insights);
    setClock(139);
    expect(alerts.getState().active).toHaveLength(1);
    setClock(140);
    const s = alerts.getState();
    expect(s.active).toEqual([]);
    expect(s.acknowledged).toEqual({});
    expect(s.log.map((e) => [e.type, (e.at - at(0)) / 1000, e.by])).toEqual([
      ['raised', 120, undefined],
      ['acknowledged', 126, 'lead@example.org'],
      ['cleared', 140, undefined],
    ]);
  });

  it('acknowledging an alert not raised does nothing, and a stopped store hears no more', () => {
    const { insights, alerts, setClock } = setup();
    acknowledgeAlert(alerts, 'imminent|contact:WT9', at(1));
    expect(alerts.getState().log).toEqual([]);
    stopAlerts(alerts);
    ingest(insights, aContactArrives(contact, 0));
    applyQueued(insights);
    setClock(500);
    expect(alerts.getState().active).toEqual([]);
  });
});
