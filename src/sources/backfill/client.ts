/**
 * The history function's client: POSTs the contract's JSON (the core's `historyProtocol.ts`) page by page,
 * retries what may pass (429, 5xx, a network failure) with backoff, and turns everything
 * else into a `HistoryFetchError` whose message a person can act on. It knows nothing of
 * Flex: the token comes from a callback, read again for every request (Flex refreshes it).
 *
 * A redirect is never followed (`redirect: 'manual'`): the token is in the body, and a
 * 307 or 308 would send it on to wherever the redirect points. A redirect is an error that
 * says to check `historyUrl`. A range whose cursor expired (the function's cursors last 15
 * minutes) is started again from its first page; its pages come again, and the fold counts
 * an event once.
 */
import {
  HISTORY_DEFAULT_PAGE_SIZE,
  HISTORY_ERROR_CODES,
  readTeamDayCell,
  type HistoryErrorCode,
  type HistoryPage,
  type HistoryRequest,
  type TeamAveragePage,
  type TeamAverage,
  type TeamAverageRequest,
  type TeamDayCell,
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

/** Why a history request failed, for the progress line and the logs. */
export class HistoryFetchError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 for a network failure or an unreadable answer. */
    readonly status: number,
    readonly code?: HistoryErrorCode,
  ) {
    super(message);
    this.name = 'HistoryFetchError';
  }
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

/** The message for a redirect the client did not follow. */
export const REDIRECT_REFUSED = 'The history URL answered with a redirect, which is not followed (the Flex token would go with it): set historyUrl to the function itself.';

function errorCodeOf(body: unknown): { code?: HistoryErrorCode; message?: string } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' && (HISTORY_ERROR_CODES as readonly string[]).includes(code) ? (code as HistoryErrorCode) : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/** The message a supervisor sees for a failed request: what happened and what to do. */
export function describeFailure(status: number, code?: HistoryErrorCode, detail?: string): string {
  const why = detail ? ` (${detail})` : '';
  if (status === 0) return `History could not be reached: network error${why}. Live data still works.`;
  if (status === 401 || code === 'missing_token' || code === 'invalid_token') {
    return `History refused the Flex sign-in${why}. Sign in to Flex again; live data still works.`;
  }
  if (status === 403 || code === 'forbidden') return `Your role may not load history${why}. Live data still works.`;
  if (code === 'cursor_expired') return `History paging took too long and has to start again${why}.`;
  if (status === 429 || code === 'rate_limited') return `History is busy (rate limited)${why}. Try again in a minute; live data still works.`;
  if (status >= 500) return `The history function failed (HTTP ${status})${why}. Live data still works.`;
  return `History request refused (HTTP ${status})${why}.`;
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
      const request = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), cursor };
      let page: HistoryPage;
      try {
        page = await this.post(request, asPage, signal);
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
        page = await this.post({ kind: 'teamAverage', from: new Date(from).toISOString(), to: new Date(to).toISOString(), cursor }, asTeamAverage, signal);
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

  /** One request of the contract, with retries for what may pass; `read` checks the answer's shape. */
  private async post<T>(
    query: { from: string; to: string; cursor?: string; kind?: 'teamAverage' },
    read: (body: unknown) => T | undefined,
    signal?: AbortSignal,
  ): Promise<T> {
    const attempts = Math.max(1, this.options.maxAttempts ?? 5);
    let wait = this.options.backoffMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new HistoryAborted();
      const token = this.options.token();
      if (!token) throw new HistoryFetchError(describeFailure(401, 'missing_token', 'no Flex token'), 401, 'missing_token');
      const request: HistoryRequest | TeamAverageRequest =
        query.kind === 'teamAverage'
          ? { Token: token, kind: 'teamAverage', from: query.from, to: query.to, ...(query.cursor !== undefined ? { cursor: query.cursor } : {}) }
          : {
              Token: token,
              from: query.from,
              to: query.to,
              ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
              pageSize: this.options.pageSize ?? HISTORY_DEFAULT_PAGE_SIZE,
            };
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
          throw new HistoryFetchError(REDIRECT_REFUSED, response.status);
        }
        status = response.status;
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          body = undefined;
        }
        if (status >= 200 && status < 300) {
          const answer = read(body);
          if (answer) return answer;
          // A 200 that is not a page: a wrong URL (a login page, a proxy). Retrying will not help.
          throw new HistoryFetchError(`The history URL did not answer with history (check historyUrl).`, status);
        }
        ({ code, message: detail } = errorCodeOf(body));
        retryAfter = retryAfterMs(response);
      } catch (err) {
        if (err instanceof HistoryFetchError) throw err;
        if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw new HistoryAborted();
        status = 0;
        detail = err instanceof Error ? err.message : String(err);
      }
      if (!isRetryable(status) || attempt >= attempts) throw new HistoryFetchError(describeFailure(status, code, detail), status, code);
      await this.sleep(retryAfter ?? wait);
      wait = Math.min(wait * 2, 30_000);
    }
  }
}
