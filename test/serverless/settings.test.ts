/**
 * The Settings function as deployed: functions/insights-settings.js with the committed
 * bundle, the real token validator and a real `twilio` client from `context`, against the
 * fake Flex Configuration API and the fake token endpoint over HTTP.
 */
import pluginConfig from '../../flex-plugin.config.js';
import { SETTINGS_BUNDLE_OPTIONS, SETTINGS_BUNDLE_PATH, bundleText, committedBundle } from '../../serverless/build';
import { resolvePluginConfig, settingsOf, type Settings } from '../../src/core';
import { createFakeIam, type FakeFlexUser } from '../../src/sandbox/fakes/fakeEventsApiIam';
import { startFakeTwilio, twilioClientFor, type FakeTwilioServer } from '../../src/sandbox/fakes/fakeEventsApiServer';
import { createFakeFlexConfiguration, type FakeFlexConfiguration } from '../../src/sandbox/fakes/fakeFlexConfiguration';
import { ACCOUNT_SID, AUTH_TOKEN, redirectIamTo } from './world';

jest.setTimeout(60_000);

class FakeResponse {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  setStatusCode(code: number): void {
    this.statusCode = code;
  }
  appendHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  setBody(body: unknown): void {
    this.body = body;
  }
}

type Handler = (context: unknown, event: unknown, callback: (error: unknown, response: FakeResponse) => void) => Promise<void>;

const TOKENS = { admin: 'token-admin', teamLeader: 'token-team-leader', supervisor: 'token-supervisor' } as const;
const USERS: Record<string, FakeFlexUser> = {
  [TOKENS.admin]: { identity: 'admin_40example_2Eorg', roles: ['admin'] },
  [TOKENS.teamLeader]: { identity: 'lead_40example_2Eorg', roles: ['agent', 'wfo.team_leader'], workerSid: 'WK0123456789abcdef0123456789abcdef' },
  [TOKENS.supervisor]: { identity: 'sup_40example_2Eorg', roles: ['supervisor', 'wfo.full_access'] },
};

/** Other keys of ui_attributes, written by Flex and other plugins, with spacing and key order of their own. */
const OTHERS = {
  colorTheme: { baseName: 'GreyDark', overrides: { MainHeader: { Container: { background: '#2f5771' } } } },
  warmTransfers: { enabled: true },
  custom_data: { features: { callbacks: { enabled: false, max_attempts: 3 } }, ratio: 1.5, list: [1, 'two', null] },
};

const SETTINGS: Settings = settingsOf(resolvePluginConfig({}, pluginConfig));
const FROM_FLEX = { request: { headers: { 'content-type': 'application/json', origin: 'https://flex.twilio.com' } } };

let server: FakeTwilioServer;
let restoreIam: () => void;
let handler: Handler;
let flex: FakeFlexConfiguration;
const globals = globalThis as unknown as { Runtime?: unknown; Twilio?: unknown };

beforeAll(async () => {
  const iam = createFakeIam({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, users: USERS });
  flex = createFakeFlexConfiguration({
    accountSid: ACCOUNT_SID,
    credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN },
    uiAttributes: { ...OTHERS, supervisorInsights: { historyCacheDays: 3, historyUrl: 'https://insights-1.twil.io/insights-history' } },
  });
  server = await startFakeTwilio({ iam, flexConfiguration: flex });
  restoreIam = redirectIamTo(server.baseUrl);
  globals.Runtime = { getAssets: () => ({ '/insights-settings-handler.js': { path: SETTINGS_BUNDLE_PATH } }) };
  globals.Twilio = { Response: FakeResponse };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  handler = (require('../../serverless/functions/insights-settings.js') as { handler: Handler }).handler;
});

afterAll(async () => {
  restoreIam();
  delete globals.Runtime;
  delete globals.Twilio;
  await server.close();
});

function context(overrides: Record<string, unknown> = {}) {
  return { ACCOUNT_SID, AUTH_TOKEN, getTwilioClient: () => twilioClientFor(server.baseUrl, ACCOUNT_SID, AUTH_TOKEN), ...overrides };
}

function call(event: unknown, ctx: unknown = context()): Promise<FakeResponse> {
  return new Promise((resolve, reject) => {
    handler(ctx, event, (error, response) => (error ? reject(error) : resolve(response))).catch(reject);
  });
}

/** The stored ui_attributes text with one key left out, as the fake keeps it. */
function othersText(): string {
  const { supervisorInsights: _, ...rest } = flex.uiAttributes();
  return JSON.stringify(rest);
}

const imminentRed = (red: number): Settings => ({
  ...SETTINGS,
  thresholds: { ...SETTINGS.thresholds, bySupportType: { imminent: { longestWaitSec: { amber: Math.min(5, red - 1), red } } } },
});

describe('functions/insights-settings.js', () => {
  it('saves an admin’s settings under supervisorInsights only: every other key byte for byte, kept keys kept, the stamp written', async () => {
    const before = othersText();
    const updates = flex.updates;
    const alertRules = [{ id: 'imminent-wait', kind: 'contactWait', supportType: 'imminent', seconds: 30, severity: 'error', holdSec: 0, clearSec: 10 }] as const;
    const r = await call({ ...FROM_FLEX, Token: TOKENS.admin, baseVersion: 0, settings: { ...imminentRed(30), alertRules } });
    expect(r.statusCode).toBe(200);
    expect(r.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://flex.twilio.com', 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(flex.updates).toBe(updates + 1);
    expect(othersText()).toBe(before);
    const stored = flex.uiAttributes().supervisorInsights as Record<string, unknown>;
    expect(stored).toMatchObject({ historyCacheDays: 3, version: 1, savedBy: 'admin_40example_2Eorg', thresholds: imminentRed(30).thresholds });
    expect(Date.parse(stored.savedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(r.body).toEqual({ stored, saved: { version: 1, savedBy: 'admin_40example_2Eorg', savedAt: stored.savedAt } });
    // What the plugin reads at its next start.
    expect(resolvePluginConfig(flex.uiAttributes(), pluginConfig).thresholds.bySupportType).toEqual({ imminent: { longestWaitSec: { amber: 5, red: 30 } } });
    // The stored list replaces the bundled rules whole.
    expect(resolvePluginConfig(flex.uiAttributes(), pluginConfig).alertRules).toEqual(alertRules);
  });

  it('refuses a save made on a stale copy with 409, naming who saved and when, and writes nothing', async () => {
    const stored = flex.uiAttributes().supervisorInsights as { version: number; savedAt: string };
    const updates = flex.updates;
    const text = flex.uiAttributesText();
    const r = await call({ ...FROM_FLEX, Token: TOKENS.admin, baseVersion: stored.version - 1, settings: imminentRed(20) });
    expect(r.statusCode).toBe(409);
    expect(r.body).toEqual({
      error: { code: 'stale', message: expect.stringMatching(/saved by admin_40example_2Eorg at .* \(version 1\) after this copy \(version 0\)/), current: { version: 1, savedBy: 'admin_40example_2Eorg', savedAt: stored.savedAt } },
    });
    expect(flex.updates).toBe(updates);
    expect(flex.uiAttributesText()).toBe(text);
    // On the current version it goes through.
    expect((await call({ ...FROM_FLEX, Token: TOKENS.admin, baseVersion: String(stored.version), settings: imminentRed(20) })).statusCode).toBe(200);
    expect((flex.uiAttributes().supervisorInsights as { version: number }).version).toBe(2);
  });

  it.each([
    ['no token', {}, 401, 'missing_token'],
    ['a token Twilio does not accept', { Token: 'forged' }, 401, 'invalid_token'],
    ['a team leader', { Token: TOKENS.teamLeader }, 403, 'forbidden'],
    ['a supervisor with full Insights access', { Token: TOKENS.supervisor }, 403, 'forbidden'],
  ])('refuses %s and writes nothing', async (_, fields, status, code) => {
    const text = flex.uiAttributesText();
    const r = await call({ ...FROM_FLEX, baseVersion: 2, settings: imminentRed(10), ...fields });
    expect(r.statusCode).toBe(status);
    expect(r.body).toEqual({ error: { code, message: expect.any(String) } });
    expect(flex.uiAttributesText()).toBe(text);
  });

  it('refuses invalid settings with 400 and every problem by field, saving none of it', async () => {
    const text = flex.uiAttributesText();
    const bad = {
      ...SETTINGS,
      timeZone: 'Mars/Olympus',
      thresholds: { ...SETTINGS.thresholds, waitingNow: { amber: 9, red: 3 } },
      alertRules: [{ ...SETTINGS.alertRules[0], holdSec: -5 }],
    };
    const r = await call({ ...FROM_FLEX, Token: TOKENS.admin, baseVersion: 2, settings: bad });
    expect(r.statusCode).toBe(400);
    expect(r.body).toEqual({
      error: {
        code: 'invalid_settings',
        message: 'the settings were not saved: 3 problems',
        problems: [
          { field: 'thresholds.waitingNow', message: expect.stringMatching(/must be below red/) },
          { field: 'alertRules[0].holdSec', message: 'must be a number of seconds ≥ 0' },
          { field: 'timeZone', message: expect.stringMatching(/not an IANA time zone/) },
        ],
      },
    });
    expect(flex.uiAttributesText()).toBe(text);
    const noVersion = await call({ ...FROM_FLEX, Token: TOKENS.admin, settings: SETTINGS });
    expect(noVersion.statusCode).toBe(400);
    expect((noVersion.body as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('answers a preflight with CORS and a GET with 405 and Allow; an origin not allowed is not named', async () => {
    const pre = await call({ request: { headers: { origin: 'https://flex.twilio.com', 'access-control-request-method': 'POST' } } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['Access-Control-Allow-Origin']).toBe('https://flex.twilio.com');
    const get = await call({ request: { headers: { origin: 'https://flex.twilio.com' } }, Token: TOKENS.admin });
    expect(get.statusCode).toBe(405);
    expect(get.headers.Allow).toBe('POST, OPTIONS');
    const evil = await call({ request: { headers: { 'content-type': 'application/json', origin: 'https://evil.example' } }, Token: TOKENS.admin, baseVersion: 2, settings: SETTINGS });
    expect(evil.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('says so when the Flex Configuration cannot be written, and when a variable is missing', async () => {
    const { version } = flex.uiAttributes().supervisorInsights as { version: number };
    flex.failNext('POST', 503, 20503, 'Service Unavailable');
    const r = await call({ ...FROM_FLEX, Token: TOKENS.admin, baseVersion: version, settings: SETTINGS });
    expect(r.statusCode).toBe(502);
    expect(r.body).toEqual({ error: { code: 'upstream_failed', message: expect.stringMatching(/could not be written: .*status 503, code 20503/) } });
    const broken = await call({ ...FROM_FLEX, Token: TOKENS.admin, baseVersion: 2, settings: SETTINGS }, context({ AUTH_TOKEN: undefined }));
    expect(broken.statusCode).toBe(500);
    expect(broken.body).toEqual({ error: { code: 'upstream_failed', message: expect.stringMatching(/set AUTH_TOKEN/) } });
  });
});

describe('the fake Flex Configuration API', () => {
  const auth = { authorization: `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`, 'content-type': 'application/json' };
  const post = (f: FakeFlexConfiguration, body: unknown, headers: Record<string, string> = auth) =>
    f.handle({ method: 'POST', url: '/v1/Configuration', headers }, typeof body === 'string' ? body : JSON.stringify(body));

  it('replaces ui_attributes whole, as the documentation says, and keeps what was not sent', () => {
    const f = createFakeFlexConfiguration({ accountSid: ACCOUNT_SID, credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN }, uiAttributes: { a: 1, b: { c: 2 } } });
    expect(post(f, { account_sid: ACCOUNT_SID, ui_attributes: { b: { d: 3 } } }).status).toBe(200);
    expect(f.uiAttributes()).toEqual({ b: { d: 3 } });
    expect(post(f, { account_sid: ACCOUNT_SID, call_recording_enabled: true }).status).toBe(200);
    expect(f.uiAttributes()).toEqual({ b: { d: 3 } });
  });

  it.each([
    ['no credentials', { 'content-type': 'application/json' }, { account_sid: ACCOUNT_SID, ui_attributes: {} }, 401, 20003],
    ['no account_sid', auth, { ui_attributes: {} }, 400, 20001],
    ['another account_sid', auth, { account_sid: `AC${'0'.repeat(32)}`, ui_attributes: {} }, 400, 20001],
    ['a body that is not JSON', auth, '{', 400, 20001],
    ['ui_attributes not an object', auth, { account_sid: ACCOUNT_SID, ui_attributes: [] }, 400, 20001],
  ])('answers %s with Twilio’s error', (_, headers, body, status, code) => {
    const f = createFakeFlexConfiguration({ accountSid: ACCOUNT_SID, credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN }, uiAttributes: { a: 1 } });
    const r = post(f, body, headers);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code, status, message: expect.any(String), more_info: expect.stringContaining(String(code)) });
    expect(f.uiAttributes()).toEqual({ a: 1 });
  });

  it('loads and saves through its persistence', () => {
    let saved = JSON.stringify({ kept: true });
    const f = createFakeFlexConfiguration({ accountSid: ACCOUNT_SID, uiAttributes: { start: 1 }, persist: { load: () => saved, save: (t) => void (saved = t) } });
    expect(f.uiAttributes()).toEqual({ kept: true });
    post(f, { account_sid: ACCOUNT_SID, ui_attributes: { next: 2 } }, { 'content-type': 'application/json' });
    expect(JSON.parse(saved)).toEqual({ next: 2 });
  });
});

describe('the committed settings bundle', () => {
  it('is what `npm run build:serverless` makes from the current sources', async () => {
    const fresh = await bundleText(SETTINGS_BUNDLE_OPTIONS, SETTINGS_BUNDLE_PATH);
    expect(committedBundle(SETTINGS_BUNDLE_PATH) === fresh).toBe(true);
  });
});
