/**
 * Least data out of the history function, over a simulated month served by the fake
 * Events API: every string of every answer to a team leader and to a supervisor without
 * export is scanned for phones and emails (a pattern, and the simulator's own customer
 * contacts); `rejected` tells a team leader nothing of other teams; only POST is served,
 * CORS names only allowed origins, cursors expire; the team average is numbers only, and
 * they are the team's cells computed from the same events directly.
 */
import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  HISTORY_CURSOR_LIFETIME_MS,
  LIVE_GROUPINGS,
  OTHER_AGENTS,
  cellsOver,
  createCalendar,
  daysOf,
  entityKindOf,
  teamOf,
  type HistoryError,
  type HistoryPage,
  type TeamAveragePage,
  type TrEvent,
} from '../../src/core';
import { createHistoryHandler, type HistoryHandler, type HistoryResponse } from '../../serverless/src/historyHandler';
import { createFakeEventsApi, type FakeEventResource } from '../../src/sandbox/fakes/fakeEventsApi';
import { fakeWorkspace } from '../../src/sandbox/server/historyServer';
import { WORKSPACE, simulate, simulationRoster, toEventsApi } from '../../src/sources/simulator';

jest.setTimeout(120_000);

const SIM = { agents: 24, days: 30, seed: 21, start: '2026-10-18T00:00:00Z' } as const;
const START = Date.parse(SIM.start);
const DAY = 86_400_000;
/** The evening of the run's last day: every day of the run is within the 30 days TaskRouter keeps. */
const NOW = START + 29 * DAY + 22 * 3_600_000;
const FROM = new Date(NOW - 30 * DAY + 60_000).toISOString();
const TO = new Date(NOW).toISOString();

const ROSTER = simulationRoster(SIM);
const AGENTS = ROSTER.agents.map((a) => ({ sid: a.sid, team: a.profile.team, name: a.name }));
const TEAM = AGENTS[0].team;
const LEADER = AGENTS[0].sid;
const TEAM_SIDS = new Set(AGENTS.filter((a) => a.team === TEAM).map((a) => a.sid));
const OTHER = AGENTS.find((a) => a.team !== TEAM) as (typeof AGENTS)[number];

const SIMULATED: FakeEventResource[] = [...simulate(SIM)].map((e) => toEventsApi(e) as unknown as FakeEventResource);

/** Unreadable copies of real events (task attributes that are not JSON, a date that is a phone number). */
function broken(of: FakeEventResource, n: number, change: Record<string, unknown>): FakeEventResource {
  return { ...of, sid: `EV${n.toString(16).padStart(32, 'f')}`, event_data: { ...of.event_data, ...change } };
}
const reservationOf = (sid: string): FakeEventResource =>
  SIMULATED.find((r) => r.event_type === 'reservation.accepted' && r.event_data?.worker_sid === sid && r.event_date_ms > NOW - 20 * DAY) as FakeEventResource;
const BROKEN = {
  otherTeam: broken(reservationOf(OTHER.sid), 1, { task_attributes: '{"from":"+15550001111","name":"Broken Person"' }),
  ownTeam: broken(reservationOf(LEADER), 2, { task_attributes: '{"from":"+15550002222"' }),
};
const RESOURCES = [...SIMULATED, BROKEN.otherTeam, BROKEN.ownTeam];

/** The customers' phones and emails as the simulator wrote them into task attributes. */
function customerContacts(): { contacts: Set<string>; names: Set<string> } {
  const contacts = new Set<string>();
  const names = new Set<string>();
  for (const r of RESOURCES) {
    const text = r.event_data?.task_attributes;
    if (typeof text !== 'string') continue;
    let a: { from?: string; customers?: { name?: string; phone?: string; email?: string } };
    try {
      a = JSON.parse(text) as typeof a;
    } catch {
      continue;
    }
    for (const c of [a.customers?.phone, a.customers?.email]) if (c) contacts.add(c);
    if (a.customers?.name) names.add(a.customers.name);
  }
  return { contacts, names };
}
const CUSTOMERS = customerContacts();
const AGENT_EMAILS = new Set(ROSTER.agents.map((a) => a.profile.email));

const TOKENS = { supervisor: 'tok-supervisor', leader: 'tok-leader', agent: 'tok-agent' } as const;
const USERS: Record<string, { roles: string[]; worker_sid?: string; identity: string }> = {
  [TOKENS.supervisor]: { roles: ['supervisor'], identity: 'sup' },
  [TOKENS.leader]: { roles: ['agent', 'wfo.team_leader'], worker_sid: LEADER, identity: 'lead' },
  [TOKENS.agent]: { roles: ['agent'], worker_sid: [...TEAM_SIDS].find((s) => s !== LEADER) as string, identity: 'agent' },
};

let clock = NOW;
function handlerOver(resources: readonly FakeEventResource[]): HistoryHandler {
  const api = createFakeEventsApi(resources, { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => clock });
  const handle = createHistoryHandler({
    validateToken: async (token) => (USERS[token] ? { valid: true, ...USERS[token] } : { valid: false, message: 'unknown' }),
    workspace: fakeWorkspace(api, WORKSPACE.workspaceSid),
    workspaceSid: WORKSPACE.workspaceSid,
    cursorSecret: 'least-data-secret',
    now: () => clock,
    sleep: async () => undefined,
    config: DEFAULT_CONFIG,
    // A month is read in-process here; the budget is Twilio's, not this machine's.
    options: { timeBudgetMs: 60_000 },
  });
  return (event, meta) => handle(event, meta ?? { method: 'POST', headers: { origin: 'https://flex.twilio.com' } });
}
const handle = handlerOver(RESOURCES);

beforeEach(() => {
  clock = NOW;
});

function body<T>(r: HistoryResponse): T {
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as T;
}

async function readAll(token: string): Promise<{ answers: HistoryResponse[]; pages: HistoryPage[] }> {
  const answers: HistoryResponse[] = [];
  const pages: HistoryPage[] = [];
  let cursor: string | undefined;
  do {
    const r = await handle({ Token: token, from: FROM, to: TO, ...(cursor ? { cursor } : {}) });
    answers.push(r);
    const p = body<HistoryPage>(r);
    pages.push(p);
    cursor = p.cursor;
  } while (cursor);
  return { answers, pages };
}

/** Every string of a value (keys included), at any depth. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/** A phone number: international (+ and 7 to 15 digits, separators allowed), or a national 3-3-4 (dates are 4-2-2). */
const PHONE = /(?<![\w+])\+\d(?:[\s().-]?\d){6,14}(?!\w)|(?<![\w-])\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])/;
/** An email address; a masked one (`k•••@mail.example.net`, the core's policy) is not one. */
const EMAIL = /[^\s@"•]+@[^\s@"]+\.[a-z]{2,}/i;

/** Runs of digits and address-like words: what is looked up among the simulator's own contacts. */
const DIGIT_RUN = /\+?\d{7,}/g;
const ADDRESS_LIKE = /[^\s@"<>(),;:]+@[^\s@"<>(),;:]+/g;
const KNOWN = new Set([...CUSTOMERS.contacts].flatMap((c) => [c, c.replace(/^\+/, '')]));

/** What in these strings is a customer's contact: by pattern, or one of the simulator's own. */
function contactsIn(strings: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of strings) {
    if (PHONE.test(s)) found.push(s);
    const email = EMAIL.exec(s);
    // Agents' own addresses are in their worker attributes, which are theirs, not a customer's.
    if (email && !AGENT_EMAILS.has(email[0])) found.push(s);
    for (const token of [...(s.match(DIGIT_RUN) ?? []), ...(s.match(ADDRESS_LIKE) ?? [])]) if (KNOWN.has(token)) found.push(s);
  }
  return found;
}

describe('no customer contact leaves the function for a caller who may not see contacts', () => {
  it.each([
    ['a supervisor without export', TOKENS.supervisor],
    ['a team leader', TOKENS.leader],
  ])('%s: a month of pages, every string scanned', async (_who, token) => {
    const { answers, pages } = await readAll(token);
    const strings = answers.flatMap((a) => [...stringsOf(a.body), ...stringsOf(a.headers)]);
    expect(pages.reduce((n, p) => n + p.events.length, 0)).toBeGreaterThan(10_000);
    // The scan can fail: the events as TaskRouter holds them are full of contacts.
    expect(contactsIn(stringsOf(SIMULATED.slice(0, 200).map((r) => r.event_data))).length).toBeGreaterThan(50);
    expect(contactsIn(strings)).toEqual([]);
  });
});

describe('a team leader', () => {
  it("hears nothing of other teams' unreadable events: no sid, no attribute, no reason", async () => {
    const { pages } = await readAll(TOKENS.leader);
    const rejected = pages.flatMap((p) => p.rejected ?? []);
    const text = JSON.stringify(rejected);
    // Their own team's unreadable event is named, with where and why.
    expect(rejected.some((r) => r.at.includes(BROKEN.ownTeam.sid))).toBe(true);
    expect(text).not.toContain(BROKEN.otherTeam.sid);
    for (const a of AGENTS.filter((x) => x.team !== TEAM)) {
      expect(text).not.toContain(a.sid);
      expect(text).not.toContain(a.name);
    }
    expect(text).not.toMatch(/Broken Person|5550001111|5550002222/);
    // The rest is a count.
    expect(rejected.some((r) => /^1 event outside your scope could not be read$/.test(r.reason))).toBe(true);
  });

  it("gets no other team's customer data in its pages (names included), end to end", async () => {
    const { pages } = await readAll(TOKENS.leader);
    const events = pages.flatMap((p) => [...p.events]);
    // Agents move between teams in the simulation: a task is the team's when a reservation
    // of it went to the leader, or to someone in the team at that moment by their own attributes.
    const teamTasks = new Set(
      RESOURCES.filter((r) => {
        const d = r.event_data ?? {};
        if (!r.event_type.startsWith('reservation.')) return false;
        if (d.worker_sid === LEADER) return true;
        try {
          return (JSON.parse(String(d.worker_attributes)) as { team?: string }).team === TEAM;
        } catch {
          return false;
        }
      }).map((r) => r.event_data?.task_sid),
    );
    const others = events.filter((e) => e.taskAttributes !== undefined && !teamTasks.has(e.taskSid));
    expect(others.length).toBeGreaterThan(100);
    const leaked = others.filter((e) => stringsOf(e.taskAttributes).some((s) => CUSTOMERS.names.has(s) || s.split(/[()]/).some((part) => CUSTOMERS.names.has(part.trim()))));
    expect(leaked.map((e) => e.sid)).toEqual([]);
    expect(events.some((e) => e.workerSid === OTHER_AGENTS)).toBe(true);
  });
});

describe('a supervisor without export', () => {
  it('hears of every unreadable event, by where and why, and of no contact in it', async () => {
    const { pages } = await readAll(TOKENS.supervisor);
    const rejected = pages.flatMap((p) => p.rejected ?? []);
    expect(rejected.some((x) => x.at.includes(BROKEN.otherTeam.sid))).toBe(true);
    expect(rejected.some((x) => x.at.includes(BROKEN.ownTeam.sid))).toBe(true);
    expect(JSON.stringify(rejected)).not.toMatch(/Broken Person|5550001111|5550002222/);
  });
});

describe('requests', () => {
  const first = { Token: TOKENS.supervisor, from: new Date(NOW - DAY).toISOString(), to: TO, pageSize: 100 };

  it('answers GET, PUT and a header-less request with 405 and Allow, reading nothing', async () => {
    for (const meta of [{ method: 'GET' }, { method: 'PUT' }, { headers: { origin: 'https://flex.twilio.com' } }, {}]) {
      const r = await handle(first, meta);
      expect(r.status).toBe(405);
      expect(r.headers.Allow).toBe('POST, OPTIONS');
      expect((r.body as HistoryError).error.code).toBe('method_not_allowed');
    }
    // Twilio passes no method: a JSON body's type says POST.
    const post = await handle(first, { headers: { 'content-type': 'application/json; charset=utf-8', origin: 'https://flex.twilio.com' } });
    expect(post.status).toBe(200);
  });

  it('names no CORS origin for an origin not configured; Flex by default', async () => {
    const evil = await handle(first, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(200);
    expect(evil.headers['Access-Control-Allow-Origin']).toBeUndefined();
    const flex = await handle(first, { method: 'POST', headers: { Origin: 'https://flex.twilio.com' } });
    expect(flex.headers['Access-Control-Allow-Origin']).toBe('https://flex.twilio.com');
    expect(Object.values(flex.headers)).not.toContain('*');
  });

  it(`refuses a cursor ${HISTORY_CURSOR_LIFETIME_MS / 60_000} minutes after its page with cursor_expired, and takes it before`, async () => {
    const page = body<HistoryPage>(await handle(first));
    clock = NOW + HISTORY_CURSOR_LIFETIME_MS - 1000;
    expect((await handle({ ...first, cursor: page.cursor })).status).toBe(200);
    clock = NOW + HISTORY_CURSOR_LIFETIME_MS;
    const late = await handle({ ...first, cursor: page.cursor });
    expect(late.status).toBe(400);
    expect((late.body as HistoryError).error).toEqual({ code: 'cursor_expired', message: expect.stringMatching(/expired; start the range again/) });
  });
});

describe('the team average', () => {
  const calendar = createCalendar(DEFAULT_CONFIG.timeZone);
  const today = calendar.dayKey(NOW);
  const weekStart = daysOf({ from: calendar.dayKey(NOW - 6 * DAY), to: today })[0];
  const from = new Date(NOW - 6 * DAY).toISOString();

  async function teamAverage(token: string, msPerPage?: number): Promise<{ answers: HistoryResponse[]; pages: TeamAveragePage[] }> {
    const h = msPerPage === undefined ? handle : handlerWithLatency(msPerPage);
    const answers: HistoryResponse[] = [];
    const pages: TeamAveragePage[] = [];
    let cursor: string | undefined;
    do {
      const r = await h({ Token: token, kind: 'teamAverage', from, to: TO, ...(cursor ? { cursor } : {}) });
      answers.push(r);
      pages.push(body<TeamAveragePage>(r));
      cursor = pages[pages.length - 1].cursor;
    } while (cursor);
    return { answers, pages };
  }

  /** The team's day cells straight from the events: one engine over the whole stream, the roster's teams. */
  /** Per day key, the team's numbers; under `range`, the distinct teammates of the week. */
  function direct(): Map<string, Partial<Record<'handled' | 'conversations' | 'invitations' | 'rona' | 'rejected' | 'transfers' | 'handleSum' | 'handleN' | 'agents', number>>> {
    const reader = new EventReader();
    const events: TrEvent[] = [];
    for (const r of SIMULATED) {
      const o = reader.read(r);
      if (o.kind === 'event' && o.event.ts < NOW) events.push(o.event);
    }
    events.sort((a, b) => a.ts - b.ts);
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    for (const e of events) engine.apply(e);
    engine.flush();
    const range = { from: weekStart, to: today };
    const team = cellsOver({ engine }, 'team', 'day', range).get(TEAM) ?? new Map();
    const agents = cellsOver({ engine }, 'agent', 'day', range);
    const out: ReturnType<typeof direct> = new Map();
    const engagedInRange = new Set<string>();
    for (const day of daysOf(range)) {
      const acc = team.get(day);
      let n = 0;
      // Agents change teams in the simulation: an agent is the team's on a day their reservations say so.
      const members = new Set(
        events
          .filter((e) => entityKindOf(e.type) === 'reservation' && calendar.dayKey(e.ts) === day && e.workerAttributes && teamOf(e.workerAttributes) === TEAM)
          .map((e) => e.workerSid as string),
      );
      for (const sid of members) {
        const a = agents.get(sid)?.get(day);
        if (a && (a.invitations > 0 || a.handled > 0)) {
          n++;
          engagedInRange.add(sid);
        }
      }
      out.set(day, {
        handled: acc?.handled ?? 0,
        conversations: acc?.conversations ?? 0,
        invitations: acc?.invitations ?? 0,
        rona: acc?.rona ?? 0,
        rejected: acc?.rejected ?? 0,
        transfers: acc?.transfers ?? 0,
        handleSum: acc?.handleSum ?? 0,
        handleN: acc?.handleN ?? 0,
        agents: n,
      });
    }
    out.set('range', { agents: engagedInRange.size });
    return out;
  }

  it("gives an agent their team's day cells, equal to the cells computed from the same events directly", async () => {
    const { pages } = await teamAverage(TOKENS.agent);
    const last = pages[pages.length - 1];
    expect(last.team).toBe(TEAM);
    const days = pages.flatMap((p) => [...p.days]);
    expect(days.map((d) => d.day)).toEqual(daysOf({ from: weekStart, to: today }));
    const expected = direct();
    for (const d of days) {
      const e = expected.get(d.day);
      expect({ ...d, bySupportType: undefined, day: undefined }).toEqual({
        day: undefined,
        bySupportType: undefined,
        agents: e?.agents,
        handled: e?.handled,
        conversations: e?.conversations,
        invitations: e?.invitations,
        rona: e?.rona,
        rejected: e?.rejected,
        transfers: e?.transfers,
        handleSumMs: e?.handleSum,
        handleN: e?.handleN,
      });
    }
    expect(days.reduce((n, d) => n + d.handled, 0)).toBeGreaterThan(50);
    expect(Object.values(days[0].bySupportType).reduce((n, x) => n + x, 0)).toBeGreaterThan(0);
    // Over the week, the teammates who engaged on any day, counted once.
    expect(last.rangeAgents).toBe(expected.get('range')?.agents);
    expect(last.rangeAgents).toBeGreaterThan(Math.max(...days.map((d) => d.agents)));
  });

  it('carries no sid, no name, no event and no customer data (every string scanned)', async () => {
    const { answers } = await teamAverage(TOKENS.agent);
    const strings = answers.flatMap((a) => stringsOf(a.body));
    const text = JSON.stringify(answers.map((a) => a.body));
    expect(text).not.toMatch(/\b(WK|WT|WR|EV|CA|CH|WQ|WW)[0-9a-f]{32}\b/);
    for (const a of AGENTS) expect(text).not.toContain(a.name);
    for (const n of CUSTOMERS.names) expect(text).not.toContain(n);
    expect(contactsIn(strings)).toEqual([]);
    expect(text).not.toMatch(/"events"|"taskAttributes"|"workerSid"/);
  });

  it('folds whole days per answer when time is short, and the cursor carries the rest unreadably', async () => {
    const whole = await teamAverage(TOKENS.agent);
    // A second a TaskRouter page: the 8-second budget folds a day or two per answer.
    const split = await teamAverage(TOKENS.agent, 1000);
    expect(split.pages.length).toBeGreaterThan(2);
    expect(split.pages.flatMap((p) => [...p.days])).toEqual(whole.pages.flatMap((p) => [...p.days]));
    expect(split.pages[split.pages.length - 1].rangeAgents).toBe(whole.pages[whole.pages.length - 1].rangeAgents);
    for (const p of split.pages.slice(0, -1)) {
      expect(p.rangeAgents).toBeUndefined();
      for (const part of (p.cursor as string).split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toMatch(/WK|2026-/);
    }
  });

  it('refuses more than a week, and another user’s cursor', async () => {
    const long = await handle({ Token: TOKENS.agent, kind: 'teamAverage', from: new Date(NOW - 9 * DAY).toISOString(), to: TO });
    expect((long.body as HistoryError).error.code).toBe('range_too_long');
    const split = handlerWithLatency(1000);
    const p = body<TeamAveragePage>(await split({ Token: TOKENS.agent, kind: 'teamAverage', from, to: TO }));
    const other = await split({ Token: TOKENS.leader, kind: 'teamAverage', from, to: TO, cursor: p.cursor });
    expect((other.body as HistoryError).error.message).toMatch(/another user or team/);
  });
});

/** The handler with TaskRouter taking `msPerPage` of the function's clock per page: a request's budget runs out. */
function handlerWithLatency(msPerPage: number): HistoryHandler {
  const api = createFakeEventsApi(RESOURCES, { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => clock });
  const workspace = fakeWorkspace(api, WORKSPACE.workspaceSid);
  let t = NOW;
  const handle = createHistoryHandler({
    validateToken: async (token) => (USERS[token] ? { valid: true, ...USERS[token] } : { valid: false, message: 'unknown' }),
    workspace: {
      events: {
        page: (params) => {
          t += msPerPage;
          return workspace.events.page(params);
        },
      },
      workers: (sid) => workspace.workers(sid),
    },
    workspaceSid: WORKSPACE.workspaceSid,
    cursorSecret: 'least-data-secret',
    now: () => t,
    sleep: async () => undefined,
    config: DEFAULT_CONFIG,
  });
  return (event, meta) => handle(event, meta ?? { method: 'POST' });
}
