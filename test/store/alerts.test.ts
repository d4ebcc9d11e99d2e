/**
 * The alert store beside the insights store: a batch raises what it touched, the clock
 * tick alone raises a wait crossing its limit, an acknowledgement is the user's and is
 * logged with their name, a clear is logged and drops the acknowledgement. While today's
 * history loads in parts nothing is evaluated: a part that ends a wait another began
 * must not leave an alert behind.
 */
import { DEFAULT_CONFIG, accessOf, type AlertRule } from '../../src/core';
import { acknowledgeAlert, applyQueued, createAlertStore, createInsightsStore, ingest, setStatus, stopAlerts, tick, unacknowledgedCount } from '../../src/store';
import { aContactArrives, aReservation, at } from '../fixtures/builders';
import { manualFrames } from './fixtures';

const rules: AlertRule[] = [{ id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 }];
const contact = { task: 'WT1', queue: 'Imminent Risk', reservation: 'WR1', worker: 'WK1' };

/** An insights store with its alert store; `ready` unless `loading` (today's history still coming in). */
function setup({ loading = false, start = 0 } = {}) {
  let clock = at(start);
  const frames = manualFrames();
  const insights = createInsightsStore({ access: accessOf({ roles: ['wfo.team_leader'], team: 'Team Blue', workerSid: 'WKlead' }), config: DEFAULT_CONFIG, now: () => clock, schedule: frames.schedule });
  const alerts = createAlertStore(insights, { rules, user: 'lead@example.org' });
  if (!loading) setStatus(insights, 'ready');
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

  it("today's history in parts while the store loads: a contact answered in a later part raises nothing", () => {
    // Opened 18 h after the contact arrived: the first part has it waiting, the next its answer 12 s later.
    const { insights, alerts } = setup({ loading: true, start: 18 * 3600 });
    ingest(insights, aContactArrives(contact, 0));
    applyQueued(insights);
    ingest(insights, [aReservation('reservation.created', contact, 7), aReservation('reservation.accepted', contact, 12)]);
    applyQueued(insights);
    setStatus(insights, 'ready');
    const s = alerts.getState();
    expect(s.active).toEqual([]);
    expect(s.log).toEqual([]);
    expect(s.raisedCount).toBe(0);
  });

  it('a contact still waiting when history is in raises then, at the moment its wait crossed the limit', () => {
    const { insights, alerts, setClock } = setup({ loading: true, start: 600 });
    ingest(insights, aContactArrives(contact, 0));
    applyQueued(insights);
    setClock(601);
    expect(alerts.getState().active).toEqual([]);
    setStatus(insights, 'ready');
    expect(alerts.getState().active.map((a) => [a.key, (a.raisedAt - at(0)) / 1000])).toEqual([['imminent|contact:WT1', 120]]);
    expect(alerts.getState().raisedCount).toBe(1);
    // From then on, batches are evaluated as they come.
    ingest(insights, [aReservation('reservation.created', contact, 602), aReservation('reservation.accepted', contact, 603)]);
    applyQueued(insights);
    setClock(613);
    expect(alerts.getState().active).toEqual([]);
  });
});
