/**
 * @jest-environment jsdom
 */
/**
 * Alerts for the Flex session, not the open view: Flex UI 2.x unmounts the Insights view
 * when the user goes elsewhere (the fake Flex host renders the active view only, as Flex
 * does for a view without `mountRule`). A team leader leaves Insights after acknowledging
 * an alert: a raise while they are away still shows a Flex notification and the badge;
 * back in Insights, the acknowledgement and the log are as they left them, and nothing
 * raised before is raised (or notified) again. The browser notification they turned on
 * goes on too; logging out stops it all.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import type * as Flex from '@twilio/flex-ui';
import { VIEW_NAME, registerInsights } from '../../src/flex/register';
import { Host, createFakeFlex } from '../../src/sandbox/fakes/fakeFlex';
import { FakeInsightsClient } from '../../src/sandbox/fakes/fakeInsightsClient';
import { aTaskItem, aWorkerItem, taskSid } from '../sources/liveFixtures';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const DESK = 'agent-desktop';
const LABEL = 'Imminent contact waiting over 30 s';

/** Lets the live source's promises and the store's frame run, `ms` of clock at a time. */
async function pass(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function setup(initialView = VIEW_NAME) {
  const flex = createFakeFlex(initialView);
  const client = new FakeInsightsClient();
  // The leader's team: one agent, busy.
  client.set('tr-worker', 'WK1', aWorkerItem(1, { activity_name: 'Busy', attributes: { full_name: 'Agent 1', team: 'Team Blue' } }));
  const manager = {
    user: { roles: ['wfo.team_leader'], identity: 'lead@example.org' },
    workerClient: { sid: 'WKlead', attributes: { full_name: 'Lead', team: 'Team Blue' } },
    serviceConfiguration: {
      ui_attributes: {
        supervisorInsights: { alertRules: [{ id: 'imminent-wait', kind: 'contactWait', supportType: 'imminent', seconds: 30, severity: 'error', holdSec: 0, clearSec: 10 }] },
      },
    },
    insightsClient: client,
  };
  registerInsights(flex as unknown as typeof Flex, manager as unknown as Flex.Manager);
  // Another Flex view to go to.
  flex.ViewCollection.Content.add(
    <flex.View name={DESK} key={DESK}>
      <p>Agent desktop</p>
    </flex.View>,
  );
  const host = document.createElement('div');
  document.body.appendChild(host);
  act(() => {
    ReactDOM.render(<Host flex={flex} header={null} />, host);
  });
  const contactWaits = (i: number): void => {
    const now = Date.now();
    client.set('tr-task', taskSid(i), aTaskItem(i, { queue_name: 'CISS Imminent', date_created: iso(now), date_updated: iso(now) }));
  };
  const go = async (viewName: string): Promise<void> => {
    await act(async () => {
      await flex.Actions.invokeAction('NavigateToView', { viewName });
    });
  };
  const badge = (): string | null => host.querySelector('nav [aria-label$="not acknowledged"]')?.textContent ?? null;
  const strip = (): string => host.querySelector('section[aria-label="Alerts"]')?.textContent ?? '';
  return { flex, host, contactWaits, go, badge, strip };
}

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

it('a raise while the user is elsewhere in Flex notifies; back in Insights the acknowledgement and the log are kept', async () => {
  const { flex, host, contactWaits, go, badge, strip } = setup();
  await pass(1000);
  contactWaits(1);
  await pass(31_000);
  expect(strip()).toContain(LABEL);
  expect(flex.Notifications.shown).toHaveLength(1);
  expect(badge()).toBe('1');

  // Acknowledged in the strip, then the leader goes to the agent desktop: Insights unmounts.
  const acknowledge = [...host.querySelectorAll('section[aria-label="Alerts"] button')].find((b) => b.textContent?.startsWith('Acknowledge')) as HTMLButtonElement;
  act(() => acknowledge.click());
  expect(badge()).toBeNull();
  await go(DESK);
  expect(host.querySelector('section[aria-label="Alerts"]')).toBeNull();
  expect(host.textContent).toContain('Agent desktop');

  // Away from Insights: another imminent contact crosses the limit.
  contactWaits(2);
  await pass(31_000);
  expect(flex.Notifications.shown.map((n) => (n.context as { subject: string }).subject)).toEqual([`CISS Imminent (${taskSid(1)})`, `CISS Imminent (${taskSid(2)})`]);
  expect(badge()).toBe('1');

  // Back in Insights: both alerts, the first still acknowledged by the leader; no new raise.
  await go(VIEW_NAME);
  await pass(1000);
  expect(strip()).toContain('Acknowledged by lead@example.org');
  expect(flex.Notifications.shown).toHaveLength(2);
  const showLog = [...host.querySelectorAll('button')].find((b) => /Show the alert log/.test(b.textContent ?? '')) as HTMLButtonElement;
  act(() => showLog.click());
  const rows = [...host.querySelectorAll('table[aria-label="Alert log"] tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
  expect(rows.map((cells) => cells[1]).sort()).toEqual(['Acknowledged', 'Raised', 'Raised']);
  ReactDOM.unmountComponentAtNode(host);
});

it('the browser notification the user turned on in Insights goes on while they are elsewhere', async () => {
  const shown: string[] = [];
  class FakeNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title: string, options?: { body?: string }) {
      shown.push(`${title}: ${options?.body ?? ''}`);
    }
  }
  Object.assign(globalThis, { Notification: FakeNotification });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  try {
    const { host, contactWaits, go } = setup();
    await pass(1000);
    const box = [...host.querySelectorAll('label')].find((l) => l.textContent?.includes('Browser notification'))?.querySelector('input') as HTMLInputElement;
    await act(async () => box.click());
    await go(DESK);
    contactWaits(5);
    await pass(31_000);
    expect(shown).toEqual([`Insights alert: ${LABEL} · CISS Imminent (${taskSid(5)})`]);
    // Back in Insights, the box is still ticked.
    await go(VIEW_NAME);
    expect(([...host.querySelectorAll('label')].find((l) => l.textContent?.includes('Browser notification'))?.querySelector('input') as HTMLInputElement).checked).toBe(true);
  } finally {
    delete (globalThis as { Notification?: unknown }).Notification;
    delete (document as { hidden?: boolean }).hidden;
  }
});

it('alerts run from the start of Flex, before Insights is ever opened', async () => {
  const { flex, contactWaits, badge } = setup(DESK);
  await pass(1000);
  contactWaits(4);
  await pass(31_000);
  expect(flex.Notifications.shown.map((n) => n.type)).toEqual(['error']);
  expect(badge()).toBe('1');
});

it('logging out of Flex stops the session\'s live data and alerts', async () => {
  const { flex, contactWaits } = setup();
  await pass(1000);
  await act(async () => {
    await flex.Actions.invokeAction('Logout');
  });
  contactWaits(3);
  await pass(31_000);
  expect(flex.Notifications.shown).toHaveLength(0);
});
