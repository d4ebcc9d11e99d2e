/**
 * The Flex side of history: the token, the history URL, the cache key, and a view
 * without a history function.
 */
import type * as Flex from '@twilio/flex-ui';
import { DEFAULT_CONFIG, accessOf } from '../../src/core';
import { HISTORY_NOT_CONFIGURED, connectHistory, exportEventsThrough, flexTokenOf, historyCacheKey, usableHistoryUrl } from '../../src/flex/history';
import type { HistoryClient } from '../../src/sources/backfill/client';
import { runtimeConfig } from '../../src/flex/runtimeConfig';
import { createInsightsStore, requestRange } from '../../src/store';

const managerWith = (over: Record<string, unknown>) => over as unknown as Flex.Manager;

describe('history in Flex', () => {
  it('reads the token from the session, else from the user', () => {
    const session = managerWith({ store: { getState: () => ({ flex: { session: { ssoTokenPayload: { token: 'sso-token' } } } }) }, user: { token: 'user-token' } });
    expect(flexTokenOf(session)).toBe('sso-token');
    expect(flexTokenOf(managerWith({ store: { getState: () => ({}) }, user: { token: 'user-token' } }))).toBe('user-token');
    expect(flexTokenOf(managerWith({ store: { getState: () => { throw new Error('no store yet'); } } }))).toBeUndefined();
  });

  it.each([
    [undefined, {}],
    ['https://insights-1234.twil.io/insights-history', { url: 'https://insights-1234.twil.io/insights-history' }],
    ['/insights-history', { url: '/insights-history' }],
    ['//evil.example/x', { problem: expect.stringMatching(/not an http\(s\) URL/) }],
    ['javascript:alert(1)', { problem: expect.stringMatching(/not an http\(s\) URL/) }],
  ])('history URL %j', (url, expected) => {
    expect(usableHistoryUrl(url)).toEqual(expected);
  });

  it('takes historyUrl from ui_attributes over the bundled default (empty)', () => {
    expect(runtimeConfig({}).historyUrl).toBeUndefined();
    expect(runtimeConfig({ supervisorInsights: { historyUrl: ' https://x.twil.io/insights-history ' } }).historyUrl).toBe('https://x.twil.io/insights-history');
  });

  it('keys the cache by account, scope, team, worker and contact masking', () => {
    const manager = managerWith({ store: { getState: () => ({ flex: { session: { ssoTokenPayload: { accountSid: 'AC1' } } } }) } });
    const keys = [
      accessOf({ roles: ['supervisor'] }),
      accessOf({ roles: ['admin'] }),
      accessOf({ roles: ['wfo.team_leader'], workerSid: 'WK1', team: 'Blue' }),
      accessOf({ roles: ['wfo.team_leader'], workerSid: 'WK1', team: 'Red' }),
      accessOf({ roles: ['agent'], workerSid: 'WK1' }),
    ].map((a) => historyCacheKey(manager, a, 'https://x'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0].startsWith('AC1|')).toBe(true);
  });

  it('without a history function: no loader, and the progress says so', async () => {
    const access = accessOf({ roles: ['supervisor'] });
    const store = createInsightsStore({ access, config: DEFAULT_CONFIG, schedule: () => undefined });
    const history = connectHistory(managerWith({}), store, access, { ...runtimeConfig({}) });
    await history.today;
    expect(history.onLiveEvents).toBeUndefined();
    expect(history.backfill).toBeUndefined();
    // a view asking for an older range changes nothing: there is no loader to ask
    const before = store.getState();
    requestRange(store, { from: '2026-11-01', to: '2026-11-07' });
    expect(store.getState()).toBe(before);
    expect(store.getState().history?.progress).toMatchObject({ loading: false, notice: HISTORY_NOT_CONFIGURED });
  });
});

describe('the Export tab’s events', () => {
  const page = (sids: string[]) => ({ events: sids.map((sid, i) => ({ sid, type: 'task.created' as const, ts: i, taskSid: 'WT1' })), scope: 'all' as const, fetched: 0 });

  it('gathers every page of the span, counting as they come, under a signal the view’s stop also aborts', async () => {
    const stopped = new AbortController();
    const asked: { from: number; to: number; signal?: AbortSignal }[] = [];
    const client = {
      fetchRange: async (from: number, to: number, onPage: (p: ReturnType<typeof page>) => void, signal?: AbortSignal) => {
        asked.push({ from, to, signal });
        onPage(page(['EV1', 'EV2']));
        onPage(page(['EV3']));
        return { pages: 2, events: 3, requests: 2 };
      },
    } as unknown as HistoryClient;
    const progress: number[] = [];
    const own = new AbortController();
    const events = await exportEventsThrough(client, stopped.signal)({ from: 10, to: 20 }, { signal: own.signal, onProgress: (n) => progress.push(n) });
    expect(events.map((e) => e.sid)).toEqual(['EV1', 'EV2', 'EV3']);
    expect(progress).toEqual([2, 3]);
    expect(asked.map((a) => [a.from, a.to])).toEqual([[10, 20]]);
    const signal = asked[0].signal as AbortSignal;
    expect(signal.aborted).toBe(false);
    stopped.abort();
    expect(signal.aborted).toBe(true);
  });

  it('is offered only to roles with export', async () => {
    const config = { ...runtimeConfig({}), historyUrl: 'https://x.twil.io/insights-history', historyCacheDays: 0 };
    const manager = managerWith({ store: { getState: () => ({}) }, user: { token: 't', roles: [] } });
    for (const [roles, offered] of [[['admin'], true], [['supervisor'], false]] as const) {
      const access = accessOf({ roles: [...roles] });
      const store = createInsightsStore({ access, config: DEFAULT_CONFIG, schedule: () => undefined });
      const history = connectHistory(manager, store, access, config, undefined, {
        fetch: async () => ({ ok: false, status: 503, headers: { get: () => null }, json: async () => ({}) }) as never,
        openCache: async () => undefined,
        user: { roles: [...roles] },
        storage: undefined,
      });
      expect(history.exportEvents !== undefined).toBe(offered);
      history.stop();
    }
  });
});
