/**
 * Everything that touches Flex: the Insights view, its side-nav link and the user's
 * access. `flex` and `manager` come in as parameters; nothing runs at import time. Each
 * hook is wrapped so that a failure is logged and never takes Flex down.
 */
import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';
import { LOG_PREFIX, UI_ATTRIBUTES_KEY, accessOf, firstRawUrl, identifiersIn, settingsOf, validateRules, type Access, type ConversationRow, type DrillDownRule } from '../core';
import { reconfigure, selectConversationDetail, selectConversationList, setAlertRules, type AlertStore, type InsightsState, type InsightsStore } from '../store';
import { DrillDownState } from '../views/drillDownState';
import { InsightsRoot } from '../views/InsightsRoot';
import { ViewState, addDefaultStrings } from '../views/common';
import { AlertBadge, AlertBadgeCount, registerAlertNotification, watchAlerts, type NotificationsLike } from './alerts';
import { alertsRunFor, connectLive } from './connect';
import { DRILL_DOWN_ACTION, handleDrillDown, type OpenResult } from './drilldown';
import { flexTokenOf, forgetHistoryCaches, type HistoryCacheSession } from './history';
import { runtimeConfig, type PluginConfig } from './runtimeConfig';
import { settingsSaverOf } from './settingsSaver';
import { userOf } from './user';

export { userOf } from './user';

export const VIEW_NAME = 'supervisor-insights';

/** The Flex UI 2.x action signed-in users leave by; its `before` listeners are awaited by Flex. */
export const LOGOUT_ACTION = 'Logout';

/** Runs a Flex hook; a failure is logged with the plugin's prefix, never thrown. */
export function guarded(what: string, hook: () => void): void {
  try {
    hook();
  } catch (err) {
    console.error(`${LOG_PREFIX} ${what} failed`, err);
  }
}

export interface Registration {
  readonly access: Access;
  readonly config: PluginConfig;
}

/** What a host may supply beyond Flex itself. */
export interface HostOptions {
  /** The Settings function's URL, over the configured one (the sandbox's dev server). */
  readonly settingsUrl?: string;
}

/** Does a row have this id, task sid or other sid, or (`inText`) one of them appear in the text? */
function rowNamed(row: ConversationRow, idOrText: string, inText: boolean): boolean {
  const named = (sid: string): boolean => (inText ? idOrText.includes(sid) : sid === idOrText);
  return named(row.id) || row.taskSids.some(named) || row.sids.some(named);
}

/** A conversation of the live data by id or task sid, or the first whose id or task sid appears in a URL's text. */
function findConversation(state: InsightsState, idOrText: string) {
  const direct = selectConversationDetail(state, idOrText);
  if (direct) return direct;
  const row = selectConversationList(state).find((r) => rowNamed(r, idOrText, true));
  return row ? selectConversationDetail(state, row.id) : undefined;
}

/**
 * A conversation the live data does not hold: a past day's row (its list fields only; the
 * screen looks it up in history by its first task), else, when the drill-down names an
 * identifier, that sid. Undefined when neither.
 */
function pastConversation(state: InsightsState | undefined, idOrText: string, byIdentifier: boolean): { id: string; lookupSid: string } | undefined {
  for (const day of state?.history?.days.values() ?? []) {
    const row = day.conversations.find((r) => rowNamed(r, idOrText, true));
    if (row) return { id: row.id, lookupSid: row.taskSids[0] ?? row.id };
  }
  const sid = byIdentifier ? identifiersIn(idOrText)[0]?.sid : undefined;
  return sid === undefined ? undefined : { id: sid, lookupSid: sid };
}

function openInNewTab(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** Adds the Insights view and its side link for users whose roles allow any tab, and the drill-down. */
export function registerInsights(flex: typeof Flex, manager: Flex.Manager, host: HostOptions = {}): Registration {
  // `let`: a save in the Settings tab puts a new config in force for this session.
  let config = runtimeConfig(manager.serviceConfiguration?.ui_attributes);
  for (const problem of config.problems ?? []) console.warn(`${LOG_PREFIX} configuration: ${problem}`);
  const user = userOf(manager);
  const access = accessOf(user);

  // Whatever the roles, a cache written in this browser goes with the Flex session: a user
  // without any tab may still log out of a browser another user's cache was left in.
  const session: HistoryCacheSession = { ended: false };
  guarded('listening for logout', () => {
    flex.Actions.addListener(`before${LOGOUT_ACTION}`, () => forgetHistoryCaches(session));
  });
  if (access.tabs.length === 0) return { access, config };

  let rules: readonly DrillDownRule[] = validateRules(config.drillDownRules).rules;
  const drillDown = new DrillDownState();
  // Tab, period, search, filters and scroll: kept for the Flex session (Flex owns the view's URL).
  const viewState = new ViewState();

  const open = (idOrText: string, byIdentifier: boolean): OpenResult => {
    const state = drillDown.store?.getState();
    const detail = state ? findConversation(state, idOrText) : undefined;
    if (!detail) {
      // Not live: a past day's conversation or a sid from a ticket, looked up in history by the screen.
      const past = pastConversation(state, idOrText, byIdentifier);
      if (!past) return 'unknown';
      drillDown.show(past.id, past.lookupSid);
      void flex.Actions.invokeAction('NavigateToView', { viewName: VIEW_NAME });
      return 'screen';
    }
    const raw = firstRawUrl(detail.media.items);
    if (raw !== undefined) {
      // As Flex does: a Raw first link opens in a new tab and the screen is skipped.
      openInNewTab(raw);
      return 'raw';
    }
    drillDown.show(detail.id);
    void flex.Actions.invokeAction('NavigateToView', { viewName: VIEW_NAME });
    return 'screen';
  };

  guarded('replacing the HistoricalReportingView action', () => {
    flex.Actions.replaceAction(DRILL_DOWN_ACTION, (payload: unknown, original: (p: unknown) => Promise<void>) =>
      handleDrillDown(payload, original, {
        rules: () => rules,
        open,
        openInNewTab,
        refuse: (text, reason) => drillDown.refuse(text, reason),
      }).then(() => undefined),
    );
  });

  // Our labels join Flex's strings, so a customer renames "ISS" where they rename Flex's own.
  const strings = (manager as unknown as { strings?: Record<string, string> }).strings;
  if (strings) guarded('adding the Insights strings', () => addDefaultStrings(strings));

  // The live store lives as long as the mounted view (see connect.ts), unless the session has alerts (below).
  // The user is read again at each open: Flex may change roles or a team during the session.
  const badge = new AlertBadge();
  guarded('registering the alert notification', () => {
    registerAlertNotification((flex as unknown as { Notifications?: NotificationsLike }).Notifications);
  });
  const identity = (manager.user as { identity?: string } | undefined)?.identity;
  // The alerts in force (the session's, or the open view's): a save puts its rules in force there.
  let openAlerts: AlertStore | undefined;
  const start = () => {
    const live = connectLive(manager, access, config, user.workerSid, { user: userOf(manager), session }, identity);
    const alerts = live.alerts;
    openAlerts = alerts;
    let unwatch = (): void => undefined;
    if (alerts) guarded('watching the alerts', () => (unwatch = watchAlerts(flex, alerts, badge)));
    return {
      ...live,
      stop: () => {
        if (openAlerts === alerts) openAlerts = undefined;
        unwatch();
        live.stop();
      },
    };
  };
  // Flex UI 2.x unmounts a view the user leaves (no `mountRule`), so a session with alerts
  // starts live data and alerts now and keeps them for the Flex session: notifications, the
  // badge, acknowledgements and the log go on while the user is elsewhere in Flex, and the
  // view attaches to them at each open. Without an insights client now, each open connects.
  let sessionLive: ReturnType<typeof start> | undefined;
  if (alertsRunFor(access, config)) {
    guarded('starting live data and alerts for the session', () => {
      const live = start();
      if (live.alerts) sessionLive = live;
      else live.stop();
    });
  }
  const kept = sessionLive;
  const connect = kept ? () => ({ ...kept, stop: () => undefined }) : start;
  if (kept) guarded('stopping live data at logout', () => flex.Actions.addListener(`before${LOGOUT_ACTION}`, () => kept.stop()));
  // A saved value, in force at once: rules, thresholds, the live store re-sliced (time zone
  // included: the views read it from the store) and the alert rules over it; the in-memory
  // Flex configuration too, so the view opened again reads it as the next start will.
  const applySaved = (stored: Readonly<Record<string, unknown>>, store: InsightsStore | undefined): void => {
    const serviceConfiguration = manager.serviceConfiguration as { ui_attributes?: Record<string, unknown> } | undefined;
    const uiAttributes = { ...(serviceConfiguration?.ui_attributes ?? {}), [UI_ATTRIBUTES_KEY]: stored };
    guarded('keeping the saved settings in the Flex configuration', () => {
      if (serviceConfiguration) serviceConfiguration.ui_attributes = uiAttributes;
    });
    config = runtimeConfig(uiAttributes);
    for (const problem of config.problems ?? []) console.warn(`${LOG_PREFIX} configuration: ${problem}`);
    rules = validateRules(config.drillDownRules).rules;
    if (store) {
      const { problems } = reconfigure(store as InsightsStore<PluginConfig>, config);
      if (problems.length > 0) console.warn(`${LOG_PREFIX} saved settings not applied in this session: ${problems.join('; ')}`);
    }
    const alerts = openAlerts;
    if (alerts) guarded('putting the saved alert rules in force', () => setAlertRules(alerts, config.alertRules));
  };
  const settingsUrl = host.settingsUrl ?? config.settingsUrl;
  // Where the next start finds the Settings function with a history URL saved: a URL that
  // loses it is refused in the tab (nobody could save again from there).
  const functionUrls = settingsUrl
    ? { now: settingsUrl, after: (historyUrl: string) => host.settingsUrl ?? runtimeConfig({ [UI_ATTRIBUTES_KEY]: { historyUrl } }).settingsUrl }
    : undefined;
  const onOpenConversation = (conversationId: string): void => {
    void flex.Actions.invokeAction(DRILL_DOWN_ACTION, { conversationId });
  };
  const settings = access.mayEditSettings
    ? {
        current: () => ({ settings: settingsOf(config), saved: config.saved }),
        saver: settingsUrl ? settingsSaverOf(settingsUrl, () => flexTokenOf(manager)) : undefined,
        onSaved: applySaved,
        functionUrls,
        bundledHistoryUrl: runtimeConfig({}).historyUrl,
      }
    : undefined;
  guarded('adding the Insights view', () => {
    flex.ViewCollection.Content.add(
      <flex.View name={VIEW_NAME} key={VIEW_NAME}>
        <InsightsRoot
          access={access}
          connect={connect}
          drillDown={drillDown}
          viewState={viewState}
          onOpenConversation={onOpenConversation}
          conversationsClient={manager.conversationsClient as never}
          timeZone={config.timeZone}
          settings={settings}
          strings={strings}
        />
      </flex.View>,
    );
  });

  guarded('adding the Insights side link', () => {
    const InsightsLink = (props: { activeView?: string }): React.ReactElement => (
      <flex.SideLink
        showLabel
        icon="Data"
        iconActive="DataBold"
        isActive={props.activeView === VIEW_NAME}
        onClick={() => {
          void flex.Actions.invokeAction('NavigateToView', { viewName: VIEW_NAME });
        }}
      >
        Insights
        <AlertBadgeCount badge={badge} />
      </flex.SideLink>
    );
    flex.SideNav.Content.add(<InsightsLink key="supervisor-insights-link" />);
  });

  return { access, config };
}
