/**
 * The browser cache from the Flex side: when Insights opens, databases of other scopes,
 * users and accounts are deleted; after the user's roles change, nothing from before is
 * left; on Flex logout (`beforeLogout`, awaited as Flex awaits it) every database goes; a
 * retention of 0 keeps none. IndexedDB is fake-indexeddb, with `indexedDB.databases()`.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import type * as Flex from '@twilio/flex-ui';
import { accessOf, type User } from '../../src/core';
import { CACHE_MARKER_KEY, connectHistory, forgetHistoryCaches, historyCacheKey, type HistoryCacheSession, type MarkerStorage } from '../../src/flex/history';
import { registerInsights } from '../../src/flex/register';
import { runtimeConfig } from '../../src/flex/runtimeConfig';
import { CACHE_DB_PREFIX, historyDbName, openHistoryCache, type FetchLike } from '../../src/sources/backfill';
import { createFakeFlex } from '../../src/sandbox/fakes/fakeFlex';
import { createInsightsStore } from '../../src/store';
import { TOKENS, historyWorld } from '../sources/backfill/backfillWorld';

const NOW = Date.parse('2026-11-17T09:00:00Z');
const world = historyWorld({ agents: 8, days: 2, seed: 3, start: '2026-11-16T00:00:00Z' }, NOW);
const URL = 'https://insights.example/insights-history';
const SUPERVISOR: User = { roles: ['supervisor'], workerSid: 'WKsup' };

/** A Flex manager of account AC1 whose user has these roles (the token is the world's supervisor's). */
function managerOf(user: User): Flex.Manager {
  return {
    store: { getState: () => ({ flex: { session: { ssoTokenPayload: { accountSid: 'AC1', token: TOKENS.supervisor } } } }) },
    user: { roles: user.roles, token: TOKENS.supervisor },
    workerClient: { sid: user.workerSid, attributes: user.team ? { team: user.team } : {} },
    serviceConfiguration: { ui_attributes: { supervisorInsights: { historyUrl: URL } } },
  } as unknown as Flex.Manager;
}

function memoryStorage(): MarkerStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** The function refuses (403 is not retried): nothing is fetched, so nothing is written again. */
const failingFetch: FetchLike = async () => ({ status: 403, headers: { get: () => null }, json: async () => ({ error: 'forbidden' }) });

async function ourDatabases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(CACHE_DB_PREFIX)).sort();
}

async function recordsIn(name: string): Promise<number> {
  if (!(await ourDatabases()).includes(name)) return 0;
  const db = await openDB(name);
  let n = 0;
  for (const store of ['days', 'events'] as const) n += await db.count(store);
  db.close();
  return n;
}

async function deleteAll(): Promise<void> {
  for (const d of await indexedDB.databases()) if (d.name) indexedDB.deleteDatabase(d.name);
  await new Promise((r) => setTimeout(r, 10));
}

/** Opens Insights' history as `registered` (the view's access) with Flex now saying `now`. */
async function open(registered: User, options: { now?: User; fetch?: FetchLike; storage: MarkerStorage; session?: HistoryCacheSession; days?: number; url?: string }) {
  world.clock = NOW;
  const access = accessOf(registered);
  const store = createInsightsStore({ access, config: runtimeConfig({}), schedule: () => undefined, now: () => NOW });
  const config = { ...runtimeConfig({ supervisorInsights: { historyUrl: options.url ?? URL } }), historyCacheDays: options.days ?? 7 };
  const manager = managerOf(options.now ?? registered);
  const history = connectHistory(manager, store, access, config, registered.workerSid, {
    fetch: options.fetch ?? world.fetch,
    user: options.now ?? registered,
    storage: options.storage,
    session: options.session,
    openCache: (key) => openHistoryCache(key, { now: () => NOW, retentionDays: config.historyCacheDays, log: () => undefined }),
  });
  await history.today;
  history.stop();
  return { key: historyCacheKey(manager, access, URL, registered.workerSid) };
}

beforeAll(() => {
  // The backfill runs on the page's clock (the sandbox moves Date.now the same way).
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
beforeEach(deleteAll);

describe('the history cache from Flex', () => {
  it('deletes the databases of other scopes, users and accounts when Insights opens, and no other application\'s', async () => {
    for (const key of ['AC1|team|Blue|WKx|masked', 'AC2|all|||contacts', 'AC1|self||WKother|masked']) {
      const c = await openHistoryCache(key, { now: () => NOW });
      await c.appendDayEvents('2026-11-17', [{ sid: 'EV1', type: 'task.created', ts: NOW - 1000 } as never]);
      c.close();
    }
    await openDB('another-application', 1, { upgrade: (db) => void db.createObjectStore('x') }).then((db) => db.close());
    expect(await ourDatabases()).toHaveLength(3);

    const { key } = await open(SUPERVISOR, { storage: memoryStorage() });
    expect(await ourDatabases()).toEqual([historyDbName(key)]);
    expect(await recordsIn(historyDbName(key))).toBeGreaterThan(0);
    expect((await indexedDB.databases()).map((d) => d.name)).toContain('another-application');
  });

  it('after a change of roles nothing from before is left, even when the scope is the same', async () => {
    const storage = memoryStorage();
    const { key } = await open(SUPERVISOR, { storage });
    expect(await recordsIn(historyDbName(key))).toBeGreaterThan(0);
    const marker = storage.map.get(CACHE_MARKER_KEY) ?? '';
    // the marker holds digests only: no role name, no account, no worker
    expect(marker.replace(CACHE_DB_PREFIX, '')).not.toMatch(/supervisor|AC1|WKsup/);

    // Flex added a role: same scope, same key, but the cache is started again (offline: nothing refetched)
    const changed = { ...SUPERVISOR, roles: ['supervisor', 'wfo.quality_manager'] };
    await open(changed, { storage, fetch: failingFetch });
    expect(await recordsIn(historyDbName(key))).toBe(0);
    expect(storage.map.get(CACHE_MARKER_KEY)).not.toBe(marker);
  });

  it('a role change during the session (the view still has the old access) keeps no cache at all', async () => {
    const storage = memoryStorage();
    const { key } = await open(SUPERVISOR, { storage });
    expect(await ourDatabases()).toEqual([historyDbName(key)]);
    // Flex now says agent; the view registered as supervisor is opened again
    await open(SUPERVISOR, { storage, now: { roles: ['agent'], workerSid: 'WKsup' } });
    expect(await ourDatabases()).toEqual([]);
    expect(storage.map.has(CACHE_MARKER_KEY)).toBe(false);
  });

  it('deletes everything on logout, and a view still open writes nothing after', async () => {
    const storage = memoryStorage();
    const session: HistoryCacheSession = { ended: false };
    const { key } = await open(SUPERVISOR, { storage, session });
    expect(await recordsIn(historyDbName(key))).toBeGreaterThan(0);
    await forgetHistoryCaches(session, storage);
    expect(await ourDatabases()).toEqual([]);
    expect(storage.map.has(CACHE_MARKER_KEY)).toBe(false);
    await open(SUPERVISOR, { storage, session });
    expect(await ourDatabases()).toEqual([]);
  });

  it('Flex\'s Logout action deletes every history database before Flex goes on', async () => {
    const flex = createFakeFlex('somewhere');
    const manager = managerOf(SUPERVISOR);
    registerInsights(flex as never, manager);
    const c = await openHistoryCache('AC1|all||WKsup|masked', { now: () => NOW });
    await c.putDays([{ day: '2026-11-16', cells: {}, conversations: [], activity: {}, agents: [] }]);
    expect(await ourDatabases()).toHaveLength(1);
    // the cache is still open in this page: the deletion closes it rather than wait
    await flex.Actions.invokeAction('Logout');
    expect(flex.loggedOut).toBe(true);
    expect(await ourDatabases()).toEqual([]);
  });

  it('historyCacheDays 0: no cache at all, and what an earlier setting left is deleted', async () => {
    const storage = memoryStorage();
    await open(SUPERVISOR, { storage });
    expect(await ourDatabases()).toHaveLength(1);
    await open(SUPERVISOR, { storage, days: 0 });
    expect(await ourDatabases()).toEqual([]);
  });

  it('no history function any more: what an earlier configuration left is deleted, with its marker', async () => {
    const storage = memoryStorage();
    await open(SUPERVISOR, { storage });
    expect(await ourDatabases()).toHaveLength(1);
    await open(SUPERVISOR, { storage, url: '' });
    // The deletion runs beside the (empty) history connection: give it its turn.
    for (let i = 0; i < 20 && (await ourDatabases()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await ourDatabases()).toEqual([]);
    expect(storage.getItem(CACHE_MARKER_KEY)).toBeNull();
  });
});
