/**
 * @jest-environment jsdom
 */
/**
 * The Now tab's missed offers: the times of the list carry the zone the view uses, once for
 * the list, or on each time where today's clock change split them.
 */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { MAX_MISSED_ROWS, MissedOffers, VISIBLE_MISSED_ROWS, missedTimes } from '../../../src/views/now/MissedOffers';
import type { MissedOffer } from '../../../src/views/now';

const offer = (i: number, at: number): MissedOffer => ({
  key: `WR${i}`,
  workerSid: `WK${i}`,
  agent: `Agent ${i}`,
  supportType: 'check_in',
  queue: 'Check In',
  at,
  outcome: i % 2 === 0 ? 'RONA' : 'Rejected',
});

/** Latest first, as the selector gives them. */
const latestFirst = (times: readonly string[]): MissedOffer[] => times.map((t, i) => offer(i, Date.parse(t)));

const listedTimes = (): string[] =>
  within(screen.getByRole('list', { name: 'Missed offers today' }))
    .getAllByRole('listitem')
    .map((li) => li.firstElementChild?.textContent ?? '');

describe('MissedOffers', () => {
  it('names the zone once for the list, and lists every offer in a box that scrolls past six lines', () => {
    // Nine offers, a minute apart from 14:50 UTC back: all nine listed, six lines in view.
    const missed = latestFirst(Array.from({ length: 9 }, (_, i) => new Date(Date.UTC(2026, 10, 20, 14, 50 - i)).toISOString()));
    render(<MissedOffers rona={5} rejected={4} missed={missed} timeZone="UTC" />);
    expect(screen.getByText('Times in UTC')).toBeTruthy();
    expect(listedTimes()).toEqual(['14:50', '14:49', '14:48', '14:47', '14:46', '14:45', '14:44', '14:43', '14:42']);
    const list = screen.getByRole('list', { name: 'Missed offers today' });
    expect(list.style.maxHeight).toBe(`${VISIBLE_MISSED_ROWS * 20}px`);
    expect(list.style.overflowY).toBe('auto');
    expect(list.tabIndex).toBe(0);
    expect(screen.queryByText(/earlier/)).toBeNull();
  });

  it(`lists ${MAX_MISSED_ROWS} offers at most and counts the earlier ones; a short list neither scrolls nor takes focus`, () => {
    const missed = latestFirst(Array.from({ length: MAX_MISSED_ROWS + 1 }, (_, i) => new Date(Date.UTC(2026, 10, 20, 14, 50) - i * 60_000).toISOString()));
    const { unmount } = render(<MissedOffers rona={MAX_MISSED_ROWS + 1} rejected={0} missed={missed} timeZone="UTC" />);
    expect(listedTimes()).toHaveLength(MAX_MISSED_ROWS);
    expect(screen.getByText('and 1 earlier')).toBeTruthy();
    unmount();
    render(<MissedOffers rona={2} rejected={0} missed={missed.slice(0, 2)} timeZone="UTC" />);
    const list = screen.getByRole('list', { name: 'Missed offers today' });
    expect(list.style.maxHeight).toBe('');
    expect(list.hasAttribute('tabindex')).toBe(false);
  });

  it("reads the times in the view's zone, named as the tabs name it", () => {
    // 14:50 UTC is 01:50 the next day in Sydney (UTC+11 in November).
    render(<MissedOffers rona={1} rejected={0} missed={latestFirst(['2026-11-20T14:50:00Z'])} timeZone="Australia/Sydney" />);
    expect(screen.getByText('Times in GMT+11')).toBeTruthy();
    expect(listedTimes()).toEqual(['01:50']);
  });

  it('puts the zone on each time when a clock change splits the list', () => {
    // London's clocks go back at 01:00 UTC on 25 Oct 2026: 00:50 UTC is 01:50 BST, 01:10 UTC is 01:10 GMT.
    render(<MissedOffers rona={1} rejected={1} missed={latestFirst(['2026-10-25T01:10:00Z', '2026-10-25T00:50:00Z'])} timeZone="Europe/London" />);
    expect(screen.queryByText(/^Times in/)).toBeNull();
    expect(listedTimes()).toEqual(['01:10 GMT', '01:50 BST']);
  });

  it('names no zone when no time is listed', () => {
    render(<MissedOffers rona={0} rejected={0} missed={[]} timeZone="UTC" />);
    expect(screen.getByText('No offer missed or rejected today.')).toBeTruthy();
    expect(screen.queryByText(/^Times in/)).toBeNull();
  });
});

describe('missedTimes', () => {
  it.each([
    ['one zone', ['2026-11-20T14:50:00Z', '2026-11-20T09:05:00Z'], 'Europe/London', { zone: 'GMT', times: ['14:50', '09:05'] }],
    ['a clock change between them', ['2026-03-29T01:30:00Z', '2026-03-29T00:30:00Z'], 'Europe/London', { times: ['02:30 BST', '00:30 GMT'] }],
    ['none', [], 'UTC', { zone: undefined, times: [] }],
  ])('%s', (_name, times, timeZone, expected) => {
    expect(missedTimes(latestFirst(times), timeZone)).toEqual(expected);
  });
});
