/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf, createCalendar, periodCoverage } from '../../src/core';
import { applyQueued, createInsightsStore, ingest, setHistoryProgress, setStatus } from '../../src/store';
import { periodStatusText, rangeOf, translator } from '../../src/views/common';
import { DrillDownState } from '../../src/views/drillDownState';
import { InsightsRoot } from '../../src/views/InsightsRoot';
import { BASE } from '../fixtures/builders';
import { Handled } from '../fixtures/scenarios';

const calendar = createCalendar('UTC');
// Friday 20 Nov 2026, 11:00 UTC
const NOW = BASE + 3_600_000;
const t = translator(undefined);

describe('period presets', () => {
  it.each([
    ['today', { from: '2026-11-20', to: '2026-11-20' }],
    ['yesterday', { from: '2026-11-19', to: '2026-11-19' }],
    // ISO weeks, Monday first: this week runs up to today, last week is whole.
    ['week', { from: '2026-11-16', to: '2026-11-20' }],
    ['lastWeek', { from: '2026-11-09', to: '2026-11-15' }],
    ['month', { from: '2026-11-01', to: '2026-11-20' }],
    ['lastMonth', { from: '2026-10-01', to: '2026-10-31' }],
  ] as const)('%s covers %j', (kind, range) => {
    expect(rangeOf({ kind }, calendar, NOW)).toEqual(range);
  });

  it('last month of a January is the December before', () => {
    expect(rangeOf({ kind: 'lastMonth' }, calendar, Date.UTC(2027, 0, 5, 12))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('the days a period holds', () => {
  const base = { calendar, now: NOW, retentionDays: 30, todayLoading: false } as const;

  it('splits last month into days older than history keeps and days still loading', () => {
    // 20 Nov 11:00 minus 30 days is 21 Oct 11:00: days starting before it are too old (1–20 Oct and 21 Oct itself).
    const c = periodCoverage({ from: '2026-10-01', to: '2026-10-31' }, { ...base, frozen: new Set(['2026-10-30']), supply: 'available' });
    expect(c.tooOld).toHaveLength(21);
    expect(c.tooOld[20]).toBe('2026-10-21');
    expect(c.held).toEqual(['2026-10-30']);
    expect(c.loading).toEqual(['2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-31']);
  });

  it('without history, past days are unavailable and today is held', () => {
    const c = periodCoverage({ from: '2026-11-16', to: '2026-11-20' }, { ...base, frozen: new Set(), supply: 'none' });
    expect(c.unavailable).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']);
    expect(c.held).toEqual(['2026-11-20']);
  });

  it('the period line says which days are missing and why, with the time and its zone', () => {
    const range = { from: '2026-10-01', to: '2026-10-31' };
    const coverage = periodCoverage(range, { ...base, frozen: new Set(), supply: 'available' });
    const line = periodStatusText(t, { period: { kind: 'lastMonth' }, range, coverage, today: '2026-11-20', now: NOW, timeZone: 'UTC', failed: false });
    expect(line).toBe('Last month, Thu 1 Oct to Sat 31 Oct · 10 days still loading · 21 days are older than the 30 days history keeps');
    const today = periodStatusText(t, {
      period: { kind: 'today' },
      range: { from: '2026-11-20', to: '2026-11-20' },
      coverage: periodCoverage({ from: '2026-11-20', to: '2026-11-20' }, { ...base, frozen: new Set(), supply: 'none' }),
      today: '2026-11-20',
      now: NOW,
      timeZone: 'UTC',
      failed: false,
    });
    expect(today).toBe('Today, Fri 20 Nov · as of 11:00 UTC');
  });
});

function connectTeamLeader() {
  const access = accessOf({ roles: ['supervisor'], workerSid: 'WKsup', team: 'Team Blue' });
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => NOW, schedule: () => undefined });
  act(() => {
    ingest(store, Handled);
    applyQueued(store);
    setStatus(store, 'ready');
  });
  return { access, store, connect: () => ({ store, stop: () => undefined }) };
}

describe('one period for the tabs, kept on Back', () => {
  it('a period picked on Overview is the period of Agents and Conversations', () => {
    const { access, connect } = connectTeamLeader();
    render(<InsightsRoot access={access} connect={connect} onOpenConversation={() => undefined} />);
    // Now opens first: the period is picked on Overview.
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'yesterday' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Agents & teams' }));
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('yesterday');
    fireEvent.click(screen.getByRole('tab', { name: 'Conversations' }));
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('yesterday');
    // No history here: yesterday is marked, not drawn as nothing counted.
    expect(screen.getByRole('status', { name: 'Period shown' }).textContent).toBe(
      'Yesterday, Thu 19 Nov · 1 day cannot be shown: history is not set up for this account',
    );
  });

  it('Back from a conversation returns to the same tab, period, search and filters', () => {
    const { access, connect } = connectTeamLeader();
    const drillDown = new DrillDownState();
    render(<InsightsRoot access={access} connect={connect} drillDown={drillDown} onOpenConversation={(id) => drillDown.show(id)} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Conversations' }));
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'week' } });
    fireEvent.change(screen.getByLabelText('Search by name or sid'), { target: { value: 'Ann' } });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'Handled' } });
    // A conversation opens (as Flex's drill-down action does): the tabs give way to its screen.
    act(() => drillDown.show('WT-not-live'));
    expect(screen.queryByRole('tablist')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Back to Insights' }));
    expect(screen.getByRole('tab', { name: 'Conversations', selected: true })).toBeTruthy();
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('week');
    expect((screen.getByLabelText('Search by name or sid') as HTMLInputElement).value).toBe('Ann');
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('Handled');
  });

  it('days still loading show "—" on the cards, with how many in the period line', () => {
    const { access, store, connect } = connectTeamLeader();
    render(<InsightsRoot access={access} connect={connect} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    act(() => setHistoryProgress(store, { loading: true, range: { from: '2026-11-16', to: '2026-11-19' }, fetched: 10, daysDone: 0, daysTotal: 4 }));
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'week' } });
    expect(within(screen.getByRole('region', { name: 'Handled' })).getByText('—')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Period shown' }).textContent).toMatch(/4 days still loading/);
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'today' } });
    expect(within(screen.getByRole('region', { name: 'Handled' })).getByText('1')).toBeTruthy();
  });
});

describe('the conversation list', () => {
  // jsdom has no layout: give the list a height, so the virtualised table draws its rows.
  beforeEach(() => jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600));
  afterEach(() => jest.restoreAllMocks());

  it('each row is one Tab stop: the row, not its Open button', () => {
    const { access, connect } = connectTeamLeader();
    const opened: string[] = [];
    render(<InsightsRoot access={access} connect={connect} onOpenConversation={(id) => opened.push(id)} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Conversations' }));
    const list = screen.getByRole('region', { name: 'Conversation list' });
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const stops = [row, ...Array.from(row.querySelectorAll<HTMLElement>('button, a, input, select, [tabindex]'))].filter((el) => el.tabIndex >= 0);
      expect(stops).toEqual([row]);
    }
    // Enter on the row opens it; the button still opens it with a click.
    fireEvent.keyDown(rows[0], { key: 'Enter' });
    fireEvent.click(within(rows[0]).getByRole('button'));
    expect(opened).toHaveLength(2);
  });
});
