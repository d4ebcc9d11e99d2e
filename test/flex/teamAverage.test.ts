/**
 * An agent's team average comes from the history function as day cells: asked for this
 * week up to now when Insights opens, again every 5 minutes and at once when the day
 * changes; a failure keeps the last answer and says why; stopping aborts what runs.
 */
import { DEFAULT_CONFIG, accessOf, createCalendar, rangeBounds, weekUpTo, type TeamAverage } from '../../src/core';
import { TEAM_AVERAGE_REFRESH_MS, startTeamAverage, type TeamAverageTimers } from '../../src/flex/teamAverage';
import { HistoryFetchError, UNEXPECTED_FAILURE, describeFailure } from '../../src/sources/backfill';
import { createInsightsStore } from '../../src/store';

const ZONE = 'Australia/Sydney';
const calendar = createCalendar(ZONE);
// Wednesday 2026-11-18, 23:50 in Sydney.
const START = Date.parse('2026-11-18T12:50:00Z');

function world(answer: (from: number, to: number, n: number) => Promise<TeamAverage>, start = START) {
  let now = start;
  let tick: (() => void) | undefined;
  const calls: { from: number; to: number; signal?: AbortSignal }[] = [];
  const timers: TeamAverageTimers = {
    now: () => now,
    setInterval: (callback) => {
      tick = callback;
      return 1;
    },
    clearInterval: () => {
      tick = undefined;
    },
  };
  const client = {
    fetchTeamAverage: (from: number, to: number, signal?: AbortSignal) => {
      calls.push({ from, to, signal });
      return answer(from, to, calls.length);
    },
  };
  const store = createInsightsStore({ access: accessOf({ roles: ['agent'], workerSid: 'WKme' }), config: { ...DEFAULT_CONFIG, timeZone: ZONE }, schedule: () => undefined });
  const team = startTeamAverage(client, store, ZONE, timers);
  return {
    store,
    calls,
    team,
    advance: async (ms: number) => {
      now += ms;
      tick?.();
      await new Promise((r) => setImmediate(r));
    },
    ticking: () => tick !== undefined,
  };
}

const answerOf = (asOf: number): TeamAverage => ({ team: 'Team Blue', days: [], rangeAgents: 3, asOf });
const flush = () => new Promise((r) => setImmediate(r));

beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));

describe('the team average of an agent session', () => {
  it('asks for this week up to now, and holds the answer with its week', async () => {
    const w = world(async (_f, to) => answerOf(to));
    await flush();
    expect(w.calls).toHaveLength(1);
    const week = weekUpTo('2026-11-18');
    expect(w.calls[0]).toMatchObject({ from: rangeBounds(calendar, week).start, to: START });
    expect(week.from).toBe('2026-11-16');
    expect(w.store.getState().teamAverage).toMatchObject({ status: 'ready', range: week, value: { team: 'Team Blue', rangeAgents: 3, asOf: START } });
  });

  it('asks again after 5 minutes, not before', async () => {
    const w = world(async (_f, to) => answerOf(to));
    await flush();
    await w.advance(60_000);
    expect(w.calls).toHaveLength(1);
    await w.advance(TEAM_AVERAGE_REFRESH_MS - 60_000);
    expect(w.calls).toHaveLength(2);
    expect(w.calls[1].to).toBe(START + TEAM_AVERAGE_REFRESH_MS);
  });

  it('asks at once when the local day changes: Sunday 23:59 to Monday, a new week', async () => {
    // Sunday 2026-11-22, 23:59:00 in Sydney.
    const sunday = Date.parse('2026-11-22T12:59:00Z');
    const w = world(async (_f, to) => answerOf(to), sunday);
    await flush();
    expect(w.store.getState().teamAverage?.range).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    await w.advance(30_000);
    expect(w.calls).toHaveLength(1);
    await w.advance(40_000);
    expect(w.calls).toHaveLength(2);
    expect(calendar.dayKey(w.calls[1].to)).toBe('2026-11-23');
    expect(w.calls[1].from).toBe(rangeBounds(calendar, { from: '2026-11-23', to: '2026-11-23' }).start);
    expect(w.store.getState().teamAverage?.range).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('keeps the last answer when a refresh fails, and says why in the user\'s words; the status goes to the console', async () => {
    const failure = new HistoryFetchError(describeFailure(502, 'upstream_failed'), 502, 'upstream_failed', 'TaskRouter answered 503');
    const w = world(async (_f, to, n) => {
      if (n === 2) throw failure;
      return answerOf(to);
    });
    await flush();
    const warn = console.warn as jest.Mock;
    warn.mockClear();
    await w.advance(TEAM_AVERAGE_REFRESH_MS);
    expect(w.store.getState().teamAverage).toMatchObject({ status: 'failed', problem: failure.message, value: { asOf: START } });
    expect(failure.message).not.toMatch(/HTTP|502|TaskRouter/);
    expect(warn).toHaveBeenCalledWith('[supervisor-insights] team average: historyUrl: HTTP 502 upstream_failed: TaskRouter answered 503');
  });

  it('a first failure leaves no figures, only the reason; an unexpected one is not shown raw', async () => {
    const w = world(async () => {
      throw new Error('cells out of order');
    });
    await flush();
    expect(w.store.getState().teamAverage).toEqual({ status: 'failed', problem: UNEXPECTED_FAILURE, value: undefined, range: undefined });
  });

  it('stops: the running request is aborted, no timer stays, and a late answer is not taken', async () => {
    let resolve: ((v: TeamAverage) => void) | undefined;
    const w = world(() => new Promise((r) => (resolve = r)));
    w.team.stop();
    expect(w.calls[0].signal?.aborted).toBe(true);
    expect(w.ticking()).toBe(false);
    resolve?.(answerOf(START));
    await flush();
    expect(w.store.getState().teamAverage).toEqual({ status: 'loading' });
  });
});
