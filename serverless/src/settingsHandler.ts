/**
 * The Settings function's logic, free of Twilio globals: an admin's Flex token and a whole
 * settings value in, the value written under `ui_attributes.supervisorInsights` of the
 * Flex Configuration out. `functions/insights-settings.js` wires it to the Twilio Runtime;
 * tests and the sandbox wire it to fakes.
 *
 * Order: POST only (OPTIONS answers CORS, anything else 405); a token (401 without one or
 * when Twilio does not accept it); admins only (403, `accessOf(...).mayEditSettings`, the
 * one place that reads roles); the value checked by the core (`validateSettings`, 400
 * with every problem); the configuration read; a save made on another version than the
 * stored one refused (409, with who saved it and when); then one write.
 *
 * The Flex Configuration API replaces a JSON-typed property such as `ui_attributes`
 * completely (nothing is merged), so the write sends every `ui_attributes` key as it was
 * read, with `supervisorInsights` alone changed. Inside it, keys the Settings tab does not
 * edit (`historyCacheDays`, `reorderWindowMs`, …) are kept; the stamp (`version + 1`,
 * `savedBy`, `savedAt`) is written by this function, never taken from the request.
 *
 * Not closed: the API has no conditional update, so two saves arriving within the same
 * read-then-write (well under a second) both pass the version check and the later wins.
 */
import {
  STAMP_FIELDS,
  UI_ATTRIBUTES_KEY,
  accessOf,
  savedStampOf,
  validateSettings,
  type SavedStamp,
  type SettingsError,
  type SettingsErrorCode,
  type SettingsSaved,
} from '../../src/core';
import { FLEX_ORIGIN, corsHeaders, requestMetaOf, type RequestMeta } from './http';

export interface SettingsResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Null for a preflight. */
  readonly body: SettingsSaved | SettingsError | null;
}

export type SettingsHandler = (event: unknown, meta?: RequestMeta) => Promise<SettingsResponse>;

/** The part of twilio-node's `client.flexApi.v1.configuration()` the handler uses. */
export interface FlexConfigurationLike {
  fetch(): Promise<{ readonly uiAttributes?: unknown }>;
  /** The body as the REST API names it (`account_sid`, `ui_attributes`); twilio-node sends it as JSON. */
  update(body: { readonly account_sid: string; readonly ui_attributes: Record<string, unknown> }): Promise<{ readonly uiAttributes?: unknown }>;
}

/** `client.flexApi.v1.configuration()` of a twilio-node client. */
export function twilioFlexConfiguration(client: { flexApi: { v1: { configuration(): unknown } } }): FlexConfigurationLike {
  const context = client.flexApi.v1.configuration() as {
    fetch(): Promise<{ uiAttributes?: unknown }>;
    update(params: object): Promise<{ uiAttributes?: unknown }>;
  };
  return { fetch: () => context.fetch(), update: (body) => context.update(body) };
}

export interface SettingsHandlerDeps {
  /** `twilio-flex-token-validator`'s `validator(token, accountSid, authToken)`, or a stand-in. */
  validateToken(token: string): Promise<unknown>;
  readonly configuration: FlexConfigurationLike;
  /** The account whose configuration is written (the Function's ACCOUNT_SID). */
  readonly accountSid: string;
  readonly now?: () => number;
  /** Origins allowed to read the answers (default Flex's; `*`, if configured, any). */
  readonly allowedOrigins?: readonly string[];
}

const MAX_TOKEN_LENGTH = 16_384;
/** A settings value is a few kilobytes; anything this large is not one. */
const MAX_SETTINGS_LENGTH = 256 * 1024;
const ALLOW = 'POST, OPTIONS';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** What went wrong upstream, in one line: Twilio's status, code and message when it gave them. */
function upstreamReason(error: unknown): string {
  const e = error as { status?: unknown; code?: unknown; message?: unknown };
  const parts = [typeof e?.status === 'number' ? `status ${e.status}` : undefined, typeof e?.code === 'number' ? `code ${e.code}` : undefined].filter(Boolean);
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return parts.length > 0 ? `${message} (${parts.join(', ')})` : message;
}

export function createSettingsHandler(deps: SettingsHandlerDeps): SettingsHandler {
  if (!/^AC[0-9a-fA-F]{32}$/.test(deps.accountSid)) {
    throw new Error(`createSettingsHandler: accountSid must be an account sid (AC…), got "${deps.accountSid}"`);
  }
  const allowed = deps.allowedOrigins ?? [FLEX_ORIGIN];
  const now = deps.now ?? Date.now;

  const respond = (meta: RequestMeta, status: number, body: SettingsSaved | SettingsError | null, extra: Record<string, string> = {}): SettingsResponse => ({
    status,
    headers: { ...corsHeaders(allowed, meta), ...(body === null ? {} : { 'Content-Type': 'application/json' }), 'Cache-Control': 'no-store', ...extra },
    body,
  });
  const fail = (meta: RequestMeta, status: number, code: SettingsErrorCode, message: string, more: Partial<SettingsError['error']> = {}, extra: Record<string, string> = {}) =>
    respond(meta, status, { error: { code, message, ...more } }, extra);

  async function serve(event: unknown, meta: RequestMeta): Promise<SettingsResponse> {
    if (!isRecord(event)) return fail(meta, 400, 'bad_request', 'the request body must be an object with Token, baseVersion and settings');
    const token = str(event.Token);
    if (token === undefined) return fail(meta, 401, 'missing_token', 'send the Flex user token in the Token field');
    if (token.length > MAX_TOKEN_LENGTH) return fail(meta, 401, 'invalid_token', 'the Token is too long to be a Flex token');

    let validated: unknown;
    try {
      validated = await deps.validateToken(token);
    } catch (error) {
      const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'no reason given';
      return fail(meta, 401, 'invalid_token', `the Flex token was not accepted: ${reason}`);
    }
    if (!isRecord(validated) || validated.valid !== true) {
      const reason = isRecord(validated) ? str(validated.message) : undefined;
      return fail(meta, 401, 'invalid_token', `the Flex token was not accepted${reason ? `: ${reason}` : ''}`);
    }
    const roles = Array.isArray(validated.roles) ? validated.roles.filter((r): r is string => typeof r === 'string') : [];
    if (!accessOf({ roles }).mayEditSettings) return fail(meta, 403, 'forbidden', 'only a Flex admin may change the Insights settings');
    const savedBy = str(validated.identity) ?? str(validated.realm_user_id) ?? 'unknown admin';

    const base = event.baseVersion;
    const baseVersion = typeof base === 'number' ? base : typeof base === 'string' && /^\d+$/.test(base.trim()) ? Number(base) : NaN;
    if (!Number.isInteger(baseVersion) || baseVersion < 0) {
      return fail(meta, 400, 'bad_request', 'baseVersion must be the version of the settings the change was made on (0 when none was saved)');
    }
    let given: unknown = event.settings;
    if (typeof given === 'string') {
      // A form post carries the value as JSON text.
      if (given.length > MAX_SETTINGS_LENGTH) return fail(meta, 400, 'bad_request', 'settings is too large to be a settings value');
      try {
        given = JSON.parse(given);
      } catch {
        return fail(meta, 400, 'bad_request', 'settings must be the settings object (or its JSON text)');
      }
    }
    const check = validateSettings(given);
    if (!check.ok) {
      return fail(meta, 400, 'invalid_settings', `the settings were not saved: ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}`, {
        problems: check.problems,
      });
    }

    let current: { uiAttributes?: unknown };
    try {
      current = await deps.configuration.fetch();
    } catch (error) {
      return fail(meta, 502, 'upstream_failed', `the Flex configuration could not be read: ${upstreamReason(error)}`);
    }
    const uiAttributes = isRecord(current.uiAttributes) ? current.uiAttributes : {};
    const stored = isRecord(uiAttributes[UI_ATTRIBUTES_KEY]) ? (uiAttributes[UI_ATTRIBUTES_KEY] as Record<string, unknown>) : {};
    const stamp = savedStampOf(stored);
    if (stamp.version !== baseVersion) {
      const who = stamp.savedBy ? ` by ${stamp.savedBy}` : '';
      const when = stamp.savedAt ? ` at ${stamp.savedAt}` : '';
      return fail(meta, 409, 'stale', `the settings were saved${who}${when} (version ${stamp.version}) after this copy (version ${baseVersion}) was loaded: reload them and make the change again`, {
        current: stamp,
      });
    }

    const saved: SavedStamp = { version: stamp.version + 1, savedBy, savedAt: new Date(now()).toISOString() };
    const kept = Object.fromEntries(Object.entries(stored).filter(([k]) => !(STAMP_FIELDS as readonly string[]).includes(k)));
    const next: Record<string, unknown> = { ...kept, ...check.settings, ...saved };
    // Every other key as read, in its place: the API replaces ui_attributes whole.
    const nextUi: Record<string, unknown> = { ...uiAttributes, [UI_ATTRIBUTES_KEY]: next };
    try {
      await deps.configuration.update({ account_sid: deps.accountSid, ui_attributes: nextUi });
    } catch (error) {
      return fail(meta, 502, 'upstream_failed', `the Flex configuration could not be written: ${upstreamReason(error)}`);
    }
    return respond(meta, 200, { stored: next, saved });
  }

  return async function handle(event, givenMeta) {
    const meta = requestMetaOf(event, givenMeta);
    if (meta.method === 'OPTIONS') return respond(meta, 204, null);
    if (meta.method !== 'POST') return fail(meta, 405, 'method_not_allowed', `use POST with a JSON body, not ${meta.method}`, {}, { Allow: ALLOW });
    try {
      return await serve(event, meta);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(meta, 500, 'upstream_failed', `the settings function failed: ${message}`);
    }
  };
}
