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
 *   would fold, plus the transfer marks of those tasks (`transferMarksOf`): the tasks a
 *   transfer of theirs created are read for that and never sent.
 * - `none`: 403.
 *
 * Least data: for a caller without `seesContacts` every page is masked with the core's
 * `maskEvents` before it leaves (customer addresses, and any email or number in the task
 * attributes); `rejected` names only events the caller may see. Only POST is answered; CORS
 * names only the configured origins (default Flex's own); cursors expire after 15 minutes.
 *
 * `kind: 'teamAverage'`: the caller's team's day cells (`TeamAveragePage`), folded here
 * from every event of each day with the core's `HistoryFolder`; no event leaves.
 *
 * `kind: 'conversation'`: one conversation by an identifier, scope-checked
 * (`ConversationLookupPage`, 403, 404); see `conversationLookup.ts`.
 */
import {
  DEFAULT_PADDING_MS,
  HISTORY_CURSOR_LIFETIME_MS,
  HISTORY_DEFAULT_PAGE_SIZE,
  HISTORY_MAX_PAGE_SIZE,
  HISTORY_RETENTION_DAYS,
  HistoryFolder,
  NO_TEAM,
  TEAM_AVERAGE_MAX_DAYS,
  accessOf,
  createCalendar,
  createScopeFilter,
  daysOf,
  entityKindOf,
  maskContactsInText,
  maskEvents,
  oneDay,
  rangeBounds,
  resolveConfig,
  teamAgentsOf,
  teamDayCellOf,
  teamOf,
  transferMarksOf,
  type Access,
  type ConversationLookupPage,
  type EngineConfig,
  type HistoryError,
  type HistoryErrorCode,
  type HistoryPage,
  type ScopeFilter,
  type TeamAveragePage,
  type TeamDayCell,
  type TrEvent,
} from '../../src/core';
import {
  CURSOR_EXPIRED,
  callerDigest,
  decodeCursor,
  encodeCursor,
  openTeamCursor,
  sealTeamCursor,
  type CursorState,
  type PagePosition,
} from './cursor';
import { lookupConversation } from './conversationLookup';
import { FLEX_ORIGIN, corsHeaders, methodOf, type RequestMeta } from './http';
import { isProblem, readInput, type RangeInput } from './request';
import { UpstreamError, withRetries } from './retry';
import { PageReader, type RawRejection, type Rejection, type Retry } from './pageReader';
import type { WorkspaceLike } from './taskRouter';

export { FLEX_ORIGIN, methodOf } from './http';
export type { RequestMeta } from './http';

export interface HistoryHandlerOptions {
  /** Origins allowed to read the answers (default Flex's; `*`, if configured, any). */
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
  allowedOrigins: [FLEX_ORIGIN],
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
  readonly body: HistoryPage | TeamAveragePage | ConversationLookupPage | HistoryError | null;
}


export type HistoryHandler = (event: unknown, meta?: RequestMeta) => Promise<HistoryResponse>;

/** Longest reason text passed on (readers' reasons are short; a timestamp may carry anything). */
const MAX_REASON_LENGTH = 200;
const ALLOW = 'POST, OPTIONS';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** A team name no Flex team has: asks `accessOf` whether these roles are team-scoped at all. */
const PROBE_TEAM = '\u0000probe';



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

  const respond = (
    meta: RequestMeta | undefined,
    status: number,
    body: HistoryPage | TeamAveragePage | ConversationLookupPage | HistoryError | null,
    extra: Record<string, string> = {},
  ): HistoryResponse => ({
    status,
    headers: {
      ...corsHeaders(options.allowedOrigins, meta),
      ...(body === null ? {} : { 'Content-Type': 'application/json' }),
      // History is per user and per role: never cached on the way.
      'Cache-Control': 'no-store',
      ...extra,
    },
    body,
  });

  const fail = (
    meta: RequestMeta | undefined,
    status: number,
    code: HistoryErrorCode,
    message: string,
    retryAfterSec?: number,
    extra: Record<string, string> = {},
  ): HistoryResponse =>
    respond(
      meta,
      status,
      { error: retryAfterSec === undefined ? { code, message } : { code, message, retryAfterSec } },
      { ...(retryAfterSec === undefined ? {} : { 'Retry-After': String(retryAfterSec) }), ...extra },
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
    if (input.kind === 'teamAverage') return teamAverage(input, access, workerSid, identity, retry, meta, started);
    if (input.kind === 'conversation') {
      const outcome = await lookupConversation(
        { workspace: deps.workspace, eventsPath, cursorSecret: deps.cursorSecret, reorderWindowMs: config.reorderWindowMs, timeBudgetMs: options.timeBudgetMs, now },
        { input, access, workerSid, identity, retry, started },
      );
      return 'page' in outcome ? respond(meta, 200, outcome.page) : fail(meta, outcome.status, outcome.code, outcome.message);
    }
    const scope = access.scope;
    const caller = callerDigest([scope, access.team, access.workerSid, workerSid, identity]);

    let state: CursorState;
    if (input.cursor !== undefined) {
      const decoded = decodeCursor(input.cursor, deps.cursorSecret, started);
      if (decoded === CURSOR_EXPIRED) return fail(meta, 400, 'cursor_expired', `cursor: ${decoded}`);
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
      state = { fromMs: input.fromMs, toMs: input.toMs, pageSize: input.pageSize ?? HISTORY_DEFAULT_PAGE_SIZE, caller, fetched: 0, expiresAt: 0 };
    }

    const page = new PageReader(state, retry, eventsPath, deps.workspace);
    const filter = createScopeFilter(access, { reorderWindowMs: config.reorderWindowMs, ownWorkerSid: workerSid, eventByEvent: true });
    const softDeadline = started + options.timeBudgetMs * 0.6;
    const next =
      scope === 'self'
        ? await selfStep(
            state,
            access.workerSid as string,
            page,
            filter,
            () => now() < softDeadline,
            options.maxTaskLookups,
            (span) => new PageReader({ ...span, pageSize: HISTORY_MAX_PAGE_SIZE }, retry, eventsPath, deps.workspace),
          )
        : await listStep(state, page, filter);

    const rejected = visibleRejections(access, workerSid, page.rejected);
    const body: HistoryPage = {
      // Masked here, whatever the scope filter did: nothing leaves with a contact the caller may not see.
      events: maskEvents(access, page.events),
      ...(next ? { cursor: encodeCursor({ ...next, fetched: page.fetched, expiresAt: now() + HISTORY_CURSOR_LIFETIME_MS }, deps.cursorSecret) } : {}),
      scope,
      fetched: page.fetched,
      ...(rejected.length > 0 ? { rejected } : {}),
    };
    return respond(meta, 200, body);
  }

  /**
   * The team average (`kind: 'teamAverage'`): the caller's team, each local day of the
   * range folded from every event of its padded span with the core's `HistoryFolder`
   * under a team-scoped access, and only the team's day cell kept. Whole days per answer,
   * as time allows; the cursor (encrypted) carries the next day and the teammates counted.
   */
  async function teamAverage(
    input: RangeInput,
    access: Access,
    workerSid: string | undefined,
    identity: string | undefined,
    retry: Retry,
    meta: RequestMeta | undefined,
    started: number,
  ): Promise<HistoryResponse> {
    if (workerSid === undefined) return fail(meta, 400, 'bad_request', "the team average is of your worker's team, and this Flex user has no worker");
    const calendar = createCalendar(config.timeZone);
    const range = { from: calendar.dayKey(input.fromMs), to: calendar.dayKey(input.toMs - 1) };
    const days = daysOf(range, TEAM_AVERAGE_MAX_DAYS + 1);
    if (days.length > TEAM_AVERAGE_MAX_DAYS) {
      return fail(meta, 400, 'range_too_long', `the team average covers at most ${TEAM_AVERAGE_MAX_DAYS} days; ask for a week at most`);
    }
    const team = access.scope === 'team' ? access.team : await teamOfWorker(workerSid, retry);
    const asOf = Math.min(started, input.toMs);
    if (team === undefined) return respond(meta, 200, { kind: 'teamAverage', days: [], rangeAgents: 0, asOf });
    const caller = callerDigest(['teamAverage', team, workerSid, identity]);
    let next = range.from;
    let teammates = new Set<string>();
    if (input.cursor !== undefined) {
      const opened = openTeamCursor(input.cursor, deps.cursorSecret, started);
      if (opened === CURSOR_EXPIRED) return fail(meta, 400, 'cursor_expired', `cursor: ${opened}`);
      if (typeof opened === 'string') return fail(meta, 400, 'bad_request', `cursor: ${opened}`);
      if (opened.from !== range.from || opened.to !== range.to) {
        return fail(meta, 400, 'bad_request', 'cursor: it belongs to another range; send the same from and to as for the first answer');
      }
      if (opened.caller !== caller) return fail(meta, 400, 'bad_request', 'cursor: it was issued to another user or team');
      next = opened.next;
      teammates = new Set(opened.teammates);
    }
    // The fold sees what a leader of the caller's team would see: the team's agents by sid, everyone else anonymised.
    const teamAccess = accessOf({ roles: ['wfo.team_leader'], workerSid, team });
    const softDeadline = started + options.timeBudgetMs * 0.5;
    const oldest = started - HISTORY_RETENTION_DAYS * 86_400_000;
    const cells: TeamDayCell[] = [];
    let i = days.indexOf(next);
    if (i < 0) return fail(meta, 400, 'bad_request', 'cursor: it names a day outside the range');
    for (; i < days.length; i++) {
      if (cells.length > 0 && now() >= softDeadline) break;
      const day = days[i];
      const bounds = rangeBounds(calendar, oneDay(day));
      // A day not begun has no cell; neither have the days after it.
      if (bounds.start > asOf) {
        i = days.length;
        break;
      }
      const folder = new HistoryFolder({ config, access: teamAccess, range: oneDay(day), workerSid });
      const span = { fromMs: Math.max(oldest, bounds.start - DEFAULT_PADDING_MS), toMs: Math.max(bounds.start + 1, Math.min(bounds.end + DEFAULT_PADDING_MS, asOf)) };
      const reader = new PageReader({ ...span, pageSize: HISTORY_MAX_PAGE_SIZE }, retry, eventsPath, deps.workspace);
      let at: PagePosition | undefined;
      do {
        if (now() >= started + options.timeBudgetMs) {
          throw new UpstreamError('upstream_failed', `the events of ${day} take longer to read than one request may run; the team average is not available for this centre's size`);
        }
        const { events, next: more } = await reader.read({}, at, `list the events of ${day} for the team average`);
        folder.add(events);
        at = more;
      } while (at);
      const snapshot = folder.finish().find((s) => s.day === day);
      if (!snapshot) continue;
      cells.push(teamDayCellOf(snapshot, team));
      for (const sid of teamAgentsOf(snapshot, team)) teammates.add(callerDigest(['teammate', sid]));
    }
    const more = i < days.length;
    const body: TeamAveragePage = {
      kind: 'teamAverage',
      team,
      days: cells,
      ...(more
        ? {
            cursor: sealTeamCursor(
              { caller, from: range.from, to: range.to, next: days[i], teammates: [...teammates], expiresAt: now() + HISTORY_CURSOR_LIFETIME_MS },
              deps.cursorSecret,
            ),
          }
        : { rangeAgents: teammates.size }),
      asOf,
    };
    return respond(meta, 200, body);
  }

  /** The team of a worker (one worker read), or undefined when it has none or cannot be read as JSON. */
  async function teamOfWorker(workerSid: string, retry: Retry): Promise<string | undefined> {
    let attributes: Record<string, unknown> | undefined;
    try {
      const worker = await retry("read the caller's worker", () => deps.workspace.workers(workerSid).fetch());
      const parsed: unknown = JSON.parse(worker.attributes);
      attributes = isRecord(parsed) ? parsed : undefined;
    } catch (error) {
      if (!(error instanceof SyntaxError) && !(error instanceof UpstreamError && error.status === 404)) throw error;
    }
    const team = teamOf(attributes);
    return team === NO_TEAM ? undefined : team;
  }

  /** The caller's access; a team-scoped role costs one worker read, for the team attribute. */
  async function accessFor(roles: readonly string[], workerSid: string | undefined, retry: Retry): Promise<Access> {
    const base = accessOf({ roles, workerSid });
    if (workerSid === undefined || accessOf({ roles, workerSid, team: PROBE_TEAM }).scope !== 'team') return base;
    // No such worker, or attributes that are not JSON: no team, so the role falls back to the caller's own numbers.
    return accessOf({ roles, workerSid, team: await teamOfWorker(workerSid, retry) });
  }

  return async function handle(event, meta) {
    const requestHeaders = meta?.headers ?? (isRecord(event) && isRecord(event.request) && isRecord(event.request.headers) ? event.request.headers : undefined);
    const method = methodOf({ method: meta?.method, headers: requestHeaders });
    const m: RequestMeta = { method, headers: requestHeaders };
    if (method === 'OPTIONS') return respond(m, 204, null);
    // A GET would carry the token in the URL, where logs and proxies keep it.
    if (method !== 'POST') {
      return fail(m, 405, 'method_not_allowed', `use POST with a JSON or form body, not ${method}`, undefined, { Allow: ALLOW });
    }
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

/**
 * What a caller may hear of the events that could not be read: scope `all` every one; a
 * team leader those of their own worker or of a worker the event places in their team;
 * an agent those of their own worker and the worker-less events of their own tasks. The
 * rest is one line with a count: no sid, no attribute, no reason of someone else's event.
 * Reasons are masked like attributes (a timestamp field may carry anything).
 */
function visibleRejections(access: Access, ownWorkerSid: string | undefined, raw: readonly RawRejection[]): Rejection[] {
  const out: Rejection[] = [];
  let hidden = 0;
  for (const r of raw) {
    const mayHear =
      access.scope === 'all' ||
      (r.workerSid !== undefined && r.workerSid === ownWorkerSid) ||
      (access.scope === 'team' && r.workerSid !== undefined && r.workerTeam === access.team) ||
      (access.scope === 'self' && r.ownTask && r.workerSid === undefined);
    if (!mayHear) {
      hidden++;
      continue;
    }
    out.push({ at: r.at, reason: maskContactsInText(access, r.reason.slice(0, MAX_REASON_LENGTH)) });
  }
  if (hidden > 0) out.push({ at: 'this page', reason: `${hidden} event${hidden === 1 ? '' : 's'} outside your scope could not be read` });
  return out;
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
 * reservations name, as many as time allows; what is left waits in the cursor. With each
 * task's events, the tasks created while it lived (`EventType` `task.created`, read by a
 * reader of their own, whose rejections concern others' tasks and are not passed on) give
 * the task's transfer marks (`transferMarksOf`); nothing else of those tasks is kept.
 */
async function selfStep(
  state: CursorState,
  workerSid: string,
  reader: PageReader,
  filter: ScopeFilter,
  timeLeft: () => boolean,
  maxLookups: number,
  scanReader: (span: { fromMs: number; toMs: number }) => PageReader,
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
    const taskEvents = events.filter((x) => entityKindOf(x.type) === 'task');
    for (const e of filter.select([claim, ...taskEvents])) {
      if (e !== claim) reader.events.push(e);
    }
    lookups++;
    for (const mark of await marksOf(sid, taskEvents)) reader.events.push(mark);
    return next;
  };

  /** The transfer marks of these events of one of the agent's tasks (see the header). */
  const marksOf = async (sid: string, taskEvents: readonly TrEvent[]): Promise<TrEvent[]> => {
    if (taskEvents.length === 0) return [];
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (const e of taskEvents) {
      if (e.ts < fromMs) fromMs = e.ts;
      if (e.ts + 1 > toMs) toMs = e.ts + 1;
    }
    const scan = scanReader({ fromMs, toMs });
    const created: TrEvent[] = [];
    let at: PagePosition | undefined;
    do {
      const { events, next } = await scan.read({ eventType: 'task.created' }, at, `read the tasks created while task ${sid} lived`);
      for (const e of events) created.push(e);
      at = next;
      lookups++;
    } while (at);
    return transferMarksOf(taskEvents, created, new Set([...recent, ...pending]));
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
