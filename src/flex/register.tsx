/**
 * Everything that touches Flex: the Insights view, its side-nav link and the user's
 * access. `flex` and `manager` come in as parameters; nothing runs at import time. Each
 * hook is wrapped so that a failure is logged and never takes Flex down.
 */
import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';
import { accessOf, teamOf, type Access, type User } from '../core';
import { InsightsRoot } from '../views/InsightsRoot';
import { connectLive } from './connect';
import { runtimeConfig, type PluginConfig } from './runtimeConfig';

export const VIEW_NAME = 'supervisor-insights';
const LOG_PREFIX = '[supervisor-insights]';

/** Runs a Flex hook; a failure is logged with the plugin's prefix, never thrown. */
export function guarded(what: string, hook: () => void): void {
  try {
    hook();
  } catch (err) {
    console.error(`${LOG_PREFIX} ${what} failed`, err);
  }
}

/** The user as the roles module needs them: Flex roles, worker sid and team. */
export function userOf(manager: Flex.Manager): User {
  const worker = manager.workerClient;
  const attributes = (worker?.attributes ?? undefined) as Record<string, unknown> | undefined;
  const team = teamOf(attributes);
  return {
    roles: manager.user?.roles ?? [],
    workerSid: worker?.sid,
    team: team === '(no team)' ? undefined : team,
  };
}

export interface Registration {
  readonly access: Access;
  readonly config: PluginConfig;
}

/** Adds the Insights view and its side link for users whose roles allow any tab. */
export function registerInsights(flex: typeof Flex, manager: Flex.Manager): Registration {
  const config = runtimeConfig(manager.serviceConfiguration?.ui_attributes);
  const user = userOf(manager);
  const access = accessOf(user);
  if (access.tabs.length === 0) return { access, config };

  // The live store lives as long as the mounted view (see connect.ts).
  const connect = () => connectLive(manager, access, config, user.workerSid);
  guarded('adding the Insights view', () => {
    flex.ViewCollection.Content.add(
      <flex.View name={VIEW_NAME} key={VIEW_NAME}>
        <InsightsRoot access={access} connect={connect} />
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
      </flex.SideLink>
    );
    flex.SideNav.Content.add(<InsightsLink key="supervisor-insights-link" />);
  });

  return { access, config };
}
