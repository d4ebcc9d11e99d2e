/**
 * A stand-in for Twilio's Flex Configuration API (`GET` and `POST
 * https://flex-api.twilio.com/v1/Configuration`), as its documentation describes it:
 * - `GET` answers the whole configuration resource (snake_case, `ui_attributes` a JSON object);
 * - `POST` takes a JSON body with the account's `account_sid` and the properties to
 *   change; a JSON-typed property given (`ui_attributes`) replaces the stored one
 *   completely, nothing is merged, so a caller fetches first and sends the whole object;
 *   properties not given stay as they were;
 * - errors as Twilio's REST errors (`{ code, message, more_info, status }`): 401 / 20003
 *   without the account's credentials, 400 / 20001 for a body that is not a JSON object or
 *   lacks or names another `account_sid`, 404 / 20404 for another path, 405 for another method.
 *
 * `ui_attributes` is kept as the JSON text last written, so a test can check that a key
 * nobody changed comes back byte for byte. `persist` (the sandbox's file) loads it at
 * creation and is called with the text after each update. Pure: no I/O of its own;
 * served over HTTP by `fakeEventsApiServer.ts`.
 */
import type { FakeRequest, FakeResponse } from './fakeEventsApi';

export const FLEX_API_BASE = 'https://flex-api.twilio.com';
const MORE_INFO = 'https://www.twilio.com/docs/errors';
const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The resource's properties a `POST` may change; others in a body are ignored, as read-only ones are. */
const WRITABLE = ['ui_attributes', 'ui_language', 'ui_version', 'ui_dependencies', 'call_recording_enabled', 'crm_enabled', 'crm_attributes', 'public_attributes', 'attributes'] as const;

export interface FlexConfigurationPersistence {
  /** The `ui_attributes` JSON text last saved, or undefined for none. */
  load(): string | undefined;
  save(uiAttributesText: string): void;
}

export interface FakeFlexConfigurationOptions {
  readonly accountSid: string;
  /** Basic auth the fake requires (twilio-node sends the account sid and auth token). Absent: any. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** `ui_attributes` at the start, when nothing is persisted. */
  readonly uiAttributes?: Readonly<Record<string, unknown>>;
  readonly persist?: FlexConfigurationPersistence;
  readonly now?: () => number;
}

export interface FakeFlexConfiguration {
  handle(request: FakeRequest, body: string): FakeResponse;
  /** `ui_attributes` as the JSON text stored now. */
  uiAttributesText(): string;
  /** `ui_attributes` as an object (a fresh parse). */
  uiAttributes(): Record<string, unknown>;
  /** POSTs that changed the resource. */
  readonly updates: number;
  /** The next request of this method answers this Twilio error instead (once). */
  failNext(method: 'GET' | 'POST', status: number, code: number, message: string): void;
}

function twilioError(status: number, code: number, message: string): FakeResponse {
  return { status, headers: JSON_HEADERS, body: { code, message, more_info: `${MORE_INFO}/${code}`, status } };
}

function header(request: FakeRequest, name: string): string | undefined {
  for (const [k, v] of Object.entries(request.headers ?? {})) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : (v as string | undefined);
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createFakeFlexConfiguration(options: FakeFlexConfigurationOptions): FakeFlexConfiguration {
  const now = options.now ?? Date.now;
  const created = new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let uiText = JSON.stringify(options.uiAttributes ?? {});
  const persisted = options.persist?.load();
  if (persisted !== undefined) {
    try {
      if (isRecord(JSON.parse(persisted))) uiText = persisted;
    } catch {
      // An unreadable file is left for the next save to overwrite; the start value serves meanwhile.
    }
  }
  const others: Record<string, unknown> = {
    ui_language: 'en',
    ui_version: '~2.0.0',
    ui_dependencies: {},
    call_recording_enabled: false,
    crm_enabled: false,
    crm_attributes: {},
    public_attributes: {},
    attributes: {},
  };
  let updated = created;
  let updates = 0;
  const failures: Partial<Record<'GET' | 'POST', FakeResponse>> = {};
  const expectedAuth = options.credentials ? `Basic ${btoa(`${options.credentials.username}:${options.credentials.password}`)}` : undefined;

  const resource = (): Record<string, unknown> => ({
    account_sid: options.accountSid,
    date_created: created,
    date_updated: updated,
    status: 'ok',
    ...others,
    ui_attributes: JSON.parse(uiText) as unknown,
    url: `${FLEX_API_BASE}/v1/Configuration`,
  });

  return {
    get updates() {
      return updates;
    },
    uiAttributesText: () => uiText,
    uiAttributes: () => JSON.parse(uiText) as Record<string, unknown>,
    failNext(method, status, code, message) {
      failures[method] = twilioError(status, code, message);
    },
    handle(request, body) {
      const url = new URL(request.url, FLEX_API_BASE);
      if (url.pathname !== '/v1/Configuration') return twilioError(404, 20404, `The requested resource ${url.pathname} was not found`);
      if (expectedAuth !== undefined && header(request, 'authorization') !== expectedAuth) return twilioError(401, 20003, 'Authenticate');
      const method = request.method.toUpperCase();
      if (method !== 'GET' && method !== 'POST') return twilioError(405, 20004, 'Method not allowed');
      const failure = failures[method];
      if (failure) {
        delete failures[method];
        return failure;
      }
      if (method === 'GET') return { status: 200, headers: JSON_HEADERS, body: resource() };

      if (!(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return twilioError(400, 20001, 'The request body must be JSON (Content-Type: application/json)');
      }
      let given: unknown;
      try {
        given = JSON.parse(body);
      } catch {
        return twilioError(400, 20001, 'The request body is not valid JSON');
      }
      if (!isRecord(given)) return twilioError(400, 20001, 'The request body must be a JSON object');
      if (given.account_sid === undefined) return twilioError(400, 20001, 'Missing required parameter account_sid in the post body');
      if (given.account_sid !== options.accountSid) return twilioError(400, 20001, 'account_sid does not match the authenticated account');
      if (given.ui_attributes !== undefined && !isRecord(given.ui_attributes)) return twilioError(400, 20001, 'ui_attributes must be a JSON object');
      for (const key of WRITABLE) {
        if (given[key] === undefined) continue;
        // A JSON-typed property is replaced completely by what is sent (nothing merged).
        if (key === 'ui_attributes') uiText = JSON.stringify(given.ui_attributes);
        else others[key] = given[key];
      }
      updated = new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      updates++;
      options.persist?.save(uiText);
      return { status: 200, headers: JSON_HEADERS, body: resource() };
    },
  };
}
