/**
 * The Conversations list's count and the Overview's Conversations figure are one
 * definition (distinct conversations with a segment, counted on the day of their first):
 * over a simulated day they agree at every hour, for a supervisor and for a team leader,
 * whose session is the sandbox's: the live source of their scope on the simulated indexes,
 * today's history from the history function's real handler, the reconciler between them
 * (`connectLive`). A team leader's contact figures are the supervisor's (their scope line
 * says "Whole centre"); only other teams' offers stop once live data runs.
 */
import { accessOf, teamOf, type Accumulator, type DayRange } from '../../../src/core';
import { connectLive, type LiveConnection } from '../../../src/flex/connect';
import { runtimeConfig } from '../../../src/flex/runtimeConfig';
import { SimulatedCentre } from '../../../src/sandbox/centre';
import { simulationRoster } from '../../../src/sources/simulator';
import { applyQueued, requestRange, totalBetween, type InsightsState } from '../../../src/store';
import { selectConversationsBetween } from '../../../src/views/conversations/conversationsTab.selectors';
import { ALL_PLATFORMS, selectOverview } from '../../../src/views/overview/overviewTab.selectors';
import { historyWorld } from '../../sources/backfill/backfillWorld';

jest.setTimeout(240_000);

const AGENTS = 24;
const SEED = 3;
const HOUR = 3_600_000;
/** Insights opens at 11:00 (UTC, the default zone; today's history holds the morning) and runs to 21:00. */
const OPEN = Date.UTC(2026, 10, 17, 11);
const HOURS = 10;
const TODAY: DayRange = { from: '2026-11-17', to: '2026-11-17' };
/** A day of history, frozen when the period asks for it. */
const YESTERDAY: DayRange = { from: '2026-11-16', to: '2026-11-16' };
const ROLES = { supervisor: ['supervisor', 'wfo.full_access'], teamLeader: ['agent', 'wfo.team_leader'] } as const;
type Role = keyof typeof ROLES;

/** What a person reads on the two tabs at one moment. */
interface Reading {
  readonly listed: number;
  readonly overview: number | null;
  readonly totals: Readonly<Accumulator>;
}

function readingOf(state: InsightsState, range: DayRange = TODAY): Reading {
  // All platforms: one column, the total (the Conversations card).
  const [card] = selectOverview(state, range, ALL_PLATFORMS).kpis;
  return {
    listed: selectConversationsBetween(state, range).length,
    overview: card.conversations,
    // A copy: the store's accumulator moves on with later batches.
    totals: { ...totalBetween(state, range) },
  };
}

interface Day {
  /** Today, read at each hour from the opening. */
  readonly hours: Record<Role, Reading[]>;
  /** Yesterday, once frozen from history. */
  readonly yesterday: Record<Role, Reading>;
}

/** Both sessions on one simulated centre, read every hour of the day. */
async function readDay(): Promise<Day> {
  let real = 0;
  // One simulated minute per real millisecond: the test moves `real` by hand.
  const centre = new SimulatedCentre({ agents: AGENTS, seed: SEED, speed: 60_000, realNow: () => real, startMs: OPEN, historyDays: 1 });
  const me = simulationRoster({ agents: AGENTS, seed: SEED }).agents[0];
  const attributes = (centre.workerAttributes(me.sid) ?? me.profile) as Record<string, unknown>;
  const team = teamOf(attributes);
  const users = { supervisor: { roles: [...ROLES.supervisor], worker_sid: me.sid, identity: 'sdl' }, teamLeader: { roles: [...ROLES.teamLeader], worker_sid: me.sid, identity: 'stl' } };
  const world = historyWorld(centre.run, OPEN, { users });
  const config = runtimeConfig({ supervisorInsights: { historyUrl: 'https://history.example/insights-history' } });
  const now = jest.spyOn(Date, 'now').mockImplementation(() => centre.now());
  const sessions = {} as Record<Role, LiveConnection>;
  try {
    for (const role of Object.keys(ROLES) as Role[]) {
      const roles = [...ROLES[role]];
      const user = { roles, workerSid: me.sid, team };
      const manager = { user: { roles, identity: role, token: role }, workerClient: { sid: me.sid, attributes }, serviceConfiguration: { ui_attributes: {} }, insightsClient: centre.client };
      sessions[role] = connectLive(manager as never, accessOf(user), config, me.sid, { fetch: world.fetch, openCache: async () => undefined, user });
    }
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 1));
      for (const s of Object.values(sessions)) applyQueued(s.store);
    };
    for (let i = 0; i < 500 && Object.values(sessions).some((s) => s.store.getState().status !== 'ready'); i++) await settle();
    expect(Object.values(sessions).map((s) => s.store.getState().access.scope)).toEqual(['all', 'team']);
    expect(Object.values(sessions).map((s) => s.store.getState().status)).toEqual(['ready', 'ready']);
    const readings: Record<Role, Reading[]> = { supervisor: [], teamLeader: [] };
    for (let hour = 0; hour <= HOURS; hour++) {
      if (hour > 0) {
        // A simulated minute a step, as a page ticking at its pace.
        for (let minute = 0; minute < 60; minute++) {
          real += 1;
          centre.tick();
          await settle();
        }
      }
      // Whatever the sources still hold reaches both stores before they are read.
      for (let i = 0; i < 10; i++) await settle();
      expect(centre.now()).toBe(OPEN + hour * HOUR);
      for (const role of Object.keys(ROLES) as Role[]) readings[role].push(readingOf(sessions[role].store.getState()));
    }
    const yesterday = {} as Record<Role, Reading>;
    for (const role of Object.keys(ROLES) as Role[]) {
      const { store } = sessions[role];
      requestRange(store, YESTERDAY);
      for (let i = 0; i < 500 && !store.getState().history?.days?.has(YESTERDAY.from); i++) await settle();
      expect(store.getState().history?.days?.has(YESTERDAY.from)).toBe(true);
      yesterday[role] = readingOf(store.getState(), YESTERDAY);
    }
    return { hours: readings, yesterday };
  } finally {
    for (const s of Object.values(sessions)) s.stop();
    now.mockRestore();
  }
}

describe("the Conversations list's count and the Overview's Conversations figure", () => {
  let readings: Record<Role, Reading[]>;
  let yesterday: Record<Role, Reading>;
  beforeAll(async () => {
    ({ hours: readings, yesterday } = await readDay());
  });

  it('the day has conversations to count, and they grow through the day', () => {
    const counts = readings.supervisor.map((r) => r.listed);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[HOURS]).toBeGreaterThan(counts[0] + 100);
  });

  it.each(Object.keys(ROLES) as Role[])('%s: at every hour the list holds exactly the conversations the Overview counts', (role) => {
    for (const r of readings[role]) {
      expect(r.overview).toBe(r.totals.conversations);
      expect(r.listed).toBe(r.overview);
    }
  });

  it.each(Object.keys(ROLES) as Role[])('%s: a frozen day of history lists the conversations its Overview counts', (role) => {
    const r = yesterday[role];
    expect(r.overview).toBeGreaterThan(100);
    expect(r.listed).toBe(r.overview);
    expect(r.totals.conversations).toBe(yesterday.supervisor.totals.conversations);
  });

  it("a team leader's contact figures are the supervisor's at every hour; other teams' offers stop once live data runs", () => {
    const contacts = (a: Readonly<Accumulator>) => ({
      conversations: a.conversations, offered: a.offered, handled: a.handled, abandoned: a.abandoned,
      slMet: a.slMet, slEligible: a.slEligible, waitSum: a.waitSum, handleSum: a.handleSum, transfers: a.transfers,
    });
    readings.teamLeader.forEach((r, hour) => expect(contacts(r.totals)).toEqual(contacts(readings.supervisor[hour].totals)));
    // At the opening, today's history holds every offer; after it, a team leader's live data holds only the team's.
    expect(readings.teamLeader[0].totals.invitations).toBe(readings.supervisor[0].totals.invitations);
    expect(readings.teamLeader[HOURS].totals.invitations).toBeLessThan(readings.supervisor[HOURS].totals.invitations);
  });
});
