/**
 * Calls to TaskRouter with retries: a 429 waits for its `Retry-After` (else backs off),
 * a 5xx or a dropped connection backs off exponentially, anything else fails at once.
 * Waits never run past the request's deadline (a Twilio Function has 10 seconds): when
 * the next wait would, the call gives up with what it knows.
 */

export interface RetryOptions {
  /** Tries in all, the first included. */
  readonly maxAttempts: number;
  /** The first backoff; each next one doubles, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** Epoch ms after which no wait may end. */
  readonly deadline: number;
  /** Seconds TaskRouter asked to wait (its `Retry-After`) for a failed call, if it said. */
  readonly retryAfterSecOf?: (error: unknown) => number | undefined;
}

export const UPSTREAM_FAILURES = ['rate_limited', 'upstream_failed'] as const;
export type UpstreamFailure = (typeof UPSTREAM_FAILURES)[number];

/** A TaskRouter call that failed for good. */
export class UpstreamError extends Error {
  constructor(
    readonly code: UpstreamFailure,
    message: string,
    /** For `rate_limited`: how long the caller should wait. */
    readonly retryAfterSec?: number,
    /** TaskRouter's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** The HTTP status of a failed call (twilio-node's RestException carries `status`). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const s = (error as { status?: unknown }).status;
  return typeof s === 'number' && Number.isInteger(s) ? s : undefined;
}

/** A dropped or refused connection (Node and axios put a code like ECONNRESET on the error). */
function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(E[A-Z]+|ERR_[A-Z_]+)$/.test(code) && statusOf(error) === undefined;
}

/** A `retryAfterSec` the error carries itself (what in-process fakes attach). */
function ownRetryAfter(error: unknown): number | undefined {
  const v = typeof error === 'object' && error !== null ? (error as { retryAfterSec?: unknown }).retryAfterSec : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function describe(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status === undefined ? message : `HTTP ${status}: ${message}`;
}

/** `op`, retried as above; throws `UpstreamError` when it cannot succeed. */
export async function withRetries<T>(what: string, op: () => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const status = statusOf(error);
      const rateLimited = status === 429;
      const transient = rateLimited || (status !== undefined && status >= 500) || isNetworkError(error);
      if (!transient) {
        throw new UpstreamError('upstream_failed', `TaskRouter refused to ${what} (${describe(error)})`, undefined, status);
      }
      const retryAfterSec = rateLimited ? (o.retryAfterSecOf?.(error) ?? ownRetryAfter(error)) : undefined;
      const backoff = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
      const wait = retryAfterSec !== undefined ? retryAfterSec * 1000 : backoff;
      const last = attempt >= o.maxAttempts;
      if (last || o.now() + wait > o.deadline) {
        const tries = `${attempt} ${attempt === 1 ? 'try' : 'tries'}`;
        if (rateLimited) {
          const after = Math.max(1, Math.ceil(wait / 1000));
          throw new UpstreamError('rate_limited', `TaskRouter is rate limiting (after ${tries} to ${what}); ask again in ${after} s`, after, status);
        }
        throw new UpstreamError('upstream_failed', `TaskRouter failed ${tries} to ${what} (${describe(error)})`, undefined, status);
      }
      await o.sleep(wait);
    }
  }
}
