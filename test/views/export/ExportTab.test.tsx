/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, EXPORT_TABLES, accessOf, exportFetchSpan, exportTablesOf } from '../../../src/core';
import { createInsightsStore, setStatus } from '../../../src/store';
import { InsightsView } from '../../../src/views/InsightsView';
import { formatDayKey } from '../../../src/views/common';
import { describeFailure } from '../../../src/sources/backfill';
import { ExportTab, type ExportEventsLoader } from '../../../src/views/export';
import { DAY, END_OF_DAY, dayEvents } from '../../store/fixtures';

const NOW = END_OF_DAY - 3_600_000;
const admin = accessOf({ roles: ['admin'] });

function setup(exportEvents?: ExportEventsLoader) {
  const store = createInsightsStore({ access: admin, config: DEFAULT_CONFIG, now: () => NOW, schedule: () => undefined });
  setStatus(store, 'ready');
  return render(<ExportTab store={store} access={admin} timeZone="UTC" exportEvents={exportEvents} />);
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

