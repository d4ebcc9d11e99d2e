/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest, setStatus } from '../../../src/store';
import { NowTab } from '../../../src/views/now';
import { aContactArrives, anActivity, anEngagement, at } from '../../fixtures/builders';

function setup(config: object = DEFAULT_CONFIG) {
  const access = accessOf({ roles: ['supervisor'], workerSid: 'WKsup' });
  const store = createInsightsStore({ access, config: config as typeof DEFAULT_CONFIG, now: () => at(600), schedule: () => undefined });
  ingest(store, [
    anActivity('WK1', 0, 'Available'),
    ...aContactArrives({ task: 'WT1', queue: 'imminent', channel: 'voice' }, 10),
    ...anEngagement({ task: 'WT1', queue: 'imminent', channel: 'voice', reservation: 'WR1', worker: 'WK1', name: 'Ann Lee' }, { created: 20, accepted: 30 }),
    ...aContactArrives({ task: 'WT2', queue: 'check_in', channel: 'chat' }, 500),
  ]);
  applyQueued(store);
  setStatus(store, 'ready');
  render(<NowTab store={store} access={access} />);
}

const rowNames = (): string[] =>
  within(screen.getByRole('table', { name: 'Waiting now' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label') ?? '');

describe('NowTab', () => {
  it('lists the support types in urgency order, with each platform side by side', () => {
    setup();
    expect(rowNames()).toEqual(['Imminent', 'Safety', 'Check in', 'Check out', 'Support', 'Debrief', 'Technical support']);
    const headers = within(screen.getByRole('table', { name: 'Waiting now' })).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toContain('CISS Central');
    expect(headers).toContain('DIGI Central');
    expect(screen.getByText('Whole centre')).toBeTruthy();
  });

  it('follows a configured urgency', () => {
    setup({ ...DEFAULT_CONFIG, urgency: ['check_in'] });
    expect(rowNames().slice(0, 2)).toEqual(['Check in', 'Check out']);
  });

  it('an agent Available while on a contact shows the contact', () => {
    setup();
    const ann = screen.getByRole('listitem', { name: /Ann Lee: On a contact/ });
    // Available for 10:00, on an imminent call for 9:30
    expect(within(ann).getByText('Available · 10:00')).toBeTruthy();
    expect(ann.textContent).toContain('Imminent · voice · 9:30');
  });
});
