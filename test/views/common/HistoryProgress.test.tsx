/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, render, screen } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf } from '../../../src/core';
import { createInsightsStore, setHistoryProgress } from '../../../src/store';
import { HistoryProgress, historyProgressPercent, historyProgressText } from '../../../src/views/common/HistoryProgress';

const store = () => createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config: DEFAULT_CONFIG, schedule: () => undefined, now: () => Date.UTC(2026, 10, 21, 12) });

describe('the history progress line', () => {
  it.each([
    [{ loading: true, fetched: 0, daysDone: 0, daysTotal: 1 }, 'Loading history: 0 events'],
    [{ loading: true, fetched: 12345, daysDone: 3, daysTotal: 7 }, 'Loading history: 12,345 events · 3 of 7 days'],
    [{ loading: false, fetched: 1, daysDone: 1, daysTotal: 1, range: { from: '2026-11-21', to: '2026-11-21' } }, 'History loaded (today): 1 event'],
    // Earlier days loaded: each tab's period line says what its period holds, not the header.
    [{ loading: false, fetched: 900, daysDone: 7, daysTotal: 7, range: { from: '2026-11-14', to: '2026-11-20' } }, undefined],
    [{ loading: false, fetched: 40, daysDone: 1, daysTotal: 1, range: { from: '2026-11-20', to: '2026-11-20' } }, undefined],
    [{ loading: false, fetched: 5, daysDone: 0, daysTotal: 1, error: 'History did not accept your Flex sign-in. Sign in to Flex again; live data still works.' }, 'History did not accept your Flex sign-in. Sign in to Flex again; live data still works.'],
  ])('%j reads %s', (progress, text) => {
    expect(historyProgressText(progress, '2026-11-21')).toBe(text);
  });

  it('fills the bar by days for a range, by the share of the span for today', () => {
    // 3 of 7 days -> 43%
    expect(historyProgressPercent({ loading: true, fetched: 0, daysDone: 3, daysTotal: 7, share: 0.9 })).toBe(43);
    expect(historyProgressPercent({ loading: true, fetched: 0, daysDone: 0, daysTotal: 1, share: 0.25 })).toBe(25);
    expect(historyProgressPercent({ loading: false, fetched: 0, daysDone: 1, daysTotal: 1 })).toBe(100);
  });

  it('shows a progress bar while loading, the counts when done, an alert on failure', () => {
    const s = store();
    render(<HistoryProgress store={s} />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => setHistoryProgress(s, { loading: true, fetched: 2500, daysDone: 0, daysTotal: 1, share: 0.5 }));
    const bar = screen.getByRole('progressbar', { name: 'Loading history' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('status', { name: 'History' }).textContent).toContain('Loading history: 2,500 events');
    act(() => setHistoryProgress(s, { loading: false, fetched: 4000, daysDone: 1, daysTotal: 1, share: 1, range: { from: '2026-11-21', to: '2026-11-21' } }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status', { name: 'History' }).textContent).toBe('History loaded (today): 4,000 events');
    act(() => setHistoryProgress(s, { loading: false, fetched: 0, daysDone: 0, daysTotal: 1, error: 'Your role may not load history.' }));
    expect(screen.getByRole('alert').textContent).toBe('Your role may not load history.');
  });
});
