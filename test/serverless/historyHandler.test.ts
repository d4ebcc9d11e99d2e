/**
 * The history handler with the real `twilio` client and the real token validator,
 * against the fake Events API and token endpoint over HTTP.
 */
import {
  HistoryFolder,
  OTHER_AGENTS,
  TRANSFER_MARK,
  accessOf,
  createScopeFilter,
  entityKindOf,
  maskEvents,
  oneDay,
  resolveConfig,
  taskInfoOf,
  type HistoryError,
  type HistoryPage,
  type TrEvent,
} from '../../src/core';
import type { HistoryHandler, HistoryResponse } from '../../serverless/src/historyHandler';
import { AGENTS, DAY_START, FROM, NOW, PEOPLE, RESOURCES, TO, TOKENS, canonical, startWorld, type World } from './world';

jest.setTimeout(30_000);

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});
beforeEach(() => {
  world.sleeps.length = 0;
});

const inRange = (e: TrEvent): boolean => e.ts >= Date.parse(FROM) && e.ts < Date.parse(TO);
const ALL = canonical().filter(inRange);

function page(r: HistoryResponse): HistoryPage {
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as HistoryPage;
}
function error(r: HistoryResponse): HistoryError['error'] {
  return (r.body as HistoryError).error;
}

/** Every page of a range, following cursors. */
async function readAll(handle: HistoryHandler, request: Record<string, unknown>): Promise<{ pages: HistoryPage[]; events: TrEvent[] }> {
  const pages: HistoryPage[] = [];
  let cursor: string | undefined;
  do {
    const p = page(await handle({ ...request, ...(cursor ? { cursor } : {}) }));
    pages.push(p);
    cursor = p.cursor;
    if (pages.length > 500) throw new Error('no end to the pages');
  } while (cursor);
  return { pages, events: pages.flatMap((p) => [...p.events]) };
}

const bySid = (events: readonly TrEvent[]): Map<string, TrEvent> => new Map(events.map((e) => [e.sid, e]));

describe('scope all (supervisor)', () => {
  it('pages to the end: every event of the range once, newest first, as the reader reads the REST resources', async () => {
    const handle = world.handler();
    const before = world.api.log.length;
    const { pages, events } = await readAll(handle, { Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: 250 });
    // 2,186 simulated events, 250 a page -> 9 pages
    expect(pages.length).toBe(Math.ceil(RESOURCES.length / 250));
    expect(pages.every((p) => p.scope === 'all')).toBe(true);
    expect(events.length).toBe(new Set(events.map((e) => e.sid)).size);
    expect(events.length).toBe(ALL.length);
    // A supervisor may not see contacts: the events are the reader's, masked as the core masks them.
    const expected = bySid(maskEvents(accessOf({ roles: ['supervisor'] }), ALL));
    for (const e of events) expect(e).toEqual(expected.get(e.sid));
    // TaskRouter's order: newest first, ties by sid.
    const order = [...events].sort((a, b) => b.ts - a.ts || (a.sid < b.sid ? -1 : 1));
    expect(events.map((e) => e.sid)).toEqual(order.map((e) => e.sid));
    // Progress counts raw events; the last page has seen them all.
    expect(pages.map((p) => p.fetched)).toEqual(pages.map((_, i) => Math.min((i + 1) * 250, RESOURCES.length)));
    expect(pages.every((p) => p.rejected === undefined)).toBe(true);
    // One TaskRouter request per page, each with the range and the page size.
    const requests = world.api.log.slice(before);
    expect(requests).toHaveLength(pages.length);
    expect(requests[0].url).toContain('StartDate=2026-11-16T00%3A00%3A00Z');
    expect(requests[0].url).toContain('EndDate=2026-11-16T23%3A59%3A00Z');
    expect(requests[0].url).toContain('PageSize=250');
    expect(requests.slice(1).every((r) => /PageToken=/.test(r.url))).toBe(true);
  });

  it('keeps the range half-open and to the millisecond', async () => {
    const handle = world.handler();
    const some = ALL[100];
    const from = new Date(some.ts).toISOString();
    const to = new Date(some.ts + 3_600_000).toISOString();
    const { events } = await readAll(handle, { Token: TOKENS.supervisor, from, to });
    const expected = ALL.filter((e) => e.ts >= some.ts && e.ts < some.ts + 3_600_000);
    expect(events.map((e) => e.sid).sort()).toEqual(expected.map((e) => e.sid).sort());
  });

  it('answers an empty range with no events and no cursor', async () => {
    const r = page(await world.handler()({ Token: TOKENS.supervisor, from: '2026-11-16T00:00:00Z', to: '2026-11-16T00:01:00Z' }));
    expect(r).toEqual({ events: [], scope: 'all', fetched: 0 });
  });

  it('takes form fields as Twilio Functions pass them (numbers as text)', async () => {
    const r = page(await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: '100' }));
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.fetched).toBe(100);
    expect(typeof r.cursor).toBe('string');
  });

  it('lists unreadable events under rejected, with where and why, and keeps the rest', async () => {
    const broken = [
      { ...RESOURCES[0], sid: 'EV000000000000000000000000000000b1', event_date_ms: DAY_START + 3_600_000, event_data: { ...RESOURCES[0].event_data, task_sid: undefined, resource_sid: undefined }, resource_sid: undefined, event_type: 'task.created' },
      { ...RESOURCES[1], sid: 'EV000000000000000000000000000000b2', event_date_ms: DAY_START + 3_600_001, event_data: { ...RESOURCES[1].event_data, worker_attributes: '{not json' } },
    ];
    const w = await startWorld([...RESOURCES, ...broken]);
    try {
      const { pages, events } = await readAll(w.handler(), { Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: 1000 });
      const rejected = pages.flatMap((p) => [...(p.rejected ?? [])]);
      expect(rejected).toHaveLength(2);
      expect(rejected.map((r) => r.at).join('\n')).toMatch(/page \d+, event \d+ \(EV000000000000000000000000000000b1\)/);
      expect(rejected.map((r) => r.reason)).toEqual(expect.arrayContaining(['task.created: no task_sid', expect.stringMatching(/worker_attributes is not valid JSON/)]));
      expect(events.length).toBe(ALL.length);
      expect(pages[pages.length - 1].fetched).toBe(RESOURCES.length + 2);
    } finally {
      await w.close();
    }
  });
});

describe('retries', () => {
  it('waits out a 429 for its Retry-After, then goes on', async () => {
    world.api.failNext(1, { status: 429, retryAfterSec: 2, pathIncludes: '/Events' });
    const r = page(await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: 50 }));
    expect(world.sleeps).toEqual([2000]);
    expect(r.events.length).toBeGreaterThan(0);
  });

  it('backs off exponentially on 5xx, then goes on', async () => {
    world.api.failNext(2, { status: 503, pathIncludes: '/Events' });
    const r = page(await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: 50 }));
    // base 250 ms, doubling
    expect(world.sleeps).toEqual([250, 500]);
    expect(r.fetched).toBe(50);
  });

  it('gives up after the last attempt with 502 upstream_failed', async () => {
    world.api.failNext(4, { status: 500, pathIncludes: '/Events' });
    const r = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(r.status).toBe(502);
    expect(error(r).code).toBe('upstream_failed');
    expect(error(r).message).toMatch(/TaskRouter failed 4 tries to list events \(page 1\) \(HTTP 500: Internal Server Error\)/);
    expect(world.sleeps).toEqual([250, 500, 1000]);
    // No Origin sent: no origin named, and caches told the answer depends on it.
    expect(r.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(r.headers.Vary).toBe('Origin');
  });

  it('gives up on a lasting 429 with 429 rate_limited and a Retry-After for the caller', async () => {
    world.api.failNext(4, { status: 429, retryAfterSec: 1, pathIncludes: '/Events' });
    const r = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(r.status).toBe(429);
    expect(error(r)).toEqual({ code: 'rate_limited', message: expect.stringMatching(/rate limiting.*ask again in 1 s/), retryAfterSec: 1 });
    expect(r.headers['Retry-After']).toBe('1');
    expect(world.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('does not wait past its time budget', async () => {
    world.api.failNext(1, { status: 429, retryAfterSec: 30, pathIncludes: '/Events' });
    const r = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(r.status).toBe(429);
    expect(error(r).retryAfterSec).toBe(30);
    expect(world.sleeps).toEqual([]);
  });

  it('does not retry what TaskRouter refuses (a 4xx): 502 with its message', async () => {
    world.api.failNext(1, { status: 403, pathIncludes: '/Events' });
    const r = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(r.status).toBe(502);
    expect(error(r).message).toMatch(/TaskRouter refused to list events \(page 1\) \(HTTP 403: Forbidden\)/);
    expect(world.sleeps).toEqual([]);
  });
});

describe('tokens and roles', () => {
  it('401 missing_token without a Token', async () => {
    const r = await world.handler()({ from: FROM, to: TO });
    expect(r.status).toBe(401);
    expect(error(r).code).toBe('missing_token');
  });

  it('401 invalid_token when the validator refuses the token, without touching TaskRouter', async () => {
    const before = world.api.log.length;
    const calls = world.iam.calls;
    const r = await world.handler()({ Token: 'forged', from: FROM, to: TO });
    expect(r.status).toBe(401);
    expect(error(r)).toEqual({ code: 'invalid_token', message: 'the Flex token was not accepted: Invalid Access Token' });
    expect(world.iam.calls).toBe(calls + 1);
    expect(world.api.log.length).toBe(before);
  });

  it('403 forbidden for a user whose roles give no scope', async () => {
    for (const token of [TOKENS.nobody, TOKENS.agentWithoutWorker]) {
      const r = await world.handler()({ Token: token, from: FROM, to: TO });
      expect(r.status).toBe(403);
      expect(error(r).code).toBe('forbidden');
    }
  });

  it("gives an agent their own events and their conversations' task events, as their session's filter would", async () => {
    const { pages, events } = await readAll(world.handler(), { Token: TOKENS.agent, from: FROM, to: TO, pageSize: 40 });
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((p) => p.scope === 'self')).toBe(true);
    // No event about another agent leaves the function.
    for (const e of events) {
      if (entityKindOf(e.type) !== 'task') expect(e.workerSid).toBe(PEOPLE.agent);
      else expect(e.workerSid === undefined || e.workerSid === PEOPLE.agent).toBe(true);
    }
    // The reference: the session's own filter over the whole day in one go.
    const access = accessOf({ roles: ['agent'], workerSid: PEOPLE.agent });
    const reference = createScopeFilter(access, { reorderWindowMs: 300_000 }).select([...ALL].sort((a, b) => a.ts - b.ts));
    const ownTasks = new Set(reference.filter((e) => entityKindOf(e.type) === 'reservation').map((e) => e.taskSid));
    // Every event of the reference about the agent or a task they held a reservation in, and nothing else.
    const expected = maskEvents(access, reference.filter((e) => entityKindOf(e.type) !== 'task' || ownTasks.has(e.taskSid)));
    // Besides: the transfer marks of the agent's tasks (see the next test), a time and the agent's task only.
    const marks = events.filter((e) => e.type === TRANSFER_MARK);
    for (const m of marks) expect(Object.keys(m).sort()).toEqual(['sid', 'taskSid', 'ts', 'type']);
    for (const m of marks) expect(ownTasks.has(m.taskSid)).toBe(true);
    const got = bySid(events.filter((e) => e.type !== TRANSFER_MARK));
    expect([...got.keys()].sort()).toEqual(expected.map((e) => e.sid).sort());
    for (const e of expected) expect(got.get(e.sid)).toEqual(e);
    expect(ownTasks.size).toBeGreaterThan(5);
    // Pages never repeat an event here (a task whose reservations span two pages is read once).
    expect(events.length).toBe(got.size + new Set(marks.map((m) => m.sid)).size);
  });

  it("marks an agent's transfers: their history folds to the transfers a supervisor's full fold counts, with nothing of the new task", async () => {
    const agent = await readAll(world.handler(), { Token: TOKENS.agent, from: FROM, to: TO, pageSize: 40 });
    const supervisor = await readAll(world.handler(), { Token: TOKENS.supervisor, from: FROM, to: TO });
    const config = resolveConfig({});
    const agentOf = (access: ReturnType<typeof accessOf>, events: readonly TrEvent[]) => {
      const folder = new HistoryFolder({ config, access, range: oneDay('2026-11-16'), workerSid: PEOPLE.agent });
      folder.add(events);
      const day = folder.finish().find((d) => d.day === '2026-11-16');
      return day?.cells['agent/day']?.[PEOPLE.agent]?.['2026-11-16'];
    };
    const full = agentOf(accessOf({ roles: ['supervisor'] }), supervisor.events);
    const own = agentOf(accessOf({ roles: ['agent'], workerSid: PEOPLE.agent }), agent.events);
    // The day has a cold transfer of the agent's: without the marks their own fold counts 0.
    expect(full?.transfers).toBeGreaterThan(0);
    expect(own?.transfers).toBe(full?.transfers);
    expect(own?.handled).toBe(full?.handled);
    const unmarked = agentOf(accessOf({ roles: ['agent'], workerSid: PEOPLE.agent }), agent.events.filter((e) => e.type !== TRANSFER_MARK));
    expect(unmarked?.transfers).toBe(0);

    // The tasks the agent's transfers created: no event, sid or attribute of theirs reaches the agent (marks carry none).
    const ownTasks = new Set(agent.events.filter((e) => entityKindOf(e.type) === 'reservation').map((e) => e.taskSid as string));
    const created = supervisor.events.filter(
      (e) => e.type === 'task.created' && !ownTasks.has(e.taskSid as string) && e.taskAttributes !== undefined && ownTasks.has(taskInfoOf(e.taskAttributes).conversationKey as string),
    );
    expect(created.length).toBeGreaterThan(0);
    const sent = JSON.stringify(agent.events);
    for (const e of created) expect(sent).not.toContain(e.taskSid as string);
    for (const m of agent.events.filter((x) => x.type === TRANSFER_MARK)) expect(m.taskAttributes).toBeUndefined();
  });

  it("anonymises other teams' agents for a team leader, as the session's filter would", async () => {
    const { pages, events } = await readAll(world.handler(), { Token: TOKENS.teamLeader, from: FROM, to: TO, pageSize: 500 });
    expect(pages.every((p) => p.scope === 'team')).toBe(true);
    const team = AGENTS.find((a) => a.sid === PEOPLE.leader)?.team as string;
    const teamSids = new Set(AGENTS.filter((a) => a.team === team).map((a) => a.sid));
    const access = accessOf({ roles: ['agent', 'wfo.team_leader'], workerSid: PEOPLE.leader, team });
    expect(access.scope).toBe('team');
    const reference = maskEvents(access, createScopeFilter(access, { reorderWindowMs: 300_000, ownWorkerSid: PEOPLE.leader, eventByEvent: true }).select(ALL));
    expect(events).toHaveLength(reference.length);
    const got = bySid(events);
    for (const e of reference) expect(got.get(e.sid)).toEqual(e);
    const workers = new Set(events.map((e) => e.workerSid).filter((w) => w !== undefined));
    expect(workers.has(OTHER_AGENTS)).toBe(true);
    for (const w of workers) expect(w === OTHER_AGENTS || teamSids.has(w as string)).toBe(true);
    expect(events.some((e) => e.workerName !== undefined && !teamSids.has(e.workerSid as string))).toBe(false);
  });

  it('gives the same events whatever order TaskRouter lists them in', async () => {
    const oldest = await startWorld(RESOURCES, 'oldest-first');
    try {
      for (const [token, pageSize] of [[TOKENS.agent, 60], [TOKENS.teamLeader, 400]] as const) {
        const a = await readAll(world.handler(), { Token: token, from: FROM, to: TO, pageSize });
        const b = await readAll(oldest.handler(), { Token: token, from: FROM, to: TO, pageSize });
        expect(b.events.length).toBe(a.events.length);
        expect(bySid(b.events)).toEqual(bySid(a.events));
      }
    } finally {
      await oldest.close();
    }
  });

  it('falls back to their own numbers for a team leader whose worker has no record', async () => {
    const r = await world.handler()({ Token: TOKENS.teamLeaderWithoutTeam, from: FROM, to: TO });
    expect(page(r).scope).toBe('self');
    expect(page(r).events).toEqual([]);
  });
});

describe('bad requests', () => {
  it.each([
    [{ from: '2026-11-16', to: TO }, 'bad_request', /from "2026-11-16" is not an ISO 8601 instant/],
    [{ from: '2026-02-30T00:00:00Z', to: TO }, 'bad_request', /not an ISO 8601 instant/],
    [{ from: 'yesterday', to: TO }, 'bad_request', /not an ISO 8601 instant/],
    [{ from: 1763251200000, to: TO }, 'bad_request', /from must be an ISO 8601 instant in a string/],
    [{ to: TO }, 'bad_request', /from is missing/],
    [{ from: TO, to: FROM }, 'bad_request', /from must be before to/],
    [{ from: FROM, to: FROM }, 'bad_request', /from must be before to/],
    [{ from: '2026-10-16T00:00:00Z', to: '2026-11-10T00:00:00Z' }, 'range_too_long', /more than 30 days back/],
    [{ from: '2026-10-01T00:00:00Z', to: '2026-11-16T00:00:00Z' }, 'range_too_long', /at most 30 days apart/],
    [{ from: FROM, to: TO, pageSize: 0 }, 'bad_request', /pageSize must be an integer from 1 to 1000/],
    [{ from: FROM, to: TO, pageSize: '1001' }, 'bad_request', /pageSize/],
    [{ from: FROM, to: TO, pageSize: 2.5 }, 'bad_request', /pageSize/],
  ])('400 for %j', async (fields, code, message) => {
    const request = fields as Record<string, unknown>;
    const before = world.api.log.length;
    const r = await world.handler()({ Token: TOKENS.supervisor, ...request });
    expect(r.status).toBe(400);
    expect(error(r).code).toBe(code);
    expect(error(r).message).toMatch(message);
    expect(world.api.log.length).toBe(before);
  });

  it('accepts a range of exactly 30 days that starts 30 days back', async () => {
    const from = new Date(NOW - 30 * 86_400_000).toISOString();
    const r = await world.handler()({ Token: TOKENS.supervisor, from, to: new Date(NOW).toISOString(), pageSize: 10 });
    expect(r.status).toBe(200);
  });
});

describe('cursors', () => {
  async function firstPage(token: string = TOKENS.supervisor): Promise<HistoryPage> {
    return page(await world.handler()({ Token: token, from: FROM, to: TO, pageSize: 100 }));
  }

  it('rejects a changed cursor (400) without asking TaskRouter', async () => {
    const cursor = (await firstPage()).cursor as string;
    const [body, mac] = cursor.split('.');
    const state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [
      `${body.slice(0, -2)}${body.slice(-2) === 'AA' ? 'AB' : 'AA'}.${mac}`,
      `${Buffer.from(JSON.stringify({ ...state, main: { page: 1, token: 'PTanything' } })).toString('base64url')}.${mac}`,
      `${Buffer.from(JSON.stringify({ ...state, next: 'http://169.254.169.254/latest' })).toString('base64url')}.${mac}`,
      'http://169.254.169.254/latest/meta-data',
      `${body}.`,
      body,
    ];
    const before = world.api.log.length;
    for (const c of forged) {
      const r = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO, cursor: c });
      expect(r.status).toBe(400);
      expect(error(r).message).toMatch(/^cursor: /);
    }
    expect(world.api.log.length).toBe(before);
  });

  it('rejects a cursor for another range, page size or user', async () => {
    const cursor = (await firstPage()).cursor as string;
    const otherRange = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: '2026-11-16T23:00:00Z', cursor });
    expect(error(otherRange).message).toMatch(/another range/);
    const otherSize = await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO, cursor, pageSize: 10 });
    expect(error(otherSize).message).toMatch(/pageSize 100/);
    const otherUser = await world.handler()({ Token: TOKENS.teamLeader, from: FROM, to: TO, cursor });
    expect(otherUser.status).toBe(400);
    expect(error(otherUser).message).toMatch(/another user or scope/);
  });

  it('continues with the same page size when the next request names none', async () => {
    const first = await firstPage();
    const second = page(await world.handler()({ Token: TOKENS.supervisor, from: FROM, to: TO, cursor: first.cursor }));
    expect(second.fetched).toBe(200);
  });
});

describe('CORS', () => {
  it('answers a preflight with 204 and the allowed methods and headers', async () => {
    const r = await world.handler()({ request: { headers: { 'access-control-request-method': 'POST', origin: 'https://flex.twilio.com' } } });
    expect(r.status).toBe(204);
    expect(r.body).toBeNull();
    expect(r.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://flex.twilio.com',
      'Access-Control-Allow-Methods': 'OPTIONS, POST',
      'Access-Control-Allow-Headers': 'Content-Type',
    });
  });

  it('names only an allowed origin when origins are configured', async () => {
    const handle = world.handler({ allowedOrigins: ['https://flex.twilio.com'] });
    const ok = await handle({ Token: TOKENS.supervisor, from: '2026-11-16T00:00:00Z', to: '2026-11-16T00:10:00Z' }, { method: 'POST', headers: { Origin: 'https://flex.twilio.com' } });
    expect(ok.headers['Access-Control-Allow-Origin']).toBe('https://flex.twilio.com');
    const other = await handle({ Token: TOKENS.supervisor, from: '2026-11-16T00:00:00Z', to: '2026-11-16T00:10:00Z' }, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(other.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(other.headers.Vary).toBe('Origin');
  });
});
