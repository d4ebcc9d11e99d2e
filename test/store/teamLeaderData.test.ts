/**
 * Least data in a team leader's browser, end to end over a centre of two teams: an hour of
 * live queries (the team scope's source on the fake insights client) folded into the
 * leader's store, then a backfill from the history function (the real handler, the
 * leader's token) into the same store and the IndexedDB cache. Every string of the store's
 * state (after the live batches, and again after the backfill) and of the cache is scanned
 * for the customers of tasks no one of the team was ever offered: names, phones and
 * emails. None may be there; the team's own customers are, so the scan is not blind.
 */
import 'fake-indexeddb/auto';
import { DEFAULT_CONFIG, accessOf, teamOf } from '../../src/core';
import { historySinkOf } from '../../src/flex/sinks';
import { Backfill, HistoryClient, historyDbName, openHistoryCache } from '../../src/sources/backfill';
import { liveScopeOf } from '../../src/sources/live';
import { simulationRoster } from '../../src/sources/simulator';
import { applyQueued, createInsightsStore, frozenDays, ingest } from '../../src/store';
import { historyWorld, storedStrings, type TokenUser } from '../sources/backfill/backfillWorld';
import { playLive } from '../sources/liveFixtures';

jest.setTimeout(120_000);

const SIM = { agents: 24, days: 2, seed: 5, start: '2026-11-16T00:00:00Z' } as const;
const NOW = Date.parse('2026-11-17T15:00:00Z');
const LIVE_FROM = NOW - 3_600_000;
const LEADER_TOKEN = 'token-team-leader';

const attributesOf = (text: string | undefined): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const roster = simulationRoster(SIM);
/** Tokens beside the world's own: the leader's, once the leader is chosen. */
const users: Record<string, TokenUser> = {};
const world = historyWorld(SIM, NOW, { users });
/** Each worker's teams over the run, as their attributes said at each event. */
const teamsOf = new Map<string, Set<string>>();
for (const ev of world.sim) {
  if (!ev.worker) continue;
  const team = teamOf(attributesOf(ev.worker.attributes));
  if (team === undefined) continue;
  let set = teamsOf.get(ev.worker.sid);
  if (!set) teamsOf.set(ev.worker.sid, (set = new Set()));
  set.add(team);
}
// The leader: an agent who stays in their team all run, so the function and the session agree on it.
const leaderAgent = roster.agents.find((a) => [...(teamsOf.get(a.sid) ?? [])].every((t) => t === a.profile.team)) as (typeof roster.agents)[number];
const LEADER = leaderAgent.sid;
const TEAM = leaderAgent.profile.team;
users[LEADER_TOKEN] = { roles: ['agent', 'wfo.team_leader'], worker_sid: LEADER, identity: 'lead' };

/**
 * Whose customer each string is. The team's: any task offered to a worker who was in the
 * team at any time of the run (a worker who joins the team brings their tasks, and an offer
 * the team let go is still the leader's to review). Outsiders': tasks never offered to
 * anyone who was ever in the team, less any string that is also the team's or staff's (a
 * customer may share a name with an agent).
 */
function customersByTeam() {
  const everInTeam = new Set([LEADER, ...[...teamsOf].filter(([, teams]) => teams.has(TEAM)).map(([sid]) => sid)]);
  const teamTasks = new Set<string>();
  const customers = new Map<string, Set<string>>();
  const staff = new Set<string>();
  for (const ev of world.sim) {
    if (ev.worker) {
      staff.add(ev.worker.name);
      for (const v of Object.values(attributesOf(ev.worker.attributes))) if (typeof v === 'string') staff.add(v);
    }
    if (ev.task) {
      const a = attributesOf(ev.task.attributes) as { customers?: { name?: unknown; phone?: unknown; email?: unknown }; from?: unknown };
      let set = customers.get(ev.task.sid);
      if (!set) customers.set(ev.task.sid, (set = new Set()));
      for (const s of [a.customers?.name, a.customers?.phone, a.customers?.email, a.from]) if (typeof s === 'string' && s.length > 3) set.add(s);
    }
    if (ev.type.startsWith('reservation.') && ev.task && ev.worker && everInTeam.has(ev.worker.sid)) teamTasks.add(ev.task.sid);
  }
  const own = new Set<string>();
  const others = new Set<string>();
  for (const [sid, strings] of customers) for (const s of strings) (teamTasks.has(sid) ? own : others).add(s);
  for (const s of [...own, ...staff]) others.delete(s);
  // A customer's name, not their phone or email: what masking leaves in clear for a leader.
  const ownNames = [...own].filter((s) => /^[A-Z][a-z]+ [A-Z]/.test(s) && !staff.has(s));
  return { others, ownNames };
}
const { others, ownNames } = customersByTeam();

/** Every string of a value at any depth: keys, values, inside maps and sets; each object once. */
function stringsOf(value: unknown): string[] {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const [k, x] of Object.entries(v)) stack.push(k, x);
  }
  return out;
}

/** The outsiders' customer strings found in this text, and how many of the team's own names. */
function scan(text: string) {
  return { outsiders: [...others].filter((s) => text.includes(s)), ownNames: ownNames.filter((s) => text.includes(s)).length };
}

describe("a team leader's store and cache", () => {
  const access = accessOf({ roles: ['agent', 'wfo.team_leader'], workerSid: LEADER, team: TEAM });
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, workerSid: LEADER, schedule: () => undefined, now: () => NOW });
  const key = `least-data|team|${TEAM}`;

  it('the centre has two teams, and customers of both (the scan has something to find)', () => {
    expect(new Set(roster.agents.map((a) => a.profile.team)).size).toBe(2);
    expect(access.scope).toBe('team');
    expect(others.size).toBeGreaterThan(100);
    expect(ownNames.length).toBeGreaterThan(20);
    expect([...others].some((s) => s.startsWith('+'))).toBe(true);
    expect([...others].some((s) => s.includes('@'))).toBe(true);
  });

  it('after an hour of live batches, the store holds no other team\'s customer, and the team\'s own', async () => {
    let batches = 0;
    const { source, errors } = await playLive(world.sim, liveScopeOf(access, LEADER), {
      from: LIVE_FROM,
      onEvents: (events) => {
        batches++;
        ingest(store, events);
        applyQueued(store);
      },
    });
    source.stop();
    expect(errors).toEqual([]);
    expect(batches).toBeGreaterThan(100);
    const found = scan(stringsOf(store.getState()).join('\n'));
    expect(found.outsiders).toEqual([]);
    expect(found.ownNames).toBeGreaterThan(0);
  });

  it('after a backfill of today and yesterday, neither the store nor IndexedDB holds one', async () => {
    const cache = await openHistoryCache(key, { now: () => NOW });
    const client = new HistoryClient({ url: 'x', token: () => LEADER_TOKEN, fetch: world.fetch });
    const backfill = new Backfill({ sink: historySinkOf(store), client, config: DEFAULT_CONFIG, access, workerSid: LEADER, cache, now: () => NOW, log: () => undefined });
    await backfill.today;
    await backfill.loadRange({ from: '2026-11-16', to: '2026-11-16' });
    applyQueued(store);
    expect(frozenDays(store).has('2026-11-16')).toBe(true);
    cache.close();

    const inStore = scan(stringsOf(store.getState()).join('\n'));
    expect(inStore.outsiders).toEqual([]);
    expect(inStore.ownNames).toBeGreaterThan(0);

    const stored = (await storedStrings(historyDbName(key))).join('\n');
    // Today's events and the frozen day are there, the team's contacts masked.
    expect(stored).toMatch(/task\.created/);
    expect(stored).toMatch(/•••\d\d/);
    const inCache = scan(stored);
    expect(inCache.outsiders).toEqual([]);
    expect(inCache.ownNames).toBeGreaterThan(0);
  });
});
