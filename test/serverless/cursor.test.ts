import { CURSOR_EXPIRED, callerDigest, decodeCursor, encodeCursor, openTeamCursor, sealTeamCursor, type CursorState } from '../../serverless/src/cursor';
import { parseIsoInstant } from '../../serverless/src/request';
import { parseRetryAfter } from '../../serverless/src/taskRouter';

const STATE: CursorState = {
  fromMs: 1_794_787_200_000,
  toMs: 1_794_873_540_000,
  pageSize: 100,
  caller: callerDigest(['self', undefined, 'WK1', 'WK1', 'agent']),
  fetched: 300,
  main: { page: 3, token: 'PTabc.EV1' },
  pending: [`WT${'a'.repeat(32)}`],
  task: { sid: `WT${'b'.repeat(32)}`, next: { page: 1, token: 'PTxyz.EV2' } },
  recent: [`WT${'c'.repeat(32)}`],
  expiresAt: 1_794_873_600_000,
};
const NOW = STATE.expiresAt - 60_000;

describe('history cursor', () => {
  it('round-trips its state', () => {
    expect(decodeCursor(encodeCursor(STATE, 'secret'), 'secret', NOW)).toEqual(STATE);
    expect(decodeCursor(encodeCursor({ ...STATE, main: 'done', task: undefined }, 'secret'), 'secret', NOW)).toMatchObject({ main: 'done', task: undefined });
  });

  it('refuses a cursor signed with another secret', () => {
    expect(decodeCursor(encodeCursor(STATE, 'secret'), 'other', NOW)).toMatch(/changed or was not issued/);
  });

  it('refuses signed state it would not have written (a task sid that is not one, a token with a URL)', () => {
    expect(decodeCursor(encodeCursor({ ...STATE, pending: ['https://example.org/'] }, 's'), 's', NOW)).toMatch(/invalid task sids/);
    expect(decodeCursor(encodeCursor({ ...STATE, main: { page: 1, token: 'a b' } }, 's'), 's', NOW)).toMatch(/invalid page position/);
  });

  it('binds to the caller: different scopes or users give different digests', () => {
    const a = callerDigest(['team', 'Team A', undefined, 'WK1', 'x']);
    expect(callerDigest(['team', 'Team B', undefined, 'WK1', 'x'])).not.toBe(a);
    expect(callerDigest(['team', 'Team A', undefined, 'WK2', 'x'])).not.toBe(a);
    expect(callerDigest(['team', 'Team A', undefined, 'WK1', 'x'])).toBe(a);
  });

  it('refuses a genuine cursor once it has expired, with its own answer', () => {
    const cursor = encodeCursor(STATE, 'secret');
    expect(decodeCursor(cursor, 'secret', STATE.expiresAt - 1)).toEqual(STATE);
    expect(decodeCursor(cursor, 'secret', STATE.expiresAt)).toBe(CURSOR_EXPIRED);
  });

  it('seals the team-average cursor: unreadable, unchangeable, and expiring', () => {
    const state = { caller: 'c', from: '2026-11-16', to: '2026-11-22', next: '2026-11-18', teammates: ['d1', 'd2'], expiresAt: STATE.expiresAt };
    const sealed = sealTeamCursor(state, 'secret');
    expect(openTeamCursor(sealed, 'secret', NOW)).toEqual(state);
    // Nothing of the state shows through, not even in base64.
    for (const part of sealed.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toMatch(/d1|2026|teammates/);
    expect(openTeamCursor(sealed, 'other', NOW)).toMatch(/changed or was not issued/);
    const parts = sealed.split('.');
    parts[2] = `${parts[2].slice(0, -2)}${parts[2].slice(-2) === 'AA' ? 'AB' : 'AA'}`;
    expect(openTeamCursor(parts.join('.'), 'secret', NOW)).toMatch(/changed or was not issued/);
    expect(openTeamCursor(sealed, 'secret', STATE.expiresAt)).toBe(CURSOR_EXPIRED);
    expect(openTeamCursor(encodeCursor(STATE, 'secret'), 'secret', NOW)).toMatch(/not a team-average cursor/);
  });

  it('needs a secret to sign', () => {
    expect(() => encodeCursor(STATE, '')).toThrow(/secret is required/);
  });
});

describe('request helpers', () => {
  it.each([
    ['2026-11-16T00:00:00Z', Date.UTC(2026, 10, 16)],
    ['2026-11-16T01:00:00+01:00', Date.UTC(2026, 10, 16)],
    ['2026-11-16T00:00:00.250Z', Date.UTC(2026, 10, 16) + 250],
    ['2026-11-16T00:00Z', Date.UTC(2026, 10, 16)],
    ['2026-11-16', undefined],
    ['2026-11-16T00:00:00', undefined],
    ['2026-02-29T00:00:00Z', undefined],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['2026-13-01T00:00:00Z', undefined],
  ])('parseIsoInstant(%s)', (text, ms) => {
    expect(parseIsoInstant(text)).toBe(ms);
  });

  it.each([
    ['2', 2],
    [' 10 ', 10],
    [['5'], 5],
    ['Wed, 16 Nov 2026 00:00:30 GMT', 30],
    ['soon', undefined],
    [undefined, undefined],
  ])('parseRetryAfter(%j)', (value, sec) => {
    expect(parseRetryAfter(value, Date.UTC(2026, 10, 16))).toBe(sec);
  });
});
