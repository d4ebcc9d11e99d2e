/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Papa from 'papaparse';
import { DEFAULT_CONFIG, Engine, accessOf, buildReport, reportGroupings, workersOnContact, type User } from '../../../src/core';
import { syntheticDay } from '../../../src/sandbox/bench/benchDay';
import { applyQueued, createInsightsStore, ingest, setStatus, tick, type InsightsStore } from '../../../src/store';
import { AgentsTab } from '../../../src/views/agents';
import { ActivityCell } from '../../../src/views/agents/ActivityCell';
import { agentCsvColumns, agentColumns } from '../../../src/views/agents/agentsTab.columns';
import { DEFAULT_SORT, agentTableRows, selectAgentsModel } from '../../../src/views/agents/agentsTab.selectors';
import { formatRate, toCsv, translator } from '../../../src/views/common';
import * as csvModule from '../../../src/views/common/csv';
import { DAY, END_OF_DAY, dayEvents, loadedStore } from '../../store/fixtures';

const supervisor: User = { roles: ['supervisor'], workerSid: 'WKsup' };
const admin: User = { roles: ['admin'], workerSid: 'WKadmin' };

// jsdom lays nothing out: give the table's scroll area a viewport, as a browser would.
const VIEWPORT = { height: 600, width: 1200 };
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEWPORT.height });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => VIEWPORT.width });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => VIEWPORT.height });
});

function renderTab(store: InsightsStore): ReturnType<typeof render> {
  return render(<AgentsTab store={store} access={store.getState().access} />);
}

const report = (() => {
  const engine = new Engine(DEFAULT_CONFIG, { window: { from: Date.parse(`${DAY}T00:00:00Z`), to: END_OF_DAY }, groupings: reportGroupings() });
  for (const e of dayEvents) engine.apply(e);
  return buildReport(engine);
})();

const table = (): HTMLElement => screen.getByRole('table');
const bodyRows = (): HTMLElement[] => within(table()).getAllByRole('row').slice(1);
const rowNames = (): string[] => bodyRows().map((r) => within(r).getByRole('rowheader').textContent ?? '');

describe('AgentsTab on a simulated day', () => {
  const store = loadedStore(supervisor, dayEvents);

  it('a heading per column: agent, activity, one per support type, the rates and logged status; team when not grouped', () => {
    renderTab(store);
    const headers = (): (string | undefined)[] => within(table()).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    const rest = ['Activity', 'Check in', 'Check out', 'Safety', 'Support', 'Debrief', 'Imminent', 'Technical support', 'Handled', 'Avg handle', 'RONA %', 'Reject %', 'Transfer %', 'Logged status'];
    expect(headers()).toEqual(['ISS', ...rest]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by team' }));
    expect(headers()).toEqual(['ISS', 'Team', ...rest]);
    expect(screen.getByRole('columnheader', { name: /ISS/ }).getAttribute('aria-sort')).toBe('ascending');
    // Every agent of the report and every team (scope all) is a row; the table knows them all.
    const agents = Object.keys(report.byAgent).length;
    const teams = Object.keys(report.byTeam).length;
    expect(table().getAttribute('aria-rowcount')).toBe(String(agents + teams + 1));
    expect(screen.getByText(`${agents} agents`, { exact: false })).toBeTruthy();
    expect(screen.getByText('Whole centre')).toBeTruthy();
  });

  it('team rows come first in each group, with the team\'s numbers', () => {
    renderTab(store);
    const first = bodyRows()[0];
    const team = Object.keys(report.byTeam).sort()[0];
    expect(within(first).getByRole('rowheader').textContent).toBe(team);
    const cells = within(first).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toContain(formatRate(report.byTeam[team].ronaRate));
  });

  it('sorts by a column when its heading is clicked, and the other way on a second click', () => {
    renderTab(store);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by team' }));
    fireEvent.click(screen.getByRole('button', { name: /RONA %/ }));
    expect(screen.getByRole('columnheader', { name: /RONA %/ }).getAttribute('aria-sort')).toBe('descending');
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const byRona = Object.values(report.byAgent)
      .filter((a) => a.ronaRate !== null)
      .sort((a, b) => (b.ronaRate as number) - (a.ronaRate as number) || collator.compare(a.name, b.name));
    const teams = Object.keys(report.byTeam).length;
    // Team rows are pinned above the agents when not grouped.
    expect(rowNames()[teams]).toBe(byRona[0].name);
    fireEvent.click(screen.getByRole('button', { name: /RONA %/ }));
    expect(screen.getByRole('columnheader', { name: /RONA %/ }).getAttribute('aria-sort')).toBe('ascending');
    // Low first: the lowest rate, and among equal rates the name first in A to Z.
    const lowest = byRona[byRona.length - 1].ronaRate;
    const lowFirst = byRona.filter((a) => a.ronaRate === lowest).sort((a, b) => collator.compare(a.name, b.name));
    expect(rowNames()[teams]).toBe(lowFirst[0].name);
  });

  it('filters by name, team and support type', () => {
    renderTab(store);
    const someone = Object.values(report.byAgent)[5];
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: someone.name.toUpperCase() } });
    expect(rowNames()).toEqual([someone.team, someone.name]);
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: 'nobody is called this' } });
    expect(screen.getByText('No agents match')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: '' } });

    const team = Object.keys(report.byTeam).sort()[1];
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: team } });
    const members = Object.values(report.byAgent).filter((a) => a.team === team);
    expect(rowNames()).toHaveLength(members.length + 1);
    expect(rowNames()[0]).toBe(team);
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('Support type'), { target: { value: 'safety' } });
    const headers = within(table()).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    expect(headers.slice(1, 4)).toEqual(['Activity', 'Safety', 'Handled']);
  });

  it('the logged status bar says its percentages', () => {
    renderTab(store);
    const [sid, agent] = Object.entries(report.byAgent).find(([, a]) => Object.keys(a.loggedStatusPct).length > 1)!;
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: agent.name } });
    const bar = within(bodyRows()[1]).getByRole('img');
    for (const [activity, pct] of Object.entries(agent.loggedStatusPct)) if (pct > 0) expect(bar.getAttribute('aria-label')).toContain(`${activity} ${pct}%`);
    expect(sid).toBeTruthy();
  });

  it('no CSV button for a role that may not export', () => {
    renderTab(store);
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  });
});

describe('CSV', () => {
  it('a button for exporters; the file is the table as shown, team rows marked', () => {
    const store = loadedStore(admin, dayEvents);
    renderTab(store);
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();

    const t = translator(undefined);
    const state = store.getState();
    const model = selectAgentsModel(state, { from: DAY, to: DAY });
    const rows = agentTableRows(model, {}, DEFAULT_SORT, true);
    const csv = toCsv(agentCsvColumns(t, agentColumns(t, model, {}), model.activities, () => state.now), rows).split('\r\n');
    // The file has the team column even where the grouped table leaves it out.
    for (const grouped of [false, true]) {
      const head = toCsv(agentCsvColumns(t, agentColumns(t, model, {}, grouped), model.activities, () => state.now), []).split('\r\n')[0];
      expect(head.split(',').slice(0, 4)).toEqual(['Row', 'ISS', 'Team', 'Activity']);
    }
    expect(csv).toHaveLength(rows.length + 1);
    expect(csv[1].startsWith(`Team,${rows[0].name},`)).toBe(true);
    expect(csv[2].startsWith(`ISS,${rows[1].name},${rows[1].team},`)).toBe(true);
  });
});

describe('the activity cell', () => {
  it('an agent on a contact reads "on a contact" after the activity; the others do not', () => {
    const store = loadedStore(supervisor, dayEvents);
    const state = store.getState();
    const agents = agentTableRows(selectAgentsModel(state, { from: DAY, to: DAY }), {}, DEFAULT_SORT, false).filter((r) => r.kind === 'agent');
    const busy = workersOnContact(state.live.engine);
    const cellText = (r: (typeof agents)[number]): string => {
      const { container, unmount } = render(<ActivityCell store={store} activity={r.activity} since={r.activitySince} onContact={r.onContact} />);
      const text = container.textContent ?? '';
      unmount();
      return text;
    };
    const on = agents.filter((r) => busy.has(r.sid!));
    const off = agents.filter((r) => !busy.has(r.sid!) && r.activity !== undefined);
    expect(on.length).toBeGreaterThan(0);
    expect(off.length).toBeGreaterThan(0);
    for (const r of on) expect(cellText(r)).toMatch(new RegExp(`^${r.activity} · [\\d:]+ · on a contact$`));
    for (const r of off) expect(cellText(r)).not.toContain('on a contact');
  });
});

describe('CSV: on a contact', () => {
  it('the downloaded file says "yes" for each agent on a contact now, and nothing for the others and for team rows', () => {
    const download = jest.spyOn(csvModule, 'downloadCsv').mockImplementation(() => undefined);
    try {
      const store = loadedStore(admin, dayEvents);
      renderTab(store);
      fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
      expect(download).toHaveBeenCalledTimes(1);
      const [header, ...lines] = Papa.parse<string[]>(download.mock.calls[0][1], { skipEmptyLines: true }).data;
      expect(header.slice(0, 6)).toEqual(['Row', 'ISS', 'Team', 'Activity', 'Time in activity (s)', 'On a contact']);
      const col = (name: string): number => header.indexOf(name);
      const state = store.getState();
      const busy = workersOnContact(state.live.engine);
      const model = selectAgentsModel(state, { from: DAY, to: DAY });
      const sidOf = new Map(agentTableRows(model, {}, DEFAULT_SORT, false).flatMap((r) => (r.kind === 'agent' ? [[r.name, r.sid!] as const] : [])));
      const agents = lines.filter((l) => l[col('Row')] === 'ISS');
      expect(agents).toHaveLength(sidOf.size);
      for (const l of agents) expect([l[col('ISS')], l[col('On a contact')]]).toEqual([l[col('ISS')], busy.has(sidOf.get(l[col('ISS')])!) ? 'yes' : '']);
      // Some of each, so the column is not all one value.
      expect(agents.filter((l) => l[col('On a contact')] === 'yes').length).toBe([...sidOf.values()].filter((sid) => busy.has(sid)).length);
      expect(agents.some((l) => l[col('On a contact')] === 'yes')).toBe(true);
      expect(agents.some((l) => l[col('On a contact')] === '')).toBe(true);
      for (const l of lines.filter((x) => x[col('Row')] === 'Team')) expect(l[col('On a contact')]).toBe('');
      // The activity column stays the activity by name alone.
      expect(agents.every((l) => !l[col('Activity')].includes('on a contact'))).toBe(true);
    } finally {
      download.mockRestore();
    }
  });
});

describe('2,000 agents', () => {
  const dayStart = Date.parse('2026-11-20T00:00:00Z');
  const now = dayStart + 15 * 3600_000;
  let clock = now;
  const store = createInsightsStore({ access: accessOf(supervisor), config: DEFAULT_CONFIG, now: () => clock, schedule: () => undefined });
  ingest(store, syntheticDay(2000, dayStart, now, 0));
  applyQueued(store);

  it('only a window of rows is in the DOM; the table knows every row', () => {
    renderTab(store);
    expect(screen.getByText('2,000 agents', { exact: false })).toBeTruthy();
    const rows = bodyRows().filter((r) => r.getAttribute('aria-hidden') !== 'true');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    // 2,000 agents in 40 teams, and the header row.
    expect(table().getAttribute('aria-rowcount')).toBe(String(2000 + 40 + 1));
  });

  it('the time in activity follows the clock without a new row model', () => {
    renderTab(store);
    // Grouped: the first team's row, then its first agent.
    const firstAgent = bodyRows()[1];
    const cell = within(firstAgent).getAllByRole('cell')[0];
    const before = cell.textContent ?? '';
    const model = selectAgentsModel(store.getState(), { from: '2026-11-20', to: '2026-11-20' });
    act(() => {
      clock += 65_000;
      tick(store);
    });
    const after = within(bodyRows()[1]).getAllByRole('cell')[0].textContent ?? '';
    const seconds = (text: string): number => {
      const [m, s] = text.split('·')[1].trim().split(':').map(Number);
      return m * 60 + s;
    };
    expect(before.split('·')[0]).toBe(after.split('·')[0]);
    expect(seconds(after) - seconds(before)).toBe(65);
    expect(selectAgentsModel(store.getState(), { from: '2026-11-20', to: '2026-11-20' })).toBe(model);
  });
});

describe('states', () => {
  it('loading, then nobody yet, then an error', () => {
    const store = createInsightsStore({ access: accessOf(supervisor), config: DEFAULT_CONFIG, now: () => END_OF_DAY, schedule: () => undefined });
    const { rerender } = renderTab(store);
    expect(screen.getByText('Loading…')).toBeTruthy();
    act(() => setStatus(store, 'ready'));
    rerender(<AgentsTab store={store} access={store.getState().access} />);
    expect(screen.getByText('No ISS with activity or contacts in this period yet.')).toBeTruthy();
    act(() => setStatus(store, 'error', 'socket closed'));
    expect(screen.getByRole('alert').textContent).toContain('socket closed');
  });
});
