import {
  DAY_GROUPINGS,
  DEFAULT_CONFIG,
  Engine,
  HistoryFolder,
  accessOf,
  agentMetricSet,
  buildReport,
  conversationDetailsOf,
  conversationRowOf,
  createCalendar,
  daysOf,
  groupingId,
  isEmptyAccumulator,
  metricSet,
  rangeBounds,
  reportGroupings,
  snapshotOfEngine,
  type Access,
  type Accumulator,
  type DayRange,
  type DaySnapshot,
  type EngineConfig,
  type MetricSet,
  type TrEvent,
  type User,
} from '../../src/core';
import { applyQueued, createInsightsStore, ingest, totalsBetween } from '../../src/store';
import { FIRST_DAY, pagesOf, shuffled, simulatedEvents, storeWithDays, type Page } from '../sources/backfill/fixtures';

const RANGE: DayRange = { from: FIRST_DAY, to: '2026-11-24' }; // nine days, Monday to the next Tuesday
const FIRST_WEEK: DayRange = { from: FIRST_DAY, to: '2026-11-22' };
const events = simulatedEvents({ agents: 24, days: 9, seed: 11 });
const ADMIN: User = { roles: ['admin'] };

function foldPages(pages: readonly Page[], access: Access, config: EngineConfig = DEFAULT_CONFIG, range = RANGE): { days: DaySnapshot[]; maxOpen: number; folder: HistoryFolder; returned: number } {
  const folder = new HistoryFolder({ config, access, range });
  // A day may come back with more activity: the later snapshot replaces the earlier, as in the store.
  const days = new Map<string, DaySnapshot>();
  let maxOpen = 0;
  let returned = 0;
  const keep = (list: DaySnapshot[]): void => {
    returned += list.length;
    for (const d of list) days.set(d.day, d);
  };
  for (const p of pages) {
    folder.add(p.events);
    maxOpen = Math.max(maxOpen, folder.openDays());
    keep(folder.covered(p.from, p.to));
  }
  keep(folder.finish());
  return { days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)), maxOpen, folder, returned };
}

/** One engine over the whole stream, no window: the cells every day should hold. */
function referenceEngine(config: EngineConfig = DEFAULT_CONFIG): Engine {
  const engine = new Engine(config, { groupings: DAY_GROUPINGS });
  for (const e of events) engine.apply(e);
  return engine;
}

function nonEmptyCellsOf(engine: Engine, day: string): Record<string, Record<string, Record<string, Accumulator>>> {
  const out: Record<string, Record<string, Record<string, Accumulator>>> = {};
  for (const g of DAY_GROUPINGS) {
    const byGrouping: Record<string, Record<string, Accumulator>> = {};
    for (const c of engine.cellsOf(g)) {
      if (c.period.slice(0, 10) === day && !isEmptyAccumulator(c.acc)) (byGrouping[c.slice] ??= {})[c.period] = c.acc;
    }
    out[groupingId(g)] = byGrouping;
  }
  return out;
}

const inOrder = pagesOf(events, 700);
const adminAccess = accessOf(ADMIN);
const ordered = foldPages(inOrder, adminAccess);

describe('HistoryFolder: frozen days equal one engine over the whole stream', () => {
  const reference = referenceEngine();

  it('freezes every day of the range', () => {
    expect(ordered.days.map((d) => d.day)).toEqual(daysOf(RANGE));
    // fetched oldest first, the first days come back once agents off on them log in later
    expect(ordered.returned).toBeGreaterThan(daysOf(RANGE).length);
    expect(ordered.folder.pendingDays()).toEqual([]);
    expect(ordered.folder.stats()).toMatchObject({ received: events.length, late: 0, rejected: 0 });
  });

  it.each(daysOf(RANGE))('%s: every cell of every day grouping', (day) => {
    const snap = ordered.days.find((d) => d.day === day) as DaySnapshot;
    expect(snap.cells).toEqual(nonEmptyCellsOf(reference, day));
    // not vacuous: the day has conversations in every slice dimension
    for (const g of DAY_GROUPINGS) expect(Object.keys(snap.cells[groupingId(g)]).length).toBeGreaterThan(0);
  });

  it.each(daysOf(RANGE))('%s: conversation rows, activity and agents', (day) => {
    const snap = ordered.days.find((d) => d.day === day) as DaySnapshot;
    const calendar = reference.calendar;
    const rows = [...conversationDetailsOf(reference, adminAccess, DEFAULT_CONFIG).values()]
      .filter((c) => calendar.dayKey(c.start) === day)
      .map(conversationRowOf)
      .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    expect(snap.conversations).toEqual(rows);
    expect(rows.length).toBeGreaterThan(100);

    const { start, end } = rangeBounds(calendar, { from: day, to: day });
    const activity: Record<string, Record<string, number>> = {};
    for (const a of reference.agents()) {
      const sec = reference.activitySeconds(a.sid, start, end);
      if (Object.keys(sec).length > 0) activity[a.sid] = sec;
    }
    expect(snap.activity).toEqual(activity);
    // agents off that day still spent it in their last activity (Offline): present, with names
    expect(snap.agents.map((a) => a.sid)).toEqual(expect.arrayContaining(Object.keys(activity)));
    const names = new Map(reference.agents().map((a) => [a.sid, a]));
    // names are the latest; the team is the one the agent had then (by the end of the day's span)
    for (const a of snap.agents) expect(a).toEqual({ sid: a.sid, name: names.get(a.sid)?.name, team: reference.teamAt(a.sid, end + 6 * 3_600_000) });
    expect(new Set(snap.agents.map((a) => a.team)).size).toBeGreaterThan(1);
  });

  it('a time zone whose days cut the stream elsewhere (Sydney) gives the same cells', () => {
    const config: EngineConfig = { ...DEFAULT_CONFIG, timeZone: 'Australia/Sydney' };
    const range = { from: FIRST_DAY, to: '2026-11-25' };
    const { days } = foldPages([...inOrder].reverse(), adminAccess, config, range);
    const sydney = referenceEngine(config);
    for (const snap of days) expect(snap.cells).toEqual(nonEmptyCellsOf(sydney, snap.day));
  });
});

describe('HistoryFolder: read through the store, frozen days equal the report', () => {
  const state = storeWithDays(ADMIN, DEFAULT_CONFIG, ordered.days).getState();
  const calendar = createCalendar(DEFAULT_CONFIG.timeZone);

  function reportFor(range: DayRange) {
    const { start, end } = rangeBounds(calendar, range);
    const engine = new Engine(DEFAULT_CONFIG, { groupings: reportGroupings(), window: { from: start, to: end - 1 } });
    for (const e of events) engine.apply(e);
    return buildReport(engine);
  }

  const bySlice = <T>(range: DayRange, slice: Parameters<typeof totalsBetween>[1], make: (a: Accumulator) => T): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [s, acc] of totalsBetween(state, slice, range)) out[s] = make(acc);
    return out;
  };

  it.each([
    ['the first week', FIRST_WEEK],
    ['the whole range', RANGE],
  ])('%s: totals, support types, platforms, teams and agents', (_name, range) => {
    const report = reportFor(range);
    expect(metricSet(totalsBetween(state, 'all', range).get('') as Accumulator)).toEqual(report.totals);
    expect(bySlice(range, 'supportType', metricSet)).toEqual(report.bySupportType);
    expect(bySlice(range, 'platform', metricSet)).toEqual(report.byPlatform);
    expect(bySlice(range, 'queue', metricSet)).toEqual(report.byQueue);
    expect(bySlice(range, 'team', agentMetricSet)).toEqual(report.byTeam);
    const agents = bySlice(range, 'agent', agentMetricSet);
    for (const [sid, a] of Object.entries(report.byAgent)) {
      if (a.handled === 0 && a.invitations === 0) continue; // agents with activity only have no cells
      const { name: _n, team: _t, activitySec: _s, loggedStatusPct: _p, ...metrics } = a;
      expect(agents[sid]).toEqual(metrics);
    }
    expect(Object.keys(agents).length).toBe(Object.values(report.byAgent).filter((a) => a.handled > 0 || a.invitations > 0).length);
    // activity: the frozen days' seconds add up to the report's, per agent and activity
    for (const [sid, a] of Object.entries(report.byAgent)) {
      for (const [activity, sec] of Object.entries(a.activitySec)) {
        let sum = 0;
        for (const d of ordered.days) if (d.day >= range.from && d.day <= range.to) sum += d.activity[sid]?.[activity] ?? 0;
        expect(Math.abs(sum - sec)).toBeLessThanOrEqual(0.051); // the report rounds to 0.1 s and ends 1 ms earlier
      }
    }
  });

  it.each(daysOf(RANGE))('%s: a one-day report agrees on every segment metric', (day) => {
    const range = { from: day, to: day };
    const report = reportFor(range);
    // A day's report counts a conversation that began the evening before in its first
    // segment *inside the window*; the frozen day (like the live store) counts it on the
    // day it began. Every other metric is per segment and agrees exactly.
    const withoutConversations = ({ conversations: _c, abandonRate: _r, ...rest }: Partial<MetricSet>) => rest;
    expect(withoutConversations(metricSet(totalsBetween(state, 'all', range).get('') as Accumulator))).toEqual(withoutConversations(report.totals));
    const types = bySlice(range, 'supportType', metricSet);
    for (const [t, m] of Object.entries(report.bySupportType)) expect(withoutConversations(types[t])).toEqual(withoutConversations(m));
    const platforms = bySlice(range, 'platform', metricSet);
    for (const [p, m] of Object.entries(report.byPlatform)) expect(withoutConversations(platforms[p])).toEqual(withoutConversations(m));
    const teams = bySlice(range, 'team', agentMetricSet);
    for (const [t, m] of Object.entries(report.byTeam)) expect(withoutConversations(teams[t])).toEqual(withoutConversations(m));
  });
});

describe('HistoryFolder: page order does not matter', () => {
  it('newest first (pages and events inside them reversed) gives the same days', () => {
    const newest = inOrder.map((p) => ({ ...p, events: [...p.events].reverse() })).reverse();
    const { days, maxOpen } = foldPages(newest, adminAccess);
    expect(days).toEqual(ordered.days);
    // memory follows the days being fetched, not the range: two engines at a time
    expect(maxOpen).toBeLessThanOrEqual(2);
    expect(ordered.maxOpen).toBeLessThanOrEqual(2);
  });

  it('random page order, shuffled pages, and pages sent twice give the same days', () => {
    const pages = shuffled(inOrder, 5).map((p, i) => ({ ...p, events: shuffled(p.events, i + 1) }));
    const { days, folder } = foldPages([...pages, ...pages.slice(0, 5)], adminAccess);
    expect(days).toEqual(ordered.days);
    expect(folder.stats().late).toBeGreaterThan(0); // the repeated pages came after their days froze
  });

  it('a day freezes only once its padded span is covered', () => {
    const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access: adminAccess, range: { from: '2026-11-17', to: '2026-11-18' } });
    const day17 = rangeBounds(createCalendar('UTC'), { from: '2026-11-17', to: '2026-11-17' });
    folder.add(events);
    expect(folder.covered(day17.start, day17.end)).toEqual([]); // the day itself is not enough
    expect(folder.covered(day17.start - 6 * 3_600_000, day17.start)).toEqual([]);
    const done = folder.covered(day17.end, day17.end + 6 * 3_600_000);
    expect(done.map((d) => d.day)).toEqual(['2026-11-17']);
    expect(folder.pendingDays()).toEqual(['2026-11-18']);
    expect(folder.fetchSpan).toEqual({ from: day17.start - 6 * 3_600_000, to: day17.end + 86_400_000 + 6 * 3_600_000 });
  });
});

describe('HistoryFolder: role scope', () => {
  const teams = new Map<string, string>();
  for (const e of events) if (e.workerSid && e.workerAttributes && typeof e.workerAttributes.team === 'string') teams.set(e.workerSid, e.workerAttributes.team);
  const [agentSid, team] = [...teams.entries()].sort()[0];

  /** A live store fed the whole stream in order, for this user: what a session may hold. */
  function liveCells(user: User) {
    const store = createInsightsStore({ access: accessOf(user), config: DEFAULT_CONFIG, schedule: () => undefined, workerSid: user.workerSid });
    ingest(store, events);
    applyQueued(store);
    return store.getState();
  }

  it.each<[string, User]>([
    ['a team leader', { roles: ['wfo.team_leader'], team, workerSid: 'WKnobody' }],
    ['an agent', { roles: ['agent'], workerSid: agentSid }],
  ])('%s: frozen days hold what the live session folds, no more', (_who, user) => {
    const access = accessOf(user);
    const newest = inOrder.map((p) => ({ ...p, events: [...p.events].reverse() })).reverse();
    const { days } = foldPages(newest, access);
    const live = liveCells(user);
    for (const snap of days) {
      expect(snap.cells).toEqual(nonEmptyCellsOf(live.live.engine, snap.day));
      const own = snapshotOfEngine(live.live.engine, snap.day, access);
      expect(snap.conversations).toEqual(own.conversations);
    }
    const agentSids = new Set(days.flatMap((d) => Object.keys(d.cells['agent/day'])));
    if (access.scope === 'self') {
      expect([...agentSids]).toEqual([agentSid]);
      expect(new Set(days.flatMap((d) => Object.keys(d.activity)))).toEqual(new Set([agentSid]));
    } else {
      for (const sid of agentSids) expect(sid === '(other agents)' || teams.get(sid) === team).toBe(true);
      expect(agentSids.size).toBeGreaterThan(1);
    }
    // contacts are masked for roles without export, as the live list masks them
    const named = days.flatMap((d) => d.conversations).filter((r) => r.customerName?.startsWith('+'));
    expect(named).toEqual([]);
  });

  it('scope none folds nothing', () => {
    const { days } = foldPages(inOrder.slice(0, 20), accessOf({ roles: [] }));
    expect(days.every((d) => d.conversations.length === 0 && Object.keys(d.activity).length === 0)).toBe(true);
  });
});

describe('HistoryFolder: bad input', () => {
  it('refuses an unusable range, padding or config with a clear error', () => {
    const base = { config: DEFAULT_CONFIG, access: adminAccess };
    expect(() => new HistoryFolder({ ...base, range: { from: '2026-11-20', to: '2026-11-19' } })).toThrow(/from <= to/);
    expect(() => new HistoryFolder({ ...base, range: { from: '20-11-2026', to: '2026-11-19' } })).toThrow(/YYYY-MM-DD/);
    expect(() => new HistoryFolder({ ...base, range: RANGE, paddingMs: -1 })).toThrow(/paddingMs/);
    expect(() => new HistoryFolder({ ...base, config: { ...DEFAULT_CONFIG, timeZone: 'Mars/Base' }, range: RANGE })).toThrow(/config/);
  });

  it('counts bad, unknown and out-of-range events and keeps the rest', () => {
    const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access: adminAccess, range: { from: FIRST_DAY, to: FIRST_DAY } });
    const dayOne = events.filter((e) => e.ts < Date.parse('2026-11-17T00:00:00Z'));
    const bad = [
      { sid: 'EVbad1', type: 'task.created', ts: Number.NaN, taskSid: 'WTx' },
      { sid: 'EVbad2', type: 'workflow.entered', ts: dayOne[0].ts },
      { sid: 'EVbad3', type: 'reservation.created', ts: dayOne[0].ts, taskSid: 'WTx' },
      { ...dayOne[0], sid: 'EVfar', ts: Date.parse('2026-12-01T00:00:00Z') },
    ] as TrEvent[];
    folder.add([...bad, ...dayOne]);
    const [snap] = folder.finish();
    expect(snap.cells).toEqual(ordered.days[0].cells);
    expect(folder.stats()).toMatchObject({ ignored: 1, outside: 1, rejected: 2 });
    expect(folder.stats().errors.map((e) => e.reason)).toEqual([expect.stringMatching(/no timestamp/), expect.stringMatching(/no reservation_sid/)]);
  });
});
