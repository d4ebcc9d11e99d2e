/**
 * Live data for one open Insights view, or for the whole Flex session when it has alerts
 * (`alertsRunFor`; see register.tsx): the live source on `manager.insightsClient`
 * feeds the store, and, when a history function is configured, the backfill brings in
 * today so far (live events wait for it, then pass through its reconciler) and older
 * days on demand. `stop()` closes every live query, every fetch and the clock when the
 * view goes. The store says `loading` until live data is open and today's history is in
 * (or failed: then the progress line says why, and live data goes on).
 */
import type * as Flex from '@twilio/flex-ui';
import { LOG_PREFIX, type Access } from '../core';
import { LiveSource, liveScopeOf, type InsightsClientLike } from '../sources/live';
import { createAlertStore, createInsightsStore, ingest, setStatus, stopAlerts, tick, type AlertStore, type InsightsStore } from '../store';
import { connectHistory, forgetHistoryCaches, type HistoryConnection, type HistoryDeps } from './history';
import type { PluginConfig } from './runtimeConfig';


export interface LiveConnection {
  readonly store: InsightsStore<PluginConfig>;
  /** Live alerts, for sessions that see the dashboards (scope all or team) when rules are configured. */
  readonly alerts?: AlertStore;
  /** Looks up a conversation the live data does not hold (with history only). */
  readonly lookup?: HistoryConnection['lookup'];
  /** The events of a span for the Export tab (roles with export, with history only). */
  readonly exportEvents?: HistoryConnection['exportEvents'];
  stop(): void;
}

/** Whether a session has live alerts: it sees the dashboards (scope all or team) and rules are configured. */
export function alertsRunFor(access: Access, config: PluginConfig): boolean {
  // An admin's session has alerts even with no rule: a save in the Settings tab may put rules in force (`setAlertRules`).
  return (access.scope === 'all' || access.scope === 'team') && (config.alertRules.length > 0 || access.mayEditSettings);
}

/** Starts live data (and history) for a user's access; the store says `loading`, then `ready` or `error`. */
export function connectLive(
  manager: Flex.Manager,
  access: Access,
  config: PluginConfig,
  workerSid?: string,
  historyDeps?: HistoryDeps,
  alertUser?: string,
): LiveConnection {
  // An admin may save settings from this session: their store keeps its events to re-slice them.
  const store = createInsightsStore({ access, config, workerSid, keepEvents: access.mayEditSettings });
  const client = manager.insightsClient as unknown as InsightsClientLike | undefined;
  if (!client || access.scope === 'none') {
    setStatus(store, access.scope === 'none' ? 'ready' : 'error', client ? undefined : 'Live data is not available (no insights client).');
    // Nothing to show: nothing may stay in this browser's cache either.
    if (access.scope === 'none') void forgetHistoryCaches(undefined, historyDeps?.storage);
    return { store, stop: () => undefined };
  }
  // Before any event: the alerts see every batch from the first.
  const alerts = alertsRunFor(access, config) ? createAlertStore(store, { rules: config.alertRules, user: alertUser ?? workerSid ?? 'this user' }) : undefined;
  const history = connectHistory(manager, store, access, config, workerSid, historyDeps);
  const onLive = history.onLiveEvents;
  const source = new LiveSource({
    client,
    // Each session queries only what its access may see (src/sources/live/plan.ts).
    scope: liveScopeOf(access, workerSid),
    onEvents: onLive ? (events) => onLive(events) : (events) => ingest(store, events),
    onError: (error, context) => console.error(`${LOG_PREFIX} live data: ${context}`, error),
  });
  let stopped = false;
  const live = source.start();
  // Ready once live data is open and today's history is in; history never blocks live data for good.
  Promise.all([live, history.today.catch(() => undefined)]).then(
    () => {
      if (!stopped) setStatus(store, 'ready');
    },
    (error: unknown) => {
      console.error(`${LOG_PREFIX} live data could not start`, error);
      if (!stopped) setStatus(store, 'error', 'Live data could not be opened.');
    },
  );
  // "Now" moves even when no event comes: waits grow, days end.
  const clock = setInterval(() => tick(store), 1000);
  return {
    store,
    alerts,
    lookup: history.lookup,
    exportEvents: history.exportEvents,
    stop: () => {
      stopped = true;
      if (alerts) stopAlerts(alerts);
      clearInterval(clock);
      history.stop();
      source.stop();
    },
  };
}
