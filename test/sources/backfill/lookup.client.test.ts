/**
 * The history client's conversation lookup against the function's real handler (in
 * process, over the fake Events API): it follows `searching` answers with their cursor to
 * the conversation, reports how far back the search got, turns the function's 403 and 404
 * into answers, and throws for everything else as page requests do.
 */
import { DEFAULT_CONFIG, Engine, compareEvents, entityKindOf, taskIdentifiersOf, type ConversationLookupRequest, type TrEvent } from '../../../src/core';
import { HistoryAborted, HistoryClient, HistoryFetchError, type FetchLike, type LookupProgress } from '../../../src/sources/backfill';
import { TOKENS, canonicalOf, historyWorld, type HistoryWorld } from './backfillWorld';

const DAY = 86_400_000;
const SIM = { agents: 10, days: 4, seed: 9, start: '2026-11-12T00:00:00Z' } as const;
const START = Date.parse(SIM.start);
const CLOCK = START + 4 * DAY - 60_000;

function clientOf(world: HistoryWorld | { fetch: FetchLike }, token: string = TOKENS.analyst): HistoryClient {
  return new HistoryClient({ url: 'https://history.invalid/insights-history', token: () => token, fetch: world.fetch, sleep: async () => undefined });
}

const EVENTS = canonicalOf(historyWorld(SIM, CLOCK).sim).sort(compareEvents);
/** The core's join of tasks into conversations: task sid → the conversation's task sids. */
const CONVERSATIONS = (() => {
  const engine = new Engine(DEFAULT_CONFIG);
  for (const e of EVENTS) engine.apply(e);
  engine.flush();
  const out = new Map<string, readonly string[]>();
  for (const c of engine.conversationRecords()) for (const t of c.tasks) out.set(t.sid, c.tasks.map((x) => x.sid));
  return out;
})();
/** A chat of the first day: a search from the last day back reaches it last. */
const FIRST_DAY_CHAT = EVENTS.find((e) => e.type === 'task.created' && e.ts < START + DAY && taskIdentifiersOf(e.taskAttributes).some((x) => x.startsWith('CH'))) as TrEvent;
const CHAT_SID = taskIdentifiersOf(FIRST_DAY_CHAT.taskAttributes).find((x) => x.startsWith('CH')) as string;

describe('lookupConversation', () => {
  it('follows searching answers with their cursor to the conversation, reporting how far back it got', async () => {
    // Three seconds of the function's clock a TaskRouter page: the search takes several requests.
    const world = historyWorld(SIM, CLOCK, { msPerPage: 3000 });
    const progress: LookupProgress[] = [];
    const result = await clientOf(world).lookupConversation(CHAT_SID, { onProgress: (p) => progress.push(p) });
    if (result.status !== 'found') throw new Error(`expected found, got ${JSON.stringify(result)}`);
    const tasks = CONVERSATIONS.get(FIRST_DAY_CHAT.taskSid as string) as readonly string[];
    expect(result.taskSids).toEqual(tasks);
    const expected = EVENTS.filter((e) => entityKindOf(e.type) !== 'worker' && tasks.includes(e.taskSid as string));
    expect(result.events.map((e) => e.sid)).toEqual(expected.map((e) => e.sid));
    // One progress call per searching answer, going back in time.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBe(world.requests.length - 1);
    const backTo = progress.map((p) => p.searchedBackTo);
    expect([...backTo].sort((a, b) => b - a)).toEqual(backTo);
    expect(backTo[0]).toBeLessThan(progress[0].toMs);
    // The same request each time, the cursor of the answer before added; no page size.
    const requests = world.requests as unknown as ConversationLookupRequest[];
    expect(requests[0]).toEqual({ Token: TOKENS.analyst, kind: 'conversation', id: CHAT_SID });
    for (const r of requests.slice(1)) expect(r).toEqual({ Token: TOKENS.analyst, kind: 'conversation', id: CHAT_SID, cursor: expect.any(String) });
  });

  it('sends from and to when given, and writes the sid as Twilio does', async () => {
    const world = historyWorld(SIM, CLOCK);
    const from = FIRST_DAY_CHAT.ts - 60_000;
    const result = await clientOf(world).lookupConversation(` ${CHAT_SID.toUpperCase()}`, { from, to: from + DAY });
    expect(result).toMatchObject({ status: 'found', fromMs: from, toMs: from + DAY });
    expect(world.requests).toEqual([{ Token: TOKENS.analyst, kind: 'conversation', id: CHAT_SID, from: new Date(from).toISOString(), to: new Date(from + DAY).toISOString() }]);
  });

  it("answers forbidden and not_found in the function's words, with nothing of the conversation", async () => {
    const world = historyWorld(SIM, CLOCK);
    const refused = await clientOf(world, TOKENS.agent).lookupConversation(FIRST_DAY_CHAT.taskSid as string);
    expect(refused).toEqual({ status: 'forbidden', message: expect.stringMatching(/not yours to open/) });
    const nowhere = await clientOf(world).lookupConversation(`WT${'0'.repeat(31)}9`);
    expect(nowhere).toEqual({ status: 'not_found', message: expect.stringMatching(/^no conversation with this task sid/) });
    const noScope = await clientOf(world, TOKENS.nobody).lookupConversation(CHAT_SID);
    expect(noScope.status).toBe('forbidden');
  });

  it('refuses text that is no sid without a request', async () => {
    const world = historyWorld(SIM, CLOCK);
    for (const text of ['Jane Doe', `WK${'0'.repeat(32)}`, 'WT123']) {
      const error = await clientOf(world).lookupConversation(text).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HistoryFetchError);
      expect((error as HistoryFetchError).code).toBe('bad_request');
    }
    expect(world.requests).toEqual([]);
  });
});

describe('lookupConversation against scripted answers', () => {
  const SID = `CH${'a'.repeat(32)}`;
  const searching = (cursor: string, searchedBackTo: number) => ({ kind: 'conversation', status: 'searching', events: [], taskSids: [], cursor, searchedBackTo, fromMs: 0, toMs: 100 });
  const found = { kind: 'conversation', status: 'found', events: [{ sid: 'EV1', type: 'task.created', ts: 5, taskSid: `WT${'b'.repeat(32)}` }], taskSids: [`WT${'b'.repeat(32)}`], fromMs: 0, toMs: 100 };

  /** A fetch that answers from a script and records what it was sent. */
  function scripted(answers: { status: number; body?: unknown }[]): { fetch: FetchLike; sent: Record<string, unknown>[] } {
    const sent: Record<string, unknown>[] = [];
    const fetch: FetchLike = async (_url, init) => {
      sent.push(JSON.parse(init.body) as Record<string, unknown>);
      const next = answers.shift() ?? { status: 500 };
      return { status: next.status, headers: { get: () => null }, json: async () => (next.body === undefined ? Promise.reject(new Error('no body')) : next.body) };
    };
    return { fetch, sent };
  }

  it('starts the search again when its cursor expired', async () => {
    const { fetch, sent } = scripted([
      { status: 200, body: searching('c1', 60) },
      { status: 400, body: { error: { code: 'cursor_expired', message: 'cursor: the cursor has expired; search again' } } },
      { status: 200, body: searching('c2', 50) },
      { status: 200, body: found },
    ]);
    const result = await clientOf({ fetch }).lookupConversation(SID);
    expect(result).toEqual({ status: 'found', events: found.events, taskSids: found.taskSids, fromMs: 0, toMs: 100 });
    expect(sent.map((s) => s.cursor)).toEqual([undefined, 'c1', undefined, 'c2']);
  });

  it('throws for what is not an answer: a 404 not from the function, a searching answer without a cursor, a lasting 5xx', async () => {
    for (const answers of [[{ status: 404 }], [{ status: 200, body: { ...searching('x', 1), cursor: undefined } }], [500, 500, 500, 500, 500].map((status) => ({ status }))]) {
      const error = await clientOf(scripted(answers)).lookupConversation(SID).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HistoryFetchError);
    }
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const { fetch } = scripted([{ status: 200, body: searching('c1', 60) }, { status: 200, body: found }]);
    const client = clientOf({ fetch });
    const error = await client.lookupConversation(SID, { signal: controller.signal, onProgress: () => controller.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryAborted);
  });
});
