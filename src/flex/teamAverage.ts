/**
 * The team average of an agent's My stats, from the history function (`kind: 'teamAverage'`):
 * this week's day cells of the agent's team, up to now, asked when Insights opens, every
 * 5 minutes, and at once when the local day changes (a new day, maybe a new week). Only
 * sums and counts arrive; no teammate's event, sid or name ever reaches the browser.
 */
import { LOG_PREFIX, createCalendar, rangeBounds, weekUpTo, type TeamAverage } from '../core';
import { setTeamAverage, type InsightsStore } from '../store';
import { failureTexts } from '../sources/backfill';

/** How often the team average is asked again. */
export const TEAM_AVERAGE_REFRESH_MS = 5 * 60_000;
/** How often the day is checked (a new day asks at once). */
const DAY_CHECK_MS = 30_000;

export interface TeamAverageSource {
  fetchTeamAverage(from: number, to: number, signal?: AbortSignal): Promise<TeamAverage>;
}

export interface TeamAverageTimers {
  readonly now: () => number;
  readonly setInterval: (callback: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
}

const REAL_TIMERS: TeamAverageTimers = {
  now: () => Date.now(),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Keeps the store's team average fresh; returns the stop. */
export function startTeamAverage(
  client: TeamAverageSource,
  store: InsightsStore,
  timeZone: string,
  timers: TeamAverageTimers = REAL_TIMERS,
): { refresh: () => Promise<void>; stop: () => void } {
  const calendar = createCalendar(timeZone);
  let askedAt = -Infinity;
  let askedDay = '';
  let running: AbortController | undefined;
  let stopped = false;

  const refresh = async (): Promise<void> => {
    if (stopped) return;
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const now = timers.now();
    const range = weekUpTo(calendar.dayKey(now));
    askedAt = now;
    askedDay = range.to;
    try {
      const value = await client.fetchTeamAverage(rangeBounds(calendar, range).start, now, controller.signal);
      if (!stopped && running === controller) setTeamAverage(store, { value, range });
    } catch (err) {
      if (stopped || controller.signal.aborted) return;
      // The view gets the user's words; the console the precise cause (the function's message names the failure, never a customer).
      const { message, technical } = failureTexts(err);
      console.warn(`${LOG_PREFIX} team average: ${technical}`);
      setTeamAverage(store, { problem: message });
    }
  };

  void refresh();
  const handle = timers.setInterval(() => {
    const now = timers.now();
    if (calendar.dayKey(now) !== askedDay || now - askedAt >= TEAM_AVERAGE_REFRESH_MS) void refresh();
  }, DAY_CHECK_MS);
  return {
    refresh,
    stop: () => {
      stopped = true;
      running?.abort();
      timers.clearInterval(handle);
    },
  };
}
