/**
 * The history function's wire contract, shared by the Twilio Function (`serverless/`),
 * the sandbox's local copy of it, and the plugin's backfill client.
 *
 * Request: `POST <base>/insights-history` with a JSON body (Twilio Functions also accept
 * form fields; the Flex convention is the token in `Token`):
 *   { Token, from, to, cursor?, pageSize? }
 * `from` / `to` are ISO 8601 instants (`2026-11-21T00:00:00Z`, offsets allowed), `from < to`,
 * `to - from` at most `HISTORY_MAX_RANGE_DAYS` days, neither more than 30 days back.
 *
 * Response 200: `HistoryPage`. Errors: 4xx / 5xx with `HistoryError`. Only POST is
 * answered (405 with `Allow` otherwise); a cursor expires `HISTORY_CURSOR_LIFETIME_MS` after
 * the page that issued it (`cursor_expired`: start the range again).
 *
 * A browser sends a CORS preflight before a JSON POST; a form-encoded POST
 * (`application/x-www-form-urlencoded`, the Flex convention) is a simple request and
 * needs none. The function answers both. The range is half-open: events at or after
 * `from` and before `to`.
 */
import type { TrEvent } from './events';

export const HISTORY_PATH = '/insights-history';
export const HISTORY_MAX_RANGE_DAYS = 30;
/** Events per page the function asks TaskRouter for (its maximum is 1,000). */
export const HISTORY_DEFAULT_PAGE_SIZE = 1000;
/** The largest `pageSize` a request may ask for (TaskRouter's own maximum). */
export const HISTORY_MAX_PAGE_SIZE = 1000;
/** How far back TaskRouter keeps events; `from` may not be older than this before now. */
export const HISTORY_RETENTION_DAYS = 30;
/** How long a cursor stays good after the page that issued it; an older one gets `cursor_expired`. */
export const HISTORY_CURSOR_LIFETIME_MS = 15 * 60_000;
/** The longest span of local days one team-average request may cover (My stats asks for a week). */
export const TEAM_AVERAGE_MAX_DAYS = 7;

export interface HistoryRequest {
  readonly Token: string;
  readonly from: string;
  readonly to: string;
  /** The `cursor` of the previous page; absent for the first page. */
  readonly cursor?: string;
  readonly pageSize?: number;
  /** Absent or `events`: a page of events. */
  readonly kind?: 'events';
}

/**
 * The team average of an agent's My stats (`kind: 'teamAverage'`): the function folds the
 * team's events itself and returns only the team's day cells, never an event.
 *   { Token, kind: 'teamAverage', from, to, cursor? }
 * `from` / `to` pick the local days (in the plugin's `timeZone`) the range touches, at most
 * `TEAM_AVERAGE_MAX_DAYS`, none more than 30 days back. Several answers may be needed for
 * one range (each request folds whole days as time allows); `cursor` asks for the rest.
 */
export interface TeamAverageRequest {
  readonly Token: string;
  readonly kind: 'teamAverage';
  readonly from: string;
  readonly to: string;
  readonly cursor?: string;
}

/** One local day of the caller's team: sums and counts only, nobody's row. */
export interface TeamDayCell {
  /** Local day key, `2026-11-16`. */
  readonly day: string;
  /** Distinct teammates with an invitation or an engagement that day (the caller included). */
  readonly agents: number;
  readonly handled: number;
  readonly conversations: number;
  readonly invitations: number;
  readonly rona: number;
  readonly rejected: number;
  readonly transfers: number;
  /** Handle time: the sum in ms and the number of engagements it is over. */
  readonly handleSumMs: number;
  readonly handleN: number;
  /** Conversations per support type. */
  readonly bySupportType: Readonly<Record<string, number>>;
}

export interface TeamAveragePage {
  readonly kind: 'teamAverage';
  /** The caller's own team, or absent when their worker has no team (then `days` is empty). */
  readonly team?: string;
  /** The days folded by this answer, in day order (a day not yet begun is absent). */
  readonly days: readonly TeamDayCell[];
  /** Distinct teammates over every day of the range; only on the answer without `cursor`. */
  readonly rangeAgents?: number;
  /** Opaque; present while days of the range remain. */
  readonly cursor?: string;
  /** Epoch ms the function read the events up to (its clock, `to` at most). */
  readonly asOf: number;
}

/**
 * One conversation by an identifier (`kind: 'conversation'`), for incident review: the
 * events of every task of the conversation the identifier names, over the last 30 days.
 *   { Token, kind: 'conversation', id, from?, to?, cursor? }
 * `id` is a task (`WT…`), reservation (`WR…`), conversation or channel (`CH…`) or call
 * (`CA…`) sid. `from` / `to` (ISO instants, optional) narrow where to look, e.g. to the
 * day the ticket names; by default the last `HISTORY_RETENTION_DAYS` days.
 *
 * A task or reservation sid is read directly (TaskRouter's `TaskSid` / `ReservationSid`
 * filters). A conversation or call sid is in no filter: the function reads the range's
 * `task.created` events for a task whose attributes carry it, newest first, as far as one
 * request's time allows; then the answer is `searching` with a `cursor` to ask again.
 * Tasks a transfer created are followed: a task whose attributes name a task or an
 * identifier of the conversation (`conversations.conversation_id`, `call_sid`,
 * `conversationSid`, `channelSid`) joins it.
 *
 * Scope is checked in the function: a caller who may not open the conversation (an agent
 * who had no reservation of it; a team leader whose team had none) gets 403 `forbidden`
 * and nothing else; an identifier found nowhere in the range gets 404 `not_found`. The
 * events are the caller's scope of them, masked like pages.
 *
 * Settled by the function (`serverless/src/conversationLookup.ts`):
 * - `from` / `to` bound the search by conversation or call sid, read a day at a time from
 *   `to` back. A task or reservation sid needs no search: it is read over the 30 days
 *   TaskRouter keeps. A conversation found is read whole, its tasks' events over those 30
 *   days, even where they fall outside `from` / `to`.
 * - A following request sends the same `id` (and `from` / `to` if the first did) with the
 *   `cursor`; the cursor is bound to the caller and the id, encrypted, and expires like a
 *   page's (`HISTORY_CURSOR_LIFETIME_MS`).
 * - The search and the joining of tasks read the attributes of `task.created` events: a
 *   task that gets an identifier only by a later update is not found or joined by it (its
 *   own task sid still finds it).
 */
export interface ConversationLookupRequest {
  readonly Token: string;
  readonly kind: 'conversation';
  readonly id: string;
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
}

export interface ConversationLookupPage {
  readonly kind: 'conversation';
  /**
   * `found`: `events` hold the conversation; `searching`: not done yet (still searching, or
   * found too late in this request to be read in it), ask again with `cursor`.
   */
  readonly status: 'found' | 'searching';
  /** The conversation's task and reservation events as the caller may see them, oldest first (empty while searching). */
  readonly events: readonly TrEvent[];
  /** The tasks of the conversation the caller sees events of, in the order of their first event (empty while searching). */
  readonly taskSids: readonly string[];
  /** With `searching`: opaque, to continue the search. */
  readonly cursor?: string;
  /**
   * With `searching`: the oldest instant (epoch ms) looked at so far, for progress: the range
   * from here to `toMs` has been searched (`fromMs` once the conversation is being read).
   */
  readonly searchedBackTo?: number;
  /** The range looked in (epoch ms). */
  readonly fromMs: number;
  readonly toMs: number;
}

export interface HistoryPage {
  /**
   * Canonical events (the engine's `TrEvent`), already limited to the caller's scope. Scope
   * `self` adds transfer marks (`TRANSFER_MARK`, `transferMarksOf`) on the agent's tasks.
   */
  readonly events: readonly TrEvent[];
  /** Opaque; absent when this was the last page of the range. */
  readonly cursor?: string;
  /** The caller's data scope as the function applied it. */
  readonly scope: 'all' | 'team' | 'self';
  /** Events of this range seen so far (this page included), for progress. */
  readonly fetched: number;
  /** Raw TaskRouter events the function could not read (with where and why). */
  readonly rejected?: readonly { readonly at: string; readonly reason: string }[];
}

export const HISTORY_ERROR_CODES = [
  'missing_token',
  'invalid_token',
  'forbidden',
  'bad_request',
  'range_too_long',
  'rate_limited',
  'upstream_failed',
  'cursor_expired',
  'method_not_allowed',
  'not_found',
] as const;
export type HistoryErrorCode = (typeof HISTORY_ERROR_CODES)[number];

export interface HistoryError {
  readonly error: {
    readonly code: HistoryErrorCode;
    readonly message: string;
    /** With `rate_limited`: seconds to wait before asking again (also sent as `Retry-After`). */
    readonly retryAfterSec?: number;
  };
}
