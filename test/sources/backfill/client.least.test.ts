/**
 * The history client keeps the token where it belongs: it never follows a redirect (a
 * 307 or 308 would send the body, token and all, to the redirect's target), and a range
 * whose cursor expired starts again rather than failing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HISTORY_CURSOR_LIFETIME_MS, type TrEvent } from '../../../src/core';
import { HistoryClient, HistoryFetchError, REDIRECT_REFUSED, type FetchLike } from '../../../src/sources/backfill';
import { TOKENS, historyWorld } from './backfillWorld';

const TOKEN = 'flex-token-that-must-stay-home';

async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('redirects', () => {
  it.each([301, 302, 307, 308])('refuses a %i with the real fetch: the redirect target never sees the token, and it is not retried', async (status) => {
    const seen: string[] = [];
    const target = await listen((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push(body);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ events: [], scope: 'all', fetched: 0 }));
      });
    });
    let asked = 0;
    const origin = await listen((req, res) => {
      asked++;
      req.resume();
      res.writeHead(status, { Location: `${target.url}/steal` });
      res.end();
    });
    try {
      const client = new HistoryClient({ url: `${origin.url}/insights-history`, token: () => TOKEN, sleep: async () => undefined });
      const error = await client.fetchRange(0, 1000, () => undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HistoryFetchError);
      expect((error as HistoryFetchError).message).toBe(REDIRECT_REFUSED);
      expect((error as HistoryFetchError).status).toBe(status);
      // The admin's line names the setting and the status; the user's does neither.
      expect((error as HistoryFetchError).technical).toMatch(new RegExp(`historyUrl answered with a redirect \\(HTTP ${status}\\).*set historyUrl to the function itself`));
      expect(REDIRECT_REFUSED).not.toMatch(/historyUrl|HTTP|\d{3}/);
      expect(asked).toBe(1);
      expect(seen).toEqual([]);
    } finally {
      await origin.close();
      await target.close();
    }
  });

  it("asks fetch not to follow, and refuses a browser's opaque redirect (status 0) without retrying it as a network failure", async () => {
    const inits: Parameters<FetchLike>[1][] = [];
    const fetch: FetchLike = async (_url, init) => {
      inits.push(init);
      return { status: 0, type: 'opaqueredirect', json: async () => null };
    };
    const client = new HistoryClient({ url: 'https://history.invalid/insights-history', token: () => TOKEN, fetch, sleep: async () => undefined });
    await expect(client.fetchTeamAverage(0, 1000)).rejects.toThrow(REDIRECT_REFUSED);
    expect(inits).toHaveLength(1);
    expect(inits[0].redirect).toBe('manual');
  });
});

describe('an expired cursor', () => {
  it('starts the range again from its first page, and the range comes whole', async () => {
    const start = Date.parse('2026-11-16T00:00:00Z');
    const world = historyWorld({ agents: 8, days: 1, seed: 5, start: '2026-11-16T00:00:00Z' }, start + 20 * 3_600_000);
    const client = new HistoryClient({ url: 'https://history.invalid/insights-history', token: () => TOKENS.supervisor, fetch: world.fetch, pageSize: 100 });
    const seen = new Map<string, TrEvent>();
    let pages = 0;
    const result = await client.fetchRange(start, start + 12 * 3_600_000, (page) => {
      pages++;
      for (const e of page.events) seen.set(e.sid, e);
      // The consumer is slow once: the cursor of the second page outlives its lifetime.
      if (pages === 2) world.clock += HISTORY_CURSOR_LIFETIME_MS + 1;
    });
    const cursors = world.requests.map((r) => r.cursor !== undefined);
    // first page, second, the refused third, then the range from its start again.
    expect(cursors.slice(0, 4)).toEqual([false, true, true, false]);
    expect(result.requests).toBe(world.requests.length);
    const reference = await new HistoryClient({ url: 'x', token: () => TOKENS.supervisor, fetch: world.fetch, pageSize: 1000 }).fetchRange(
      start,
      start + 12 * 3_600_000,
      () => undefined,
    );
    expect(seen.size).toBe(reference.events);
    expect(seen.size).toBeGreaterThan(200);
  });

  it('gives up after three restarts with a message to act on', async () => {
    let n = 0;
    const fetch: FetchLike = async (_url, init) => {
      const body = JSON.parse(init.body) as { cursor?: string };
      n++;
      if (body.cursor === undefined) return { status: 200, json: async () => ({ events: [], cursor: 'c', scope: 'all', fetched: 0 }) };
      return { status: 400, json: async () => ({ error: { code: 'cursor_expired', message: 'cursor: the cursor has expired; start the range again' } }) };
    };
    const client = new HistoryClient({ url: 'https://history.invalid/insights-history', token: () => TOKEN, fetch, sleep: async () => undefined });
    const error = (await client.fetchRange(0, 1000, () => undefined).catch((e: unknown) => e)) as HistoryFetchError;
    expect(error.code).toBe('cursor_expired');
    expect(error.message).toMatch(/has to start again/);
    expect(n).toBe(8);
  });
});
