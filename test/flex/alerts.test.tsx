/**
 * @jest-environment jsdom
 */
/**
 * A raise shows the registered Flex notification with the severity as Flex's type, once
 * per raise; the badge counts what this user has not acknowledged.
 */
import type * as Flex from '@twilio/flex-ui';
import { DEFAULT_CONFIG, accessOf, type AlertRule } from '../../src/core';
import { AlertBadge, ALERT_NOTIFICATION_ID, registerAlertNotification, watchAlerts } from '../../src/flex/alerts';
import { FakeNotifications } from '../../src/sandbox/fakes/fakeFlex';
import { MAX_LOG, acknowledgeAlert, applyQueued, createAlertStore, createInsightsStore, ingest, setStatus, tick } from '../../src/store';
import { aContactArrives, aReservation, at } from '../fixtures/builders';

const rules: AlertRule[] = [
  { id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'backlog', kind: 'waitingCount', count: 1, severity: 'warning', holdSec: 5, clearSec: 10 },
];

it('shows one Flex notification per raise, typed by severity, and keeps the badge', () => {
  let clock = at(0);
  const insights = createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config: DEFAULT_CONFIG, now: () => clock, schedule: () => undefined });
  const alerts = createAlertStore(insights, { rules, user: 'sup@example.org' });
  // Today's history is in: batches are evaluated as they come.
  setStatus(insights, 'ready');
  const notifications = new FakeNotifications();
  expect(registerAlertNotification(notifications)).toBe(true);
  const badge = new AlertBadge();
  const stop = watchAlerts({ Notifications: notifications } as unknown as typeof Flex, alerts, badge);
  ingest(insights, aContactArrives({ task: 'WT1', queue: 'Imminent Risk' }, 0));
  applyQueued(insights);
  clock = at(5);
  tick(insights);
  clock = at(120);
  tick(insights);
  tick(insights);
  expect(notifications.shown.map((n) => [n.id, n.type, n.context])).toEqual([
    [ALERT_NOTIFICATION_ID, 'warning', { label: '1+ waiting in a queue', subject: 'Imminent Risk' }],
    [ALERT_NOTIFICATION_ID, 'error', { label: 'Imminent contact waiting over 120 s', subject: 'Imminent Risk (WT1)' }],
  ]);
  expect(badge.count).toBe(2);
  acknowledgeAlert(alerts, 'imminent|contact:WT1', at(121));
  expect(badge.count).toBe(1);
  stop();
  expect(badge.count).toBe(0);
});

it('still shows a notification for every raise once the log holds MAX_LOG entries', () => {
  let clock = at(0);
  const insights = createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config: DEFAULT_CONFIG, now: () => clock, schedule: () => undefined });
  const quick: AlertRule[] = [{ id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 1, severity: 'error', holdSec: 0, clearSec: 0 }];
  const alerts = createAlertStore(insights, { rules: quick, user: 'sup@example.org' });
  // Today's history is in: batches are evaluated as they come.
  setStatus(insights, 'ready');
  const notifications = new FakeNotifications();
  registerAlertNotification(notifications);
  watchAlerts({ Notifications: notifications } as unknown as typeof Flex, alerts, new AlertBadge());
  /** `n` contacts arrive at `sec`, cross the 1 s limit, and are answered 2 s later: n raises, n clears. */
  const wave = (from: number, n: number, sec: number): void => {
    const contacts = Array.from({ length: n }, (_, i) => ({ task: `WT${from + i}`, queue: 'Imminent Risk', reservation: `WR${from + i}`, worker: 'WK1' }));
    clock = at(sec);
    ingest(insights, contacts.flatMap((c) => aContactArrives(c, sec)));
    applyQueued(insights);
    clock = at(sec + 1);
    tick(insights);
    clock = at(sec + 2);
    ingest(insights, contacts.flatMap((c) => [aReservation('reservation.created', c, sec + 2), aReservation('reservation.accepted', c, sec + 2)]));
    applyQueued(insights);
  };
  // 2,600 raises and 2,600 clears: the log is full (5,000 entries, the oldest gone).
  wave(0, 2600, 0);
  expect(alerts.getState().log).toHaveLength(MAX_LOG);
  expect(notifications.shown).toHaveLength(2600);
  wave(2600, 10, 10);
  expect(alerts.getState().log).toHaveLength(MAX_LOG);
  expect(notifications.shown).toHaveLength(2610);
  expect(notifications.shown.slice(-10).map((n) => (n.context as { subject: string }).subject).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Imminent Risk (WT${2600 + i})`));
});
