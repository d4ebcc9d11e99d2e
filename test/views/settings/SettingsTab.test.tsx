/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import pluginConfig from '../../../flex-plugin.config.js';
import { accessOf, resolvePluginConfig, settingsOf, settingsUrlBeside, type DrillDownRule, type Settings } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest } from '../../../src/store';
import { SettingsTab, type SaveOutcome, type SettingsSaver } from '../../../src/views/settings';
import { fieldByLabel } from '../../fixtures/fields';
import { dayEvents } from '../../store/fixtures';

// The whole tab redraws on a save or an import (every section, a few hundred Paste fields): in
// jsdom on a busy machine that alone can take seconds, beyond Testing Library's and Jest's defaults.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

const crm: DrillDownRule = { pattern: 'https://crm.example.com/*', action: 'new tab' };
const wiki: DrillDownRule = { pattern: 'https://wiki.example.com/*', action: 'original handler' };
const BASE: Settings = { ...settingsOf(resolvePluginConfig({}, pluginConfig)), drillDownRules: [crm, wiki] };
const ZONES = ['UTC', 'Europe/London', 'Australia/Sydney'];

/** A field by its label's text (the tab has hundreds of labels: see fieldByLabel). */
const input = (name: string): HTMLInputElement => fieldByLabel(name);

function saveButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
}

function recording(answer: (settings: Settings, base: number) => SaveOutcome = (_, base) => ({ kind: 'saved', stored: {}, saved: { version: base + 1, savedBy: 'admin@x' } })) {
  const calls: { settings: Settings; base: number }[] = [];
  const saver: SettingsSaver = {
    save: async (settings, base) => {
      calls.push({ settings, base });
      return answer(settings, base);
    },
  };
  return { saver, calls };
}

function storeWithDay() {
  const store = createInsightsStore({ access: accessOf({ roles: ['admin'] }), config: resolvePluginConfig({}, pluginConfig), now: () => Date.parse('2026-11-16T23:00:00Z'), schedule: () => undefined });
  ingest(store, dayEvents);
  applyQueued(store);
  return store;
}

const section = (name: string) => screen.getByRole('region', { name });

describe('SettingsTab', () => {
  it('shows each section with the settings in force', () => {
    render(<SettingsTab settings={BASE} saved={{ version: 0 }} zones={ZONES} />);
    for (const name of ['Drill-down rules', 'Support types', 'Platforms', 'Thresholds', 'Alert rules', 'Service level, time zone and history']) expect(section(name)).toBeTruthy();
    expect(input('Pattern of rule 1').value).toBe(crm.pattern);
    expect(input('Patterns of imminent').value).toBe('imminent');
    expect(input('Platform of channel voice').value).toBe('CISS Central');
    expect(input('Longest wait (s), red').value).toBe('180');
    expect(input('Service level target (seconds)').value).toBe('60');
    expect(screen.getByText(/none has been saved in this Flex account yet/)).toBeTruthy();
    // No function configured: Save stays off and the tab says why.
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByText(/Saving needs the Settings function/)).toBeTruthy();
  });

  it('previews every queue seen with its support type, "other" marked, following edits', () => {
    render(<SettingsTab settings={BASE} saved={{ version: 0 }} zones={ZONES} store={storeWithDay()} />);
    const preview = screen.getByRole('table', { name: 'Queue to support type preview' });
    const rowOf = (queue: string) => within(preview).getByText(queue).closest('tr') as HTMLElement;
    const queues = (within(preview).getAllByRole('row') as HTMLTableRowElement[]).slice(1).map((r) => r.cells[0].textContent ?? '');
    expect(queues.length).toBeGreaterThan(3);
    const safety = queues.find((q) => /safety/i.test(q));
    expect(safety).toBeDefined();
    expect((rowOf(safety!) as HTMLTableRowElement).cells[1].textContent).toBe('safety');
    // Remove the safety type: its queues become "other", shown as such.
    fireEvent.click(screen.getByRole('button', { name: 'Remove support type safety' }));
    expect((rowOf(safety!) as HTMLTableRowElement).cells[1].textContent).toBe('other');
    expect(screen.getByText(/of \d+ queues map to “other”/)).toBeTruthy();
  });

  it('names each problem in its section and refuses to save while any is left', async () => {
    const { saver, calls } = recording();
    render(<SettingsTab settings={BASE} saved={{ version: 2 }} saver={saver} zones={ZONES} />);
    expect(saveButton().disabled).toBe(false);
    fireEvent.change(input('Longest wait (s), amber'), { target: { value: '400' } });
    fireEvent.change(input('Patterns of imminent'), { target: { value: 'imminent, safe*' } });
    fireEvent.change(input('Service level target (seconds)'), { target: { value: 'soon' } });
    expect(within(section('Thresholds')).getByText(/^longest wait \(s\): amber \(400 s\) must be below red \(180 s\)/)).toBeTruthy();
    expect(within(section('Support types')).getByText(/imminent pattern 2: .*not wildcards/)).toBeTruthy();
    expect(within(section('Service level, time zone and history')).getByText(/must be a number of seconds/)).toBeTruthy();
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByText(/Fix the 3 problems above to save/)).toBeTruthy();
    fireEvent.click(saveButton());
    expect(calls).toHaveLength(0);
  });

  it('saves the whole value on the version in force, and the next save on the new version', async () => {
    const onSaved = jest.fn();
    const { saver, calls } = recording((_, base) => ({ kind: 'saved', stored: { version: base + 1 }, saved: { version: base + 1, savedBy: 'admin@x' } }));
    render(<SettingsTab settings={BASE} saved={{ version: 2 }} saver={saver} zones={ZONES} onSaved={onSaved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a support type threshold' }));
    fireEvent.change(input('Support type of override 1'), { target: { value: 'imminent' } });
    fireEvent.change(input('imminent longest wait (s), amber'), { target: { value: '10' } });
    fireEvent.change(input('imminent longest wait (s), red'), { target: { value: '20' } });
    fireEvent.change(input('Time zone'), { target: { value: 'Australia/Sydney' } });
    fireEvent.click(saveButton());
    await screen.findByText(/Saved \(version 3\)/);
    expect(calls[0].base).toBe(2);
    expect(calls[0].settings).toEqual({
      ...BASE,
      timeZone: 'Australia/Sydney',
      thresholds: { ...BASE.thresholds, bySupportType: { imminent: { longestWaitSec: { amber: 10, red: 20 } } } },
    });
    expect(onSaved).toHaveBeenCalledWith({ version: 3 });
    expect(screen.getByText(/Version 3, saved by admin@x/)).toBeTruthy();
    fireEvent.click(saveButton());
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].base).toBe(3);
    expect(screen.getByText(/Other open sessions take it when Insights next starts/)).toBeTruthy();
  });

  it('says a save on a stale copy was refused, and applies nothing', async () => {
    const onSaved = jest.fn();
    const { saver } = recording(() => ({ kind: 'stale', message: 'the settings were saved by other@x (version 5) after this copy (version 2) was loaded' }));
    render(<SettingsTab settings={BASE} saved={{ version: 2 }} saver={saver} zones={ZONES} onSaved={onSaved} />);
    fireEvent.click(saveButton());
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not saved: the settings were saved by other@x/);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('imports a settings file into the form, and refuses a bad one with its problems', async () => {
    render(<SettingsTab settings={BASE} saved={{ version: 0 }} zones={ZONES} />);
    const file = document.querySelector('input[type="file"][aria-label="Settings file to import"]') as HTMLInputElement;
    const good = { ...BASE, serviceLevelSec: 30, version: 9 };
    fireEvent.change(file, { target: { files: [new File([JSON.stringify(good)], 'other-account.json', { type: 'application/json' })] } });
    await screen.findByText(/Imported other-account.json/);
    expect(input('Service level target (seconds)').value).toBe('30');
    const bad = { ...BASE, timeZone: 'Nowhere/Land' };
    fireEvent.change(file, { target: { files: [new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' })] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Not imported: bad.json.*timeZone: "Nowhere\/Land" is not an IANA time zone/);
    expect(input('Service level target (seconds)').value).toBe('30');
  });

  it('keeps the drill-down rules editor: moves and tries a URL', () => {
    render(<SettingsTab settings={BASE} saved={{ version: 0 }} zones={ZONES} />);
    fireEvent.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    expect(input('Pattern of rule 1').value).toBe(wiki.pattern);
    fireEvent.change(input('Try a URL'), { target: { value: 'https://crm.example.com/case/1' } });
    expect(screen.getByText(/Rule 2 applies: Open in a new browser tab/)).toBeTruthy();
  });
  describe('alert rules', () => {
    const group = (n: number) => screen.getByRole('group', { name: `Alert rule ${n}` });
    const field = (n: number, label: string) => fieldByLabel(label, group(n));

    it('shows each rule in force with what it watches, from which value, how loud and for how long', () => {
      render(<SettingsTab settings={BASE} saved={{ version: 0 }} zones={ZONES} />);
      expect(within(section('Alert rules')).getAllByRole('group')).toHaveLength(BASE.alertRules.length);
      // The bundled first rule: an imminent contact waiting over 120 s, an error, clear after 10 s.
      expect(field(1, 'Name').value).toBe('imminent-wait');
      expect(field(1, 'Kind').value).toBe('contactWait');
      expect(field(1, 'Watches').value).toBe('supportType');
      expect(field(1, 'Support type').value).toBe('imminent');
      expect(field(1, 'Waiting over (s)').value).toBe('120');
      expect(field(1, 'Severity').value).toBe('error');
      expect([field(1, 'Hold (s)').value, field(1, 'Clear (s)').value]).toEqual(['0', '10']);
      // An activity rule names its activity; a wrap-up rule has no subject.
      expect(field(6, 'Activity').value).toBe('Break');
      expect(within(group(7)).queryByText('Watches')).toBeNull();
    });

    it('names a bad field of a rule and holds Save back until it is fixed', () => {
      const { saver, calls } = recording();
      render(<SettingsTab settings={BASE} saved={{ version: 1 }} saver={saver} zones={ZONES} />);
      fireEvent.change(field(1, 'Waiting over (s)'), { target: { value: 'soon' } });
      fireEvent.change(field(2, 'Name'), { target: { value: 'imminent-wait' } });
      fireEvent.change(field(4, 'Below (0–1)'), { target: { value: '60' } });
      const problems = within(section('Alert rules'));
      expect(problems.getByText('alert rule 1 › waiting over (s): must be a number ≥ 0')).toBeTruthy();
      expect(problems.getByText('alert rule 2 › name: "imminent-wait" is used by an earlier rule')).toBeTruthy();
      expect(problems.getByText(/^alert rule 4 › service level below \(0–1\): must be a fraction above 0 and at most 1/)).toBeTruthy();
      expect(saveButton().disabled).toBe(true);
      // A support type the map loses: the rule on it would never alert.
      fireEvent.change(field(1, 'Waiting over (s)'), { target: { value: '90' } });
      fireEvent.change(field(2, 'Name'), { target: { value: 'safety-wait' } });
      fireEvent.change(field(4, 'Below (0–1)'), { target: { value: '0.6' } });
      expect(saveButton().disabled).toBe(false);
      fireEvent.click(screen.getByRole('button', { name: 'Remove support type imminent' }));
      expect(problems.getByText(/^alert rule 1 › support type: "imminent" is not a support type of the map/)).toBeTruthy();
      expect(saveButton().disabled).toBe(true);
      fireEvent.click(saveButton());
      expect(calls).toHaveLength(0);
    });

    it('adds, changes and removes rules, and saves the whole list', async () => {
      const { saver, calls } = recording();
      render(<SettingsTab settings={{ ...BASE, alertRules: BASE.alertRules.slice(0, 2) }} saved={{ version: 1 }} saver={saver} zones={ZONES} />);
      fireEvent.click(screen.getByRole('button', { name: 'Remove alert rule 2' }));
      fireEvent.click(screen.getByRole('button', { name: 'Add an alert rule' }));
      // The new rule: the service level of one platform.
      expect(field(2, 'Name').value).toBe('rule-2');
      fireEvent.change(field(2, 'Kind'), { target: { value: 'serviceLevel' } });
      fireEvent.change(field(2, 'Watches'), { target: { value: 'platform' } });
      fireEvent.change(field(2, 'Platform'), { target: { value: 'CISS Central' } });
      fireEvent.change(field(2, 'Below (0–1)'), { target: { value: '0.7' } });
      // The severities in the strip's words: the admin picks what the leader will read.
      expect(within(field(2, 'Severity')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Info', 'Warning', 'Urgent']);
      fireEvent.change(field(2, 'Severity'), { target: { value: 'error' } });
      fireEvent.change(field(2, 'Hold (s)'), { target: { value: '60' } });
      fireEvent.change(field(2, 'Label (optional)'), { target: { value: 'Voice SLA' } });
      fireEvent.change(field(1, 'Waiting over (s)'), { target: { value: '45' } });
      fireEvent.click(saveButton());
      await screen.findByText(/Saved \(version 2\)/);
      expect(calls[0].settings.alertRules).toEqual([
        { ...BASE.alertRules[0], seconds: 45 },
        { id: 'rule-2', kind: 'serviceLevel', platform: 'CISS Central', below: 0.7, severity: 'error', holdSec: 60, clearSec: 10, label: 'Voice SLA' },
      ]);
    });
  });

  describe('export, import and the Settings function', () => {
    it('exports the settings in force as JSON that imports back; a bad file is refused with every problem and changes nothing', async () => {
      const blobs: Blob[] = [];
      const names: string[] = [];
      Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:settings'), revokeObjectURL: () => undefined });
      jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        names.push(this.download);
      });
      render(<SettingsTab settings={BASE} saved={{ version: 4, savedBy: 'admin@x' }} zones={ZONES} />);
      fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
      expect(names).toEqual(['supervisor-insights-settings.json']);
      // jsdom's Blob has no text(): read it as the tab reads an imported file.
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blobs[0]);
      });
      expect(JSON.parse(text)).toEqual({ ...BASE, version: 4, savedBy: 'admin@x' });

      // Change the form, then import the exported file: the form is what was exported.
      fireEvent.change(input('Service level target (seconds)'), { target: { value: '45' } });
      const file = document.querySelector('input[type="file"][aria-label="Settings file to import"]') as HTMLInputElement;
      fireEvent.change(file, { target: { files: [new File([text], 'exported.json', { type: 'application/json' })] } });
      await screen.findByText(/Imported exported.json/);
      expect(input('Service level target (seconds)').value).toBe('60');
      expect(fieldByLabel('Waiting over (s)', screen.getByRole('group', { name: 'Alert rule 1' })).value).toBe('120');

      const broken = JSON.parse(text) as Record<string, unknown>;
      broken.alertRules = [{ ...BASE.alertRules[0], severity: 'loud' }];
      broken.shortAbandonSec = 900;
      fireEvent.change(file, { target: { files: [new File([JSON.stringify(broken)], 'broken.json', { type: 'application/json' })] } });
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(/Not imported: broken.json is not a valid settings file/);
      expect(alert.textContent).toMatch(/alertRules\[0\]\.severity: must be one of info, warning, error/);
      expect(alert.textContent).toMatch(/shortAbandonSec: must be from 0 to 600 seconds/);
      expect(fieldByLabel('Severity', screen.getByRole('group', { name: 'Alert rule 1' })).value).toBe('error');
    });

    it('refuses a history URL that would leave the next start without the Settings function, and says what an empty URL means', () => {
      const { saver } = recording();
      const functionUrls = { now: 'https://x-1.twil.io/insights-settings', after: (u: string) => settingsUrlBeside(u.trim() || undefined) };
      render(
        <SettingsTab
          settings={{ ...BASE, historyUrl: 'https://x-1.twil.io/insights-history' }}
          saved={{ version: 1 }}
          saver={saver}
          zones={ZONES}
          functionUrls={functionUrls}
        />,
      );
      const general = within(section('Service level, time zone and history'));
      // No history URL built in: empty means live data only.
      expect(general.getByText(/Empty: no history, live data only\./)).toBeTruthy();
      expect(saveButton().disabled).toBe(false);
      fireEvent.change(input('History function URL'), { target: { value: '' } });
      expect(general.getByText(/with no history URL, Insights would find no Settings function at its next start/)).toBeTruthy();
      expect(saveButton().disabled).toBe(true);
      fireEvent.change(input('History function URL'), { target: { value: 'https://x-1.twil.io/history' } });
      expect(saveButton().disabled).toBe(true);
      // Another service's history function: the next start saves through the settings function beside it, and the tab says so.
      fireEvent.change(input('History function URL'), { target: { value: 'https://y-2.twil.io/insights-history' } });
      expect(saveButton().disabled).toBe(false);
      expect(general.getByText(/Once saved, settings are saved through https:\/\/y-2.twil.io\/insights-settings\./)).toBeTruthy();
    });

    it('says an empty history URL brings back the one the plugin was built with', () => {
      render(<SettingsTab settings={BASE} saved={{ version: 0 }} zones={ZONES} bundledHistoryUrl="https://built.twil.io/insights-history" />);
      expect(screen.getByText(/Empty: the plugin's own \(https:\/\/built.twil.io\/insights-history\) applies; history cannot be switched off here\./)).toBeTruthy();
    });
  });
});
