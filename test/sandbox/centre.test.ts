import { teamOf } from '../../src/core';
import { SimulatedCentre } from '../../src/sandbox/centre';
import { createFakeEventsApi, type FakeEventResource } from '../../src/sandbox/fakes/fakeEventsApi';
import { historyDaysFor } from '../../src/sandbox/server/historyParams';
import { fakeWorkspace } from '../../src/sandbox/server/historyServer';
import { WORKSPACE, simulate, simulationRoster, toEventsApi } from '../../src/sources/simulator';

/**
 * The sandbox page signs in the roster's first agent; the simulator moves agents between
 * teams, and the history function scopes a team leader by the team their worker has at the
 * time of the request. The page's worker client must carry that team too: with the
 * roster's starting team, the leader's live access named one team and the function served
 * another's, so every agent row of the team was 0 (their reservations anonymised twice).
 */
describe('sandbox centre: the signed-in worker', () => {
  // 40 agents, seed 1, as `?role=stl` opens: the first agent has moved team by then.
  const agents = 40;
  const now = Date.UTC(2026, 10, 21, 14, 26);
  const me = simulationRoster({ agents, seed: 1 }).agents[0];

  it('carries the team the history function reads for it, not the roster’s starting one', async () => {
    const centre = new SimulatedCentre({ agents, seed: 1, speed: 0, realNow: () => now, historyDays: historyDaysFor(agents, null) });
    const upToNow = [...simulate(centre.run)].filter((e) => e.timeMs <= now);
    const api = createFakeEventsApi(
      upToNow.map((e) => toEventsApi(e) as unknown as FakeEventResource),
      { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => now },
    );
    const worker = await fakeWorkspace(api, WORKSPACE.workspaceSid).workers(me.sid).fetch();
    const functionTeam = teamOf(JSON.parse(worker.attributes) as Record<string, unknown>);

    // The case the sandbox hit: the worker is no longer in the team the roster started it in.
    expect(functionTeam).not.toBe(me.profile.team);
    expect(teamOf(centre.workerAttributes(me.sid) as Record<string, unknown>)).toBe(functionTeam);
  }, 120_000);
});
