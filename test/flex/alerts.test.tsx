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
import { acknowledgeAlert, applyQueued, createAlertStore, createInsightsStore, ingest, tick } from '../../src/store';
import { aContactArrives, at } from '../fixtures/builders';

const rules: AlertRule[] = [
  { id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'backlog', kind: 'waitingCount', count: 1, severity: 'warning', holdSec: 5, clearSec: 10 },
];

it('shows one Flex notification per raise, typed by severity, and keeps the badge', () => {
  let clock = at(0);
  const insights = createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config: DEFAULT_CONFIG, now: () => clock, schedule: () => undefined });
  const alerts = createAlertStore(insights, { rules, user: 'sup@example.org' });
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
