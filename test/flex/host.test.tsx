/**
 * @jest-environment jsdom
 *
 * The production bundle in a page that provides what Flex provides to plugins (React 17,
 * ReactDOM, Redux, `Twilio.Flex.Plugins.init`): it loads, registers its view and side link,
 * and renders the tabs of the user's roles. `npm test` builds the bundle first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';

const bundle = readFileSync(join(__dirname, '../../build/plugin-supervisor-insights.js'), 'utf8');

interface FakeFlex {
  views: React.ReactElement[];
  links: React.ReactElement[];
  actions: { name: string; payload: unknown }[];
  replaced: string[];
  listeners: string[];
}

function loadInto(roles: string[]): FakeFlex {
  const registered: FakeFlex = { views: [], links: [], actions: [], replaced: [], listeners: [] };
  const View = ({ children }: { name: string; children?: React.ReactNode }) => <div data-flex-view>{children}</div>;
  const SideLink = ({ children, onClick }: { children?: React.ReactNode; onClick?: () => void }) => (
    <button type="button" onClick={onClick}>
      {children}
    </button>
  );
  const flex = {
    View,
    SideLink,
    ViewCollection: { Content: { add: (el: React.ReactElement) => registered.views.push(el) } },
    SideNav: { Content: { add: (el: React.ReactElement) => registered.links.push(el) } },
    Actions: {
      invokeAction: (name: string, payload: unknown) => registered.actions.push({ name, payload }),
      replaceAction: (name: string) => registered.replaced.push(name),
      addListener: (event: string) => registered.listeners.push(event),
    },
  };
  const manager = {
    user: { roles },
    workerClient: { sid: 'WKme', attributes: { full_name: 'Me', team: 'Team Blue' } },
    serviceConfiguration: { ui_attributes: {} },
  };
  const w = window as unknown as Record<string, unknown>;
  w.React = React;
  w.ReactDOM = ReactDOM;
  w.Redux = { createStore: () => ({}) };
  w.Twilio = {
    Flex: {
      Plugins: {
        init: (Plugin: new () => { name: string; init(f: unknown, m: unknown): void }) => {
          const plugin = new Plugin();
          expect(plugin.name).toBe('SupervisorInsightsPlugin');
          plugin.init(flex, manager);
        },
      },
    },
  };
  // Evaluated as the browser would evaluate the plugin's script tag.
  new Function(bundle)();
  return registered;
}

describe('the production bundle in a Flex-like page', () => {
  beforeAll(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  it('registers the Insights view and a side link that navigates to it', () => {
    const flex = loadInto(['supervisor']);
    expect(flex.views).toHaveLength(1);
    expect(flex.views[0].props.name).toBe('supervisor-insights');
    expect(flex.replaced).toEqual(['HistoricalReportingView']);
    // the browser's history cache goes with the Flex session
    expect(flex.listeners).toEqual(['beforeLogout']);
    expect(flex.links).toHaveLength(1);
    const host = document.createElement('div');
    document.body.appendChild(host);
    act(() => {
      ReactDOM.render(<div>{flex.views[0]}{flex.links[0]}</div>, host);
    });
    const tabs = [...host.querySelectorAll('[role="tab"]')].map((t) => t.textContent);
    expect(tabs).toEqual(['Now', 'Overview', 'Queues', 'Agents & teams', 'Conversations', 'My stats']);
    act(() => {
      (host.querySelector('button[type="button"]:not([role="tab"])') as HTMLButtonElement).click();
    });
    expect(flex.actions).toEqual([{ name: 'NavigateToView', payload: { viewName: 'supervisor-insights' } }]);
    ReactDOM.unmountComponentAtNode(host);
  });

  it('shows an agent only their own tab, and adds nothing for a user with no Insights role', () => {
    const agent = loadInto(['agent']);
    const host = document.createElement('div');
    act(() => {
      ReactDOM.render(agent.views[0], host);
    });
    expect([...host.querySelectorAll('[role="tab"]')].map((t) => t.textContent)).toEqual(['My stats']);
    ReactDOM.unmountComponentAtNode(host);
    const nobody = loadInto([]);
    expect(nobody.views).toHaveLength(0);
    expect(nobody.links).toHaveLength(0);
  });
});
