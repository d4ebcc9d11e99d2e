/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, DEFAULT_THRESHOLDS, accessOf, type TrEvent } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest, setStatus } from '../../../src/store';
import { formatCount, humanise } from '../../../src/views/common';
import { QueuesTab, selectQueuesView } from '../../../src/views/queues';
import { dayEvents } from '../../store/fixtures';

const NOW = Date.parse('2026-11-16T19:04:30.000Z');

function setup(roles: string[], events: readonly TrEvent[], team?: string) {
  const access = accessOf({ roles, workerSid: 'WKlead', team });
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => NOW, schedule: () => undefined });
  ingest(store, events);
  applyQueued(store);
  setStatus(store, 'ready');
  render(<QueuesTab store={store} access={access} />);
  return { store, access };
}

describe('QueuesTab', () => {
  it('a team leader sees a tile per queue under its support type, with status in words and the legend', () => {
    const { store } = setup(['wfo.team_leader'], dayEvents.filter((e) => e.ts <= NOW), 'Team Blue');
    const view = selectQueuesView(store.getState());
    expect(within(screen.getByRole('region', { name: 'Waiting now' })).getByText(formatCount(view.waiting))).toBeTruthy();
    for (const g of view.groups) {
      const group = screen.getByRole('region', { name: humanise(g.supportType) });
      for (const tile of g.tiles) {
        const region = within(group).getByRole('region', { name: tile.queue });
        // the tile's status is written, not only coloured
        expect(within(region).getAllByText({ green: 'OK', amber: 'Watch', red: 'Act' }[tile.status]).length).toBeGreaterThan(0);
      }
    }
    const legend = screen.getByRole('region', { name: 'Status' });
    for (const word of ['OK', 'Watch', 'Act']) expect(within(legend).getByText(word)).toBeTruthy();
    // a team leader's available agents are their team's
    expect(screen.getByText(/Your team only/)).toBeTruthy();
    // no export for a team leader
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  });

  it("the legend says a support type's own thresholds after the general ones", () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, bySupportType: { imminent: { waitingNow: { amber: 1, red: 3 }, longestWaitSec: { amber: 60, red: 120 } } } };
    const access = accessOf({ roles: ['supervisor'], workerSid: 'WKlead' });
    const store = createInsightsStore({ access, config: { ...DEFAULT_CONFIG, thresholds } as typeof DEFAULT_CONFIG, now: () => NOW, schedule: () => undefined });
    ingest(store, dayEvents.filter((e) => e.ts <= NOW));
    applyQueued(store);
    setStatus(store, 'ready');
    render(<QueuesTab store={store} access={access} />);
    const legend = screen.getByRole('region', { name: 'Status' });
    expect(legend.textContent).toContain('Amber from 3 waiting, a 1:00 wait or an SLA under 80%; red from 6, 3:00 or under 60%.');
    expect(legend.textContent).toContain('Imminent: amber from 1 waiting, a 1:00 wait or an SLA under 80%; red from 3, 2:00 or under 60%.');
  });

  it('an analyst may download the tiles as CSV', () => {
    setup(['wfo.data_analyst'], dayEvents.filter((e) => e.ts <= NOW));
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
  });

  it('says so when no queue has anything today', () => {
    setup(['supervisor'], []);
    expect(screen.getByText('No queue has had a contact today and nobody is waiting.')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Waiting now' })).getByText('0')).toBeTruthy();
  });
});
