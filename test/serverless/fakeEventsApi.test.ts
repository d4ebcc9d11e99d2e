/** The fake Events API on its own (pure), and through a real `twilio` client over HTTP. */
import { createFakeEventsApi, type FakeEventResource } from '../../src/sandbox/fakes/fakeEventsApi';
import { createFakeIam } from '../../src/sandbox/fakes/fakeEventsApiIam';
import { startFakeTwilio, twilioClientFor } from '../../src/sandbox/fakes/fakeEventsApiServer';
import { ACCOUNT_SID, AUTH_TOKEN, NOW, RESOURCES, WORKSPACE_SID } from './world';

const EVENTS = `/v1/Workspaces/${WORKSPACE_SID}/Events`;
const api = (order?: 'newest-first' | 'oldest-first') => createFakeEventsApi(RESOURCES, { workspaceSid: WORKSPACE_SID, now: () => NOW, order });

interface Page {
  events: FakeEventResource[];
  meta: { page: number; page_size: number; next_page_url: string | null; previous_page_url: null; first_page_url: string; url: string; key: string };
}
const get = (fake: ReturnType<typeof api>, url: string) => fake.handle({ method: 'GET', url });

/** Follows next_page_url (absolute, TaskRouter's host) through the fake. */
function all(fake: ReturnType<typeof api>, query: string): { events: FakeEventResource[]; pages: Page[] } {
  const pages: Page[] = [];
  let url: string | null = `${EVENTS}?${query}`;
  while (url) {
    const r = get(fake, url);
    expect(r.status).toBe(200);
    const p = r.body as Page;
    pages.push(p);
    url = p.meta.next_page_url;
  }
  return { events: pages.flatMap((p) => p.events), pages };
}

describe('fake Events API', () => {
  it('pages newest first with PageToken links that repeat the filters, as TaskRouter does', () => {
    const { events, pages } = all(api(), 'StartDate=2026-11-16T00:00:00Z&EndDate=2026-11-17T00:00:00Z&PageSize=500');
    expect(events).toHaveLength(RESOURCES.length);
    expect(new Set(events.map((e) => e.sid)).size).toBe(RESOURCES.length);
    for (let i = 1; i < events.length; i++) expect(events[i - 1].event_date_ms).toBeGreaterThanOrEqual(events[i].event_date_ms);
    // 2,186 events, 500 a page -> 5 pages
    expect(pages.map((p) => p.meta.page)).toEqual([0, 1, 2, 3, 4]);
    expect(pages[0].meta).toMatchObject({ page_size: 500, key: 'events', previous_page_url: null });
    const next = new URL(pages[0].meta.next_page_url as string);
    expect(next.origin).toBe('https://taskrouter.twilio.com');
    expect(next.pathname).toBe(EVENTS);
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ StartDate: '2026-11-16T00:00:00Z', PageSize: '500', Page: '1', PageToken: expect.any(String) });
    expect(pages[4].meta.next_page_url).toBeNull();
  });

  it('serves oldest first when asked to', () => {
    const { events } = all(api('oldest-first'), 'StartDate=2026-11-16T00:00:00Z&PageSize=1000');
    for (let i = 1; i < events.length; i++) expect(events[i - 1].event_date_ms).toBeLessThanOrEqual(events[i].event_date_ms);
  });

  it('keeps a page stable when events arrive while a caller pages', () => {
    const fake = api();
    const first = get(fake, `${EVENTS}?StartDate=2026-11-16T00:00:00Z&PageSize=100`).body as Page;
    fake.addEvents([{ ...RESOURCES[RESOURCES.length - 1], sid: 'EVffffffffffffffffffffffffffffffff', event_date_ms: NOW - 1000 }]);
    const second = get(fake, first.meta.next_page_url as string).body as Page;
    expect(second.events[0].event_date_ms).toBeLessThanOrEqual(first.events[99].event_date_ms);
    expect(second.events.some((e) => first.events.some((f) => f.sid === e.sid))).toBe(false);
  });

  it.each([
    ['WorkerSid', (e: FakeEventResource) => e.event_data?.worker_sid],
    ['TaskSid', (e: FakeEventResource) => e.event_data?.task_sid],
    ['TaskQueueSid', (e: FakeEventResource) => e.event_data?.task_queue_sid],
  ])('filters by %s', (param, field) => {
    const value = RESOURCES.map(field).find((v) => typeof v === 'string') as string;
    const { events } = all(api(), `StartDate=2026-11-16T00:00:00Z&${param}=${value}&PageSize=1000`);
    const expected = RESOURCES.filter((e) => field(e) === value || e.resource_sid === value);
    expect(events.map((e) => e.sid).sort()).toEqual(expected.map((e) => e.sid).sort());
    expect(events.length).toBeGreaterThan(0);
  });

  it('filters by EventType and by the dates, EndDate included', () => {
    const { events } = all(api(), 'StartDate=2026-11-16T00:00:00Z&EventType=task.created&PageSize=1000');
    expect(events.length).toBe(RESOURCES.filter((e) => e.event_type === 'task.created').length);
    const t = RESOURCES[50].event_date_ms;
    const at = new Date(t).toISOString();
    const { events: one } = all(api(), `StartDate=${at}&EndDate=${at}&PageSize=1000`);
    expect(one.map((e) => e.sid)).toContain(RESOURCES[50].sid);
    expect(one.every((e) => e.event_date_ms === t)).toBe(true);
  });

  it('without dates serves the last 15 minutes, and never anything older than 30 days', () => {
    const { events } = all(api(), 'PageSize=1000');
    expect(events.every((e) => e.event_date_ms >= NOW - 15 * 60_000)).toBe(true);
    const old = createFakeEventsApi(RESOURCES, { workspaceSid: WORKSPACE_SID, now: () => NOW + 31 * 86_400_000 });
    expect((get(old, `${EVENTS}?StartDate=2026-11-01T00:00:00Z`).body as Page).events).toEqual([]);
  });

  it.each([
    ['PageSize=0', /PageSize/],
    ['PageSize=1001', /PageSize/],
    ['StartDate=yesterday', /StartDate/],
    ['PageToken=garbage', /PageToken/],
    ['Colour=blue', /Invalid parameter: Colour/],
  ])('answers %s with a Twilio-style 400', (query, message) => {
    const r = get(api(), `${EVENTS}?${query}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 20001, status: 400, message: expect.stringMatching(message) });
  });

  it('fails on demand: 429 with Retry-After, 5xx, then serves again', () => {
    const fake = api();
    fake.failNext(1, { status: 429, retryAfterSec: 3 });
    fake.failNext(2, { status: 503, pathIncludes: '/Events' });
    const a = get(fake, `${EVENTS}?PageSize=1`);
    expect(a.status).toBe(429);
    expect(a.headers['retry-after']).toBe('3');
    expect(get(fake, `${EVENTS}?PageSize=1`).status).toBe(503);
    expect(get(fake, `${EVENTS}?PageSize=1`).status).toBe(503);
    expect(get(fake, `${EVENTS}?PageSize=1`).status).toBe(200);
    expect(fake.log.map((l) => l.status)).toEqual([429, 503, 503, 200]);
  });

  it('serves a worker made from its newest event, and 404 for an unknown one', () => {
    const fake = api();
    const sid = RESOURCES.find((e) => typeof e.event_data?.worker_sid === 'string')?.event_data?.worker_sid as string;
    const w = fake.handle({ method: 'GET', url: `/v1/Workspaces/${WORKSPACE_SID}/Workers/${sid}` });
    expect(w.status).toBe(200);
    expect(JSON.parse((w.body as { attributes: string }).attributes)).toHaveProperty('team');
    expect(fake.handle({ method: 'GET', url: `/v1/Workspaces/${WORKSPACE_SID}/Workers/WK${'0'.repeat(32)}` }).status).toBe(404);
  });

  it('demands the credentials it was given', () => {
    const fake = createFakeEventsApi(RESOURCES, { workspaceSid: WORKSPACE_SID, credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN } });
    expect(fake.handle({ method: 'GET', url: EVENTS }).status).toBe(401);
    const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
    expect(fake.handle({ method: 'GET', url: EVENTS, headers: { Authorization: auth } }).status).toBe(200);
  });
});

describe('a real twilio client against the fake over HTTP', () => {
  it("pages with twilio-node's own page() and nextPage(), and sees 429s as RestExceptions with the Retry-After kept", async () => {
    const fake = api();
    const server = await startFakeTwilio({ api: fake });
    try {
      const client = twilioClientFor(server.baseUrl, ACCOUNT_SID, AUTH_TOKEN);
      const events = client.taskrouter.v1.workspaces(WORKSPACE_SID).events;
      let page = await events.page({ startDate: new Date('2026-11-16T00:00:00Z'), pageSize: 1000 });
      const sids = page.instances.map((e) => e.sid);
      while (page.nextPageUrl) {
        page = (await page.nextPage()) as typeof page;
        sids.push(...page.instances.map((e) => e.sid));
      }
      expect(sids).toHaveLength(RESOURCES.length);
      expect(page.instances[0].eventDate).toBeInstanceOf(Date);
      expect(typeof page.instances[0].eventDateMs).toBe('number');

      fake.failNext(1, { status: 429, retryAfterSec: 7 });
      await expect(events.page({ pageSize: 1 })).rejects.toMatchObject({ status: 429, code: 20429 });
      const last = (client.httpClient as unknown as { lastResponse?: { headers: Record<string, string> } }).lastResponse;
      expect(last?.headers['retry-after']).toBe('7');
    } finally {
      await server.close();
    }
  });
});

describe('fake token endpoint', () => {
  const iam = createFakeIam({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, users: { t1: { identity: 'a', roles: ['agent'], workerSid: 'WK1' } } });
  const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  const url = `/v1/Accounts/${ACCOUNT_SID}/Tokens/validate`;

  it('answers as the validator expects', () => {
    expect(iam.handle({ method: 'POST', url, headers: { authorization: auth } }, JSON.stringify({ token: 't1' })).body).toMatchObject({
      valid: true,
      identity: 'a',
      roles: ['agent'],
      worker_sid: 'WK1',
    });
    expect(iam.handle({ method: 'POST', url, headers: { authorization: auth } }, JSON.stringify({ token: 'toString' })).body).toMatchObject({ valid: false });
    expect(iam.handle({ method: 'POST', url, headers: { authorization: 'Basic eDp5' } }, JSON.stringify({ token: 't1' })).status).toBe(401);
  });
});
