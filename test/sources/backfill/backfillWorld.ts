/**
 * The backfill's world for tests: a simulated centre whose events the fake Events API
 * serves, the history function's real handler over it (in process, through the same
 * adapter the sandbox uses), and a `fetch` that calls the handler the way the browser
 * would call the Function. Every request is recorded.
 */
import { DEFAULT_CONFIG, Engine, EventReader, buildReport, type HistoryRequest, type Report, type TrEvent } from '../../../src/core';
import { gunzipSync } from 'node:zlib';
import { openDB } from 'idb';
import { createHistoryHandler, type HistoryHandler } from '../../../serverless/src/historyHandler';
import { createFakeEventsApi, type FakeEventResource, type FakeEventsApi } from '../../../src/sandbox/fakes/fakeEventsApi';
import { fakeWorkspace } from '../../../src/sandbox/server/historyServer';
import type { FetchLike } from '../../../src/sources/backfill';
import { WORKSPACE, simulate, toEventStreams, toEventsApi, type SimEvent, type SimOptions } from '../../../src/sources/simulator';

export const TOKENS = { supervisor: 'token-supervisor', analyst: 'token-analyst', nobody: 'token-nobody', agent: 'token-agent' } as const;
/** The worker of `TOKENS.agent`: no such worker in any simulation, so no conversation is theirs. */
export const STRANGER_WORKER = `WK${'0'.repeat(32)}`;

export interface HistoryWorld {
  readonly sim: readonly SimEvent[];
  readonly api: FakeEventsApi;
  readonly handler: HistoryHandler;
  readonly fetch: FetchLike;
  /** Request bodies, in order (retries included). */
  readonly requests: HistoryRequest[];
  /** The world's clock (the function's and the fake's). */
  clock: number;
}

/** Who a token is, as Twilio's token validation says it. */
export interface TokenUser {
  readonly roles: readonly string[];
  readonly identity: string;
  readonly worker_sid?: string;
}

/** A validator in place of Twilio's: the known tokens, and any `users` given. */
function validatorOf(users: Readonly<Record<string, TokenUser>>): (token: string) => Promise<unknown> {
  return async (token) => {
    if (users[token]) return { valid: true, ...users[token] };
    if (token === TOKENS.supervisor) return { valid: true, roles: ['supervisor'], identity: 'sup' };
    if (token === TOKENS.analyst) return { valid: true, roles: ['wfo.data_analyst'], identity: 'analyst' };
    if (token === TOKENS.nobody) return { valid: true, roles: [], identity: 'nobody' };
    if (token === TOKENS.agent) return { valid: true, roles: ['agent'], worker_sid: STRANGER_WORKER, identity: 'agent' };
    return { valid: false, message: 'unknown token' };
  };
}

export interface HistoryWorldOptions {
  /** Each TaskRouter page moves the world's clock on by this much (the function's time budget runs out). */
  readonly msPerPage?: number;
  /** More tokens (a team leader with their worker, say) beside the known ones. */
  readonly users?: Readonly<Record<string, TokenUser>>;
}

export function historyWorld(options: SimOptions, clock: number, worldOptions: HistoryWorldOptions = {}): HistoryWorld {
  const sim = [...simulate(options)];
  const resources = sim.map((e) => toEventsApi(e) as unknown as FakeEventResource);
  const world = { sim, requests: [] as HistoryRequest[], clock } as unknown as { -readonly [K in keyof HistoryWorld]: HistoryWorld[K] };
  world.api = createFakeEventsApi(resources, { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => world.clock });
  const workspace = fakeWorkspace(world.api, WORKSPACE.workspaceSid);
  const msPerPage = worldOptions.msPerPage ?? 0;
  world.handler = createHistoryHandler({
    validateToken: validatorOf(worldOptions.users ?? {}),
    workspace: {
      events: {
        page: (params) => {
          world.clock += msPerPage;
          return workspace.events.page(params);
        },
      },
      workers: (sid) => workspace.workers(sid),
    },
    workspaceSid: WORKSPACE.workspaceSid,
    cursorSecret: 'test-cursor-secret',
    now: () => world.clock,
    sleep: async () => undefined,
    retryAfterSecOf: (error) => (error as { retryAfterSec?: number }).retryAfterSec,
    config: DEFAULT_CONFIG,
  });
  world.fetch = async (_url, init) => {
    const body = JSON.parse(init.body) as HistoryRequest;
    world.requests.push(body);
    const answer = await world.handler(body, { method: init.method, headers: init.headers });
    const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
    // Through JSON, as over the wire: nothing shared with the function's objects.
    const text = JSON.stringify(answer.body);
    return { status: answer.status, headers: { get: (name: string) => headers[name.toLowerCase()] ?? null }, json: async () => JSON.parse(text) as unknown };
  };
  return world;
}

/** Simulated events as canonical events, in stream order. */
export function canonicalOf(events: readonly SimEvent[]): TrEvent[] {
  const reader = new EventReader();
  const out: TrEvent[] = [];
  for (const ev of events) {
    const read = reader.read(toEventStreams(ev));
    if (read.kind !== 'event') throw new Error(`simulated event not read: ${JSON.stringify(read)}`);
    out.push(read.event);
  }
  return out;
}

/** The core's report over [from, to] of the stream as it stood at `until` (default `to`). */
export function reportOf(sim: readonly SimEvent[], from: number, to: number, until = to): Report {
  const engine = new Engine(DEFAULT_CONFIG, { window: { from, to } });
  for (const e of canonicalOf(sim.filter((ev) => ev.timeMs <= until))) engine.apply(e);
  return buildReport(engine);
}

/** Every string stored in a database: keys, values walked, gzip'd chunks unpacked, JSON text read as text. */
export async function storedStrings(name: string): Promise<string[]> {
  const db = await openDB(name);
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v instanceof Uint8Array) out.push(gunzipSync(v).toString('utf8'));
    else if (ArrayBuffer.isView(v)) return;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.entries(v).forEach(([k, x]) => (out.push(k), walk(x)));
  };
  for (const store of [...db.objectStoreNames]) {
    for (const key of await db.getAllKeys(store)) out.push(String(key));
    for (const value of await db.getAll(store)) walk(value);
  }
  db.close();
  return out;
}
