/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import Papa from 'papaparse';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf, type Report, type User } from '../../../src/core';
import { setStatus, type InsightsStore } from '../../../src/store';
import * as csv from '../../../src/views/common/csv';
import { ViewState, ViewStateProvider, formatCount, formatRate, formatSeconds, humanise, toCsv, translator } from '../../../src/views/common';
import { OverviewTab } from '../../../src/views/overview';
import { ALL_PLATFORMS, SIDE_BY_SIDE, platformsOf, selectOverview, selectTrend, tableColumnsOf } from '../../../src/views/overview/overviewTab.selectors';
import { DAY, agentsOfDay, dayEvents, loadedStore, reportOf, storeFor } from '../../store/fixtures';

const supervisor: User = { roles: ['supervisor'], workerSid: 'WKsup' };
const analyst: User = { roles: ['wfo.data_analyst'], workerSid: 'WKana' };
const report: Report = reportOf(dayEvents);
const PLATFORMS = platformsOf(DEFAULT_CONFIG);

function renderTab(store: InsightsStore, user: User = supervisor): ReturnType<typeof render> {
  return render(<OverviewTab store={store} access={accessOf(user)} timeZone="UTC" />);
}

function readyStore(user: User = supervisor, now?: number): InsightsStore {
  const store = loadedStore(user, dayEvents, { now });
  setStatus(store, 'ready');
  return store;
}

/** One folded day for the tests that only read it (the tab never changes the store's data). */
let shared: InsightsStore | undefined;
const sharedStore = (): InsightsStore => (shared ??= readyStore());

const kpi = (name: string): HTMLElement => screen.getByRole('region', { name });

describe('OverviewTab', () => {
  it('shows the KPIs of today with formatted numbers', () => {
    renderTab(sharedStore());
    const t = report.totals;
    expect(within(kpi('Conversations')).getByText(formatCount(t.conversations))).toBeTruthy();
    expect(within(kpi('Handled')).getByText(formatCount(t.handled))).toBeTruthy();
    expect(within(kpi('Abandoned %')).getByText(formatRate(t.abandonRate))).toBeTruthy();
    expect(within(kpi('Avg handle')).getByText(formatSeconds(t.avgHandleSec))).toBeTruthy();
    expect(within(kpi('SLA')).getByText(formatRate(t.serviceLevel))).toBeTruthy();
    expect(within(kpi('RONA %')).getByText(formatRate(t.ronaRate))).toBeTruthy();
    expect(within(kpi('Reject %')).getByText(formatRate(t.rejectRate))).toBeTruthy();
    expect(within(kpi('Transfer %')).getByText(formatRate(t.transferRate))).toBeTruthy();
    // m:ss, and a count with a thousands separator when it has one.
    expect(formatSeconds(t.avgHandleSec)).toMatch(/^\d+:\d\d$/);
  });

  it('the table has a row per configured support type and the total, with the report numbers', () => {
    renderTab(sharedStore());
    const table = screen.getByRole('table', { name: 'By support type' });
    const rows = within(table).getAllByRole('row');
    const names = rows.slice(1).map((r) => within(r).getAllByRole('rowheader')[0].textContent);
    const expected = [...Object.keys(DEFAULT_CONFIG.supportTypes), ...(report.bySupportType.other ? ['other'] : [])].map(humanise).concat('Total');
    expect(names).toEqual(expected);
    const safety = rows.find((r) => within(r).queryByRole('rowheader', { name: 'Safety' }))!;
    const s = report.bySupportType.safety;
    expect(within(safety).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      formatCount(s.conversations), formatCount(s.offered), formatCount(s.handled), formatCount(s.abandoned), formatRate(s.abandonRate),
      formatSeconds(s.avgHandleSec), formatRate(s.serviceLevel), formatRate(s.ronaRate), formatRate(s.rejectRate), formatRate(s.transferRate),
    ]);
  });

  it('side by side shows each platform next to the total, in the KPIs and in the table', () => {
    renderTab(sharedStore());
    fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
    const handled = kpi('Handled');
    for (const p of PLATFORMS) {
      expect(within(handled).getByText(p)).toBeTruthy();
      expect(within(handled).getByText(formatCount(report.byPlatform[p].handled))).toBeTruthy();
    }
    expect(within(handled).getByText('Total')).toBeTruthy();
    expect(within(handled).getByText(formatCount(report.totals.handled))).toBeTruthy();
    const table = screen.getByRole('table', { name: 'By support type' });
    // Each platform, then the total, heads a group over the volumes (four metrics, three groups).
    const [groups, metrics] = within(table).getAllByRole('row').slice(0, 2);
    expect(within(groups).getAllByRole('columnheader').map((h) => [h.textContent, h.getAttribute('colspan')])).toEqual([
      ['Support type', null], ...PLATFORMS.map((p) => [p, '4']), ['Total', '4'],
    ]);
    expect(within(metrics).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(Array(PLATFORMS.length + 1).fill(['Conversations', 'Offered', 'Handled', 'Abandoned']).flat());
    fireEvent.click(screen.getByRole('radio', { name: PLATFORMS[1] }));
    expect(within(kpi('Handled')).getByText(formatCount(report.byPlatform[PLATFORMS[1]].handled))).toBeTruthy();
    expect(within(kpi('Handled')).queryByText(PLATFORMS[0])).toBeNull();
  });

  it('side by side: the metric set shows service or offers per platform, the numbers of each platform', () => {
    renderTab(sharedStore());
    fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
    const show = screen.getByRole('group', { name: 'Show' });
    expect(within(show).getAllByRole('radio').map((r) => r.closest('label')?.textContent ?? r.getAttribute('value'))).toHaveLength(3);
    fireEvent.click(within(show).getByRole('radio', { name: 'Offers and transfers' }));
    const table = screen.getByRole('table', { name: 'By support type' });
    const metrics = within(table).getAllByRole('row')[1];
    expect(within(metrics).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(Array(PLATFORMS.length + 1).fill(['RONA %', 'Reject %', 'Transfer %']).flat());
    const total = within(table).getAllByRole('row').at(-1)!;
    expect(within(total).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      [...PLATFORMS.map((p) => report.byPlatform[p]), report.totals].flatMap((m) => [formatRate(m.ronaRate), formatRate(m.rejectRate), formatRate(m.transferRate)]),
    );
    fireEvent.click(within(show).getByRole('radio', { name: 'Service' }));
    expect(within(within(table).getAllByRole('row')[1]).getAllByRole('columnheader').slice(0, 3).map((h) => h.textContent)).toEqual(['Abandoned %', 'SLA', 'Avg handle']);
    // One platform: every metric in one row of headers, no set to choose.
    fireEvent.click(screen.getByRole('radio', { name: PLATFORMS[0] }));
    expect(screen.queryByRole('group', { name: 'Show' })).toBeNull();
    expect(within(screen.getByRole('table', { name: 'By support type' })).getAllByRole('row')[0].querySelectorAll('th')).toHaveLength(11);
  });

  it('the trend: a metric and a support type chosen redraw the table of the chart; the running bucket reads "so far"', () => {
    const now = Date.parse(`${DAY}T14:10:00Z`);
    const store = loadedStore(supervisor, dayEvents.filter((e) => e.ts <= now), { now });
    setStatus(store, 'ready');
    renderTab(store);
    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'serviceLevel' } });
    const type = screen.getByRole('combobox', { name: 'Support type' }) as HTMLSelectElement;
    expect(within(type).getAllByRole('option')[0].textContent).toBe('All support types');
    fireEvent.change(type, { target: { value: 'safety' } });
    expect(screen.getByText('14:00 is still running: its figures are so far.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Trend as a table' }));
    const table = screen.getAllByRole('table').find((t) => within(t).queryByRole('columnheader', { name: '60 minutes (UTC)' }))!;
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['60 minutes (UTC)', 'SLA', 'So far']);
    const expected = selectTrend(store.getState(), { from: DAY, to: DAY }, ALL_PLATFORMS, 60, { metric: 'serviceLevel', supportType: 'safety' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [within(r).getByRole('rowheader').textContent, ...within(r).getAllByRole('cell').map((c) => c.textContent)])).toEqual(
      expected.points.map((p) => [p.key.slice(11), formatRate(p.values.serviceLevel), p.partial ? 'yes' : '']),
    );
    expect(rows).toHaveLength(15);
    // Something was counted for safety today, so the rows above compared figures.
    expect(expected.points.some((p) => p.values.serviceLevel !== null)).toBe(true);
  });

  it('the period picker switches the range: yesterday is empty today, and back in this week', () => {
    // The clock is the next day (a Tuesday): today has nothing, the week holds the Monday.
    const store = readyStore(supervisor, Date.parse('2026-11-17T14:00:00Z'));
    renderTab(store);
    expect(screen.getByText('Nothing counted for this selection yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'week' } });
    expect(within(kpi('Handled')).getByText(formatCount(report.byDay[DAY].handled))).toBeTruthy();
    // A week of days: the trend goes per day.
    expect((screen.getByLabelText('Trend by') as HTMLSelectElement).value).toBe('day');
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'today' } });
    expect(screen.getByText('Nothing counted for this selection yet.')).toBeTruthy();
  });

  it('the trend starts at 60 minutes for one day, offers 30 and 15, and has a table of the same numbers', () => {
    renderTab(sharedStore());
    const step = screen.getByLabelText('Trend by') as HTMLSelectElement;
    expect(step.value).toBe('60');
    expect(within(step).getAllByRole('option').map((o) => o.textContent)).toEqual(['60 minutes', '30 minutes', '15 minutes']);
    fireEvent.click(screen.getByRole('button', { name: 'Trend as a table' }));
    const table = screen.getAllByRole('table').find((t) => within(t).queryByRole('columnheader', { name: '60 minutes (UTC)' }))!;
    // 24 hours, and the header row.
    expect(within(table).getAllByRole('row')).toHaveLength(25);
    fireEvent.change(step, { target: { value: '15' } });
    const quarter = screen.getAllByRole('table').find((t) => within(t).queryByRole('columnheader', { name: '15 minutes (UTC)' }))!;
    expect(within(quarter).getAllByRole('row')).toHaveLength(24 * 4 + 1);
  });

  it('never shows the names of agents', () => {
    renderTab(sharedStore());
    fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
    const text = document.body.textContent ?? '';
    for (const a of agentsOfDay()) expect(text.includes(a.name)).toBe(false);
  });

  it('empty, loading and error states', () => {
    const store = storeFor(supervisor);
    renderTab(store);
    expect(screen.getByText('Loading…')).toBeTruthy();
    act(() => setStatus(store, 'ready'));
    expect(screen.getByText('Nothing counted for this selection yet.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Handled' })).toBeNull();
    act(() => setStatus(store, 'error', 'Live data could not be opened.'));
    expect(screen.getByText('Live data failed: Live data could not be opened.')).toBeTruthy();
  });

  it('CSV: only for an access that may export, and the text is the table as shown', () => {
    const { unmount } = renderTab(sharedStore());
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    unmount();

    const download = jest.spyOn(csv, 'downloadCsv').mockImplementation(() => undefined);
    try {
      const store = readyStore(analyst);
      renderTab(store, analyst);
      fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
      // The CSV has every metric, whichever set the table shows.
      fireEvent.click(screen.getByRole('radio', { name: 'Service' }));
      fireEvent.click(within(screen.getByRole('region', { name: 'By support type' })).getByRole('button', { name: 'Download CSV' }));
      expect(download).toHaveBeenCalledTimes(1);
      const [fileName, text] = download.mock.calls[0];
      expect(fileName).toBe(`insights-overview-${DAY}.csv`);
      const summary = selectOverview(store.getState(), { from: DAY, to: DAY }, SIDE_BY_SIDE);
      expect(text).toBe(toCsv(tableColumnsOf(summary.columns, translator(undefined)), summary.rows));
      const [header, ...lines] = Papa.parse<string[]>(text, { dynamicTyping: true }).data;
      expect(lines).toHaveLength(summary.rows.length);
      expect(header[1]).toBe(`Conversations · ${PLATFORMS[0]}`);
      // The total row, numbers a spreadsheet reads as numbers: a plain count, whole seconds, percentages.
      const total = lines[lines.length - 1] as unknown[];
      expect(total[0]).toBe('Total');
      expect(total[header.indexOf('Handled · Total')]).toBe(report.totals.handled);
      expect(total[header.indexOf(`Avg handle (s) · ${PLATFORMS[1]}`)]).toBe(Math.round(report.byPlatform[PLATFORMS[1]].avgHandleSec as number));
      expect(typeof total[header.indexOf('RONA % · Total')]).toBe('number');
      expect(total[header.indexOf('RONA % · Total')]).toBe(Math.round((report.totals.ronaRate as number) * 10_000) / 100);
      expect(text).not.toMatch(/"\d{1,3}(,\d{3})+"/);
      expect(lines.map((l) => l[0])).toEqual(summary.rows.map((r) => (r.supportType === undefined ? 'Total' : humanise(r.supportType))));
    } finally {
      download.mockRestore();
    }
  });

  it('trend CSV: the series chosen, a row per bucket with its ISO start, plain numbers, the running bucket marked', () => {
    const download = jest.spyOn(csv, 'downloadCsv').mockImplementation(() => undefined);
    try {
      const now = Date.parse(`${DAY}T14:10:00Z`);
      const store = loadedStore(analyst, dayEvents.filter((e) => e.ts <= now), { now });
      setStatus(store, 'ready');
      renderTab(store, analyst);
      fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
      fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'handled' } });
      fireEvent.change(screen.getByLabelText('Trend by'), { target: { value: '30' } });
      fireEvent.click(within(screen.getByRole('region', { name: 'Trend' })).getByRole('button', { name: 'Download CSV' }));
      expect(download).toHaveBeenCalledTimes(1);
      const [fileName, text] = download.mock.calls[0];
      expect(fileName).toBe(`insights-overview-trend-${DAY}.csv`);
      // Numbers typed; the start kept as text (papaparse would turn an ISO time into a Date).
      const [header, ...lines] = Papa.parse<unknown[]>(text, { dynamicTyping: (column) => column !== 0, skipEmptyLines: true }).data;
      expect(header).toEqual(['Start', 'Handled · Total', ...PLATFORMS.map((p) => `Handled · ${p}`), 'So far']);
      // 00:00 to 14:00 by half hours: 29 buckets, the last still running.
      expect(lines).toHaveLength(29);
      expect(lines[0][0]).toBe(`${DAY}T00:00:00+00:00`);
      expect(lines.at(-1)).toEqual([`${DAY}T14:00:00+00:00`, ...lines.at(-1)!.slice(1, -1), 'yes']);
      const trend = selectTrend(store.getState(), { from: DAY, to: DAY }, SIDE_BY_SIDE, 30, { metric: 'handled' });
      expect(lines.map((l) => l.slice(1, -1))).toEqual(trend.points.map((p) => trend.series.map((s) => p.values[s.id])));
      // Plain numbers: the handled of the day so far adds up from the rows.
      const sum = lines.reduce((n, l) => n + (l[1] as number), 0);
      expect(sum).toBe(reportOf(dayEvents.filter((e) => e.ts <= now)).totals.handled);
    } finally {
      download.mockRestore();
    }
  });
});

describe('OverviewTab: what Back keeps', () => {
  const inView = (view: ViewState) =>
    render(
      <ViewStateProvider view={view}>
        <OverviewTab store={sharedStore()} access={accessOf(supervisor)} timeZone="UTC" />
      </ViewStateProvider>,
    );
  const checked = (name: string): boolean => (screen.getByRole('radio', { name }) as HTMLInputElement).checked;
  const picked = (label: string): string => (screen.getByLabelText(label) as HTMLSelectElement).value;

  it('the metric set, the trend options and the trend step are as they were left when the tab is drawn again', () => {
    const view = new ViewState();
    const first = inView(view);
    fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
    expect(checked('Volumes')).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Offers and transfers' }));
    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'ronaRate' } });
    fireEvent.change(screen.getByLabelText('Support type', { selector: 'select[id$="trend-support-type"]' }), { target: { value: 'safety' } });
    fireEvent.change(screen.getByLabelText('Trend by'), { target: { value: '15' } });
    // A conversation opens: the tabs unmount, and Back draws them again from the same view state.
    first.unmount();
    inView(view);
    expect(checked('Offers and transfers')).toBe(true);
    expect(picked('Metric')).toBe('ronaRate');
    expect((document.querySelector('select[id$="trend-support-type"]') as HTMLSelectElement).value).toBe('safety');
    expect(picked('Trend by')).toBe('15');
  });

  it('a new view state starts from the defaults', () => {
    inView(new ViewState());
    fireEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
    expect(checked('Volumes')).toBe(true);
    expect(picked('Metric')).toBe('conversations');
    expect(picked('Trend by')).toBe('60');
  });
});

describe('OverviewTab: whose figures the scope line says they are', () => {
  const scopeLine = (container: HTMLElement): string => container.querySelector('[data-scope]')?.textContent ?? '';

  it('a role that sees everyone reads "Whole centre"', () => {
    const { container } = renderTab(sharedStore());
    expect(scopeLine(container)).toBe('Whole centre');
  });

  it('a team leader reads the whole centre and the one part that is not whole; the contact figures are the supervisor\'s', () => {
    const leader = agentsOfDay()[0];
    const user: User = { roles: ['wfo.team_leader'], workerSid: leader.sid, team: leader.team };
    const { container } = renderTab(readyStore(user), user);
    expect(scopeLine(container)).toBe('Whole centre · RONA % and reject % since Insights started: your team’s offers only');
    // Other teams' engagements fold anonymised: the centre's contacts, as the line says.
    const t = report.totals;
    expect(within(kpi('Conversations')).getByText(formatCount(t.conversations))).toBeTruthy();
    expect(within(kpi('Handled')).getByText(formatCount(t.handled))).toBeTruthy();
    expect(within(kpi('SLA')).getByText(formatRate(t.serviceLevel))).toBeTruthy();
  });
});
