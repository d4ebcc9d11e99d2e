/**
 * A stand-in for TaskRouter's Events API (`GET /v1/Workspaces/{WS}/Events`) and the one
 * worker read the history function makes (`GET /v1/Workspaces/{WS}/Workers/{WK}`), for
 * tests, the sandbox's local history function and the backfill benchmark. Pure: given
 * the event resources (snake_case, as the REST API sends them: `toEventsApi` of the
 * simulator), it answers a request URL with a status, headers and a JSON body. The
 * Node wrappers (an HTTP server, a connect middleware, a `twilio` client pointed at it)
 * are in `fakeEventsApiServer.ts`.
 *
 * Behaviour copied from TaskRouter (docs: Event Resource, twilio-node's list/page code):
 * - newest event first; ties by sid (TaskRouter documents no order, the console and
 *   the API list newest first; `order: 'oldest-first'` is there to prove the caller
 *   does not depend on it);
 * - filters `StartDate` (on or after), `EndDate` (on or before), `Minutes` (default
 *   15 when neither date is given), `WorkerSid`, `TaskSid`, `ReservationSid`,
 *   `TaskQueueSid`, `WorkflowSid`, `TaskChannel`, `EventType`, `Sid`;
 * - `PageSize` 1..1000 (default 50); pages linked by `meta.next_page_url`, which repeats
 *   the filters and carries `Page` and an opaque `PageToken` (the position after the
 *   last event served, so events inserted meanwhile neither shift nor repeat a page);
 * - events older than 30 days before `now()` are gone (TaskRouter keeps them 30 days);
 * - errors as Twilio sends them: `{ code, message, more_info, status }`.
 *
 * Failure injection (`failNext`) answers the next matching requests with a 429 and a
 * `Retry-After`, or a 5xx, before serving normally again.
 */

/** What the fake needs of an event resource; anything else in it is served as given. */
export interface FakeEventResource {
  readonly sid: string;
  readonly event_type: string;
  readonly event_date_ms: number;
  readonly event_date?: string;
  readonly resource_sid?: string;
  readonly event_data?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export interface FakeWorker {
  readonly sid: string;
  readonly friendly_name: string;
  /** JSON text, as TaskRouter stores worker attributes. */
  readonly attributes: string;
}

export const FAKE_EVENT_ORDERS = ['newest-first', 'oldest-first'] as const;
export type FakeEventOrder = (typeof FAKE_EVENT_ORDERS)[number];

export interface FakeEventsApiOptions {
  readonly workspaceSid: string;
  readonly accountSid?: string;
  /** Basic-auth credentials the fake demands; none: any caller is let in. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** The origin written into `meta` URLs (TaskRouter's own by default, as a real page would). */
  readonly publicBaseUrl?: string;
  readonly order?: FakeEventOrder;
  /** The fake's clock, for `Minutes` and the 30-day retention. Defaults to the newest event. */
  readonly now?: () => number;
  /** Workers by sid. Workers named in events but not here are made from their newest event. */
  readonly workers?: readonly FakeWorker[];
}

export interface FakeRequest {
  readonly method: string;
  /** Path and query (`/v1/Workspaces/WS…/Events?PageSize=50`), or an absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface FakeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface FakeFailure {
  readonly status: number;
  /** Seconds, sent as `Retry-After` (429s). */
  readonly retryAfterSec?: number;
  /** Only requests whose path contains this fail (e.g. `/Events`, `/Workers/`). */
  readonly pathIncludes?: string;
}

export interface FakeEventsApi {
  handle(request: FakeRequest): FakeResponse;
  /** The next `times` matching requests get this failure (queued after earlier ones). */
  failNext(times: number, failure: FakeFailure): void;
  /** Every request answered so far (method, path and query, status), oldest first. */
  readonly log: readonly { readonly method: string; readonly url: string; readonly status: number }[];
  /** Adds events (a live workspace keeps producing them while a caller pages). */
  addEvents(events: readonly FakeEventResource[]): void;
}

export const FAKE_DEFAULT_PAGE_SIZE = 50;
export const FAKE_MAX_PAGE_SIZE = 1000;
const RETENTION_MS = 30 * 86_400_000;
const DEFAULT_MINUTES = 15;
const TASKROUTER_BASE = 'https://taskrouter.twilio.com';
const MORE_INFO = 'https://www.twilio.com/docs/errors';
const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Query parameters the Events list accepts, and the event_data field each one matches. */
const SID_FILTERS: readonly (readonly [param: string, fields: readonly string[]])[] = [
  ['WorkerSid', ['worker_sid']],
  ['TaskSid', ['task_sid']],
  ['ReservationSid', ['reservation_sid']],
  ['TaskQueueSid', ['task_queue_sid']],
  ['WorkflowSid', ['workflow_sid']],
  ['TaskChannel', ['task_channel_unique_name', 'task_channel_sid']],
];
const KNOWN_PARAMS = new Set([
  'StartDate',
  'EndDate',
  'Minutes',
  'EventType',
  'Sid',
  'PageSize',
  'Page',
  'PageToken',
  ...SID_FILTERS.map(([p]) => p),
]);

function twilioError(status: number, code: number, message: string, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: { code, message, more_info: `${MORE_INFO}/${code}`, status } };
}

/** A query date: ISO 8601 as twilio-node sends it (`2026-11-16T00:00:00Z`), offsets allowed. */
function parseQueryDate(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
  const withZone = /T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? ms : undefined;
}

function headerOf(headers: FakeRequest['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : (v as string | undefined);
  }
  return undefined;
}

function decodeBasic(header: string | undefined): { username: string; password: string } | undefined {
  if (!header || !/^Basic /i.test(header)) return undefined;
  let text: string;
  try {
    text = atob(header.slice(6).trim());
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Position tokens: the sort key of the last event served (opaque to callers). */
function encodeToken(ts: number, sid: string): string {
  return `PT${ts.toString(36)}.${sid}`;
}

function decodeToken(token: string): { ts: number; sid: string } | undefined {
  const m = /^PT([0-9a-z]+)\.([A-Za-z0-9]+)$/.exec(token);
  if (!m) return undefined;
  const ts = parseInt(m[1], 36);
  return Number.isFinite(ts) ? { ts, sid: m[2] } : undefined;
}

/** The first index whose element satisfies `pred`, which is false then true along the list. */
function firstWhere<T>(list: readonly T[], pred: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A fake Events API over these event resources. */
export function createFakeEventsApi(initial: readonly FakeEventResource[], options: FakeEventsApiOptions): FakeEventsApi {
  const order = options.order ?? 'newest-first';
  const publicBase = (options.publicBaseUrl ?? TASKROUTER_BASE).replace(/\/+$/, '');
  const accountSid = options.accountSid ?? 'AC00000000000000000000000000000000';
  const workspacePath = `/v1/Workspaces/${options.workspaceSid}`;
  const events: FakeEventResource[] = [];
  const bySid = new Set<string>();
  const explicitWorkers = new Map((options.workers ?? []).map((w) => [w.sid, w]));
  /** Newest attributes and name seen per worker in the events. */
  const seenWorkers = new Map<string, { ts: number; worker: FakeWorker }>();
  const failures: (FakeFailure & { left: number })[] = [];
  const log: { method: string; url: string; status: number }[] = [];
  /** Events added since the last request, not yet merged into the sorted list. */
  let added: FakeEventResource[] = [];
  let newest = -Infinity;

  // Sort keys: newest-first is descending time then ascending sid; oldest-first the reverse in time.
  const before = (a: { ts: number; sid: string }, b: { ts: number; sid: string }): boolean => {
    if (a.ts !== b.ts) return order === 'newest-first' ? a.ts > b.ts : a.ts < b.ts;
    return a.sid < b.sid;
  };

  const addEvents = (list: readonly FakeEventResource[]): void => {
    for (const e of list) {
      if (typeof e.sid !== 'string' || bySid.has(e.sid)) continue;
      if (typeof e.event_date_ms !== 'number' || !Number.isFinite(e.event_date_ms)) {
        throw new Error(`fake Events API: event ${String(e.sid)} has no numeric event_date_ms`);
      }
      bySid.add(e.sid);
      added.push(e);
      if (e.event_date_ms > newest) newest = e.event_date_ms;
      const d = e.event_data ?? {};
      const wsid = str(d.worker_sid);
      if (wsid !== undefined && typeof d.worker_attributes === 'string') {
        const last = seenWorkers.get(wsid);
        if (!last || last.ts <= e.event_date_ms) {
          seenWorkers.set(wsid, {
            ts: e.event_date_ms,
            worker: { sid: wsid, friendly_name: str(d.worker_name) ?? wsid, attributes: d.worker_attributes },
          });
        }
      }
    }
  };
  addEvents(initial);

  // New events are sorted alone and merged in: a workspace that keeps adding a few
  // events between requests costs one pass over the list, not a sort of all of it.
  const ensureSorted = (): void => {
    if (added.length === 0) return;
    const compare = (a: FakeEventResource, b: FakeEventResource): number => (before({ ts: a.event_date_ms, sid: a.sid }, { ts: b.event_date_ms, sid: b.sid }) ? -1 : 1);
    const fresh = added.sort(compare);
    added = [];
    const old = events.splice(0);
    let i = 0;
    let j = 0;
    while (i < old.length && j < fresh.length) events.push(compare(old[i], fresh[j]) < 0 ? old[i++] : fresh[j++]);
    while (i < old.length) events.push(old[i++]);
    while (j < fresh.length) events.push(fresh[j++]);
  };

  const now = (): number => (options.now ? options.now() : Number.isFinite(newest) ? newest : Date.now());

  const takeFailure = (path: string): FakeFailure | undefined => {
    const i = failures.findIndex((f) => f.pathIncludes === undefined || path.includes(f.pathIncludes));
    if (i < 0) return undefined;
    const f = failures[i];
    f.left--;
    if (f.left <= 0) failures.splice(i, 1);
    return f;
  };

  const listEvents = (query: URLSearchParams): FakeResponse => {
    for (const key of query.keys()) {
      if (!KNOWN_PARAMS.has(key)) return twilioError(400, 20001, `Invalid parameter: ${key}`);
    }
    const pageSizeText = query.get('PageSize');
    const pageSize = pageSizeText === null ? FAKE_DEFAULT_PAGE_SIZE : Number(pageSizeText);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > FAKE_MAX_PAGE_SIZE) {
      return twilioError(400, 20001, `PageSize must be an integer from 1 to ${FAKE_MAX_PAGE_SIZE}`);
    }
    const clock = now();
    let start = clock - DEFAULT_MINUTES * 60_000;
    let end = Infinity;
    const startText = query.get('StartDate');
    const endText = query.get('EndDate');
    const minutesText = query.get('Minutes');
    if (startText !== null) {
      const ms = parseQueryDate(startText);
      if (ms === undefined) return twilioError(400, 20001, `StartDate is not an ISO 8601 date: ${startText}`);
      start = ms;
    } else if (minutesText !== null) {
      const minutes = Number(minutesText);
      if (!Number.isInteger(minutes) || minutes < 1) return twilioError(400, 20001, 'Minutes must be a positive integer');
      start = clock - minutes * 60_000;
    } else if (endText !== null) {
      start = -Infinity;
    }
    if (endText !== null) {
      const ms = parseQueryDate(endText);
      if (ms === undefined) return twilioError(400, 20001, `EndDate is not an ISO 8601 date: ${endText}`);
      end = ms;
    }
    start = Math.max(start, clock - RETENTION_MS);
    const sidFilters: (readonly [value: string, fields: readonly string[]])[] = [];
    for (const [param, fields] of SID_FILTERS) {
      const v = query.get(param);
      if (v !== null) sidFilters.push([v, fields]);
    }
    const eventType = query.get('EventType');
    const sid = query.get('Sid');
    const tokenText = query.get('PageToken');
    let after: { ts: number; sid: string } | undefined;
    if (tokenText !== null) {
      after = decodeToken(tokenText);
      if (!after) return twilioError(400, 20001, 'Invalid PageToken');
    }
    const pageText = query.get('Page');
    const page = pageText === null ? 0 : Number(pageText);
    if (!Number.isInteger(page) || page < 0) return twilioError(400, 20001, 'Page must be a non-negative integer');

    ensureSorted();
    // The list is sorted, so the time range is one run of it and the token a point in
    // it: find both by binary search rather than scanning from the first event.
    const newestFirst = order === 'newest-first';
    let lo = firstWhere(events, newestFirst ? (e) => e.event_date_ms <= end : (e) => e.event_date_ms >= start);
    const hi = firstWhere(events, newestFirst ? (e) => e.event_date_ms < start : (e) => e.event_date_ms > end);
    if (after) {
      const from = after;
      lo = Math.max(lo, firstWhere(events, (e) => before(from, { ts: e.event_date_ms, sid: e.sid })));
    }
    const out: FakeEventResource[] = [];
    let more = false;
    for (let i = lo; i < hi; i++) {
      const e = events[i];
      if (eventType !== null && e.event_type !== eventType) continue;
      if (sid !== null && e.sid !== sid) continue;
      if (sidFilters.length > 0) {
        const d = e.event_data ?? {};
        const ok = sidFilters.every(([value, fields]) => fields.some((f) => d[f] === value) || (fields[0].endsWith('_sid') && e.resource_sid === value));
        if (!ok) continue;
      }
      if (out.length === pageSize) {
        more = true;
        break;
      }
      out.push(e);
    }

    const base = new URLSearchParams();
    for (const [k, v] of query) if (k !== 'Page' && k !== 'PageToken' && k !== 'PageSize') base.append(k, v);
    base.set('PageSize', String(pageSize));
    const urlOf = (p: number, token?: string): string => {
      const q = new URLSearchParams(base);
      q.set('Page', String(p));
      if (token !== undefined) q.set('PageToken', token);
      return `${publicBase}${workspacePath}/Events?${q.toString()}`;
    };
    const last = out[out.length - 1];
    return {
      status: 200,
      headers: { ...JSON_HEADERS },
      body: {
        events: out,
        meta: {
          page,
          page_size: pageSize,
          first_page_url: urlOf(0),
          // TaskRouter's tokens only run forward; a caller that needs to go back starts over.
          previous_page_url: null,
          url: urlOf(page, tokenText ?? undefined),
          next_page_url: more && last ? urlOf(page + 1, encodeToken(last.event_date_ms, last.sid)) : null,
          key: 'events',
        },
      },
    };
  };

  const fetchWorker = (workerSid: string): FakeResponse => {
    const w = explicitWorkers.get(workerSid) ?? seenWorkers.get(workerSid)?.worker;
    if (!w) return twilioError(404, 20404, `The requested resource ${workspacePath}/Workers/${workerSid} was not found`);
    return {
      status: 200,
      headers: { ...JSON_HEADERS },
      body: {
        account_sid: accountSid,
        workspace_sid: options.workspaceSid,
        sid: w.sid,
        friendly_name: w.friendly_name,
        attributes: w.attributes,
        available: false,
        url: `${publicBase}${workspacePath}/Workers/${w.sid}`,
      },
    };
  };

  const route = (request: FakeRequest): FakeResponse => {
    let url: URL;
    try {
      url = new URL(request.url, 'http://fake.invalid');
    } catch {
      return twilioError(400, 20001, 'Malformed URL');
    }
    if (options.credentials) {
      const auth = decodeBasic(headerOf(request.headers, 'authorization'));
      if (!auth || auth.username !== options.credentials.username || auth.password !== options.credentials.password) {
        return twilioError(401, 20003, 'Authenticate', { 'www-authenticate': 'Basic realm="Twilio API"' });
      }
    }
    const failure = takeFailure(url.pathname);
    if (failure) {
      const headers: Record<string, string> = failure.retryAfterSec === undefined ? {} : { 'retry-after': String(failure.retryAfterSec) };
      return twilioError(failure.status, failure.status === 429 ? 20429 : 20500, STATUS_TEXT[failure.status] ?? `HTTP ${failure.status}`, headers);
    }
    if (request.method.toUpperCase() !== 'GET') return twilioError(405, 20004, 'Method not allowed');
    const path = url.pathname.replace(/\/+$/, '');
    if (path === `${workspacePath}/Events`) return listEvents(url.searchParams);
    const worker = /^\/v1\/Workspaces\/([^/]+)\/Workers\/([^/]+)$/.exec(path);
    if (worker && worker[1] === options.workspaceSid && SID.test(worker[2])) return fetchWorker(worker[2]);
    return twilioError(404, 20404, `The requested resource ${path} was not found`);
  };

  return {
    handle(request) {
      const response = route(request);
      let pathAndQuery = request.url;
      try {
        const u = new URL(request.url, 'http://fake.invalid');
        pathAndQuery = u.pathname + u.search;
      } catch {
        // keep the raw text in the log
      }
      log.push({ method: request.method.toUpperCase(), url: pathAndQuery, status: response.status });
      return response;
    },
    failNext(times, failure) {
      if (!Number.isInteger(times) || times < 1) throw new Error('failNext: times must be a positive integer');
      failures.push({ ...failure, left: times });
    },
    log,
    addEvents,
  };
}
