/**
 * The backfill against the history function's real handler (in process) over the fake
 * Events API: today's history then live data equals the whole stream's report wherever
 * the two overlap; failures become messages and live data goes on; progress counts
 * what arrived; the range loader freezes older days.
 */
import { historySinkOf } from '../../../src/flex/sinks';
import { DEFAULT_CONFIG, accessOf, agentMetricSet, metricSet, oneDay, type HistoryProgress, type TrEvent } from '../../../src/core';
import { FakeInsightsClient } from '../../../src/sandbox/fakes/fakeInsightsClient';
import { SimulatorToSync, workersAtStart } from '../../../src/sandbox/fakes/simulatorToSync';
import { Backfill, HistoryClient, LiveReconciler, oneOffFact, type FetchLike } from '../../../src/sources/backfill';
import { LiveSource } from '../../../src/sources/live';
import {
  applyQueued,
  createAlertStore,
  createInsightsStore,
  frozenDays,
  onBatch,
  requestRange,
  setRangeLoader,
  setStatus,
  totalBetween,
  totalsBetween,
  type InsightsStore,
} from '../../../src/store';
import { settle } from '../liveFixtures';
import { TOKENS, historyWorld, reportOf, type HistoryWorld } from './backfillWorld';

const HOUR = 3_600_000;
const SIM = { agents: 30, days: 2, seed: 7, start: '2026-11-16T00:00:00Z' } as const;
const DAY1 = '2026-11-16';
const DAY2 = '2026-11-17';
const DAY1_START = Date.parse(`${DAY1}T00:00:00Z`);
const DAY2_START = Date.parse(`${DAY2}T00:00:00Z`);
const ACCESS = accessOf({ roles: ['supervisor'] });

const manualStore = (clock: () => number): InsightsStore =>
  createInsightsStore({ access: ACCESS, config: DEFAULT_CONFIG, schedule: () => undefined, now: clock });

function clientOf(world: HistoryWorld, sleeps: number[] = [], token: string = TOKENS.supervisor, fetch: FetchLike = world.fetch): HistoryClient {
  return new HistoryClient({ url: 'https://history.invalid/insights-history', token: () => token, fetch, sleep: async (ms) => void sleeps.push(ms) });
}

/** Every progress state the store went through. */
function progressLog(store: InsightsStore): HistoryProgress[] {
  const log: HistoryProgress[] = [];
  store.subscribe((s, before) => {
    const p = s.history?.progress;
    if (p && p !== before.history?.progress) log.push(p);
  });
  return log;
}

const world = historyWorld(SIM, DAY2_START + 12 * HOUR);

describe('the reconciler', () => {
  const live = (over: Partial<TrEvent>): TrEvent => ({ sid: 'live:x', type: 'task.created', ts: 100, taskSid: 'WT1', ...over });

  it('names one-off facts by what they are, and repeatable ones not at all', () => {
    expect(oneOffFact(live({ type: 'reservation.accepted', reservationSid: 'WR1' }))).toBe('r:WR1:accepted');
    // an unaccepted end is one fact whichever way it ended
    expect(oneOffFact(live({ type: 'reservation.timeout', reservationSid: 'WR1' }))).toBe(oneOffFact(live({ type: 'reservation.rejected', reservationSid: 'WR1' })));
    expect(oneOffFact(live({ type: 'task.canceled' }))).toBe('t:WT1:end');
    expect(oneOffFact(live({ type: 'task-queue.entered' }))).toBeUndefined();
    expect(oneOffFact(live({ type: 'worker.activity.update', taskSid: undefined, workerSid: 'WK1' }))).toBeUndefined();
  });

  it('holds live events until history is in, then drops what history holds and keeps the rest', () => {
    const r = new LiveReconciler();
    const held = [
      live({ sid: 'live:1', type: 'task.created', ts: 100 }),
      live({ sid: 'live:2', type: 'task-queue.entered', ts: 100, queueName: 'Q' }),
      live({ sid: 'live:3', type: 'reservation.accepted', ts: 900, reservationSid: 'WR1' }),
      live({ sid: 'live:4', type: 'task-queue.entered', ts: 300, taskSid: 'WT2', queueName: 'Q' }),
      live({ sid: 'live:5', type: 'task-queue.entered', ts: 1200, queueName: 'R' }),
      { sid: 'EVlate', type: 'task.updated', ts: 50, taskSid: 'WT1' },
    ] as TrEvent[];
    expect(r.live(held)).toEqual([]);
    r.noteHistory([
      { sid: 'EV1', type: 'task.created', ts: 101, taskSid: 'WT1', queueName: 'Q' },
      { sid: 'EV2', type: 'reservation.accepted', ts: 950, taskSid: 'WT1', reservationSid: 'WR1', workerSid: 'WK1' },
    ]);
    r.coveredUntil(1000);
    // 1: the same creation (other time); 2: WT1's queue entry before the mark; 3: the same acceptance
    // kept: WT2 history never saw, a change after the mark, and anything not made by the live source
    expect(r.release().map((e) => e.sid)).toEqual(['live:4', 'live:5', 'EVlate']);
    expect(r.stats).toEqual({ dropped: 3, held: 0 });
    // after release, live events pass at once (filtered the same way)
    expect(r.live([live({ sid: 'live:6', type: 'task.wrapup', ts: 2000 }), live({ sid: 'live:7', ts: 3000 })]).map((e) => e.sid)).toEqual(['live:6']);
  });
});

/**
 * One session: live data from `cut - overlap` (held by the backfill while it loads),
 * history of today up to `cut`, then live data again up to `end`.
 */
async function backfillThenLive(w: HistoryWorld, cut: number, overlapMs: number, end: number) {
  const sim = w.sim;
  const client = new FakeInsightsClient();
  const feed = new SimulatorToSync(client);
  feed.seedWorkers(workersAtStart(sim, DAY1_START));
  let clock = cut - overlapMs;
  let i = 0;
  const play = async (until: number, source?: LiveSource): Promise<void> => {
    while (i < sim.length && sim[i].timeMs <= until) {
      clock = Math.max(clock, sim[i].timeMs);
      feed.apply(sim[i++]);
      if (source?.busy) await settle(source);
    }
    clock = until;
    feed.evictUntil(until);
    if (source) await settle(source);
  };
  await play(cut - overlapMs);
  const store = manualStore(() => clock);
  const early: TrEvent[][] = [];
  const session: { backfill?: Backfill } = {};
  const source = new LiveSource({ client, now: () => clock, onEvents: (events) => (session.backfill ? session.backfill.live(events) : early.push(events)) });
  await source.start();
  await settle(source);
  await play(cut, source);
  w.clock = cut;
  const backfill = new Backfill({ sink: historySinkOf(store), client: clientOf(w), config: DEFAULT_CONFIG, access: ACCESS, now: () => clock });
  session.backfill = backfill;
  for (const events of early) backfill.live(events);
  await backfill.today;
  await play(end, source);
  applyQueued(store);
  source.stop();
  return { store, backfill };
}

describe('today: history, then live data', () => {
  const OVERLAP = 10 * 60_000;
  const LIVE_FOR = 40 * 60_000;
  // Live data cannot know workflow timeouts or deletions (docs/model.md): cuts whose live
  // stretch has none, so the whole stream's report is the truth to meet.
  const unknowable = world.sim.filter((e) => e.type === 'workflow.timeout' || e.type === 'task.deleted').map((e) => e.timeMs);
  const cuts = Array.from({ length: 16 }, (_, k) => DAY2_START + 30 * 60_000 + k * 85 * 60_000).filter(
    (cut) => !unknowable.some((t) => t > cut - OVERLAP - HOUR && t <= cut + LIVE_FOR + 10 * 60_000),
  );

  it('has enough cut points across the day', () => {
    expect(cuts.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cuts.map((c) => [new Date(c).toISOString().slice(11, 16), c]))('cut at %s: equals the whole stream', async (_label, cut) => {
    const end = cut + LIVE_FOR;
    const { store, backfill } = await backfillThenLive(world, cut, OVERLAP, end);
    const state = store.getState();
    const expected = reportOf(world.sim, DAY2_START, end);
    const day = oneDay(DAY2);
    expect(expected.totals.handled).toBeGreaterThan(5);
    // the two sources did overlap, and the overlap was resolved rather than absent
    expect(backfill.reconciler.stats.dropped).toBeGreaterThan(0);
    expect(state.live.engine.stats.rejected).toBe(0);
    expect(metricSet(totalBetween(state, day))).toEqual(expected.totals);
    const by = (slice: 'supportType' | 'queue', make = metricSet) => Object.fromEntries([...totalsBetween(state, slice, day)].map(([k, a]) => [k, make(a)]));
    expect(by('supportType')).toEqual(expected.bySupportType);
    expect(by('queue')).toEqual(expected.byQueue);
    expect(Object.fromEntries([...totalsBetween(state, 'team', day)].map(([k, a]) => [k, agentMetricSet(a)]))).toEqual(expected.byTeam);
    const agents = totalsBetween(state, 'agent', day);
    for (const [sid, agent] of Object.entries(expected.byAgent)) {
      if (agent.handled === 0 && agent.invitations === 0) continue;
      const mine = agentMetricSet(agents.get(sid) ?? totalBetween(state, { from: '0000-00-00', to: '0000-00-00' }));
      expect({ sid, handled: mine.handled, rona: mine.rona, rejected: mine.rejected, transfers: mine.transfers }).toEqual({
        sid,
        handled: agent.handled,
        rona: agent.rona,
        rejected: agent.rejected,
        transfers: agent.transfers,
      });
    }
  });

  it('without the reconciler the same sessions do not add up (so the test above can fail)', async () => {
    const redundant = jest.spyOn(LiveReconciler.prototype, 'redundant').mockReturnValue(false);
    try {
      const differing: string[] = [];
      // cuts whose overlap holds a queue move or a step the live source placed early
      for (const cut of [cuts[0], cuts[6], cuts[13]]) {
        const end = cut + LIVE_FOR;
        const { store } = await backfillThenLive(world, cut, OVERLAP, end);
        const got = metricSet(totalBetween(store.getState(), oneDay(DAY2)));
        const expected = reportOf(world.sim, DAY2_START, end).totals;
        for (const key of Object.keys(expected) as (keyof typeof expected)[]) if (got[key] !== expected[key]) differing.push(key);
      }
      expect(differing).toEqual(expect.arrayContaining(['avgWaitSec', 'avgTalkSec']));
    } finally {
      redundant.mockRestore();
    }
  });
});

describe('alerts while today loads', () => {
  it('a contact waiting at the end of one chunk and answered in the next raises nothing', async () => {
    const NOON = DAY2_START + 12 * HOUR;
    world.clock = NOON;
    // A frame after every chunk, as in the browser while the next chunk is fetched; chunks of
    // 10 minutes, so that some contacts' waits cross one.
    const store = createInsightsStore({ access: ACCESS, config: DEFAULT_CONFIG, schedule: (frame) => frame(), now: () => NOON });
    const alerts = createAlertStore(store, { rules: [{ id: 'wait', kind: 'contactWait', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 }], user: 'sup' });
    const waitedInPart = new Set<string>();
    onBatch(store, (events) => {
      for (const e of events) if (e.taskSid !== undefined && store.getState().live.engine.waitingOf(e.taskSid)) waitedInPart.add(e.taskSid);
    });
    const backfill = new Backfill({ sink: historySinkOf(store), client: clientOf(world), config: DEFAULT_CONFIG, access: ACCESS, now: () => NOON, chunkMs: 10 * 60_000 });
    await backfill.today;
    setStatus(store, 'ready');
    const waiting = new Set(store.getState().live.engine.waitingNow().map((w) => w.taskSid));
    // Contacts the chunks cut: waiting after one part, answered by a later one (so this can fail).
    expect([...waitedInPart].filter((t) => !waiting.has(t)).length).toBeGreaterThan(0);
    const raised = alerts.getState().log.filter((e) => e.type === 'raised').map((e) => e.key.replace('wait|contact:', ''));
    expect(raised.filter((t) => !waiting.has(t))).toEqual([]);
    expect(alerts.getState().active.map((a) => a.key.replace('wait|contact:', ''))).toEqual(raised);
  });
});

describe('failures', () => {
  const NOON = DAY2_START + 12 * HOUR;
  const start = (client: HistoryClient, store = manualStore(() => NOON)) => {
    world.clock = NOON;
    const logged: string[] = [];
    const backfill = new Backfill({ sink: historySinkOf(store), client, config: DEFAULT_CONFIG, access: ACCESS, now: () => NOON, log: (message) => void logged.push(message) });
    return { store, backfill, logged };
  };
  const liveEvent: TrEvent = { sid: 'live:tr-task:WTffffffffffffffffffffffffffffffff:created', type: 'task.created', ts: NOON - 1000, taskSid: 'WTffffffffffffffffffffffffffffffff', queueName: 'CISS Safety', channel: 'voice' };

  it.each([
    ['an unknown token (401)', 'not-a-token', /did not accept your Flex sign-in.*Sign in to Flex again/],
    ['a user without an Insights role (403)', TOKENS.nobody, /Your role may not load history/],
  ])('%s: says so, does not retry, and live data still goes in', async (_name, token, message) => {
    const sleeps: number[] = [];
    const before = world.requests.length;
    const { store, backfill } = start(clientOf(world, sleeps, token));
    backfill.live([liveEvent]);
    await backfill.today;
    const p = store.getState().history?.progress;
    expect(p).toMatchObject({ loading: false, daysDone: 0 });
    expect(p?.error).toMatch(message);
    expect(world.requests.length - before).toBe(1);
    expect(sleeps).toEqual([]);
    // the held live event went in when history failed, and later ones pass at once
    backfill.live([{ ...liveEvent, sid: 'live:tr-task:WTffffffffffffffffffffffffffffffff:canceled', type: 'task.canceled', ts: NOON }]);
    applyQueued(store);
    expect(metricSet(totalBetween(store.getState(), oneDay(DAY2)))).toMatchObject({ offered: 1, abandoned: 1 });
  });

  it('a 429 waits as long as the function asks, then goes on; the result is whole', async () => {
    const clean = start(clientOf(world));
    await clean.backfill.today;
    const sleeps: number[] = [];
    // TaskRouter refuses four times: the function gives up and answers 429 with Retry-After
    world.api.failNext(4, { status: 429, retryAfterSec: 3, pathIncludes: '/Events' });
    const { store, backfill } = start(clientOf(world, sleeps));
    await backfill.today;
    expect(sleeps).toEqual([3000]);
    expect(store.getState().history?.progress?.error).toBeUndefined();
    expect(metricSet(totalBetween(store.getState(), oneDay(DAY2)))).toEqual(metricSet(totalBetween(clean.store.getState(), oneDay(DAY2))));
  });

  it('5xx backs off 1, 2, 4, 8 s, then says the function failed', async () => {
    const sleeps: number[] = [];
    world.api.failNext(5 * 4, { status: 503, pathIncludes: '/Events' });
    const { store, backfill, logged } = start(clientOf(world, sleeps));
    await backfill.today;
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(store.getState().history?.progress?.error).toMatch(/History failed on the server\. Live data still works/);
    // The status and the setting go to the console, for the admin.
    expect(logged).toEqual([expect.stringMatching(/^\[supervisor-insights\] history: today: historyUrl: HTTP 502 /)]);
  });

  it('a network failure is retried; an answer that is not history is not', async () => {
    const sleeps: number[] = [];
    let failures = 2;
    const flaky: FetchLike = async (url, init) => {
      if (failures-- > 0) throw new TypeError('fetch failed');
      return world.fetch(url, init);
    };
    const ok = start(clientOf(world, sleeps, TOKENS.supervisor, flaky));
    await ok.backfill.today;
    expect(sleeps).toEqual([1000, 2000]);
    expect(ok.store.getState().history?.progress).toMatchObject({ loading: false, daysDone: 1 });

    const html: FetchLike = async () => ({ status: 200, json: async () => ({ hello: 'a login page' }) });
    const wrong = start(clientOf(world, [], TOKENS.supervisor, html));
    await wrong.backfill.today;
    expect(wrong.store.getState().history?.progress?.error).toMatch(/answers with something that is not history\. Live data still works\. Ask your Flex admin/);
  });
});

describe('progress and the range loader', () => {
  const NOON = DAY2_START + 12 * HOUR;

  it('counts events and the share of today as pages arrive; loading until today is in', async () => {
    world.clock = NOON;
    const store = manualStore(() => NOON);
    const log = progressLog(store);
    const small = new HistoryClient({ url: 'x', token: () => TOKENS.supervisor, fetch: world.fetch, pageSize: 200 });
    const backfill = new Backfill({ sink: historySinkOf(store), client: small, config: DEFAULT_CONFIG, access: ACCESS, now: () => NOON });
    await backfill.today;
    const expectedEvents = world.sim.filter((e) => e.timeMs >= DAY2_START - 6 * HOUR && e.timeMs < NOON).length;
    expect(log[0]).toMatchObject({ loading: true, fetched: 0, daysDone: 0, daysTotal: 1, range: { from: DAY2, to: DAY2 } });
    const fetched = log.map((p) => p.fetched);
    expect(fetched).toEqual([...fetched].sort((a, b) => a - b));
    // pages of 200 in chunks of 3 hours: many steps, each at most a page
    expect(new Set(fetched).size).toBeGreaterThan(expectedEvents / 200);
    expect(log.slice(0, -1).every((p) => p.loading)).toBe(true);
    expect(log.at(-1)).toMatchObject({ loading: false, fetched: expectedEvents, daysDone: 1, daysTotal: 1, share: 1 });
    expect(log.map((p) => p.share ?? 0).every((s, k, all) => k === 0 || s >= all[k - 1])).toBe(true);
  });

  it('freezes the days of a requested range, once; today stays live', async () => {
    world.clock = NOON;
    const store = manualStore(() => NOON);
    const backfill = new Backfill({ sink: historySinkOf(store), client: clientOf(world), config: DEFAULT_CONFIG, access: ACCESS, now: () => NOON });
    setRangeLoader(store, (range) => void backfill.loadRange(range));
    await backfill.today;
    const log = progressLog(store);
    const before = world.requests.length;
    requestRange(store, { from: '2026-11-10', to: DAY2 });
    await backfill.loadRange({ from: '2026-11-10', to: DAY2 });
    // only DAY1 exists before today (the run starts on it); empty days before it freeze empty
    const frozen = frozenDays(store);
    expect([...frozen.keys()].sort()).toEqual(['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', DAY1]);
    expect(frozen.has(DAY2)).toBe(false);
    const expected = reportOf(world.sim, DAY1_START, DAY2_START - 1, NOON);
    applyQueued(store);
    expect(metricSet(totalBetween(store.getState(), oneDay(DAY1)))).toEqual(expected.totals);
    expect(expected.totals.handled).toBeGreaterThan(100);
    expect(log.at(-1)).toMatchObject({ loading: false, daysDone: 7, daysTotal: 7 });
    // asked again: nothing is fetched
    const after = world.requests.length;
    expect(after).toBeGreaterThan(before);
    await backfill.loadRange({ from: DAY1, to: DAY1 });
    expect(world.requests.length).toBe(after);
  });
});
