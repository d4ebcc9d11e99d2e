/**
 * The history function's logic, free of Twilio globals: a Flex user's token and a range
 * in, one page of canonical events out, limited to what the user's roles let them see.
 * `functions/insights-history.js` wires it to the Twilio Runtime (token validator,
 * TaskRouter client, `Twilio.Response`); tests and the sandbox wire it to fakes.
 *
 * Scopes (`accessOf`, the one place that reads roles):
 * - `all`: every event of the range, one TaskRouter page per request.
 * - `team`: the same, passed through the core's scope filter here, so other teams'
 *   agents are anonymised before anything leaves the function.
 * - `self`: the agent's worker and reservation events (TaskRouter's `WorkerSid`
 *   filter), then the task events of each task those reservations name (`TaskSid`),
 *   all through the core's scope filter: the output is what the agent's own session
 *   would fold.
 * - `none`: 403.
 */
import {
  EventReader,
  HISTORY_DEFAULT_PAGE_SIZE,
  NO_TEAM,
  accessOf,
  createScopeFilter,
  entityKindOf,
  resolveConfig,
  teamOf,
  type Access,
  type EngineConfig,
  type HistoryError,
  type HistoryErrorCode,
  type HistoryPage,
  type ScopeFilter,
  type TrEvent,
} from '../../src/core';
import { callerDigest, checkPageToken, decodeCursor, encodeCursor, type CursorState, type PagePosition } from './cursor';
import { isProblem, readInput } from './request';
import { UpstreamError, withRetries } from './retry';
import { toEventResource, type EventPageParams, type WorkspaceLike } from './taskRouter';

export interface HistoryHandlerOptions {
  /** Origins allowed to read the answers (`*`: any; the token, not a cookie, authorises). */
  readonly allowedOrigins: readonly string[];
  /** Tries per TaskRouter call, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Time one request may spend; Twilio Functions stop at 10 s. */
  readonly timeBudgetMs: number;
  /** Scope `self`: task reads per request at most. */
  readonly maxTaskLookups: number;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryHandlerOptions = {
  allowedOrigins: ['*'],
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  timeBudgetMs: 8000,
  maxTaskLookups: 40,
};

export interface HistoryHandlerDeps {
  /** `twilio-flex-token-validator`'s `validator(token, accountSid, authToken)`, or a stand-in. */
  validateToken(token: string): Promise<unknown>;
  /** `client.taskrouter.v1.workspaces(workspaceSid)`. */
  readonly workspace: WorkspaceLike;
  readonly workspaceSid: string;
  /** Signs cursors; the Function uses its AUTH_TOKEN. */
  readonly cursorSecret: string;
  /** `Retry-After` seconds of a failed TaskRouter call (see `lastRetryAfterSec`). */
  readonly retryAfterSecOf?: (error: unknown) => number | undefined;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The plugin's configuration (`flex-plugin.config.js`); the scope filter uses `reorderWindowMs`. */
  readonly config?: Partial<EngineConfig>;
  readonly options?: Partial<HistoryHandlerOptions>;
}

export interface HistoryResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Null for a preflight. */
  readonly body: HistoryPage | HistoryError | null;
}

/** How the request came: its method, and headers the runtime passed on (`event.request.headers`). */
export interface RequestMeta {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
}

export type HistoryHandler = (event: unknown, meta?: RequestMeta) => Promise<HistoryResponse>;

type Rejection = NonNullable<HistoryPage['rejected']>[number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** A team name no Flex team has: asks `accessOf` whether these roles are team-scoped at all. */
const PROBE_TEAM = '\u0000probe';

function headerOf(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return str(Array.isArray(v) ? v[0] : v);
  return undefined;
}

/** TaskRouter's date text, as twilio-node makes it of a Date: whole seconds, UTC. */
function taskRouterDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function createHistoryHandler(deps: HistoryHandlerDeps): HistoryHandler {
  if (!deps.cursorSecret) throw new Error('createHistoryHandler: cursorSecret is required (the Function passes its AUTH_TOKEN)');
  if (!/^WS[0-9a-fA-F]{32}$/.test(deps.workspaceSid)) {
    throw new Error(`createHistoryHandler: workspaceSid must be a TaskRouter workspace sid (WS…), got "${deps.workspaceSid}"`);
  }
  const options: HistoryHandlerOptions = { ...DEFAULT_HISTORY_OPTIONS, ...deps.options };
  const config = resolveConfig(deps.config);
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const eventsPath = `/v1/Workspaces/${deps.workspaceSid}/Events`;

  const corsHeaders = (meta: RequestMeta | undefined): Record<string, string> => {
    const allowed = options.allowedOrigins;
    const origin = headerOf(meta?.headers, 'origin');
    const h: Record<string, string> = {
      'Access-Control-Allow-Methods': 'OPTIONS, POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    };
    if (allowed.includes('*')) h['Access-Control-Allow-Origin'] = '*';
    else {
      h.Vary = 'Origin';
      if (origin !== undefined && allowed.includes(origin)) h['Access-Control-Allow-Origin'] = origin;
    }
    return h;
  };

  const respond = (meta: RequestMeta | undefined, status: number, body: HistoryPage | HistoryError | null, extra: Record<string, string> = {}): HistoryResponse => ({
    status,
    headers: {
      ...corsHeaders(meta),
      ...(body === null ? {} : { 'Content-Type': 'application/json' }),
      // History is per user and per role: never cached on the way.
      'Cache-Control': 'no-store',
      ...extra,
    },
    body,
  });

  const fail = (meta: RequestMeta | undefined, status: number, code: HistoryErrorCode, message: string, retryAfterSec?: number): HistoryResponse =>
    respond(
      meta,
      status,
      { error: retryAfterSec === undefined ? { code, message } : { code, message, retryAfterSec } },
      retryAfterSec === undefined ? {} : { 'Retry-After': String(retryAfterSec) },
    );

  /** One request's work; throws UpstreamError when TaskRouter cannot be read. */
  async function serve(event: unknown, meta: RequestMeta | undefined): Promise<HistoryResponse> {
    const started = now();
    const input = readInput(event, started);
    if (isProblem(input)) return fail(meta, input.status, input.code, input.message);

    let token: unknown;
    try {
      token = await deps.validateToken(input.token);
    } catch (error) {
      const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'no reason given';
      return fail(meta, 401, 'invalid_token', `the Flex token was not accepted: ${reason}`);
    }
    if (!isRecord(token) || token.valid !== true) {
      const reason = isRecord(token) ? str(token.message) : undefined;
      return fail(meta, 401, 'invalid_token', `the Flex token was not accepted${reason ? `: ${reason}` : ''}`);
    }
    const roles = Array.isArray(token.roles) ? token.roles.filter((r): r is string => typeof r === 'string') : [];
    const workerSid = str(token.worker_sid);
    const identity = str(token.identity) ?? str(token.realm_user_id);

    const deadline = started + options.timeBudgetMs;
    const retry = <T>(what: string, op: () => Promise<T>): Promise<T> =>
      withRetries(what, op, {
        maxAttempts: options.maxAttempts,
        baseDelayMs: options.baseDelayMs,
        maxDelayMs: options.maxDelayMs,
        sleep,
        now,
        deadline,
        retryAfterSecOf: deps.retryAfterSecOf,
      });

    const access = await accessFor(roles, workerSid, retry);
    if (access.scope === 'none') return fail(meta, 403, 'forbidden', 'your Flex roles give no access to Insights data');
    const scope = access.scope;
    const caller = callerDigest([scope, access.team, access.workerSid, workerSid, identity]);

    let state: CursorState;
    if (input.cursor !== undefined) {
      const decoded = decodeCursor(input.cursor, deps.cursorSecret);
      if (typeof decoded === 'string') return fail(meta, 400, 'bad_request', `cursor: ${decoded}`);
      if (decoded.fromMs !== input.fromMs || decoded.toMs !== input.toMs) {
        return fail(meta, 400, 'bad_request', 'cursor: it belongs to another range; send the same from and to as for the first page');
      }
      if (decoded.caller !== caller) return fail(meta, 400, 'bad_request', 'cursor: it was issued to another user or scope');
      if (input.pageSize !== undefined && input.pageSize !== decoded.pageSize) {
        return fail(meta, 400, 'bad_request', `cursor: it was issued for pageSize ${decoded.pageSize}; send that or none`);
      }
      state = decoded;
    } else {
      state = { fromMs: input.fromMs, toMs: input.toMs, pageSize: input.pageSize ?? HISTORY_DEFAULT_PAGE_SIZE, caller, fetched: 0 };
    }

    const page = new PageReader(state, retry, eventsPath, deps.workspace);
    const filter = createScopeFilter(access, { reorderWindowMs: config.reorderWindowMs, ownWorkerSid: workerSid });
    const softDeadline = started + options.timeBudgetMs * 0.6;
    const next =
      scope === 'self'
        ? await selfStep(state, access.workerSid as string, page, filter, () => now() < softDeadline, options.maxTaskLookups)
        : await listStep(state, page, filter);

    const body: HistoryPage = {
      events: page.events,
      ...(next ? { cursor: encodeCursor({ ...next, fetched: page.fetched }, deps.cursorSecret) } : {}),
      scope,
      fetched: page.fetched,
      ...(page.rejected.length > 0 ? { rejected: page.rejected } : {}),
    };
    return respond(meta, 200, body);
  }

  /** The caller's access; a team-scoped role costs one worker read, for the team attribute. */
  async function accessFor(roles: readonly string[], workerSid: string | undefined, retry: Retry): Promise<Access> {
    const base = accessOf({ roles, workerSid });
    if (workerSid === undefined || accessOf({ roles, workerSid, team: PROBE_TEAM }).scope !== 'team') return base;
    let attributes: Record<string, unknown> | undefined;
    try {
      const worker = await retry("read the caller's worker", () => deps.workspace.workers(workerSid).fetch());
      const parsed: unknown = JSON.parse(worker.attributes);
      attributes = isRecord(parsed) ? parsed : undefined;
    } catch (error) {
      // No such worker, or attributes that are not JSON: no team, so the role falls back to the caller's own numbers.
      if (!(error instanceof SyntaxError) && !(error instanceof UpstreamError && error.status === 404)) throw error;
    }
    const team = teamOf(attributes);
    return accessOf({ roles, workerSid, team: team === NO_TEAM ? undefined : team });
  }

  return async function handle(event, meta) {
    const method = meta?.method?.toUpperCase();
    const requestHeaders = meta?.headers ?? (isRecord(event) && isRecord(event.request) && isRecord(event.request.headers) ? event.request.headers : undefined);
    const m: RequestMeta = { method, headers: requestHeaders };
    // Twilio Functions do not tell the method; a preflight is known by its header.
    if (method === 'OPTIONS' || (method === undefined && headerOf(requestHeaders, 'access-control-request-method') !== undefined)) {
      return respond(m, 204, null);
    }
    if (method !== undefined && method !== 'POST' && method !== 'GET') return fail(m, 405, 'bad_request', `use POST, not ${method}`);
    try {
      return await serve(event, m);
    } catch (error) {
      if (error instanceof UpstreamError) {
        return error.code === 'rate_limited'
          ? fail(m, 429, 'rate_limited', error.message, error.retryAfterSec ?? 1)
          : fail(m, 502, 'upstream_failed', error.message);
      }
      const message = error instanceof Error ? error.message : String(error);
      return fail(m, 500, 'upstream_failed', `the history function failed: ${message}`);
    }
  };
}

type Retry = <T>(what: string, op: () => Promise<T>) => Promise<T>;

/** Reads TaskRouter pages of one range and collects what one request returns. */
class PageReader {
  readonly events: TrEvent[] = [];
  readonly rejected: Rejection[] = [];
  fetched: number;
  private readonly reader = new EventReader();
  private readonly startDate: string;
  private readonly endDate: string;

  constructor(
    private readonly state: CursorState,
    private readonly retry: Retry,
    private readonly eventsPath: string,
    private readonly workspace: WorkspaceLike,
  ) {
    this.fetched = state.fetched;
    // TaskRouter's dates are whole seconds (twilio-node drops the milliseconds) and EndDate
    // is inclusive: ask for the seconds around the range, drop what falls outside below.
    this.startDate = taskRouterDate(Math.floor(state.fromMs / 1000) * 1000);
    this.endDate = taskRouterDate(Math.ceil(state.toMs / 1000) * 1000);
  }

  /** One TaskRouter page: the readable events of the range, and where the next page starts. */
  async read(filter: { workerSid?: string; taskSid?: string }, at: PagePosition | undefined, what: string): Promise<{ events: TrEvent[]; next?: PagePosition }> {
    const params: EventPageParams = {
      startDate: this.startDate,
      endDate: this.endDate,
      pageSize: this.state.pageSize,
      ...filter,
      ...(at ? { pageNumber: at.page, pageToken: at.token } : {}),
    };
    const page = await this.retry(what, () => this.workspace.events.page(params));
    const next = page.nextPageUrl ? this.position(page.nextPageUrl) : undefined;
    const where = `${filter.taskSid ? `task ${filter.taskSid} ` : ''}page ${(at?.page ?? 0) + 1}`;
    const events: TrEvent[] = [];
    page.instances.forEach((instance, i) => {
      this.fetched++;
      const resource = toEventResource(instance);
      const outcome = this.reader.read(resource);
      if (outcome.kind === 'event') {
        const ts = outcome.event.ts;
        if (ts >= this.state.fromMs && ts < this.state.toMs) events.push(outcome.event);
      } else if (outcome.kind === 'rejected') {
        const sid = str(resource.sid);
        this.rejected.push({ at: `${where}, event ${i + 1}${sid ? ` (${sid})` : ''}`, reason: outcome.reason });
      }
    });
    return { events, next };
  }

  /** The page position in TaskRouter's next-page link; the link itself is never followed. */
  private position(nextPageUrl: string): PagePosition {
    let url: URL;
    try {
      url = new URL(nextPageUrl);
    } catch {
      throw new UpstreamError('upstream_failed', 'TaskRouter sent a next-page link that is not a URL');
    }
    const token = url.searchParams.get('PageToken');
    const pageText = url.searchParams.get('Page') ?? '0';
    if (url.pathname.replace(/\/+$/, '') !== this.eventsPath || token === null || !checkPageToken(token) || !/^\d{1,9}$/.test(pageText)) {
      throw new UpstreamError('upstream_failed', 'TaskRouter sent a next-page link this function does not understand');
    }
    return { page: Number(pageText), token };
  }
}

/** Scopes `all` and `team`: one page of the whole workspace, through the scope filter. */
async function listStep(state: CursorState, reader: PageReader, filter: ScopeFilter): Promise<CursorState | undefined> {
  if (state.main === 'done') return undefined;
  const at = state.main;
  const { events, next } = await reader.read({}, at, `list events (page ${(at?.page ?? 0) + 1})`);
  for (const e of filter.select(events)) reader.events.push(e);
  return next ? { ...state, main: next } : undefined;
}

/**
 * Scope `self`: a page of the agent's own events, then the task events of the tasks its
 * reservations name, as many as time allows; what is left waits in the cursor.
 */
async function selfStep(
  state: CursorState,
  workerSid: string,
  reader: PageReader,
  filter: ScopeFilter,
  timeLeft: () => boolean,
  maxLookups: number,
): Promise<CursorState | undefined> {
  let main = state.main;
  let pending = [...(state.pending ?? [])];
  let task = state.task;
  let recent = state.recent ?? [];
  let worked = false;
  let lookups = 0;

  const readTask = async (sid: string, at: PagePosition | undefined): Promise<PagePosition | undefined> => {
    const { events, next } = await reader.read({ taskSid: sid }, at, `read the events of task ${sid}`);
    // The task is the agent's (a reservation of theirs named it); the filter is told so
    // with a claim it drops again, and decides what of the task's events the agent sees.
    const claim: TrEvent = { sid: `claim:${sid}`, type: 'reservation.created', ts: state.fromMs, taskSid: sid, reservationSid: `claim:${sid}`, workerSid };
    for (const e of filter.select([claim, ...events.filter((x) => entityKindOf(x.type) === 'task')])) {
      if (e !== claim) reader.events.push(e);
    }
    lookups++;
    return next;
  };

  while (!worked || (timeLeft() && lookups < maxLookups && reader.events.length < state.pageSize)) {
    if (task) {
      const next = await readTask(task.sid, task.next);
      task = next ? { sid: task.sid, next } : undefined;
    } else if (pending.length > 0) {
      const sid = pending[0];
      pending = pending.slice(1);
      const next = await readTask(sid, undefined);
      if (next) task = { sid, next };
    } else if (main !== 'done' && !worked) {
      const { events, next } = await reader.read({ workerSid }, main, `list the events of worker ${workerSid} (page ${(main?.page ?? 0) + 1})`);
      const named: string[] = [];
      for (const e of filter.select(events)) {
        const kind = entityKindOf(e.type);
        // Task events arrive through the task reads, whole; here only the agent's own.
        if (kind === 'task') continue;
        reader.events.push(e);
        if (kind === 'reservation' && e.workerSid === workerSid && e.taskSid && !named.includes(e.taskSid)) named.push(e.taskSid);
      }
      pending = named.filter((sid) => !recent.includes(sid) && /^WT[0-9a-fA-F]{32}$/.test(sid));
      recent = named.filter((sid) => /^WT[0-9a-fA-F]{32}$/.test(sid));
      main = next ?? 'done';
    } else {
      break;
    }
    worked = true;
  }
  if (main === 'done' && pending.length === 0 && !task) return undefined;
  return { ...state, main, pending, task, recent };
}
