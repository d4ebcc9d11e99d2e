/**
 * The Flex side of history: the token, the history URL, the cache key, and a view
 * without a history function.
 */
import type * as Flex from '@twilio/flex-ui';
import { DEFAULT_CONFIG, accessOf } from '../../src/core';
import { HISTORY_NOT_CONFIGURED, connectHistory, flexTokenOf, historyCacheKey, usableHistoryUrl } from '../../src/flex/history';
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
