/**
 * @jest-environment jsdom
 */
/**
 * The note under My stats' figures: when the team's figures stood, with the zone the tab
 * reads times in, also beside a failed refresh.
 */
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import type { MyStats, MyStatsPeriod } from '../../../src/views/mystats/myStats.selectors';
import { TeamNote } from '../../../src/views/mystats/TeamNote';

const period = (teamAgents: number): MyStatsPeriod => ({
  range: { from: '2026-11-16', to: '2026-11-16' },
  mine: { handled: 3, conversations: 3, avgHandleSec: 300, ronaRate: 0, rejectRate: 0, transferRate: 0 },
  teamAverage: null,
  teamAgents,
  bySupportType: [],
});

// 16 Nov 23:52 UTC: 17 Nov 10:52 in Sydney (UTC+11 in summer).
const AS_OF = Date.parse('2026-11-16T23:52:30Z');

const stats = (over: Partial<MyStats> = {}): MyStats => ({
  workerSid: 'WK1',
  team: 'Team Blue',
  teamSource: 'team',
  teamFromHistory: true,
  teamAsOf: AS_OF,
  today: period(4),
  week: period(6),
  loggedStatus: [],
  ...over,
});

describe('TeamNote', () => {
  it.each([
    ['UTC', '23:52 UTC'],
    ['Australia/Sydney', '10:52 GMT+11'],
    ['Europe/London', '23:52 GMT'],
  ])('says when the team figures stood, in %s with its zone', (timeZone, time) => {
    const { container } = render(<TeamNote stats={stats()} timeZone={timeZone} />);
    expect(container.textContent).toContain(`Team figures as of ${time}, from history`);
  });

  it('names the zone beside a failed refresh too', () => {
    render(<TeamNote stats={stats({ teamProblem: 'The history function did not answer.' })} timeZone="Australia/Sydney" />);
    expect(screen.getByText(/The last refresh failed\. The history function did not answer\. Showing the figures as of 10:52 GMT\+11\./)).toBeTruthy();
  });
});
