/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DrillDownRule } from '../../../src/core';
import { localStoragePersistence } from '../../../src/sandbox/rulesStorage';
import { SettingsTab, copyJsonPersistence, type RulesPersistence } from '../../../src/views/settings';

const crm: DrillDownRule = { pattern: 'https://crm.example.com/*', action: 'new tab' };
const wiki: DrillDownRule = { pattern: 'https://wiki.example.com/*', action: 'original handler' };

function input(name: string): HTMLInputElement {
  return screen.getByLabelText(name) as HTMLInputElement;
}

function saveButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
}

function recording(): RulesPersistence & { saved: DrillDownRule[][] } {
  const saved: DrillDownRule[][] = [];
  return {
    saved,
    load: () => undefined,
    save: async (rules) => {
      saved.push([...rules]);
      return { kind: 'saved' };
    },
  };
}

describe('SettingsTab', () => {
  afterEach(() => window.localStorage.clear());

  it('shows a labelled row per rule with its controls', () => {
    render(<SettingsTab rules={[crm, wiki]} persistence={recording()} />);
    expect(input('Pattern of rule 1').value).toBe(crm.pattern);
    expect((screen.getByLabelText('Action of rule 2') as HTMLSelectElement).value).toBe('original handler');
    expect(screen.getAllByRole('option').map((o) => (o as HTMLOptionElement).value).slice(0, 3)).toEqual(['screen', 'new tab', 'original handler']);
    expect((screen.getByRole('button', { name: 'Move rule 1 up' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move rule 2 down' }) as HTMLButtonElement).disabled).toBe(true);
    expect(saveButton().disabled).toBe(false);
  });

  it('adds, moves and deletes rows', () => {
    render(<SettingsTab rules={[crm, wiki]} persistence={recording()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    expect(input('Pattern of rule 1').value).toBe(wiki.pattern);
    fireEvent.click(screen.getByRole('button', { name: 'Delete rule 1' }));
    expect(input('Pattern of rule 1').value).toBe(crm.pattern);
    expect(screen.queryByLabelText('Pattern of rule 2')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(input('Pattern of rule 2').value).toBe('https://');
  });

  it('shows problems next to the row and disables Save until they are fixed', () => {
    render(<SettingsTab rules={[crm]} persistence={recording()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    fireEvent.change(input('Pattern of rule 2'), { target: { value: crm.pattern } });
    expect(screen.getByText('same pattern as rule 1, never reached')).toBeTruthy();
    expect(input('Pattern of rule 2').getAttribute('aria-invalid')).toBe('true');
    expect(input('Pattern of rule 1').getAttribute('aria-invalid')).not.toBe('true');
    expect(saveButton().disabled).toBe(true);
    fireEvent.change(input('Pattern of rule 2'), { target: { value: 'https://*' } });
    expect(screen.queryByText('same pattern as rule 1, never reached')).toBeNull();
    expect(saveButton().disabled).toBe(false);
  });

  it('says which rule applies to a URL, following edits', () => {
    render(<SettingsTab rules={[crm, wiki]} persistence={recording()} />);
    expect(screen.getByText('Type a URL to see which rule applies.')).toBeTruthy();
    fireEvent.change(input('Try a URL'), { target: { value: 'https://wiki.example.com/page' } });
    expect(screen.getByText("Rule 2 applies: Hand to Flex's own handler.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Action of rule 2'), { target: { value: 'new tab' } });
    expect(screen.getByText('Rule 2 applies: Open in a new browser tab.')).toBeTruthy();
    fireEvent.change(input('Try a URL'), { target: { value: 'https://other.example.com/' } });
    expect(screen.getByText('No rule matches: Open in the drill-down screen (the default).')).toBeTruthy();
  });

  it('saves to localStorage and reports Saved', async () => {
    const onChange = jest.fn();
    render(<SettingsTab rules={[crm]} persistence={localStoragePersistence()} onChange={onChange} />);
    fireEvent.change(input('Pattern of rule 1'), { target: { value: '  https://crm.example.com/case/*  ' } });
    fireEvent.click(saveButton());
    expect(await screen.findByText('Saved')).toBeTruthy();
    const stored = [{ pattern: 'https://crm.example.com/case/*', action: 'new tab' }];
    expect(onChange).toHaveBeenCalledWith(stored);
    expect(localStoragePersistence().load()).toEqual(stored);
  });

  it('shows the JSON to paste when Flex has no save function', async () => {
    const onChange = jest.fn();
    render(<SettingsTab rules={[crm, wiki]} persistence={copyJsonPersistence()} onChange={onChange} />);
    fireEvent.click(saveButton());
    const json = (await screen.findByLabelText('Rules as JSON')) as HTMLTextAreaElement;
    expect(json.readOnly).toBe(true);
    expect(JSON.parse(json.value)).toEqual([crm, wiki]);
    expect(screen.getByText(/ui_attributes\.supervisorInsights\.drillDownRules/)).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('says when saving failed', async () => {
    const failing: RulesPersistence = { load: () => undefined, save: () => Promise.reject(new Error('quota exceeded')) };
    render(<SettingsTab rules={[crm]} persistence={failing} />);
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('quota exceeded'));
  });
});
