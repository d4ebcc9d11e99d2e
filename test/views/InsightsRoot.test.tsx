/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf } from '../../src/core';
import { applyQueued, createInsightsStore, ingest, setStatus } from '../../src/store';
import { InsightsRoot } from '../../src/views/InsightsRoot';
import { BASE } from '../fixtures/builders';
import { Abandon, ColdTransfer, Handled } from '../fixtures/scenarios';

const noFrames = () => undefined;

function connectWith(roles: string[], workerSid?: string) {
  const access = accessOf({ roles, workerSid, team: 'Team Blue' });
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => BASE + 3_600_000, schedule: noFrames, workerSid });
  const stop = jest.fn();
  return { access, store, stop, connect: () => ({ store, stop }) };
}

describe('InsightsRoot', () => {
  it('shows a live figure per tab and follows the store', () => {
    const { access, store, stop, connect } = connectWith(['supervisor'], 'WKsup');
    const { unmount } = render(<InsightsRoot access={access} connect={connect} />);
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Now', 'Overview', 'Queues', 'Agents & teams', 'Conversations', 'My stats']);
    // Now is first; the Overview tab: nothing counted yet while live data loads.
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(screen.getByText('Loading…')).toBeTruthy();
    act(() => {
      ingest(store, [...Handled, ...ColdTransfer.map((e) => ({ ...e, sid: `${e.sid}b` }))]);
      applyQueued(store);
      setStatus(store, 'ready');
    });
    // Handled: 1 engagement; ColdTransfer: 2 -> 3 handled, 2 conversations
    expect(within(screen.getByRole('region', { name: 'Handled' })).getByText('3')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Conversations' })).getByText('2')).toBeTruthy();
    unmount();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('says what went wrong when live data fails', () => {
    const { access, store, connect } = connectWith(['supervisor']);
    render(<InsightsRoot access={access} connect={connect} />);
    act(() => setStatus(store, 'error', 'Live data could not be opened.'));
    expect(screen.getAllByText(/Live data could not be opened\./).length).toBeGreaterThan(0);
  });

  it("an agent sees only My stats, with their own count", () => {
    const { access, store, connect } = connectWith(['agent'], 'WKann');
    render(<InsightsRoot access={access} connect={connect} />);
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['My stats']);
    act(() => {
      ingest(store, [...Handled, ...Abandon.map((e) => ({ ...e, sid: `${e.sid}c`, taskSid: 'WT02' }))]);
      applyQueued(store);
    });
    const mine = screen.getByRole('region', { name: 'My handled today' });
    expect(within(mine).getByText('1')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Waiting now' })).toBeNull();
  });
});
