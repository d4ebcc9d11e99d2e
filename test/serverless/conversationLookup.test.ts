/**
 * The history function's conversation lookup (`kind: 'conversation'`): by each kind of
 * identifier, following transfers, scope-checked (403 with nothing else), 404 for what is
 * nowhere, a search by conversation sid carried over several requests by its cursor, and
 * contacts masked. The oracle is the core's own fold of the whole stream: the lookup's
 * events give the same conversation detail as the whole day's events do.
 */
import {
  DEFAULT_CONFIG,
  Engine,
  HISTORY_CURSOR_LIFETIME_MS,
  OTHER_AGENTS,
  accessOf,
  compareEvents,
  conversationDetailsOf,
  createScopeFilter,
  entityKindOf,
  maskEvents,
  taskIdentifiersOf,
  teamOf,
  type Access,
  type ConversationDetail,
  type ConversationLookupPage,
  type HistoryError,
  type TrEvent,
} from '../../src/core';
import { createHistoryHandler, type HistoryHandler, type HistoryResponse } from '../../serverless/src/historyHandler';
import { createFakeEventsApi, type FakeEventResource } from '../../src/sandbox/fakes/fakeEventsApi';
import { fakeWorkspace } from '../../src/sandbox/server/historyServer';
import { WORKSPACE, simulate, toEventsApi } from '../../src/sources/simulator';
import { AGENTS, NOW, PEOPLE, RESOURCES, ROSTER, TOKENS, canonical, startWorld, type World } from './world';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const SUPERVISOR = accessOf({ roles: ['supervisor'] });
const ALL = canonical().sort(compareEvents);

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

function found(r: HistoryResponse): ConversationLookupPage {
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  const page = r.body as ConversationLookupPage;
  if (page.status !== 'found') throw new Error(`expected found, got ${JSON.stringify(page).slice(0, 200)}`);
  return page;
}
const error = (r: HistoryResponse): HistoryError['error'] => (r.body as HistoryError).error;

/** One engine over these events, as a session folds them. */
function fold(events: readonly TrEvent[]): Engine {
  const engine = new Engine(DEFAULT_CONFIG);
  for (const e of [...events].sort(compareEvents)) engine.apply(e);
  engine.flush();
  return engine;
}

/** The core's own join of tasks into conversations, over the whole day: task sid → its conversation's task sids. */
function conversationsOf(events: readonly TrEvent[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const c of fold(events).conversationRecords()) {
    const sids = c.tasks.map((t) => t.sid);
    for (const sid of sids) out.set(sid, sids);
  }
  return out;
}
const CONVERSATIONS = conversationsOf(ALL);

/** The task and reservation events of a conversation, oldest first. */
function eventsOfConversation(events: readonly TrEvent[], taskSids: readonly string[]): TrEvent[] {
  const set = new Set(taskSids);
  return events.filter((e) => entityKindOf(e.type) !== 'worker' && e.taskSid !== undefined && set.has(e.taskSid)).sort(compareEvents);
}

/** The detail of the conversation holding this task, as this access sees it. */
function detailOf(engine: Engine, access: Access, taskSid: string): ConversationDetail {
  const detail = [...conversationDetailsOf(engine, access, DEFAULT_CONFIG).values()].find((d) => d.taskSids.includes(taskSid));
  if (!detail) throw new Error(`no conversation holds ${taskSid}`);
  return detail;
}

const created = ALL.filter((e) => e.type === 'task.created');
const sidsOf = (e: TrEvent): string[] => taskIdentifiersOf(e.taskAttributes);
/** The first cold transfer of the day: its new task names the first one's sid. */
const TRANSFER = (() => {
  const second = created.find((e) => sidsOf(e).some((x) => x.startsWith('WT')) && sidsOf(e).some((x) => x.startsWith('CA'))) as TrEvent;
  const first = sidsOf(second).find((x) => x.startsWith('WT')) as string;
  return { first, second: second.taskSid as string, call: sidsOf(second).find((x) => x.startsWith('CA')) as string };
})();
/** A chat or SMS conversation, and a reservation of it. */
const CHAT = (() => {
  const task = created.find(
    (e) => sidsOf(e).some((x) => x.startsWith('CH')) && CONVERSATIONS.get(e.taskSid as string)?.length === 1 && ALL.some((r) => r.type === 'reservation.accepted' && r.taskSid === e.taskSid),
  ) as TrEvent;
  const reservation = ALL.find((r) => r.type === 'reservation.created' && r.taskSid === task.taskSid) as TrEvent;
  return { task: task.taskSid as string, conversation: sidsOf(task).find((x) => x.startsWith('CH')) as string, reservation: reservation.reservationSid as string };
})();

describe('finding a conversation', () => {
  it('the day has what these tests need: a transferred call and a chat', () => {
    expect(CONVERSATIONS.get(TRANSFER.first)).toEqual([TRANSFER.first, TRANSFER.second]);
    expect(CONVERSATIONS.get(CHAT.task)).toEqual([CHAT.task]);
  });

  it.each([
    ['task sid', () => CHAT.task, () => CHAT.task],
    ['reservation sid', () => CHAT.reservation, () => CHAT.task],
    ['conversation sid', () => CHAT.conversation, () => CHAT.task],
    ['call sid', () => TRANSFER.call, () => TRANSFER.first],
    ['task sid in lower case with blanks', () => `  ${CHAT.task.toLowerCase()} `, () => CHAT.task],
  ])('by %s: every event of the conversation, masked, oldest first', async (_kind, id, task) => {
    const page = found(await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: id() }));
    const tasks = CONVERSATIONS.get(task()) as readonly string[];
    const expected = maskEvents(SUPERVISOR, eventsOfConversation(ALL, tasks));
    expect(page.events).toEqual(expected);
    expect(page.taskSids).toEqual(tasks);
    expect(page.events.some((e) => entityKindOf(e.type) === 'worker')).toBe(false);
    expect({ fromMs: page.fromMs, toMs: page.toMs }).toEqual({ fromMs: NOW - 30 * DAY, toMs: NOW });
  });

  it('follows a cold transfer both ways: either task, or the call, gives both tasks', async () => {
    for (const id of [TRANSFER.first, TRANSFER.second, TRANSFER.call]) {
      const page = found(await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id }));
      expect(page.taskSids).toEqual([TRANSFER.first, TRANSFER.second]);
      for (const sid of [TRANSFER.first, TRANSFER.second]) {
        expect(page.events.filter((e) => e.taskSid === sid).map((e) => e.sid)).toEqual(eventsOfConversation(ALL, [sid]).map((e) => e.sid));
      }
    }
  });

  it('reads a task sid directly: a task read and a scan of the tasks created while it lived, not the whole range', async () => {
    const before = world.api.log.length;
    found(await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: CHAT.task }));
    const requests = world.api.log.slice(before).map((r) => decodeURIComponent(r.url));
    expect(requests[0]).toContain(`TaskSid=${CHAT.task}`);
    expect(requests.slice(1).every((u) => u.includes('EventType=task.created') || u.includes('TaskSid='))).toBe(true);
    expect(requests.length).toBeLessThanOrEqual(3);
  });

  it('answers 404 not_found for an identifier found nowhere in the range, of each kind', async () => {
    for (const id of ['WT', 'WR', 'CH', 'CA'].map((p) => `${p}${'0'.repeat(31)}7`)) {
      const r = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id });
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: { code: 'not_found', message: expect.stringMatching(/^no conversation with this/) } });
    }
  });

  it('looks for a conversation sid only between from and to', async () => {
    const task = created.find((e) => e.taskSid === CHAT.task) as TrEvent;
    const after = new Date(task.ts + 1000).toISOString();
    const r = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: CHAT.conversation, from: after, to: new Date(NOW).toISOString() });
    expect(r.status).toBe(404);
    const around = found(
      await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: CHAT.conversation, from: new Date(task.ts - 1000).toISOString(), to: after }),
    );
    expect(around.taskSids).toContain(CHAT.task);
    expect(around.fromMs).toBe(task.ts - 1000);
  });
});

describe('scope', () => {
  const LEADER_TEAM = AGENTS.find((a) => a.sid === PEOPLE.leader)?.team as string;
  /** Conversations (by first task) and the workers and teams their reservations went to. */
  const handledBy = [...new Set(CONVERSATIONS.values())].map((tasks) => {
    const reservations = eventsOfConversation(ALL, tasks).filter((e) => entityKindOf(e.type) === 'reservation');
    return { task: tasks[0], workers: new Set(reservations.map((e) => e.workerSid)), teams: new Set(reservations.map((e) => teamOf(e.workerAttributes))) };
  });
  const otherTeams = handledBy.find((c) => c.workers.size > 0 && !c.teams.has(LEADER_TEAM) && !c.workers.has(PEOPLE.leader)) as (typeof handledBy)[number];
  const leadersTeam = handledBy.find((c) => c.teams.has(LEADER_TEAM) && [...c.teams].some((t) => t !== LEADER_TEAM)) as (typeof handledBy)[number];
  const notTheAgents = handledBy.find((c) => c.workers.size > 0 && !c.workers.has(PEOPLE.agent)) as (typeof handledBy)[number];
  const theAgents = handledBy.find((c) => c.workers.has(PEOPLE.agent) && c.workers.size > 1) as (typeof handledBy)[number];

  /** What a 403 may say: its code and a sentence, no sid, name, team or customer. */
  function expectNothingElse(r: HistoryResponse): void {
    expect(r.status).toBe(403);
    expect(Object.keys(r.body as object)).toEqual(['error']);
    expect(Object.keys(error(r)).sort()).toEqual(['code', 'message']);
    expect(error(r).code).toBe('forbidden');
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/(WT|WR|WK|EV|CA|CH|WQ)[0-9a-f]{32}/i);
    for (const a of AGENTS) {
      expect(text).not.toContain(a.name);
      expect(text).not.toContain(a.team);
    }
    expect(text).not.toMatch(/\d{4,}/);
  }

  it('the day has a conversation of each kind these tests need', () => {
    expect([otherTeams, leadersTeam, notTheAgents, theAgents].every((c) => c !== undefined)).toBe(true);
  });

  it("gives a team leader 403 and nothing else for another team's conversation, whatever identifier names it", async () => {
    const tasks = CONVERSATIONS.get(otherTeams.task) as readonly string[];
    const reservation = eventsOfConversation(ALL, tasks).find((e) => e.reservationSid !== undefined)?.reservationSid as string;
    const attributes = created.find((e) => e.taskSid === tasks[0])?.taskAttributes;
    for (const id of [tasks[0], reservation, ...taskIdentifiersOf(attributes).filter((x) => /^C[AH]/.test(x))]) {
      const r = await world.handler()({ Token: TOKENS.teamLeader, kind: 'conversation', id });
      expectNothingElse(r);
      expect(error(r).message).toMatch(/not yours to open/);
    }
  });

  it("opens a conversation the team had part in for its leader, other teams' agents anonymised", async () => {
    const page = found(await world.handler()({ Token: TOKENS.teamLeader, kind: 'conversation', id: leadersTeam.task }));
    const reservations = page.events.filter((e) => entityKindOf(e.type) === 'reservation');
    expect(reservations.some((e) => e.workerSid === OTHER_AGENTS)).toBe(true);
    for (const e of reservations) {
      if (e.workerSid !== OTHER_AGENTS) expect(teamOf(e.workerAttributes)).toBe(LEADER_TEAM);
      else expect(e.workerName).toBeUndefined();
    }
  });

  it("gives an agent 403 and nothing else for someone else's conversation", async () => {
    expectNothingElse(await world.handler()({ Token: TOKENS.agent, kind: 'conversation', id: notTheAgents.task }));
  });

  it('opens an agent their own conversation, without the other agents in it', async () => {
    const page = found(await world.handler()({ Token: TOKENS.agent, kind: 'conversation', id: theAgents.task }));
    const reservations = page.events.filter((e) => entityKindOf(e.type) === 'reservation');
    expect(reservations.length).toBeGreaterThan(0);
    expect(reservations.every((e) => e.workerSid === PEOPLE.agent)).toBe(true);
  });

  it('refuses a user whose roles give no scope before reading anything', async () => {
    const before = world.api.log.length;
    const r = await world.handler()({ Token: TOKENS.nobody, kind: 'conversation', id: CHAT.task });
    expect(r.status).toBe(403);
    expect(world.api.log.length).toBe(before);
  });
});

describe('least data', () => {
  /** The customers' phones and emails in the raw attributes of these tasks. */
  function contactsOf(taskSids: readonly string[]): string[] {
    const out = new Set<string>();
    for (const r of RESOURCES) {
      const d = r.event_data ?? {};
      if (!taskSids.includes(String(d.task_sid)) || typeof d.task_attributes !== 'string') continue;
      const a = JSON.parse(d.task_attributes) as { from?: string; customers?: { phone?: string; email?: string } };
      for (const c of [a.from, a.customers?.phone, a.customers?.email]) if (c && /\d{7}|@/.test(c)) out.add(c);
    }
    return [...out];
  }
  const AGENT_EMAILS = new Set(ROSTER.agents.map((a) => a.profile.email));

  it('masks every phone and email for a role without export: the scan finds none in the body', async () => {
    for (const id of [TRANSFER.call, CHAT.conversation]) {
      const r = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id });
      const page = found(r);
      const contacts = contactsOf(page.taskSids);
      // The scan can fail: TaskRouter holds these conversations' contacts in clear.
      expect(contacts.length).toBeGreaterThan(0);
      const text = JSON.stringify(r.body);
      for (const c of contacts) expect(text).not.toContain(c.replace(/^\+/, ''));
      expect(text).not.toMatch(/\+\d{7,15}/);
      const emails = text.match(/[^\s@"•]+@[^\s@"]+\.[a-z]{2,}/gi) ?? [];
      expect(emails.filter((e) => !AGENT_EMAILS.has(e))).toEqual([]);
    }
  });
});

describe('the past screen equals the live screen', () => {
  /** Every transferred conversation of the day, and every tenth other one (abandoned ones among them). */
  const sample = [...new Set(CONVERSATIONS.values())].filter((tasks, i) => tasks.length > 1 || i % 10 === 0);

  it('a supervisor: folding the lookup gives the detail the whole day gives (segments, outcome, media)', async () => {
    const whole = fold(ALL);
    const handle = world.handler();
    const outcomes = new Set<string>();
    let withMedia = 0;
    for (const tasks of sample) {
      const page = found(await handle({ Token: TOKENS.supervisor, kind: 'conversation', id: tasks[0] }));
      const past = detailOf(fold(page.events), SUPERVISOR, tasks[0]);
      const live = detailOf(whole, SUPERVISOR, tasks[0]);
      expect(past).toEqual(live);
      outcomes.add(live.outcome);
      if (live.media.items.length > 0) withMedia++;
    }
    // The sample covers what the screen shows: transfers, media, more than one outcome.
    expect(sample.filter((t) => t.length > 1).length).toBeGreaterThan(5);
    expect(withMedia).toBeGreaterThan(3);
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it("a team leader: the lookup folds to the detail the leader's own session folds from the day", async () => {
    const team = AGENTS.find((a) => a.sid === PEOPLE.leader)?.team as string;
    const access = accessOf({ roles: ['agent', 'wfo.team_leader'], workerSid: PEOPLE.leader, team });
    const session = fold(createScopeFilter(access, { reorderWindowMs: DEFAULT_CONFIG.reorderWindowMs, ownWorkerSid: PEOPLE.leader }).select(ALL));
    const handle = world.handler();
    let compared = 0;
    for (const tasks of [...new Set(CONVERSATIONS.values())]) {
      const r = await handle({ Token: TOKENS.teamLeader, kind: 'conversation', id: tasks[0] });
      if (r.status === 403) continue;
      const page = found(r);
      expect(detailOf(fold(page.events), access, tasks[0])).toEqual(detailOf(session, access, tasks[0]));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('a search that takes several requests', () => {
  // Four days, and TaskRouter taking seconds of the function's clock a page: the search reads a few days per request.
  const SIM = { agents: 10, days: 4, seed: 9, start: '2026-11-12T00:00:00Z' } as const;
  const START = Date.parse(SIM.start);
  const CLOCK = START + 4 * DAY - 60_000;
  const RAW = [...simulate(SIM)].map((e) => toEventsApi(e) as unknown as FakeEventResource);
  const EVENTS = canonical(RAW).sort(compareEvents);
  const USERS: Record<string, { roles: string[]; worker_sid?: string; identity: string }> = {
    sup: { roles: ['supervisor'], identity: 'sup' },
    analyst: { roles: ['wfo.data_analyst'], identity: 'analyst' },
  };
  let clock = CLOCK;

  function handlerWithLatency(msPerPage: number, timeBudgetMs?: number): HistoryHandler {
    const api = createFakeEventsApi(RAW, { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => clock });
    const workspace = fakeWorkspace(api, WORKSPACE.workspaceSid);
    const handle = createHistoryHandler({
      validateToken: async (token) => (USERS[token] ? { valid: true, ...USERS[token] } : { valid: false, message: 'unknown' }),
      workspace: { events: { page: (params) => ((clock += msPerPage), workspace.events.page(params)) }, workers: (sid) => workspace.workers(sid) },
      workspaceSid: WORKSPACE.workspaceSid,
      cursorSecret: 'lookup-secret',
      now: () => clock,
      sleep: async () => undefined,
      config: DEFAULT_CONFIG,
      ...(timeBudgetMs === undefined ? {} : { options: { timeBudgetMs } }),
    });
    return (event, meta) => handle(event, meta ?? { method: 'POST' });
  }

  /** A chat of the first day: the search reaches it last. */
  const firstDay = EVENTS.find((e) => e.type === 'task.created' && e.ts < START + DAY && sidsOf(e).some((x) => x.startsWith('CH'))) as TrEvent;
  const chat = sidsOf(firstDay).find((x) => x.startsWith('CH')) as string;
  /** The first task of a transferred conversation: reading it takes four pages or more. */
  const transferred = sidsOf(EVENTS.find((e) => e.type === 'task.created' && sidsOf(e).some((x) => x.startsWith('WT'))) as TrEvent).find((x) => x.startsWith('WT')) as string;

  beforeEach(() => {
    clock = CLOCK;
  });

  it('answers searching with a cursor and how far back it got, then finds it', async () => {
    // Three seconds a page: two days a request, then the conversation in a request of its own.
    const handle = handlerWithLatency(3000);
    const answers: ConversationLookupPage[] = [];
    let cursor: string | undefined;
    do {
      const r = await handle({ Token: 'analyst', kind: 'conversation', id: chat, ...(cursor ? { cursor } : {}) });
      expect(r.status).toBe(200);
      answers.push(r.body as ConversationLookupPage);
      cursor = answers[answers.length - 1].cursor;
      expect(answers.length).toBeLessThan(20);
    } while (cursor);
    const searching = answers.slice(0, -1);
    expect(searching.length).toBeGreaterThan(1);
    for (const a of searching) {
      expect(a).toMatchObject({ status: 'searching', events: [], taskSids: [] });
      expect(a.searchedBackTo).toBeLessThanOrEqual(a.toMs);
    }
    const backTo = searching.map((a) => a.searchedBackTo as number);
    expect([...backTo].sort((a, b) => b - a)).toEqual(backTo);
    expect(backTo[0]).toBeLessThan(CLOCK);
    const last = answers[answers.length - 1];
    expect(last.status).toBe('found');
    expect(last.cursor).toBeUndefined();
    const tasks = conversationsOf(EVENTS).get(firstDay.taskSid as string) as readonly string[];
    // An exporter sees contacts: the events as TaskRouter holds them.
    expect(last.events).toEqual(eventsOfConversation(EVENTS, tasks));
    expect(last.taskSids).toEqual(tasks);
  });

  it('keeps the cursor to its caller, its id and its lifetime, and tells the browser nothing of the search', async () => {
    const handle = handlerWithLatency(2000);
    const first = (await handle({ Token: 'sup', kind: 'conversation', id: chat })).body as ConversationLookupPage;
    const cursor = first.cursor as string;
    expect(first.status).toBe('searching');
    for (const part of cursor.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toMatch(/CH|WT|PT|2026/);
    const other = await handle({ Token: 'analyst', kind: 'conversation', id: chat, cursor });
    expect(error(other)).toEqual({ code: 'bad_request', message: 'cursor: it was issued to another user or scope' });
    const otherId = await handle({ Token: 'sup', kind: 'conversation', id: `CH${'1'.repeat(32)}`, cursor });
    expect(error(otherId).message).toMatch(/another search/);
    const otherRange = await handle({ Token: 'sup', kind: 'conversation', id: chat, cursor, from: new Date(START).toISOString() });
    expect(error(otherRange).message).toMatch(/another search/);
    const team = await handle({ Token: 'sup', kind: 'teamAverage', from: new Date(START).toISOString(), to: new Date(CLOCK).toISOString(), cursor });
    expect(team.status).toBe(400);
    const forged = await handle({ Token: 'sup', kind: 'conversation', id: chat, cursor: cursor.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA') });
    expect(error(forged).message).toMatch(/^cursor: /);
    clock += HISTORY_CURSOR_LIFETIME_MS;
    expect(error(await handle({ Token: 'sup', kind: 'conversation', id: chat, cursor })).code).toBe('cursor_expired');
  });

  it('finds a reservation sid through its task (the ReservationSid filter)', async () => {
    const reservation = EVENTS.find((e) => e.type === 'reservation.accepted' && e.ts < START + DAY) as TrEvent;
    const page = found(await handlerWithLatency(0)({ Token: 'analyst', kind: 'conversation', id: reservation.reservationSid }));
    expect(page.taskSids).toEqual(conversationsOf(EVENTS).get(reservation.taskSid as string));
  });

  it('hands the reading over to a next request when time runs out, and gives up if that one runs out too', async () => {
    // 2.5 seconds a request, a second a page: a transferred conversation takes more pages than that.
    const handle = handlerWithLatency(1000, 2500);
    const first = (await handle({ Token: 'analyst', kind: 'conversation', id: transferred })).body as ConversationLookupPage;
    expect(first).toMatchObject({ status: 'searching', searchedBackTo: first.fromMs });
    const second = await handle({ Token: 'analyst', kind: 'conversation', id: transferred, cursor: first.cursor });
    expect(second.status).toBe(502);
    expect(error(second)).toEqual({ code: 'upstream_failed', message: expect.stringMatching(/longer than one request may run/) });
    // With time enough, the same cursor finds it.
    clock = CLOCK;
    const third = found(await handlerWithLatency(0)({ Token: 'analyst', kind: 'conversation', id: transferred, cursor: first.cursor }));
    expect(third.taskSids).toEqual(conversationsOf(EVENTS).get(transferred));
  });
});

describe('TaskRouter failures', () => {
  beforeEach(() => {
    world.sleeps.length = 0;
  });

  it('retries a 5xx as pages do, then answers', async () => {
    world.api.failNext(2, { status: 503, pathIncludes: '/Events' });
    const page = found(await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: CHAT.conversation }));
    expect(page.taskSids).toEqual([CHAT.task]);
    expect(world.sleeps).toEqual([250, 500]);
  });

  it('gives up after the last try with 502 upstream_failed, and a lasting 429 with rate_limited', async () => {
    world.api.failNext(4, { status: 500, pathIncludes: '/Events' });
    const failed = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: CHAT.reservation });
    expect(failed.status).toBe(502);
    expect(error(failed).message).toMatch(/TaskRouter failed 4 tries to read the events of reservation WR/);
    world.api.failNext(4, { status: 429, retryAfterSec: 1, pathIncludes: '/Events' });
    const limited = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', id: CHAT.task });
    expect(limited.status).toBe(429);
    expect(limited.headers['Retry-After']).toBe('1');
  });
});

describe('bad requests', () => {
  it.each([
    [{}, /id must be a task \(WT…\), reservation \(WR…\), conversation or channel \(CH…\) or call \(CA…\) sid/],
    [{ id: 'WT123' }, /id must be/],
    [{ id: `WK${'0'.repeat(32)}` }, /id must be/],
    [{ id: 42 }, /id must be/],
    [{ id: `WT${'0'.repeat(32)}`, pageSize: 10 }, /pageSize is for pages of events/],
    [{ id: `WT${'0'.repeat(32)}`, from: '2026-10-16T00:00:00Z', to: '2026-10-20T00:00:00Z' }, /more than 30 days back/],
    [{ id: `WT${'0'.repeat(32)}`, from: '2026-11-16T12:00:00Z', to: '2026-11-16T11:00:00Z' }, /from must be before to/],
    [{ id: `WT${'0'.repeat(32)}`, cursor: 'not-a-cursor' }, /^cursor: the cursor is not a conversation search cursor/],
  ])('400 for %j, reading nothing', async (fields, message) => {
    const before = world.api.log.length;
    const r = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversation', ...fields });
    expect(r.status).toBe(400);
    expect(error(r).message).toMatch(message);
    expect(world.api.log.length).toBe(before);
  });

  it('names the kinds there are when the kind is unknown', async () => {
    const r = await world.handler()({ Token: TOKENS.supervisor, kind: 'conversations', id: CHAT.task });
    expect(error(r).message).toBe('kind must be "events" (the default), "teamAverage" or "conversation"');
  });
});
