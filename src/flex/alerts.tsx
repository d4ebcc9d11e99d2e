/**
 * Alerts the Flex way: one registered notification (`Notifications.registerNotification`)
 * shown for each raise (`showNotification`, the severity as Flex's notification type), and
 * the count of unacknowledged alerts on the side-nav link. The alert store is the open
 * view's (`connect.ts`); the badge follows whichever store is current.
 */
import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';
import { LOG_PREFIX, type AlertSeverity } from '../core';
import { onRaise, unacknowledgedCount, type AlertStore } from '../store';
import { watchAlertNotices } from '../views/alerts';

/** The id of the one notification the plugin registers. */
export const ALERT_NOTIFICATION_ID = 'SupervisorInsightsAlert';

/** Flex UI 2.x `NotificationType` values (`@twilio/flex-ui` NotificationManager). */
export const FLEX_NOTIFICATION_TYPE: Readonly<Record<AlertSeverity, 'information' | 'warning' | 'error'>> = {
  info: 'information',
  warning: 'warning',
  error: 'error',
};

/** What the plugin uses of `flex.Notifications` (the sandbox's fake offers the same calls). */
export interface NotificationsLike {
  registerNotification(notification: { id: string; content?: unknown; type?: string; timeout?: number; closeButton?: boolean }): void;
  showNotification(id: string, context?: object): unknown;
}

export interface AlertNoticeContext {
  readonly label: string;
  readonly subject: string;
}

/** The notification's content: Flex passes the context given to `showNotification`. */
function AlertNotice(props: { notificationContext?: object }): React.ReactElement {
  const c = props.notificationContext as AlertNoticeContext | undefined;
  return (
    <span>
      Insights alert: <strong>{c?.label ?? ''}</strong> {c?.subject ? `· ${c.subject}` : ''}
    </span>
  );
}

/**
 * Registers the alert notification once. Its type is set per raise (Flex reads `type` from
 * the registered notification, so `showAlert` sets it before showing).
 */
export function registerAlertNotification(notifications: NotificationsLike | undefined): boolean {
  if (!notifications) return false;
  try {
    notifications.registerNotification({ id: ALERT_NOTIFICATION_ID, content: <AlertNotice />, type: 'warning', timeout: 10_000, closeButton: true });
    return true;
  } catch (err) {
    console.error(`${LOG_PREFIX} registering the alert notification failed`, err);
    return false;
  }
}

/** The badge's count and who listens (the side link). */
export class AlertBadge {
  count = 0;
  private readonly listeners = new Set<() => void>();
  set(n: number): void {
    if (n === this.count) return;
    this.count = n;
    this.listeners.forEach((l) => l());
  }
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }
}

/** The count on the side link, re-rendered when it changes. */
export function AlertBadgeCount({ badge }: { badge: AlertBadge }): React.ReactElement | null {
  const [, rerender] = React.useState(0);
  React.useEffect(() => badge.subscribe(() => rerender((n) => n + 1)), [badge]);
  if (badge.count === 0) return null;
  return (
    <span
      aria-label={`${badge.count} alert${badge.count === 1 ? '' : 's'} not acknowledged`}
      style={{ marginLeft: 8, padding: '0 6px', borderRadius: 10, background: '#D61F1F', color: '#fff', fontSize: 12, fontWeight: 600 }}
    >
      {badge.count}
    </span>
  );
}

/**
 * Shows a Flex notification for each raise of this store (and the sound and browser
 * notification the user chose) and keeps the badge up to date; returns the unsubscribe.
 * A notification that fails is logged and the others still show.
 */
export function watchAlerts(flex: typeof Flex, alerts: AlertStore, badge: AlertBadge): () => void {
  const notifications = (flex as unknown as { Notifications?: NotificationsLike & { registeredNotifications?: Map<string, { type?: string }> } }).Notifications;
  badge.set(unacknowledgedCount(alerts.getState()));
  const offBadge = alerts.subscribe((s) => badge.set(unacknowledgedCount(s)));
  const offRaise = onRaise(alerts, (entry) => {
    if (!notifications) return;
    try {
      const registered = notifications.registeredNotifications?.get(ALERT_NOTIFICATION_ID);
      if (registered) registered.type = FLEX_NOTIFICATION_TYPE[entry.severity];
      notifications.showNotification(ALERT_NOTIFICATION_ID, { label: entry.label, subject: entry.subject } satisfies AlertNoticeContext);
    } catch (err) {
      console.error(`${LOG_PREFIX} showing an alert notification failed`, err);
    }
  });
  const offNotices = watchAlertNotices(alerts);
  return () => {
    offNotices();
    offRaise();
    offBadge();
    badge.set(0);
  };
}
