/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf, type DayRange } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest, setRangeLoader, setStatus, setTeamAverage } from '../../../src/store';
import { describeFailure } from '../../../src/sources/backfill';
import { formatCount } from '../../../src/views/common';
import { formatAverage } from '../../../src/views/mystats/myStats.format';
import { MyStatsTab } from '../../../src/views/mystats';
import { reportOf } from '../../fixtures/builders';
import { END_OF_DAY, agentsOfDay, dayEvents } from '../../store/fixtures';

const report = reportOf(dayEvents);
const agents = agentsOfDay();

const DAY = '2026-11-16';
const AS_OF = END_OF_DAY - 7 * 60_000;
/** What the history function answers of a team: day cells, sums and counts only. */
const teamCell = { day: DAY, agents: 4, handled: 40, conversations: 44, invitations: 50, rona: 2, rejected: 1, transfers: 3, handleSumMs: 40 * 300_000, handleN: 40, bySupportType: { support: 30, safety: 14 } };

function setup(roles: string[], workerSid?: string, team?: Parameters<typeof setTeamAverage>[1]) {
  const access = accessOf({ roles, workerSid });
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => END_OF_DAY, schedule: () => undefined, workerSid });
  ingest(store, dayEvents);
  applyQueued(store);
  setStatus(store, 'ready');
  if (team) setTeamAverage(store, team);
  return render(<MyStatsTab store={store} access={access} />);
}

describe('MyStatsTab', () => {
  const me = agents.find((a) => (report.byAgent[a.sid]?.handled ?? 0) > 0) as (typeof agents)[number];

  it("an agent sees their own handled count, the team average as of its time, and no other agent's name anywhere", () => {
    const { container } = setup(['agent'], me.sid, { value: { team: me.team, days: [teamCell], rangeAgents: 6, asOf: AS_OF }, range: { from: DAY, to: DAY } });
    expect(within(screen.getByRole('region', { name: 'My handled today' })).getByText(formatCount(report.byAgent[me.sid].handled))).toBeTruthy();
    const table = screen.getByRole('table', { name: 'My figures' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Team average · Today');
    expect(screen.getByText(new RegExp(`Average of ${me.team}, per ISS who took or were offered contacts: 4 today, 6 this week`))).toBeTruthy();
    // The history function's asOf, 23:52:59 UTC, with the zone the tab uses (the config's, UTC).
    expect(screen.getByText(/Team figures as of 23:52 UTC, from history/)).toBeTruthy();
    // 40 handled over 4 agents.
    expect(within(table).getAllByRole('cell').map((c) => c.textContent)).toContain('10');
    const text = container.textContent ?? '';
    for (const other of agents) if (other.sid !== me.sid) expect(text).not.toContain(other.name);
    expect(text).not.toContain('WK');
  });

  /** The note's two counts, and the team averages of Handled, today and this week. */
  function noteAndHandled(team: string): { today: number; week: number; cells: string[] } {
    const note = screen.getByText(new RegExp(`Average of ${team}, per ISS who took or were offered contacts: (\\d+) today, (\\d+) this week`));
    const [, today, week] = /: (\d+) today, (\d+) this week/.exec(note.textContent ?? '') ?? [];
    const row = within(screen.getByRole('table', { name: 'My figures' })).getByRole('rowheader', { name: 'Handled' }).closest('tr') as HTMLElement;
    return { today: Number(today), week: Number(week), cells: within(row).getAllByRole('cell').map((c) => c.textContent ?? '') };
  }

  it("the note's counts are the ones the averages divide by: an agent's, from the team's cells", () => {
    setup(['agent'], me.sid, { value: { team: me.team, days: [teamCell], rangeAgents: 6, asOf: AS_OF }, range: { from: DAY, to: DAY } });
    const { today, week, cells } = noteAndHandled(me.team);
    // cells: me today, team today, me this week, team this week; 40 handled / 4 today, / 6 over the week
    expect([today, week]).toEqual([4, 6]);
    expect([cells[1], cells[3]]).toEqual([formatAverage(teamCell.handled / today), formatAverage(teamCell.handled / week)]);
  });

  it("the note's counts are the ones the averages divide by: a supervisor's, the team's agents with work", () => {
    setup(['supervisor'], me.sid);
    const { today, week, cells } = noteAndHandled(me.team);
    // The team's agents offered or handling a contact that day, counted from the report, not from the note.
    const withWork = agents.filter((a) => a.team === me.team && ((report.byAgent[a.sid]?.handled ?? 0) > 0 || (report.byAgent[a.sid]?.invitations ?? 0) > 0));
    expect(withWork.length).toBeGreaterThan(1);
    expect([today, week]).toEqual([withWork.length, withWork.length]);
    const handled = report.byTeam[me.team].handled;
    expect([cells[1], cells[3]]).toEqual([formatAverage(handled / today), formatAverage(handled / week)]);
  });

  it('an agent whose team average failed reads why in plain words, and that it is asked again', () => {
    setup(['agent'], me.sid, { problem: describeFailure(0) });
    const note = screen.getByText(/^No team average right now\./);
    expect(note.textContent).toBe(`No team average right now. ${describeFailure(0)} It is asked again every 5 minutes.`);
    expect(note.textContent).not.toMatch(/historyUrl|HTTP/);
  });

  it('an agent without a history function is told the team average needs one', () => {
    setup(['agent'], me.sid, { status: 'needsHistory' });
    expect(screen.getByText(/No team average: it comes from history, which is not set up for this account\. .*Ask your Flex admin to set up history in Insights settings\./)).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'My figures' })).getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('Team average · Today');
  });

  it('a user who is no worker is told there is nothing of their own', () => {
    setup(['supervisor']);
    expect(screen.getByText(/not an ISS in this workspace/)).toBeTruthy();
  });

  it("asks for the week's earlier days, so history fills in this week", () => {
    const access = accessOf({ roles: ['agent'], workerSid: me.sid });
    // Wednesday 18 November: the ISO week began on Monday the 16th.
    const store = createInsightsStore({ access, config: DEFAULT_CONFIG, now: () => Date.parse('2026-11-18T12:00:00Z'), schedule: () => undefined });
    const asked: DayRange[] = [];
    setRangeLoader(store, (range) => asked.push(range));
    render(<MyStatsTab store={store} access={access} />);
    expect(asked).toEqual([{ from: '2026-11-16', to: '2026-11-18' }]);
  });
});
