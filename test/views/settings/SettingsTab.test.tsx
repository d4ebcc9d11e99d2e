/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import pluginConfig from '../../../flex-plugin.config.js';
import { accessOf, resolvePluginConfig, settingsOf, type DrillDownRule, type Settings } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest } from '../../../src/store';
import { SettingsTab, type SaveOutcome, type SettingsSaver } from '../../../src/views/settings';
import { dayEvents } from '../../store/fixtures';

const crm: DrillDownRule = { pattern: 'https://crm.example.com/*', action: 'new tab' };
const wiki: DrillDownRule = { pattern: 'https://wiki.example.com/*', action: 'original handler' };
const BASE: Settings = { ...settingsOf(resolvePluginConfig({}, pluginConfig)), drillDownRules: [crm, wiki] };
const ZONES = ['UTC', 'Europe/London', 'Australia/Sydney'];

function input(name: string): HTMLInputElement {
  return screen.getByLabelText(name) as HTMLInputElement;
}

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
    for (const name of ['Drill-down rules', 'Support types', 'Platforms', 'Thresholds', 'Service level, time zone and history']) expect(section(name)).toBeTruthy();
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
    const file = screen.getByLabelText('Settings file to import') as HTMLInputElement;
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
});
