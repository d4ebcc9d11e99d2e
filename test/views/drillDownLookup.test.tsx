/**
 * @jest-environment jsdom
 *
 * Opening a conversation the live data does not hold: the screen looks it up in history
 * and says how far the search has gone, shows the conversation when found, says plainly
 * when it is not the user's to open or not found, and follows the live data when it holds
 * the conversation (the screen redraws with each batch).
 */
import * as React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf, conversationOfEvents, type TrEvent } from '../../src/core';
import { describeFailure } from '../../src/sources/backfill';
import { applyQueued, createInsightsStore, ingest } from '../../src/store';
import { DrillDownState, type LookupOutcome } from '../../src/views/drillDownState';
import { InsightsRoot } from '../../src/views/InsightsRoot';
import { BASE } from '../fixtures/builders';
import { ColdTransfer, Handled } from '../fixtures/scenarios';

const noFrames = () => undefined;
const access = accessOf({ roles: ['supervisor'], workerSid: 'WKsup' });

function setup(config = DEFAULT_CONFIG) {
  const store = createInsightsStore({ access, config, now: () => BASE + 3_600_000, schedule: noFrames, workerSid: 'WKsup' });
  const calls: { sid: string; progress?: (ms: number) => void; resolve: (o: LookupOutcome) => void }[] = [];
  const lookup = (sid: string, progress?: (ms: number) => void) => new Promise<LookupOutcome>((resolve) => calls.push({ sid, progress, resolve }));
  const drillDown = new DrillDownState();
  render(<InsightsRoot access={access} connect={() => ({ store, lookup, stop: () => undefined })} drillDown={drillDown} timeZone="UTC" />);
  return { store, drillDown, calls };
}

const taskOf = (events: readonly TrEvent[]) => events.find((e) => e.taskSid)?.taskSid as string;

describe('drill-down into a conversation the live data does not hold', () => {
  it('looks it up once, shows progress, then the conversation', async () => {
    const { drillDown, calls } = setup();
    const sid = taskOf(ColdTransfer);
    act(() => drillDown.show(sid));
    expect(calls.map((c) => c.sid)).toEqual([sid]);
    expect(screen.getByRole('status').textContent).toBe('Looking for this conversation in the last 30 days…');
    act(() => calls[0].progress?.(Date.UTC(2026, 10, 3, 9, 30)));
    expect(screen.getByRole('status').textContent).toBe('Looking for this conversation: searched back to 3 Nov, 09:30 UTC…');
    const detail = conversationOfEvents(ColdTransfer, access, DEFAULT_CONFIG, [sid]);
    expect(detail).toBeDefined();
    await act(async () => calls[0].resolve({ status: 'found', detail: detail! }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(detail!.customerName);
    expect(calls).toHaveLength(1);
  });

  it("says how far back it searched in the zone the view reads times in (the live store's), named", () => {
    const { drillDown, calls } = setup({ ...DEFAULT_CONFIG, timeZone: 'Australia/Sydney' });
    act(() => drillDown.show('WT0123'));
    // 09:30 UTC is 20:30 in Sydney in November (UTC+11).
    act(() => calls[0].progress?.(Date.UTC(2026, 10, 3, 9, 30)));
    expect(screen.getByRole('status').textContent).toBe('Looking for this conversation: searched back to 3 Nov, 20:30 GMT+11…');
  });

  it.each([
    [{ status: 'forbidden' } as LookupOutcome, 'That conversation is not yours to open.'],
    [{ status: 'not_found' } as LookupOutcome, 'No conversation with WT0123 in the last 30 days.'],
    [{ status: 'error', message: describeFailure(502) } as LookupOutcome, `The conversation could not be loaded. ${describeFailure(502)}`],
  ])('says why it cannot be shown (%j)', async (outcome, text) => {
    const { drillDown, calls } = setup();
    act(() => drillDown.show('WT0123'));
    await act(async () => calls[0].resolve(outcome));
    expect(screen.getByRole('alert').textContent).toBe(text);
    fireEvent.click(screen.getByRole('button', { name: 'Back to Insights' }));
    expect(drillDown.conversationId).toBeUndefined();
  });

  it('without history, says it cannot be opened here instead of doing nothing', () => {
    const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => BASE, schedule: noFrames });
    const drillDown = new DrillDownState();
    render(<InsightsRoot access={access} connect={() => ({ store, stop: () => undefined })} drillDown={drillDown} />);
    act(() => drillDown.show('WT0123'));
    expect(screen.getByRole('alert').textContent).toMatch(/not in the live data, and history is not set up/);
  });

  it('an answer for a conversation no longer shown is dropped', async () => {
    const { drillDown, calls } = setup();
    act(() => drillDown.show('WT0001'));
    act(() => drillDown.show('WT0002'));
    await act(async () => calls[0].resolve({ status: 'forbidden' }));
    expect(drillDown.remote).toEqual({ sid: 'WT0002', status: 'searching' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a conversation the live data holds needs no lookup, and the open screen follows its updates', () => {
    const { store, drillDown, calls } = setup();
    const sid = taskOf(Handled);
    const open = Handled.filter((e) => e.type !== 'reservation.completed' && e.type !== 'task.completed' && e.type !== 'reservation.wrapup' && e.type !== 'task.wrapup');
    act(() => {
      ingest(store, open);
      applyQueued(store);
    });
    act(() => drillDown.show(sid));
    expect(calls).toHaveLength(0);
    expect(screen.getByText('In progress')).toBeTruthy();
    act(() => {
      ingest(store, Handled);
      applyQueued(store);
    });
    expect(screen.getByText('Handled')).toBeTruthy();
  });
});
