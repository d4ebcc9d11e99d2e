import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { DEFAULT_CONFIG, HistoryFolder, accessOf, type Accumulator, type DaySnapshot, type TrEvent } from '../../../src/core';
import { ACCUMULATOR_FIELDS, CACHE_DB_PREFIX, CACHE_DB_VERSION, PackedDayError, cacheMarkerOf, historyCacheCleanup, historyDbName, openHistoryCache, packDay, unpackDay, type HistoryCache } from '../../../src/sources/backfill';
import { FIRST_DAY, pagesOf, simulatedEvents } from './fixtures';

const events = simulatedEvents({ agents: 16, days: 3, seed: 4 });
const days: DaySnapshot[] = (() => {
  const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access: accessOf({ roles: ['supervisor'] }), range: { from: FIRST_DAY, to: '2026-11-18' } });
  const out = new Map<string, DaySnapshot>();
  for (const p of pagesOf(events, 1000)) {
    folder.add(p.events);
    for (const d of folder.covered(p.from, p.to)) out.set(d.day, d);
  }
  for (const d of folder.finish()) out.set(d.day, d);
  return [...out.values()];
})();

const NOW = Date.parse('2026-11-19T09:00:00Z');
let keyCounter = 0;
/** A fresh key per test: databases of other tests stay out of the way. */
const freshKey = (): string => `AC1|all|||test${++keyCounter}`;

interface Opened {
  cache: HistoryCache;
  logged: string[];
}
async function open(key: string, now = NOW, retentionDays?: number): Promise<Opened> {
  const logged: string[] = [];
  const cache = await openHistoryCache(key, { now: () => now, log: (m) => logged.push(m), retentionDays });
  return { cache, logged };
}

/** Writes straight into the database, as a broken or older writer would. */
async function rawPut(key: string, store: 'days' | 'events' | 'meta', value: unknown, recordKey?: IDBValidKey): Promise<void> {
  const db = await openDB(historyDbName(key), CACHE_DB_VERSION);
  await db.put(store, value, recordKey);
  db.close();
}

describe('history cache', () => {
  it('packs a day into numbers and arrays and reads it back equal', () => {
    expect(days.map((d) => d.day)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
    for (const d of days) expect(unpackDay(structuredClone(packDay(d)), d.day)).toEqual(d);
    expect(days[0].conversations.length).toBeGreaterThan(100);
    // the rows' other identifiers (reservation, call and conversation sids) come back too
    expect(days[0].conversations.filter((r) => r.sids.some((s) => s.startsWith('WR'))).length).toBeGreaterThan(100);
  });

  it("packs each row's lists in their own place, identifiers included", () => {
    const row = { id: 'CH1', agentNames: ['Ann', 'WR1'], supportTypes: ['safety'], platform: 'CISS Central', start: Date.parse('2026-11-16T10:00:00Z'), outcome: 'Handled' as const, transfers: 1, taskSids: ['WT1', 'WT2'], sids: ['WR1', 'WR2', 'CH1x', 'Ann'] };
    const bare = { ...row, id: 'WT3', taskSids: ['WT3'], sids: [], customerName: 'Zoë', durationSec: 60 };
    const day: DaySnapshot = { day: '2026-11-16', cells: {}, conversations: [row, bare], activity: {}, agents: [] };
    expect(unpackDay(structuredClone(packDay(day))).conversations).toEqual([{ ...row, customerName: undefined, durationSec: undefined }, bare]);
  });

  it('packs every accumulator field in its own place', () => {
    const acc = Object.fromEntries(ACCUMULATOR_FIELDS.map((f, i) => [f, i + 1])) as unknown as Accumulator;
    const day: DaySnapshot = { day: '2026-11-16', cells: { 'agent/day': { WK1: { '2026-11-16': acc } } }, conversations: [], activity: {}, agents: [] };
    expect(unpackDay(structuredClone(packDay(day))).cells['agent/day'].WK1['2026-11-16']).toEqual(acc);
  });

  it('refuses records of the wrong shape with the reason', () => {
    const good = packDay(days[0]);
    expect(() => unpackDay(null)).toThrow(PackedDayError);
    expect(() => unpackDay({ ...good, day: 'soon' })).toThrow(/no day key/);
    expect(() => unpackDay(good, '2026-11-17')).toThrow(/holds day 2026-11-16, stored as 2026-11-17/);
    expect(() => unpackDay({ ...good, cells: { 'all/day': [[''], ['2026-11-16'], [1, 2]] } })).toThrow(/cells all\/day: wrong types/);
    expect(() => unpackDay({ ...good, cells: { 'all/day': [[''], ['2026-11-16'], new Float64Array(5)] } })).toThrow(/whole number of cells/);
    const outOfRange = new Float64Array(21);
    outOfRange[0] = 3;
    expect(() => unpackDay({ ...good, cells: { 'all/day': [[''], ['2026-11-16'], outOfRange] } })).toThrow(/index out of range/);
    expect(() => unpackDay({ ...good, cells: { 'all/day': [[''], ['2026-11-17'], new Float64Array(21)] } })).toThrow(/not of day 2026-11-16/);
    const notANumber = new Float64Array(21);
    notANumber[5] = Number.NaN;
    expect(() => unpackDay({ ...good, cells: { 'all/day': [[''], ['2026-11-16'], notANumber] } })).toThrow(/not a number/);
    expect(() => unpackDay({ ...good, rows: { ...good.rows, strings: '[[' } })).toThrow(/strings are not JSON/);
    expect(() => unpackDay({ ...good, rows: { ...good.rows, lists: [1, 2] } })).toThrow(/rows: wrong types/);
    const badOutcome = Float64Array.from(good.rows.numbers);
    badOutcome[5] = 99;
    expect(() => unpackDay({ ...good, rows: { ...good.rows, numbers: badOutcome } })).toThrow(/unknown outcome/);
    const badString = Float64Array.from(good.rows.numbers);
    badString[0] = 1e6;
    expect(() => unpackDay({ ...good, rows: { ...good.rows, numbers: badString } })).toThrow(/string index out of range/);
    expect(() => unpackDay({ ...good, rows: { ...good.rows, lists: good.rows.lists.slice(1) } })).toThrow(/lists end early/);
    expect(() => unpackDay({ ...good, activity: [['WK1', ['Available'], [1, 2]]] })).toThrow(/activity of WK1/);
    expect(() => unpackDay({ ...good, agents: [['WK1', 7, 'Team']] })).toThrow(/an agent/);
  });

  it('round trip: frozen days and today\'s events come back equal after a reopen', async () => {
    const key = freshKey();
    const first = await open(key);
    expect(first.cache.available).toBe(true);
    await first.cache.putDays(days);
    const today = events.filter((e) => e.ts >= Date.parse('2026-11-18T00:00:00Z')).slice(0, 500);
    await first.cache.appendDayEvents('2026-11-19', today.slice(0, 200));
    await first.cache.appendDayEvents('2026-11-19', today.slice(200));
    first.cache.close();

    // a reload: a new connection reads only what is stored
    const second = await open(key);
    const read = await second.cache.loadDays();
    expect(read.sort((a, b) => (a.day < b.day ? -1 : 1))).toEqual(days);
    expect(await second.cache.loadDayEvents('2026-11-19')).toEqual(today);
    expect(await second.cache.loadDayEvents('2026-11-18')).toEqual([]);
    expect(second.logged).toEqual([]);
    second.cache.close();
  });

  it('a new day\'s events replace the previous day\'s', async () => {
    const { cache } = await open(freshKey());
    await cache.appendDayEvents('2026-11-18', events.slice(0, 10));
    await cache.appendDayEvents('2026-11-19', events.slice(10, 20));
    expect(await cache.loadDayEvents('2026-11-18')).toEqual([]);
    expect(await cache.loadDayEvents('2026-11-19')).toEqual(events.slice(10, 20));
    cache.close();
  });

  it('a corrupted day is dropped and reported; the others are still read', async () => {
    const key = freshKey();
    const first = await open(key);
    await first.cache.putDays(days);
    first.cache.close();
    const broken = packDay(days[1]);
    await rawPut(key, 'days', { ...broken, rows: { ...broken.rows, numbers: new Float64Array(3) } }, days[1].day);
    await rawPut(key, 'days', { ...packDay(days[2]), day: '2026-11-01' }, days[2].day); // content of another day

    const second = await open(key);
    const read = await second.cache.loadDays();
    expect(read.map((d) => d.day)).toEqual([days[0].day]);
    expect(second.cache.problems).toEqual([
      expect.stringMatching(/day 2026-11-17 was corrupt.*whole number of rows/),
      expect.stringMatching(/day 2026-11-18 was corrupt.*holds day 2026-11-01/),
    ]);
    expect(second.logged.every((m) => m.startsWith('[supervisor-insights] history cache:'))).toBe(true);
    // dropped, not kept to fail again
    expect((await second.cache.loadDays()).map((d) => d.day)).toEqual([days[0].day]);
    expect(second.cache.problems).toHaveLength(2);
    second.cache.close();
  });

  it('corrupted events drop the whole day\'s events (a hole cannot be resumed from)', async () => {
    const key = freshKey();
    const first = await open(key);
    await first.cache.appendDayEvents('2026-11-19', events.slice(0, 10));
    first.cache.close();
    const db = await openDB(historyDbName(key), CACHE_DB_VERSION);
    await db.add('events', { day: '2026-11-19', events: [{ sid: 'EV1', type: 'task.created', ts: 'yesterday' }] });
    db.close();
    const second = await open(key);
    expect(await second.cache.loadDayEvents('2026-11-19')).toEqual([]);
    expect(second.cache.problems).toEqual([expect.stringMatching(/events of 2026-11-19 were corrupt/)]);
    expect(await second.cache.loadDayEvents('2026-11-19')).toEqual([]);
    second.cache.close();
  });

  it('records of an old schema are dropped and reported, never read', async () => {
    const key = freshKey();
    const first = await open(key);
    await first.cache.putDays(days);
    await first.cache.appendDayEvents('2026-11-19', events.slice(0, 5));
    first.cache.close();
    await rawPut(key, 'meta', { schema: '0|conversations,offered' }, 'schema');
    const second = await open(key);
    expect(await second.cache.loadDays()).toEqual([]);
    expect(await second.cache.loadDayEvents('2026-11-19')).toEqual([]);
    expect(second.cache.problems).toEqual([expect.stringMatching(/another schema \(0\|conversations,offered\) were dropped/)]);
    // the cache works on with the current schema
    await second.cache.putDays(days.slice(0, 1));
    second.cache.close();
    const third = await open(key);
    expect((await third.cache.loadDays()).map((d) => d.day)).toEqual([days[0].day]);
    expect(third.cache.problems).toEqual([]);
    third.cache.close();
  });

  it('a database of a newer layout is deleted, not read', async () => {
    const key = freshKey();
    const newer = await openDB(historyDbName(key), CACHE_DB_VERSION + 1, { upgrade: (db) => void db.createObjectStore('days').put({ day: 'x' }, '2026-11-16') });
    newer.close();
    const { cache } = await open(key);
    expect(cache.available).toBe(true);
    expect(await cache.loadDays()).toEqual([]);
    expect(cache.problems).toEqual([expect.stringMatching(/newer schema/)]);
    cache.close();
  });

  it('keeps 7 days by default: day 8 before today is evicted on write and never read', async () => {
    const key = freshKey();
    const first = await open(key);
    const quiet = (day: string): DaySnapshot => ({ day, cells: {}, conversations: [], activity: {}, agents: [] });
    // today 2026-11-19: 7 days before is 2026-11-12 (kept), 8 days before is 2026-11-11 (evicted)
    await first.cache.putDays([quiet('2026-11-11'), quiet('2026-11-12'), ...days]);
    expect((await first.cache.loadDays()).map((d) => d.day).sort()).toEqual(['2026-11-12', ...days.map((d) => d.day)]);
    first.cache.close();
    // what a longer retention wrote earlier is not read under the default, and is evicted on open
    const longer = await open(key, NOW, 31);
    await longer.cache.putDays([quiet('2026-11-01')]);
    longer.cache.close();
    const raw = await openDB(historyDbName(key), CACHE_DB_VERSION);
    expect(await raw.getAllKeys('days')).toContain('2026-11-01');
    raw.close();
    const again = await open(key);
    expect((await again.cache.loadDays()).map((d) => d.day).sort()).toEqual(['2026-11-12', ...days.map((d) => d.day)]);
    again.cache.close();
    const after = await openDB(historyDbName(key), CACHE_DB_VERSION);
    expect((await after.getAllKeys('days')).sort()).toEqual(['2026-11-12', ...days.map((d) => d.day)]);
    after.close();
    // a day later, 2026-11-12 is day 8
    const tomorrow = await open(key, NOW + 86_400_000);
    expect((await tomorrow.cache.loadDays()).map((d) => d.day).sort()).toEqual(days.map((d) => d.day));
    tomorrow.cache.close();
  });

  it('with a retention of 31 days, evicts days more than 31 days old, on open and on write', async () => {
    const key = freshKey();
    const first = await open(key, NOW, 31);
    const quiet = (day: string): DaySnapshot => ({ day, cells: {}, conversations: [], activity: {}, agents: [] });
    // 32 days before 2026-11-19 goes, 31 days before stays
    await first.cache.putDays([quiet('2026-10-18'), quiet('2026-10-19'), ...days]);
    expect((await first.cache.loadDays()).map((d) => d.day).sort()).toEqual(['2026-10-19', ...days.map((d) => d.day)]);
    expect(first.cache.problems).toEqual([]);
    first.cache.close();
    // a month later, on open
    const later = await open(key, Date.parse('2026-12-18T09:00:00Z'), 31);
    expect((await later.cache.loadDays()).map((d) => d.day)).toEqual(['2026-11-17', '2026-11-18']);
    later.cache.close();
  });

  it('different keys (scopes) never read each other\'s cache', async () => {
    const a = await open('AC1|all||');
    const b = await open('AC1|team|Team Aurora|');
    await a.cache.putDays(days);
    await a.cache.appendDayEvents('2026-11-19', events.slice(0, 3));
    expect(await b.cache.loadDays()).toEqual([]);
    expect(await b.cache.loadDayEvents('2026-11-19')).toEqual([]);
    expect(await a.cache.loadDays()).toHaveLength(3);
    a.cache.close();
    b.cache.close();
  });

  it('without IndexedDB the cache does nothing, says so once, and never rejects', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error -- private browsing: no IndexedDB at all
    delete globalThis.indexedDB;
    try {
      const { cache, logged } = await open(freshKey());
      expect(cache.available).toBe(false);
      await expect(cache.putDays(days)).resolves.toBeUndefined();
      await expect(cache.appendDayEvents('2026-11-19', events.slice(0, 3) as TrEvent[])).resolves.toBeUndefined();
      await expect(cache.loadDays()).resolves.toEqual([]);
      await expect(cache.loadDayEvents('2026-11-19')).resolves.toEqual([]);
      expect(logged).toEqual([expect.stringMatching(/^\[supervisor-insights\] history cache: unavailable/)]);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('a failing write is reported and resolves (quota, a closed connection)', async () => {
    const { cache, logged } = await open(freshKey());
    const bad = { ...days[0], cells: { 'all/day': { '': { [days[0].day]: { conversations: Symbol('x') } } } } } as unknown as DaySnapshot;
    await expect(cache.putDays([bad])).resolves.toBeUndefined();
    expect(logged).toEqual([expect.stringMatching(/writing days failed/)]);
    cache.close();
  });
});

describe('which databases go when Insights opens (historyCacheCleanup)', () => {
  const key = 'AC1|all||WK1|masked';
  const current = historyDbName(key);
  const other = historyDbName('AC1|team|Blue|WK2|masked');
  const otherAccount = historyDbName('AC2|all|||contacts');
  const marker = cacheMarkerOf(key, { roles: ['supervisor'] });

  it.each([
    ['first open: other scopes go, this one stays', { storedMarker: undefined, databases: [current, other, otherAccount, 'another-app'] }, [other, otherAccount], 'other scopes'],
    ['same user again: only other scopes', { storedMarker: marker, databases: [current, other] }, [other], 'other scopes'],
    ['nothing else there', { storedMarker: marker, databases: [current] }, [], undefined],
    ['roles changed: all of them, this one too', { storedMarker: cacheMarkerOf(key, { roles: ['supervisor', 'wfo.quality_manager'] }), databases: [current, other] }, [current, other], 'roles changed'],
    ['no list of databases (older browsers): the one the marker names', { storedMarker: 'old', storedDatabase: other, databases: undefined }, [other, current], 'roles changed'],
  ])('%s', (_what, input, expected, reason) => {
    const plan = historyCacheCleanup({ key, marker, ...input });
    expect([...plan.delete].sort()).toEqual([...expected].sort());
    expect(plan.reason).toBe(reason);
  });

  it('no cache kept (retention 0, a scope the session no longer matches): every one of ours, never another application\'s', () => {
    expect([...historyCacheCleanup({ marker, databases: [current, other, 'another-app'] }).delete].sort()).toEqual([current, other].sort());
  });

  it('the marker and the database name are digests: no role, team, worker or account in clear', () => {
    const user = { roles: ['wfo.team_leader'], team: 'Team Aurora' };
    const k = 'AC123|team|Team Aurora|WK9|masked';
    for (const text of [cacheMarkerOf(k, user), historyDbName(k).slice(CACHE_DB_PREFIX.length)]) expect(text).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheMarkerOf(k, user)).not.toBe(cacheMarkerOf(k, { ...user, team: 'Team Borealis' }));
    expect(cacheMarkerOf(k, { roles: ['a', 'b'] })).toBe(cacheMarkerOf(k, { roles: ['b', 'a'] }));
  });
});
