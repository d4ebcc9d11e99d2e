/**
 * The history function's client: POSTs the contract's JSON (the core's `historyProtocol.ts`) page by page,
 * retries what may pass (429, 5xx, a network failure) with backoff, and turns everything
 * else into a `HistoryFetchError`. Its message is for whoever has the view open (team
 * leaders, analysts, agents): what happened, whether live data still works, who can fix it,
 * in their words (no settings field, status code or the function's own text); its
 * `technical` line is for an admin reading the console: `historyUrl`, the status, the
 * function's code and message. It knows nothing of Flex: the token comes from a callback,
 * read again for every request (Flex refreshes it).
 *
 * A redirect is never followed (`redirect: 'manual'`): the token is in the body, and a
 * 307 or 308 would send it on to wherever the redirect points. A redirect is an error whose
 * technical line says to set `historyUrl` to the function itself. A range whose cursor
 * expired (the function's cursors last 15 minutes) is started again from its first page;
 * its pages come again, and the fold counts an event once.
 *
 * `lookupConversation` asks for one conversation by an identifier (`kind: 'conversation'`)
 * and follows the function's `searching` answers until it is found, refused or nowhere.
 */
import {
  HISTORY_DEFAULT_PAGE_SIZE,
  HISTORY_ERROR_CODES,
  identifierOf,
  readTeamDayCell,
  type ConversationLookupPage,
  type ConversationLookupRequest,
  type HistoryErrorCode,
  type HistoryPage,
  type HistoryRequest,
  type TeamAveragePage,
  type TeamAverage,
  type TeamAverageRequest,
  type TeamDayCell,
  type TrEvent,
} from '../../core';

/** The part of a `fetch` Response the client reads. */
export interface ResponseLike {
  readonly status: number;
  /** `opaqueredirect` for a redirect not followed (a browser's `redirect: 'manual'`). */
  readonly type?: string;
  readonly headers?: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/** `fetch`, or anything with its shape (a test's in-process handler). */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; redirect: 'manual'; signal?: AbortSignal },
) => Promise<ResponseLike>;

export interface HistoryClientOptions {
  /** The function's full URL (`https://…twil.io/insights-history`). */
  readonly url: string;
  /** The Flex token; undefined when the user has none (then nothing is fetched). */
  readonly token: () => string | undefined;
  readonly fetch?: FetchLike;
  /** Events per page (the function caps it at TaskRouter's 1,000). */
  readonly pageSize?: number;
  /** Tries per request for a failure that may pass (default 5: waits 1, 2, 4, 8 s). */
  readonly maxAttempts?: number;
  /** First backoff wait in ms (default 1,000; doubled each time, at most 30 s). */
  readonly backoffMs?: number;
  /** How to wait (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Why a history request failed: `message` in the words of whoever has the view open (the
 * progress line, the team average, the conversation screen, the Export tab show it);
 * `technical` for the console (`[supervisor-insights]` logs), never shown in a view.
 */
export class HistoryFetchError extends Error {
  /** The precise cause for an admin: `historyUrl`, the status, the function's code and message. */
  readonly technical: string;
  constructor(
    message: string,
    /** HTTP status, or 0 for a network failure or an unreadable answer. */
    readonly status: number,
    readonly code?: HistoryErrorCode,
    /** The function's own message, when it sent one (console only: `technical` carries it). */
    readonly detail?: string,
    technical?: string,
  ) {
    super(message);
    this.name = 'HistoryFetchError';
    this.technical = technical ?? technicalCause(status, code, detail);
  }
}

/**
 * The console line of a failed request: where (`historyUrl`), the status (or the network),
 * the function's code and its own message. The function's messages name the failure, never
 * a customer; a network failure's is the browser's.
 */
export function technicalCause(status: number, code?: HistoryErrorCode, detail?: string): string {
  const answer = status === 0 ? 'no answer (network)' : `HTTP ${status}`;
  return `historyUrl: ${answer}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`;
}

/** Thrown when `stop()` or an abort signal ended a fetch: not an error to show. */
export class HistoryAborted extends Error {
  constructor() {
    super('history loading was stopped');
    this.name = 'HistoryAborted';
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isRetryable = (status: number): boolean => status === 0 || status === 429 || status >= 500;
/** A range is started again at most this many times for an expired cursor (a slow consumer, a sleeping laptop). */
const MAX_RESTARTS = 3;

/** Who can fix what the user cannot: the admin, in the Settings tab. */
const ASK_ADMIN_ADDRESS = 'Ask your Flex admin to check the history address in Insights settings.';

/** The message for a redirect the client did not follow. */
export const REDIRECT_REFUSED = `History was not loaded: its address sends requests on elsewhere, and your sign-in would have gone with them. Live data still works. ${ASK_ADMIN_ADDRESS}`;
/** Its console line. */
const REDIRECT_TECHNICAL = (status: number): string =>
  `historyUrl answered with a redirect (${status === 0 ? 'opaque' : `HTTP ${status}`}), not followed (the Flex token would go with it): set historyUrl to the function itself`;

/** The message for a 200 that is not the contract's answer (a login page, a proxy, another service). */
export const NOT_HISTORY = `History was not loaded: its address answers with something that is not history. Live data still works. ${ASK_ADMIN_ADDRESS}`;

/** The message for a failure that is not the function's answer (a bug, a browser refusing storage): the console has the cause. */
export const UNEXPECTED_FAILURE = 'History could not be loaded because of an unexpected problem. Live data still works. If it happens again, ask your Flex admin to look at the browser console.';

/** The message and the console line of any failure of a history request (a stop is not one). */
export function failureTexts(err: unknown): { message: string; technical: string } {
  if (err instanceof HistoryFetchError) return { message: err.message, technical: err.technical };
  const technical = err instanceof Error ? err.message : String(err);
  return { message: UNEXPECTED_FAILURE, technical };
}

function errorCodeOf(body: unknown): { code?: HistoryErrorCode; message?: string } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' && (HISTORY_ERROR_CODES as readonly string[]).includes(code) ? (code as HistoryErrorCode) : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/**
 * The message a team leader, analyst or agent sees for a failed request: what happened,
 * that live data still works, and who can fix it. No status code, settings field or the
 * function's own text (those are in `technicalCause`, for the console).
 */
export function describeFailure(status: number, code?: HistoryErrorCode): string {
  if (status === 0) return 'History could not be reached: the network did not answer. Live data still works. If this lasts, check your connection or ask your Flex admin.';
  if (status === 401 || code === 'missing_token' || code === 'invalid_token') {
    return 'History did not accept your Flex sign-in. Sign in to Flex again; live data still works.';
  }
  if (status === 403 || code === 'forbidden') return 'Your role may not load history. Live data still works. Ask your Flex admin if you need history.';
  if (code === 'cursor_expired') return 'Loading history took too long and has to start again. Live data still works.';
  if (code === 'not_found') return 'History has no such conversation.';
  if (status === 429 || code === 'rate_limited') return 'History is busy right now. Try again in a minute; live data still works.';
  if (status >= 500) return 'History failed on the server. Live data still works. If this lasts, ask your Flex admin to check the history service.';
  return `History refused the request. Live data still works. ${ASK_ADMIN_ADDRESS}`;
}

/** Is this a page of the contract? Checked, since a proxy or a wrong URL can answer 200 with anything. */
function asPage(body: unknown): HistoryPage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const page = body as Partial<HistoryPage>;
  if (!Array.isArray(page.events)) return undefined;
  if (page.cursor !== undefined && typeof page.cursor !== 'string') return undefined;
  return page as HistoryPage;
}

/** Is this a team-average answer of the contract (each day checked)? */
function asTeamAverage(body: unknown): TeamAveragePage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const page = body as Partial<TeamAveragePage>;
  if (page.kind !== 'teamAverage' || !Array.isArray(page.days) || typeof page.asOf !== 'number') return undefined;
  if (page.cursor !== undefined && typeof page.cursor !== 'string') return undefined;
  if (page.team !== undefined && typeof page.team !== 'string') return undefined;
  if (page.rangeAgents !== undefined && (typeof page.rangeAgents !== 'number' || page.rangeAgents < 0)) return undefined;
  const days: TeamDayCell[] = [];
  for (const d of page.days) {
    const cell = readTeamDayCell(d);
    if (!cell) return undefined;
    days.push(cell);
  }
  return { ...(page as TeamAveragePage), days };
}

/** Is this a conversation lookup answer of the contract? */
function asLookupPage(body: unknown): ConversationLookupPage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const page = body as Partial<ConversationLookupPage>;
  if (page.kind !== 'conversation' || (page.status !== 'found' && page.status !== 'searching')) return undefined;
  if (!Array.isArray(page.events) || !Array.isArray(page.taskSids) || !page.taskSids.every((s) => typeof s === 'string')) return undefined;
  if (typeof page.fromMs !== 'number' || typeof page.toMs !== 'number') return undefined;
  if (page.status === 'searching' && (typeof page.cursor !== 'string' || page.cursor === '')) return undefined;
  if (page.searchedBackTo !== undefined && typeof page.searchedBackTo !== 'number') return undefined;
  return page as ConversationLookupPage;
}

function retryAfterMs(response: ResponseLike): number | undefined {
  const header = response.headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : undefined;
}

/** Pages of one range, in the order the function sends them. */
export interface RangeFetch {
  readonly pages: number;
  readonly events: number;
  readonly requests: number;
}

/**
 * What `lookupConversation` answers: the conversation, or the function's refusal in its own
 * words, for the console, not a view: the screen says it in its own strings (403: not the
 * caller's to open, or no data scope at all; 404: found nowhere in the range). Anything
 * else (no token, network, rate limits after retries, a wrong URL) is thrown as a
 * `HistoryFetchError`, as for pages; a stop as `HistoryAborted`.
 */
export type ConversationLookup =
  | {
      readonly status: 'found';
      /** The conversation's events as the caller may see them, oldest first, ready for the core's fold. */
      readonly events: readonly TrEvent[];
      readonly taskSids: readonly string[];
      /** The range looked in (epoch ms). */
      readonly fromMs: number;
      readonly toMs: number;
    }
  | { readonly status: 'forbidden'; readonly message: string }
  | { readonly status: 'not_found'; readonly message: string };

/** How far a conversation search has got: everything from `searchedBackTo` to `toMs` has been looked at. */
export interface LookupProgress {
  readonly searchedBackTo: number;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface LookupOptions {
  /** Where to look (epoch ms); the function's default is the last 30 days up to its now. */
  readonly from?: number;
  readonly to?: number;
  readonly signal?: AbortSignal;
  /** Called with each `searching` answer. */
  readonly onProgress?: (progress: LookupProgress) => void;
}

/** `searching` answers one lookup follows at most: a month of a large centre is a few dozen. */
const MAX_SEARCH_ANSWERS = 500;

export class HistoryClient {
  private readonly fetchFn: FetchLike;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Every HTTP request made, retries included (for progress and the tests). */
  requests = 0;

  constructor(private readonly options: HistoryClientOptions) {
    // The global fetch must be called unbound from its window ("Illegal invocation" otherwise).
    const f = options.fetch ?? (typeof fetch === 'function' ? (((url, init) => fetch(url, init)) as FetchLike) : undefined);
    if (!f) throw new Error('HistoryClient needs a fetch function: pass options.fetch where there is no global fetch');
    this.fetchFn = f;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Every page of [from, to] (epoch ms), handed to `onPage` as it arrives; the next page
   * is asked for only after `onPage` returns (so a slow consumer is never flooded).
   */
  async fetchRange(
    from: number,
    to: number,
    onPage: (page: HistoryPage) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<RangeFetch> {
    let cursor: string | undefined;
    let pages = 0;
    let events = 0;
    let restarts = 0;
    const before = this.requests;
    for (;;) {
      const request = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(cursor !== undefined ? { cursor } : {}) };
      let page: HistoryPage;
      try {
        page = await this.post(
          (Token): HistoryRequest => ({ Token, ...request, pageSize: this.options.pageSize ?? HISTORY_DEFAULT_PAGE_SIZE }),
          asPage,
          signal,
        );
      } catch (err) {
        // The cursor outlived its 15 minutes: the range again from its start.
        if (err instanceof HistoryFetchError && err.code === 'cursor_expired' && cursor !== undefined && restarts < MAX_RESTARTS) {
          restarts++;
          cursor = undefined;
          continue;
        }
        throw err;
      }
      pages++;
      events += page.events.length;
      if (signal?.aborted) throw new HistoryAborted();
      await onPage(page);
      if (page.cursor === undefined) break;
      cursor = page.cursor;
    }
    return { pages, events, requests: this.requests - before };
  }

  /**
   * The team average of [from, to) (epoch ms; the function takes the local days they touch,
   * a week at most): every answer of the range, its days together.
   */
  async fetchTeamAverage(from: number, to: number, signal?: AbortSignal): Promise<TeamAverage> {
    let cursor: string | undefined;
    let restarts = 0;
    const days = new Map<string, TeamDayCell>();
    for (;;) {
      let page: TeamAveragePage;
      try {
        page = await this.post(
          (Token): TeamAverageRequest => ({
            Token,
            kind: 'teamAverage',
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            ...(cursor !== undefined ? { cursor } : {}),
          }),
          asTeamAverage,
          signal,
        );
      } catch (err) {
        if (err instanceof HistoryFetchError && err.code === 'cursor_expired' && cursor !== undefined && restarts < MAX_RESTARTS) {
          restarts++;
          cursor = undefined;
          days.clear();
          continue;
        }
        throw err;
      }
      if (signal?.aborted) throw new HistoryAborted();
      for (const d of page.days) days.set(d.day, d);
      if (page.cursor === undefined) {
        return { team: page.team, days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)), rangeAgents: page.rangeAgents ?? 0, asOf: page.asOf };
      }
      cursor = page.cursor;
    }
  }

  /**
   * One conversation by a task, reservation, conversation or call sid (`identifierOf`
   * reads it), following `searching` answers with their cursor until the function finds
   * it (`found`), refuses it (`forbidden`) or finds it nowhere (`not_found`). A cursor that
   * expired starts the search again, as a range's does. Text that is no such sid is refused
   * here, without a request.
   */
  async lookupConversation(id: string, options: LookupOptions = {}): Promise<ConversationLookup> {
    const identifier = identifierOf(id);
    if (!identifier) {
      throw new HistoryFetchError('Not a task (WT…), reservation (WR…), conversation (CH…) or call (CA…) sid.', 400, 'bad_request');
    }
    const { signal, onProgress } = options;
    const range = {
      ...(options.from !== undefined ? { from: new Date(options.from).toISOString() } : {}),
      ...(options.to !== undefined ? { to: new Date(options.to).toISOString() } : {}),
    };
    let cursor: string | undefined;
    let restarts = 0;
    for (let answers = 0; ; answers++) {
      if (answers >= MAX_SEARCH_ANSWERS) {
        throw new HistoryFetchError(
          `The search for this conversation did not finish. Live data still works. ${ASK_ADMIN_ADDRESS}`,
          200,
          undefined,
          undefined,
          `historyUrl: the conversation search did not end after ${MAX_SEARCH_ANSWERS} searching answers; check historyUrl`,
        );
      }
      let page: ConversationLookupPage;
      try {
        page = await this.post(
          (Token): ConversationLookupRequest => ({ Token, kind: 'conversation', id: identifier.sid, ...range, ...(cursor !== undefined ? { cursor } : {}) }),
          asLookupPage,
          signal,
        );
      } catch (err) {
        if (!(err instanceof HistoryFetchError)) throw err;
        if (err.code === 'cursor_expired' && cursor !== undefined && restarts < MAX_RESTARTS) {
          restarts++;
          cursor = undefined;
          continue;
        }
        if (err.status === 403 && err.code === 'forbidden') return { status: 'forbidden', message: err.detail ?? err.message };
        if (err.status === 404 && err.code === 'not_found') return { status: 'not_found', message: err.detail ?? err.message };
        throw err;
      }
      if (signal?.aborted) throw new HistoryAborted();
      if (page.status === 'found') return { status: 'found', events: page.events, taskSids: page.taskSids, fromMs: page.fromMs, toMs: page.toMs };
      onProgress?.({ searchedBackTo: page.searchedBackTo ?? page.toMs, fromMs: page.fromMs, toMs: page.toMs });
      cursor = page.cursor;
    }
  }

  /** One request of the contract, with retries for what may pass; `body` builds it with the token of the moment, `read` checks the answer's shape. */
  private async post<T>(
    body: (token: string) => HistoryRequest | TeamAverageRequest | ConversationLookupRequest,
    read: (body: unknown) => T | undefined,
    signal?: AbortSignal,
  ): Promise<T> {
    const attempts = Math.max(1, this.options.maxAttempts ?? 5);
    let wait = this.options.backoffMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new HistoryAborted();
      const token = this.options.token();
      if (!token) throw new HistoryFetchError(describeFailure(401, 'missing_token'), 401, 'missing_token', undefined, 'no Flex token to send to historyUrl');
      const request = body(token);
      let status = 0;
      let detail: string | undefined;
      let code: HistoryErrorCode | undefined;
      let retryAfter: number | undefined;
      try {
        this.requests++;
        const response = await this.fetchFn(this.options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(request),
          // Never follow: a 307/308 would send the body, token and all, to the redirect's target.
          redirect: 'manual',
          signal,
        });
        if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
          throw new HistoryFetchError(REDIRECT_REFUSED, response.status, undefined, undefined, REDIRECT_TECHNICAL(response.status));
        }
        status = response.status;
        let answer: unknown;
        try {
          answer = await response.json();
        } catch {
          answer = undefined;
        }
        if (status >= 200 && status < 300) {
          const parsed = read(answer);
          if (parsed) return parsed;
          // A 200 that is not a page: a wrong URL (a login page, a proxy). Retrying will not help.
          throw new HistoryFetchError(NOT_HISTORY, status, undefined, undefined, `historyUrl answered HTTP ${status} with something that is not the history contract's answer (a login page, a proxy?): check historyUrl`);
        }
        ({ code, message: detail } = errorCodeOf(answer));
        retryAfter = retryAfterMs(response);
      } catch (err) {
        if (err instanceof HistoryFetchError) throw err;
        if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw new HistoryAborted();
        status = 0;
        detail = err instanceof Error ? err.message : String(err);
      }
      if (!isRetryable(status) || attempt >= attempts) throw new HistoryFetchError(describeFailure(status, code), status, code, detail);
      await this.sleep(retryAfter ?? wait);
      wait = Math.min(wait * 2, 30_000);
    }
  }
}
