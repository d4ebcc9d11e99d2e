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
 * Response 200: `HistoryPage`. Errors: 4xx / 5xx with `HistoryError`.
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

export interface HistoryRequest {
  readonly Token: string;
  readonly from: string;
  readonly to: string;
  /** The `cursor` of the previous page; absent for the first page. */
  readonly cursor?: string;
  readonly pageSize?: number;
}

export interface HistoryPage {
  /** Canonical events (the engine's `TrEvent`), already limited to the caller's scope. */
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
