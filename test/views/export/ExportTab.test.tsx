/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, EXPORT_TABLES, accessOf, exportFetchSpan, exportTablesOf } from '../../../src/core';
import { createInsightsStore, setStatus } from '../../../src/store';
import { InsightsView } from '../../../src/views/InsightsView';
import { SHARED_PERIOD, ViewState, ViewStateProvider, formatDayKey, rangeOf } from '../../../src/views/common';
import { describeFailure } from '../../../src/sources/backfill';
import { ExportTab, type ExportEventsLoader } from '../../../src/views/export';
import { DAY, END_OF_DAY, dayEvents } from '../../store/fixtures';

const NOW = END_OF_DAY - 3_600_000;
const admin = accessOf({ roles: ['admin'] });

function setup(exportEvents?: ExportEventsLoader, view?: ViewState) {
  const store = createInsightsStore({ access: admin, config: DEFAULT_CONFIG, now: () => NOW, schedule: () => undefined });
  setStatus(store, 'ready');
  const tab = <ExportTab store={store} access={admin} timeZone="UTC" exportEvents={exportEvents} />;
  return { store, ...render(view ? <ViewStateProvider view={view}>{tab}</ViewStateProvider> : tab) };
}

describe('ExportTab', () => {
  it('reads the period’s events, then offers one file per table with the rows the lakehouse writes', async () => {
    const asked: { from: number; to: number }[] = [];
    const loader: ExportEventsLoader = async (span, options) => {
      asked.push(span);
      options?.onProgress?.(dayEvents.length);
      return [...dayEvents].reverse();
    };
    setup(loader);
    fireEvent.click(screen.getByRole('button', { name: 'Prepare the files' }));
    const table = await screen.findByRole('table', { name: 'Export files' });
    // Today, padded 6 hours before, up to now.
    const span = exportFetchSpan(DEFAULT_CONFIG, { from: DAY, to: DAY }, NOW);
    expect(asked).toEqual([{ from: span.from, to: span.to, window: span.window }]);
    const expected = exportTablesOf(dayEvents, DEFAULT_CONFIG, admin, span.window, 'r');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(EXPORT_TABLES.map((t) => `insights-${t}-${DAY}.csv`));
    rows.forEach((r, i) => {
      const count = expected.rows[EXPORT_TABLES[i]].length;
      expect(count).toBeGreaterThan(0);
      expect(within(r).getAllByRole('cell')[1].textContent).toBe(count.toLocaleString('en-US'));
      expect(within(r).getByRole('button', { name: `Download ${EXPORT_TABLES[i]}` })).toBeTruthy();
    });
    // Which days, from how many events: the day once for a one-day period.
    expect(screen.getByText(new RegExp(`^Files for ${formatDayKey(DAY)}, from ${dayEvents.length.toLocaleString('en-US')} events read up to`))).toBeTruthy();
    // What each file holds, in words.
    expect(within(rows[0]).getAllByRole('cell')[0].textContent).toMatch(/first segment .* starts in the period/);
  });

  it('says why, and stays off, without a history function', () => {
    setup(undefined);
    expect(screen.getByText(/Export reads the period’s events from history, which is not set up for this account\. Ask your Flex admin to set up history in Insights settings/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Prepare the files' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says what went wrong when the events cannot be read', async () => {
    setup(async () => {
      throw new Error(describeFailure(502));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prepare the files' }));
    expect((await screen.findByRole('alert')).textContent).toBe(`The events could not be read. ${describeFailure(502)}`);
  });
});

describe('the Export tab and the shared period', () => {
  const prepareButton = (): HTMLButtonElement => screen.getByRole('button', { name: 'Prepare the files' }) as HTMLButtonElement;

  it('starts from the period the other tabs show, and a period picked here is theirs too', async () => {
    const view = new ViewState();
    view.set(SHARED_PERIOD, { kind: 'yesterday' });
    const asked: { from: number; to: number }[] = [];
    const { store } = setup(async (span) => {
      asked.push(span);
      return [];
    }, view);
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('yesterday');
    fireEvent.click(prepareButton());
    await screen.findByRole('table', { name: 'Export files' });
    const { calendar } = store.getState().live.engine;
    const yesterday = rangeOf({ kind: 'yesterday' }, calendar, NOW);
    expect(asked.map(({ from, to }) => ({ from, to }))).toEqual([
      (({ from, to }) => ({ from, to }))(exportFetchSpan(store.getState().config, yesterday, NOW)),
    ]);
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'week' } });
    expect(view.get(SHARED_PERIOD)).toEqual({ kind: 'week' });
  });

  it.each(['month', 'lastMonth'] as const)('a shared period longer than 7 days (%s) is refused: the button stays off and nothing is read', (kind) => {
    const view = new ViewState();
    view.set(SHARED_PERIOD, { kind });
    const loader = jest.fn<ReturnType<ExportEventsLoader>, Parameters<ExportEventsLoader>>(async () => []);
    setup(loader, view);
    expect(screen.getByRole('alert').textContent).toBe('An export covers at most 7 days: choose a shorter period.');
    expect(prepareButton().disabled).toBe(true);
    fireEvent.click(prepareButton());
    expect(loader).not.toHaveBeenCalled();
    // A shorter period picked here makes it possible again.
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'yesterday' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(prepareButton().disabled).toBe(false);
  });
});

describe('the Export tab in the view', () => {
  it.each([
    [['admin'], true],
    [['wfo.data_analyst'], true],
    [['supervisor'], false],
    [['wfo.team_leader'], false],
    [['agent'], false],
  ])('%j: shown %s', (roles, shown) => {
    const access = accessOf({ roles, workerSid: 'WK00000000000000000000000000000001', team: 'Team Blue' });
    render(<InsightsView access={access} panels={{}} />);
    const tabs = screen.queryAllByRole('tab').map((t) => t.textContent);
    expect(tabs.includes('Export')).toBe(shown);
    // No tab says it is yet to come.
    expect(document.body.textContent).not.toMatch(/arrives with/);
  });
});

