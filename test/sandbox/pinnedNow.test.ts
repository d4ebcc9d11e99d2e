import { SimulatedCentre } from '../../src/sandbox/centre';
import { defaultSandboxRun, historyDaysFor, pinnedNow, runOfQuery, sandboxHistoryUrl, sandboxRun } from '../../src/sandbox/server/historyParams';
import { simulationRoster } from '../../src/sources/simulator';

/**
 * `?now=` pins the sandbox's simulated clock so the browser tests meet the same centre at
 * any hour. The page's live simulation and the dev server's history (warmed up from
 * SANDBOX_NOW) must name the same run, or history would be simulated twice and the
 * warm-up wasted.
 */
describe('sandbox: a pinned now', () => {
  it('takes ISO instants with Z or an offset, and nothing a browser and Node could read apart', () => {
    expect(pinnedNow('2025-11-19T15:00:00Z')).toBe(Date.UTC(2025, 10, 19, 15));
    expect(pinnedNow('2025-11-19T15:00:00.000Z')).toBe(Date.UTC(2025, 10, 19, 15));
    expect(pinnedNow('2025-11-19T17:00+02:00')).toBe(Date.UTC(2025, 10, 19, 15));
    // Local times: the page would read them in the browser's zone, the server in Node's.
    expect(pinnedNow('2025-11-19T15:00:00')).toBeUndefined();
    expect(pinnedNow('2025-11-19')).toBeUndefined();
    expect(pinnedNow('yesterday')).toBeUndefined();
    expect(pinnedNow('2025-13-45T15:00:00Z')).toBeUndefined();
    expect(pinnedNow('')).toBeUndefined();
    expect(pinnedNow(null)).toBeUndefined();
    expect(pinnedNow(undefined)).toBeUndefined();
  });

  it('starts the centre at the instant, runs on from it at the page’s speed, and names the run the server warms up', () => {
    const pinned = Date.UTC(2025, 10, 19, 15);
    // The real clock: early in another UTC day, as when the drill-down test failed.
    let real = Date.UTC(2026, 2, 3, 2, 47);
    const agents = 40;
    const centre = new SimulatedCentre({ agents, seed: 1, speed: 60, realNow: () => real, startMs: pinned, historyDays: historyDaysFor(agents, null) });
    expect(centre.now()).toBe(pinned);
    expect(centre.todayStartMs).toBe(Date.UTC(2025, 10, 19));
    // The live indexes stand at the pinned instant, not at the real clock's.
    const updated = simulationRoster({ agents, seed: 1 }).agents.map((a) => Date.parse(String(centre.client.get('tr-worker', a.sid)?.date_updated)));
    expect(Math.max(...updated)).toBeLessThanOrEqual(pinned);
    expect(Math.max(...updated)).toBeGreaterThan(pinned - 3_600_000);
    real += 1000;
    expect(centre.now()).toBe(pinned + 60_000);

    expect(centre.run).toEqual(defaultSandboxRun(pinned));
    expect(runOfQuery(new URL(sandboxHistoryUrl('http://127.0.0.1:5173', centre.run)).searchParams)).toEqual(defaultSandboxRun(pinned));
  }, 120_000);

  it('names a team size in the history URL, so the function simulates the same teams', () => {
    const run = sandboxRun(120, 1, Date.UTC(2025, 10, 19), 2, 30);
    const url = new URL(sandboxHistoryUrl('http://127.0.0.1:5173', run));
    expect(url.searchParams.get('teamSize')).toBe('30');
    expect(runOfQuery(url.searchParams)).toEqual(run);
    url.searchParams.set('teamSize', '0');
    expect(runOfQuery(url.searchParams)).toBe('teamSize must be 1..5000');
    // Without one, the run is the simulator's default teams.
    expect(runOfQuery(new URL(sandboxHistoryUrl('http://127.0.0.1:5173', sandboxRun(120, 1, Date.UTC(2025, 10, 19), 2))).searchParams)).not.toHaveProperty('teamSize');
  });
});
