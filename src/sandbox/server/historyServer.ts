/**
 * The sandbox's history function, on the Vite dev server (Node side; the browser never
 * imports this file): `POST /insights-history` answered by the very handler the Twilio
 * Function runs (`serverless/src/historyHandler.ts`), over the fake TaskRouter Events
 * API (`../fakes/fakeEventsApi.ts`) fed with the simulator's run, the same run the page plays
 * into its live indexes (the run is named in the history URL's query, see
 * `historyParams.ts`).
 *
 * Sandbox-only choices, none of them valid outside it:
 * - the token validator reads the sandbox token `sandbox.<persona>.<worker sid>` and
 *   checks nothing (the real function validates Flex tokens with Twilio);
 * - the clock is the page's simulated clock, learnt from each request's `to` (the page
 *   runs faster than real time), so "30 days back" is counted from the page's now;
 * - the run is simulated up to the latest `to` asked for, once per run, and kept (the
 *   two most recent runs) so later pages and ranges are served from memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import pluginConfig from '../../../flex-plugin.config.js';
import { createHistoryHandler, type HistoryHandler } from '../../../serverless/src/historyHandler';
import type { WorkspaceLike } from '../../../serverless/src/taskRouter';
import { HISTORY_PATH } from '../../core';
import { WORKSPACE, simulate, toEventsApi, type SimEvent } from '../../sources/simulator';
import { createFakeEventsApi, type FakeEventResource, type FakeEventsApi } from '../fakes/fakeEventsApi';
import { readBody } from '../fakes/fakeEventsApiServer';
import { readSandboxToken, runOfQuery, type SandboxRun } from './historyParams';
import { sandboxMedia } from './media';

/** Request bodies larger than this are refused (a history request is a few hundred bytes). */
const KEPT_RUNS = 2;
const YIELD_EVERY = 4000;

/** `client.taskrouter.v1.workspaces(WS)` over the fake, in process: what the handler reads. */
export function fakeWorkspace(api: FakeEventsApi, workspaceSid: string): WorkspaceLike {
  const base = `/v1/Workspaces/${workspaceSid}`;
  const fail = (answer: { status: number; headers: Readonly<Record<string, string>>; body: unknown }): Error =>
    Object.assign(new Error(`fake TaskRouter answered ${answer.status}: ${JSON.stringify(answer.body)}`), {
      status: answer.status,
      retryAfterSec: answer.headers['retry-after'] !== undefined ? Number(answer.headers['retry-after']) : undefined,
    });
  return {
    events: {
      async page(params) {
        const q = new URLSearchParams();
        if (params.startDate) q.set('StartDate', params.startDate);
        if (params.endDate) q.set('EndDate', params.endDate);
        if (params.pageSize !== undefined) q.set('PageSize', String(params.pageSize));
        if (params.workerSid) q.set('WorkerSid', params.workerSid);
        if (params.taskSid) q.set('TaskSid', params.taskSid);
        if (params.reservationSid) q.set('ReservationSid', params.reservationSid);
        if (params.eventType) q.set('EventType', params.eventType);
        if (params.pageNumber !== undefined) q.set('Page', String(params.pageNumber));
        if (params.pageToken) q.set('PageToken', params.pageToken);
        const answer = api.handle({ method: 'GET', url: `${base}/Events?${q.toString()}` });
        if (answer.status !== 200) throw fail(answer);
        const body = answer.body as { events: FakeEventResource[]; meta: { next_page_url: string | null } };
        return { instances: body.events, nextPageUrl: body.meta.next_page_url ?? undefined };
      },
    },
    workers(sid) {
      return {
        async fetch() {
          const answer = api.handle({ method: 'GET', url: `${base}/Workers/${sid}` });
          if (answer.status !== 200) throw fail(answer);
          return answer.body as { sid: string; attributes: string };
        },
      };
    },
  };
}

/** What Twilio's validator answers, for a sandbox token. */
export async function validateSandboxToken(token: string): Promise<unknown> {
  const user = readSandboxToken(token);
  if (!user) return { valid: false, message: 'not a sandbox token (sandbox.<persona>.<worker sid>)' };
  return { valid: true, roles: user.roles, worker_sid: user.workerSid, identity: user.identity };
}

/** A run's events as Events API resources, with the media the sandbox serves (as the page rewrites them). */
function resourceOf(ev: SimEvent, origin: string, rewrites: Map<string, { text: string; out: string }>): FakeEventResource {
  const record = toEventsApi(ev) as unknown as FakeEventResource & { event_data: Record<string, string> };
  const data = record.event_data;
  const text = data.task_attributes;
  const taskSid = data.task_sid;
  if (typeof text !== 'string' || typeof taskSid !== 'string') return record;
  // Every event of a task carries its attributes: rewrite each distinct text once.
  let hit = rewrites.get(taskSid);
  if (!hit || hit.text !== text) {
    hit = { text, out: sandboxMedia(text, taskSid, origin) };
    if (rewrites.size > 5000) rewrites.clear();
    rewrites.set(taskSid, hit);
  }
  data.task_attributes = hit.out;
  return record;
}

/** One simulated run served as history: its events up to the latest `to` asked for. */
class RunHistory {
  readonly api: FakeEventsApi;
  readonly handler: HistoryHandler;
  private readonly events: Iterator<SimEvent>;
  private next: IteratorResult<SimEvent>;
  private clock: number;
  private readonly rewrites = new Map<string, { text: string; out: string }>();

  constructor(run: SandboxRun, private readonly origin: string) {
    // The page and its history function share the dev server's origin: that one is allowed, no other.
    this.clock = run.start;
    this.api = createFakeEventsApi([], { workspaceSid: WORKSPACE.workspaceSid, accountSid: WORKSPACE.accountSid, now: () => this.clock });
    this.events = simulate(run)[Symbol.iterator]();
    this.next = this.events.next();
    this.handler = createHistoryHandler({
      validateToken: validateSandboxToken,
      workspace: fakeWorkspace(this.api, WORKSPACE.workspaceSid),
      workspaceSid: WORKSPACE.workspaceSid,
      cursorSecret: 'sandbox-only-cursor-secret',
      now: () => this.clock,
      retryAfterSecOf: (error) => (error as { retryAfterSec?: number }).retryAfterSec,
      config: pluginConfig,
      options: { allowedOrigins: [origin] },
    });
  }

  private advancing: Promise<void> = Promise.resolve();

  /**
   * Simulates up to `ms` (the page's now) and adds those events to the fake. A month of
   * a centre takes seconds: the work yields every few thousand events so the dev server
   * keeps serving the page meanwhile; calls run one after another. An aborted `signal`
   * stops at the next yield: the work would otherwise keep node alive after the server
   * has closed.
   */
  advanceTo(ms: number, signal?: AbortSignal): Promise<void> {
    this.advancing = this.advancing.then(async () => {
      if (ms <= this.clock) return;
      let batch: FakeEventResource[] = [];
      while (!this.next.done && this.next.value.timeMs <= ms) {
        batch.push(resourceOf(this.next.value, this.origin, this.rewrites));
        this.next = this.events.next();
        if (batch.length >= YIELD_EVERY) {
          this.api.addEvents(batch);
          batch = [];
          await new Promise((resolve) => setImmediate(resolve));
          if (signal?.aborted) return;
        }
      }
      this.clock = ms;
      if (batch.length > 0) this.api.addEvents(batch);
    });
    return this.advancing;
  }
}

const runs = new Map<string, RunHistory>();

function runFor(run: SandboxRun, origin: string): RunHistory {
  const key = `${origin}|${run.agents}|${run.seed}|${run.start}|${run.days}|${run.teamSize ?? ''}`;
  let history = runs.get(key);
  if (!history) {
    history = new RunHistory(run, origin);
    runs.set(key, history);
    // Keep only the most recent runs: each holds every event of its days.
    while (runs.size > KEPT_RUNS) runs.delete(runs.keys().next().value as string);
  }
  return history;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === null ? '' : JSON.stringify(body));
}

/** Answers one request to the sandbox's history function. */
export async function answerHistory(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const run = runOfQuery(url.searchParams);
  if (typeof run === 'string') {
    send(res, 400, {}, { error: { code: 'bad_request', message: `sandbox history URL: ${run}` } });
    return;
  }
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  if (req.method !== 'POST') {
    // The preflight, and the 405 of any other method, as the function answers them.
    const answer = await runFor(run, origin).handler({}, { method: req.method, headers: req.headers });
    send(res, answer.status, answer.headers, answer.body);
    return;
  }
  let event: unknown;
  try {
    event = JSON.parse(await readBody(req));
  } catch (err) {
    send(res, 400, {}, { error: { code: 'bad_request', message: `the body must be JSON: ${err instanceof Error ? err.message : String(err)}` } });
    return;
  }
  const to = typeof event === 'object' && event !== null ? Date.parse(String((event as { to?: unknown }).to)) : NaN;
  const history = runFor(run, origin);
  if (Number.isFinite(to)) await history.advanceTo(to);
  const answer = await history.handler(event, { method: req.method, headers: req.headers });
  send(res, answer.status, answer.headers, answer.body);
}

/**
 * Starts simulating a run before the page asks (the page's default run: it begins
 * `historyDays` before today's UTC midnight), in the background, so the first history
 * request finds most of it done. Aborting `signal` stops it where it is; a later request
 * goes on from there.
 */
export function warmUpHistory(run: SandboxRun, origin: string, untilMs: number, signal?: AbortSignal): Promise<void> {
  return runFor(run, origin).advanceTo(untilMs, signal);
}

/** A connect middleware for Vite: answers `POST /insights-history?…`, passes anything else on. */
export function sandboxHistoryMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    if (!(req.url ?? '').startsWith(HISTORY_PATH)) {
      next();
      return;
    }
    answerHistory(req, res).catch((err: unknown) => {
      send(res, 500, {}, { error: { code: 'upstream_failed', message: `sandbox history failed: ${err instanceof Error ? err.message : String(err)}` } });
    });
  };
}
