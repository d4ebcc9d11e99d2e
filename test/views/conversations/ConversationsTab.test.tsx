/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import Papa from 'papaparse';
import { setStatus, type InsightsStore } from '../../../src/store';
import { StringsProvider, ViewState, ViewStateProvider, translator } from '../../../src/views/common';
import { ConversationsTab, NO_FILTERS, conversationColumns, selectShownConversations } from '../../../src/views/conversations';
import { busyHour } from '../../fixtures/day';
import { ROLES, TODAY, YESTERDAY, frozenDay, storeWith, todayEvents, withFrozen, yesterdayEvents } from './fixtures';

function show(store: InsightsStore, strings?: Record<string, string>, view?: ViewState) {
  const onOpen = jest.fn();
  const tab = (
    <StringsProvider strings={strings}>
      <ConversationsTab store={store} access={store.getState().access} timeZone="UTC" onOpen={onOpen} />
    </StringsProvider>
  );
  const utils = render(view ? <ViewStateProvider view={view}>{tab}</ViewStateProvider> : tab);
  return { onOpen, ...utils };
}

/** The table as a person reads it: header texts, then each row's cell texts (the Open column left out). */
function tableText(): string[][] {
  const table = screen.getByRole('table', { name: 'Conversations' });
  const [head, ...rows] = within(table).getAllByRole('row');
  const header = within(head).getAllByRole('columnheader').map((c) => c.textContent ?? '').slice(0, -1);
  return [header, ...rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent ?? '').slice(0, -1))];
}

const column = (name: string): string[] => {
  const [header, ...rows] = tableText();
  const i = header.indexOf(name);
  return rows.map((r) => r[i]);
};

/** jsdom has no layout: give the list a height, so the virtualised table draws rows (at 0 px each, all of them). */
beforeEach(() => {
  jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
});
afterEach(() => jest.restoreAllMocks());

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('the Conversations tab', () => {
  it('lists today newest first with the configured labels, and opens a row by button or Enter', () => {
    const { onOpen } = show(storeWith(ROLES.supervisor, todayEvents), { SupervisorInsightsCustomer: 'Caller', SupervisorInsightsAgent: 'Supervisor' });
    const [header] = tableText();
    expect(header).toEqual(['Start', 'Caller', 'Supervisor', 'Support type', 'Platform', 'Duration', 'Outcome', 'Transfers']);
    expect(column('Caller')).toEqual(['Casey', '•••22', 'Robin']);
    expect(column('Supervisor')).toEqual(['Ann, Bob', '—', 'Ann']);
    expect(column('Start')).toEqual(['10:03', '10:01', '10:00']);
    expect(screen.getByText('3 of 3 conversations')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Open conversation with Casey' }));
    expect(onOpen).toHaveBeenLastCalledWith('CH10');
    const robin = screen.getByRole('button', { name: 'Open conversation with Robin' }).closest('tr') as HTMLElement;
    robin.focus();
    expect(document.activeElement).toBe(robin);
    fireEvent.keyDown(robin, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith('CA01');
    // Enter on the button is the button's own click; the row does not open a second time.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Open conversation with Robin' }), { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('filters by search, outcome, platform and support type, and says when nothing matches', () => {
    show(storeWith(ROLES.supervisor, todayEvents));
    const search = screen.getByLabelText('Search by name or sid');
    fireEvent.change(search, { target: { value: 'wt11' } });
    expect(column('CS')).toEqual(['Casey']);
    expect(screen.getByText('1 of 3 conversations')).toBeTruthy();
    fireEvent.change(search, { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'Abandoned' } });
    expect(column('CS')).toEqual(['•••22']);
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('Platform'), { target: { value: 'CISS Central' } });
    expect(column('CS')).toEqual(['•••22', 'Robin']);
    fireEvent.change(screen.getByLabelText('Support type'), { target: { value: 'check_in' } });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No conversations match these filters.')).toBeTruthy();
  });

  it('says when it is loading, when the period is empty and when live data failed', () => {
    const store = storeWith(ROLES.supervisor, []);
    show(store);
    expect(screen.getByText('Loading…', { selector: '[role="status"]' })).toBeTruthy();
    act(() => setStatus(store, 'ready'));
    expect(screen.getByText('No conversations in this period yet.', { selector: '[role="status"]' })).toBeTruthy();
    act(() => setStatus(store, 'error', 'the live query closed'));
    expect(screen.getByRole('alert').textContent).toBe('Live data failed: the live query closed');
  });

  it('masks contacts for a role without export and shows them to an exporter', () => {
    const { unmount } = show(storeWith(ROLES.supervisor, todayEvents));
    expect(column('CS')).toContain('•••22');
    expect(screen.queryByText('+61400111222')).toBeNull();
    unmount();
    show(storeWith(ROLES.analyst, todayEvents));
    expect(column('CS')).toContain('+61400111222');
  });

  it("a team leader's rows name only their team's agents", () => {
    show(storeWith(ROLES.teamLeader, todayEvents));
    expect(column('ISS')).toEqual(['Ann, ISS outside your team', '—', 'Ann']);
    expect(screen.queryByText(/\(other agents\)/)).toBeNull();
    expect(screen.queryByText(/Bob/)).toBeNull();
  });

  it('says whose conversations they are: the whole centre, for a team leader with what is not named', () => {
    const scopeLines = (container: HTMLElement): string[] => [...container.querySelectorAll('[data-scope]')].map((e) => e.textContent ?? '');
    const { container: all, unmount } = show(storeWith(ROLES.supervisor, todayEvents));
    expect(scopeLines(all)).toEqual(['Whole centre']);
    unmount();
    const { container } = show(storeWith(ROLES.teamLeader, todayEvents));
    const teamWords = 'Whole centre · other teams’ agents read “ISS outside your team” · customer names only where your team was offered the contact';
    expect(scopeLines(container)).toEqual([teamWords]);
    // The centre's conversations, as the supervisor's list has them.
    expect(screen.getByText('3 of 3 conversations')).toBeTruthy();
    // What the find box finds is the same centre's: the line stays when the period line goes.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a conversation' }), { target: { value: 'Robin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect(screen.queryByRole('status', { name: 'Period shown' })).toBeNull();
    expect(scopeLines(container)).toEqual([teamWords]);
  });

  it('offers the CSV only to exporters', () => {
    const { unmount } = show(storeWith(ROLES.supervisor, todayEvents));
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    unmount();
    show(storeWith(ROLES.analyst, todayEvents));
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
  });

  describe('the CSV download', () => {
    let blobs: Blob[];
    let names: string[];
    beforeEach(() => {
      blobs = [];
      names = [];
      Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:csv'), revokeObjectURL: () => undefined });
      jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        names.push(this.download);
      });
    });
    it('holds the list as shown: the same header, the same filtered rows, the same cells', async () => {
      show(storeWith(ROLES.analyst, todayEvents));
      fireEvent.change(screen.getByLabelText('Platform'), { target: { value: 'CISS Central' } });
      fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
      expect(names).toEqual([`insights-conversations-${TODAY}.csv`]);
      const text = (await readBlob(blobs[0])).replace(/^\ufeff/, '');
      const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
      // As shown (a cell a spreadsheet would run as a formula starts with an apostrophe), then the sids.
      const shown = tableText().map((row) => row.map((cell) => (/^[=+\-@]/.test(cell) ? `'${cell}` : cell)));
      // Start and duration are written for a spreadsheet: an ISO instant with its offset, whole seconds.
      const START = 0;
      const DURATION = 5;
      const besides = (r: string[]) => r.filter((_c, i) => i !== START && i !== DURATION);
      expect(parsed.map((r) => besides(r.slice(0, -6)))).toEqual(shown.map(besides));
      expect([parsed[0][START], parsed[0][DURATION]]).toEqual(['Start', 'Duration (s)']);
      for (const r of parsed.slice(1)) {
        expect(r[START]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
        expect(r[DURATION]).toMatch(/^\d+$|^$/);
      }
      const rows = selectShownConversations(storeWith(ROLES.analyst, todayEvents).getState(), { from: TODAY, to: TODAY }, { ...NO_FILTERS, platform: 'CISS Central' });
      expect(parsed.slice(1).map((r) => Date.parse(r[START]))).toEqual(rows.map((c) => Math.floor(c.start / 1000) * 1000));
      expect(parsed[1][1]).toBe("'+61400111222");
      // The fixtures' sids are short ('WR01' is no sid of a known kind): under Other identifiers.
      expect(parsed.map((r) => r.slice(-6))).toEqual([
        ['Conversation sid', 'Task sids', 'Reservation sids', 'Chat sids', 'Call sids', 'Other identifiers'],
        ['CA09', 'WT09', '', '', '', ''],
        ['CA01', 'WT01', '', '', '', 'WR01'],
      ]);
    });
  });

  describe('a long list', () => {
    const ROW_PX = 40;
    const store = storeWith(ROLES.supervisor, busyHour(160, 7));
    const all = selectShownConversations(store.getState(), { from: TODAY, to: TODAY }, NO_FILTERS);
    beforeEach(() => {
      // A 400 px list of 40 px rows.
      jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
      jest.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW_PX);
      jest.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(1_000 * ROW_PX);
      // jsdom does not scroll: do what a browser does, move and, if that moved, tell the listeners.
      Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
        const before = this.scrollTop;
        if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
        if (this.scrollTop !== before) this.dispatchEvent(new Event('scroll'));
      } as Element['scrollTo'];
    });
    afterEach(() => {
      delete (Element.prototype as Partial<Element>).scrollTo;
    });

    it('draws only the rows in view and follows the scroll', () => {
      expect(all.length).toBeGreaterThan(150);
      show(store);
      const table = screen.getByRole('table', { name: 'Conversations' });
      expect(table.getAttribute('aria-rowcount')).toBe(String(all.length + 1));
      const drawn = within(table).getAllByRole('row').length - 1;
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThan(40);
      expect(screen.getByText(`${all.length} of ${all.length} conversations`)).toBeTruthy();

      const scroller = screen.getByRole('region', { name: 'Conversation list' });
      const target = 100;
      act(() => {
        scroller.scrollTop = target * ROW_PX;
        fireEvent.scroll(scroller);
      });
      const rows = within(table).getAllByRole('row').slice(1);
      const places = rows.map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
      // Rows not drawn yet are estimated a little taller than 40 px: the view is near row 100, not at it.
      expect(Math.min(...places)).toBeGreaterThan(target / 2);
      expect(Math.max(...places)).toBeLessThan(all.length);
      expect(rows.length).toBeLessThan(40);
      // The drawn rows are the list's rows at those places, newest first.
      const columns = conversationColumns(translator(undefined), { timeZone: 'UTC', withDate: false });
      expect(rows.map((r) => within(r).getAllByRole('cell').slice(0, -1).map((c) => c.textContent))).toEqual(
        places.map((i) => columns.map((c) => String(c.value(all[i])))),
      );
      // Assistive technology is told where each drawn row sits in the whole list.
      expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toEqual(places.map((i) => String(i + 2)));
    });

    it('is drawn again where it was scrolled to (Back from a conversation), with the rows that were in view', async () => {
      // Rows as tall as the table's first guess (45 px): jsdom has no ResizeObserver, so rows
      // drawn while scrolling are never measured, and a browser's measured sizes are kept
      // with the offset (the e2e test checks the offset in Chromium).
      const ROW = 45;
      jest.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW);
      const view = new ViewState();
      const first = show(store, undefined, view);
      const target = 100;
      act(() => {
        const scroller = screen.getByRole('region', { name: 'Conversation list' });
        scroller.scrollTop = target * ROW;
        fireEvent.scroll(scroller);
      });
      const placesIn = (): number[] =>
        within(screen.getByRole('table', { name: 'Conversations' }))
          .getAllByRole('row')
          .slice(1)
          .map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
      const left = placesIn();
      expect(Math.min(...left)).toBe(target - 12);
      // A conversation opens: the tab unmounts. Back mounts it again from the same view state.
      first.unmount();
      // The box is scrolled as the list mounts; a browser tells the listeners after the frame,
      // not inside React's commit as the stand-in above does.
      Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
        if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
        setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
      } as Element['scrollTo'];
      show(store, undefined, view);
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
      expect(screen.getByRole('region', { name: 'Conversation list' }).scrollTop).toBe(target * ROW);
      expect(placesIn()).toEqual(left);
      // A view state of its own (another Flex session) starts at the top.
      cleanup();
      show(store, undefined, new ViewState());
      expect(screen.getByRole('region', { name: 'Conversation list' }).scrollTop).toBe(0);
      expect(Math.min(...placesIn())).toBe(0);
    });

    it('moves between rows with the keyboard, to rows not drawn yet too', () => {
      const { onOpen } = show(store);
      const table = screen.getByRole('table', { name: 'Conversations' });
      const first = within(table).getAllByRole('row')[1];
      first.focus();
      fireEvent.keyDown(first, { key: 'ArrowDown' });
      expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('3');
      act(() => {
        fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
      });
      expect(document.activeElement?.getAttribute('aria-rowindex')).toBe(String(all.length + 1));
      fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
      expect(onOpen).toHaveBeenLastCalledWith(all[all.length - 1].id);
      act(() => {
        fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
      });
      expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('2');
    });
  });
});

describe('finding a conversation', () => {
  const find = (text: string) => {
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a conversation' }), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
  };

  it("finds a name across every day loaded, whatever the tab's period, accents and case aside, and Clear goes back", () => {
    const samWithAccent = yesterdayEvents.map((e) => ({ ...e, taskAttributes: { call_sid: 'CA21', customers: { name: 'Sám Øre' } } }));
    const store = withFrozen(storeWith(ROLES.supervisor, todayEvents), [frozenDay(YESTERDAY, samWithAccent, ROLES.supervisor)]);
    show(store);
    // Today's list does not hold yesterday's call.
    expect(column('CS')).toEqual(['Casey', '•••22', 'Robin']);
    find('  SAM ore ');
    expect(screen.getByText('1 conversations match “SAM ore” in the days loaded')).toBeTruthy();
    expect(column('CS')).toEqual(['Sám Øre']);
    // The period and filters stand aside while found rows are shown.
    expect(screen.queryByLabelText('Search by name or sid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(column('CS')).toEqual(['Casey', '•••22', 'Robin']);
  });

  it('says so when no day loaded has the name', () => {
    show(storeWith(ROLES.supervisor, todayEvents));
    find('Nobody');
    expect(screen.getByRole('status').textContent).toBe('No conversation in the days loaded matches “Nobody”.');
  });

  it('opens a sid at once, written as Twilio writes it, whether or not a loaded day has it (the drill-down looks it up)', () => {
    const { onOpen } = show(storeWith(ROLES.supervisor, todayEvents));
    const sid = `WT${'ab'.repeat(16)}`;
    find(` wt${'AB'.repeat(16)} `);
    expect(onOpen).toHaveBeenCalledWith(sid);
    find(`CA${'01'.repeat(16)}`);
    expect(onOpen).toHaveBeenLastCalledWith(`CA${'01'.repeat(16)}`);
  });

  it('a masked session finds no one by the digits it may not see', () => {
    show(storeWith(ROLES.teamLeader, todayEvents));
    find('61400111222');
    expect(screen.getByRole('status').textContent).toMatch(/No conversation in the days loaded matches/);
  });
});
