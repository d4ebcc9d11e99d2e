/**
 * What the Functions share about HTTP: how a request's method is told (Twilio passes
 * none), its headers read, and CORS for the configured origins only (default Flex's own).
 */

/** Flex's own origin: the default, and only, origin allowed to read answers unless configured. */
export const FLEX_ORIGIN = 'https://flex.twilio.com';

/**
 * How the request came: its method, and headers the runtime passed on (`event.request.headers`).
 * Twilio Functions do not pass the method: without one, the headers tell (see `methodOf`).
 */
export interface RequestMeta {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A header's first value, by case-insensitive name. */
export function headerOf(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return str(Array.isArray(v) ? v[0] : v);
  return undefined;
}

/**
 * The request's method: the one given, else what the headers say. Twilio Functions pass
 * no method but do pass headers (runtime handler 1.2.0 and later): a preflight carries
 * `Access-Control-Request-Method`, and a POST the plugin sends carries a JSON or form
 * `Content-Type`, which Twilio decodes into the event; a GET has no body and so no such
 * type. No headers at all: not known to be a POST, so not served.
 */
export function methodOf(meta: RequestMeta): string {
  if (meta.method) return meta.method.toUpperCase();
  if (headerOf(meta.headers, 'access-control-request-method') !== undefined) return 'OPTIONS';
  const type = headerOf(meta.headers, 'content-type')?.toLowerCase() ?? '';
  return /^(application\/json|application\/x-www-form-urlencoded|multipart\/form-data)\b/.test(type) ? 'POST' : 'GET';
}

/** The method and headers of a call: `meta` when given, else the headers Twilio put in `event.request`. */
export function requestMetaOf(event: unknown, meta: RequestMeta | undefined): RequestMeta {
  const headers = meta?.headers ?? (isRecord(event) && isRecord(event.request) && isRecord(event.request.headers) ? event.request.headers : undefined);
  return { method: methodOf({ method: meta?.method, headers }), headers };
}

/** CORS headers for an answer: the caller's origin named only when it is allowed (`*` allows any). */
export function corsHeaders(allowed: readonly string[], meta: RequestMeta | undefined): Record<string, string> {
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
}
