/**
 * @jest-environment jsdom
 *
 * A save in the Settings tab applied in the admin's own session, from Flex's side: the
 * plugin registered on a Flex-like host, live data from the fake insights client, the save
 * through the Settings function's handler (over the fake Flex Configuration) reached by
 * `fetch`. At once, without a reload: the queue tile recolours under the new threshold and
 * moves to its new support type, the drill-down follows the new rule, times read in the new
 * zone, the alert strip runs the new rules; and the next save is made on the new version.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type * as Flex from '@twilio/flex-ui';
import { createSettingsHandler } from '../../serverless/src/settingsHandler';
import { registerInsights } from '../../src/flex/register';
import { createFakeFlex } from '../../src/sandbox/fakes/fakeFlex';
import { createFakeFlexConfiguration } from '../../src/sandbox/fakes/fakeFlexConfiguration';
import { FakeInsightsClient } from '../../src/sandbox/fakes/fakeInsightsClient';
import { fakeConfigurationClient } from '../../src/sandbox/server/settingsServer';
import { fieldByLabel } from '../fixtures/fields';
import { aTaskItem, aWorkerItem, at, taskSid, workerSid } from '../sources/liveFixtures';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const SETTINGS_URL = 'https://functions.example/insights-settings';
const QUEUE = 'CISS Support';

/** Flex's stored configuration: another key beside ours, and nothing of ours saved yet. */
const configuration = createFakeFlexConfiguration({ accountSid: ACCOUNT, uiAttributes: { colorTheme: { light: true } } });
const handler = createSettingsHandler({
  validateToken: async (token) => (token === 'admin-token' ? { valid: true, roles: ['admin'], identity: 'admin@example.org' } : { valid: false }),
  configuration: fakeConfigurationClient(configuration),
  accountSid: ACCOUNT,
});
const posted: { url: string; body: { baseVersion: number; settings: Record<string, unknown> } }[] = [];

function managerWith(client: FakeInsightsClient): Flex.Manager {
  return {
    user: { roles: ['admin'], identity: 'admin@example.org', token: 'admin-token' },
    workerClient: { sid: workerSid(0), attributes: { full_name: 'Ada Admin' } },
    serviceConfiguration: { ui_attributes: configuration.uiAttributes() },
    insightsClient: client,
  } as unknown as Flex.Manager;
}

beforeAll(() => {
  // A contact has waited 90 s in CISS Support (since 10 s): amber under the bundled 60 / 180 s.
  jest.spyOn(Date, 'now').mockReturnValue(at(100));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  // The conversation list draws the rows in view: give the page a height.
  jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  global.fetch = (async (url: string, init: { body: string }) => {
    const event = JSON.parse(init.body) as (typeof posted)[number]['body'];
    posted.push({ url, body: event });
    const answer = await handler(event, { method: 'POST', headers: { origin: 'https://flex.twilio.com' } });
    return { status: answer.status, json: async () => answer.body };
  }) as unknown as typeof fetch;
});

const GENERAL = 'Service level, time zone and history';
const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));
/** A field of a section, by its label (see fieldByLabel). */
const field = (section: string, label: string) => fieldByLabel(label, screen.getByRole('region', { name: section }));
const set = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

/** The tile of the queue: its support-type group and its status word. */
function tile(): { group: string | null; status: string } {
  const card = screen.getByRole('region', { name: QUEUE });
  const group = card.parentElement?.closest('section')?.getAttribute('aria-label') ?? null;
  return { group, status: within(card).getByText(/^(OK|Watch|Act)$/).textContent ?? '' };
}

describe('a save in the Settings tab, in the admin’s own session', () => {
  it('applies at once: thresholds, support types, drill-down rules, time zone and alert rules; the next save is on the new version', async () => {
    const client = new FakeInsightsClient();
    client.set('tr-worker', workerSid(0), aWorkerItem(0, { activity_name: 'Break' }));
    client.set('tr-task', taskSid(1), aTaskItem(1, { queue_name: QUEUE }));
    const flex = createFakeFlex('supervisor-insights');
    const manager = managerWith(client);
    const opened: string[] = [];
    jest.spyOn(window, 'open').mockImplementation((url) => (opened.push(String(url)), null));
    registerInsights(flex as never, manager, { settingsUrl: SETTINGS_URL });
    render(<>{flex.ViewCollection.Content.items}</>);

    // Before: amber in the support group, the CRM link goes to Flex's own handler, times in UTC.
    tab('Queues');
    await waitFor(() => expect(tile()).toEqual({ group: 'Support', status: 'Watch' }));
    await act(() => flex.Actions.invokeAction('HistoricalReportingView', 'https://crm.example.com/case/7'));
    expect(flex.originalDrillDowns).toEqual(['https://crm.example.com/case/7']);
    tab('Conversations');
    await screen.findByText('10:00');

    // The admin: CISS Support becomes its own type "welfare", red from 30 s of waiting; CRM
    // links open in a new tab; the zone is Sydney; one alert rule, on welfare waits over 60 s.
    tab('Settings');
    set(field('Support types', 'Patterns of support'), 'digi support');
    fireEvent.click(screen.getByRole('button', { name: 'Add support type' }));
    set(field('Support types', 'Name of support type 8'), 'welfare');
    set(field('Support types', 'Patterns of welfare'), 'ciss support');
    fireEvent.click(screen.getByRole('button', { name: 'Add a support type threshold' }));
    set(field('Thresholds', 'Support type of override 1'), 'welfare');
    set(field('Thresholds', 'welfare longest wait (s), amber'), '10');
    set(field('Thresholds', 'welfare longest wait (s), red'), '30');
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    set(field('Drill-down rules', 'Pattern of rule 1'), 'https://crm.example.com/*');
    set(field('Drill-down rules', 'Action of rule 1'), 'new tab');
    set(field(GENERAL, 'Time zone'), 'Australia/Sydney');
    const rules = within(screen.getByRole('region', { name: 'Alert rules' }));
    while (rules.queryByRole('button', { name: 'Remove alert rule 1' })) fireEvent.click(rules.getByRole('button', { name: 'Remove alert rule 1' }));
    fireEvent.click(rules.getByRole('button', { name: 'Add an alert rule' }));
    const rule = rules.getByRole('group', { name: 'Alert rule 1' });
    set(fieldByLabel('Watches', rule), 'supportType');
    set(fieldByLabel('Support type', rule), 'welfare');
    set(fieldByLabel('Waiting over (s)', rule), '60');
    set(fieldByLabel('Label (optional)', rule), 'Welfare contact waiting');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Saved \(version 1\)/);
    expect(posted.map((p) => [p.url, p.body.baseVersion])).toEqual([[SETTINGS_URL, 0]]);
    // Stored in Flex beside the other key, as the next start will read it.
    expect(configuration.uiAttributes()).toMatchObject({ colorTheme: { light: true }, supervisorInsights: { version: 1, timeZone: 'Australia/Sydney' } });

    // In force at once, no reload.
    tab('Queues');
    await waitFor(() => expect(tile()).toEqual({ group: 'Welfare', status: 'Act' }));
    await act(() => flex.Actions.invokeAction('HistoricalReportingView', 'https://crm.example.com/case/8'));
    expect(opened).toEqual(['https://crm.example.com/case/8']);
    expect(flex.originalDrillDowns).toHaveLength(1);
    tab('Conversations');
    // 10:00 UTC is 21:00 in Sydney (daylight time in November).
    await screen.findByText('21:00');
    expect(screen.queryByText('10:00')).toBeNull();
    const strip = within(screen.getByRole('region', { name: 'Alerts' }));
    expect(strip.getByText('Welfare contact waiting')).toBeTruthy();
    expect(strip.queryByText(/Agent in Break/)).toBeNull();
    // The Flex configuration in memory holds it too (the view opened again reads it).
    expect((manager.serviceConfiguration as unknown as { ui_attributes: { supervisorInsights: { version: number } } }).ui_attributes.supervisorInsights.version).toBe(1);

    // Each next save is made on the version saved last, the tab opened again in between.
    for (const [version, seconds] of [[1, '30'], [2, '45']] as const) {
      tab('Settings');
      await screen.findByText(new RegExp(`Version ${version}, saved by admin@example.org`));
      set(field(GENERAL, 'Service level target (seconds)'), seconds);
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await screen.findByText(`Saved (version ${version + 1}). In force in this session now.`);
      tab('Queues');
    }
    expect(posted.map((p) => p.body.baseVersion)).toEqual([0, 1, 2]);
    // The whole session in one page: more than the default 5 s on a busy machine.
  }, 60_000);
});
