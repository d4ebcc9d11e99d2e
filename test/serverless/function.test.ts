/**
 * The Twilio Function as deployed: functions/insights-history.js with the committed
 * bundle, the real token validator and a real `twilio` client from `context`, against
 * the fakes over HTTP; and the committed bundle is what the build makes now.
 */
import { BUNDLE_PATH, bundleText, committedBundle } from '../../serverless/build';
import { createFakeEventsApi, type FakeEventResource } from '../../src/sandbox/fakes/fakeEventsApi';
import { createFakeIam } from '../../src/sandbox/fakes/fakeEventsApiIam';
import { startFakeTwilio, twilioClientFor, type FakeTwilioServer } from '../../src/sandbox/fakes/fakeEventsApiServer';
import { simulate, toEventsApi } from '../../src/sources/simulator';
import { ACCOUNT_SID, AUTH_TOKEN, USERS, TOKENS, WORKSPACE_SID, redirectIamTo } from './world';

jest.setTimeout(60_000);

/** What Twilio.Response records. */
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

// The Function runs against the real clock, so its day is yesterday, not the tests' fixed one.
const DAY = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
const FROM = new Date(DAY).toISOString();
const TO = new Date(DAY + 86_400_000).toISOString();
const RESOURCES = [...simulate({ agents: 6, days: 1, seed: 11, start: DAY })].map((e) => toEventsApi(e) as unknown as FakeEventResource);

let server: FakeTwilioServer;
let restoreIam: () => void;
let handler: Handler;
const globals = globalThis as unknown as { Runtime?: unknown; Twilio?: unknown };

beforeAll(async () => {
  const api = createFakeEventsApi(RESOURCES, { workspaceSid: WORKSPACE_SID, credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN } });
  const iam = createFakeIam({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, users: USERS });
  server = await startFakeTwilio({ api, iam });
  restoreIam = redirectIamTo(server.baseUrl);
  globals.Runtime = { getAssets: () => ({ '/insights-history-handler.js': { path: BUNDLE_PATH } }) };
  globals.Twilio = { Response: FakeResponse };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  handler = (require('../../serverless/functions/insights-history.js') as { handler: Handler }).handler;
});

afterAll(async () => {
  restoreIam();
  delete globals.Runtime;
  delete globals.Twilio;
  await server.close();
});

function context(overrides: Record<string, unknown> = {}) {
  return {
    ACCOUNT_SID,
    AUTH_TOKEN,
    TWILIO_WORKSPACE_SID: WORKSPACE_SID,
    getTwilioClient: () => twilioClientFor(server.baseUrl, ACCOUNT_SID, AUTH_TOKEN),
    ...overrides,
  };
}

/** What Twilio's runtime puts in `event.request` for the plugin's JSON POST from Flex. */
const FROM_FLEX = { request: { headers: { 'content-type': 'application/json', origin: 'https://flex.twilio.com' } } };

function call(ctx: unknown, event: unknown): Promise<FakeResponse> {
  return new Promise((resolve, reject) => {
    handler(ctx, event, (error, response) => (error ? reject(error) : resolve(response))).catch(reject);
  });
}

describe('functions/insights-history.js', () => {
  it('pages a day for a supervisor through the Twilio Runtime interfaces', async () => {
    let cursor: string | undefined;
    let total = 0;
    let pages = 0;
    do {
      const r = await call(context(), { ...FROM_FLEX, Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: '200', ...(cursor ? { cursor } : {}) });
      expect(r.statusCode).toBe(200);
      expect(r.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://flex.twilio.com', 'Content-Type': 'application/json' });
      const body = r.body as { events: unknown[]; cursor?: string; scope: string };
      expect(body.scope).toBe('all');
      total += body.events.length;
      cursor = body.cursor;
      pages++;
    } while (cursor);
    expect(total).toBe(RESOURCES.length);
    expect(pages).toBe(Math.ceil(RESOURCES.length / 200));
  });

  it('refuses a bad token with 401 and a user without roles with 403', async () => {
    expect((await call(context(), { ...FROM_FLEX, Token: 'nope', from: FROM, to: TO })).statusCode).toBe(401);
    expect((await call(context(), { ...FROM_FLEX, Token: TOKENS.nobody, from: FROM, to: TO })).statusCode).toBe(403);
  });

  it('answers a GET (the token in the URL) with 405 and Allow, without reading TaskRouter or the token', async () => {
    // Twilio passes no method: a GET's query lands in the event like a body, but no body type comes with it.
    const r = await call(context(), { request: { headers: { origin: 'https://flex.twilio.com' } }, Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(r.statusCode).toBe(405);
    expect(r.headers.Allow).toBe('POST, OPTIONS');
    expect(r.body).toEqual({ error: { code: 'method_not_allowed', message: expect.stringMatching(/use POST/) } });
    expect(JSON.stringify(r.body)).not.toContain('"events"');
  });

  it('names no CORS origin for an origin not allowed (default: Flex only), and names one set in ALLOWED_ORIGINS', async () => {
    const evil = { request: { headers: { 'content-type': 'application/json', origin: 'https://evil.example' } } };
    const refused = await call(context(), { ...evil, Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: '5' });
    expect(refused.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(refused.headers.Vary).toBe('Origin');
    const configured = await call(context({ ALLOWED_ORIGINS: 'https://evil.example, https://flex.twilio.com' }), { ...evil, Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: '5' });
    expect(configured.headers['Access-Control-Allow-Origin']).toBe('https://evil.example');
    // A set-up failure keeps to the same origins.
    const broken = await call(context({ TWILIO_WORKSPACE_SID: undefined }), { ...evil, Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(broken.statusCode).toBe(500);
    expect(broken.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('says which variable is missing', async () => {
    const r = await call(context({ TWILIO_WORKSPACE_SID: undefined }), { ...FROM_FLEX, Token: TOKENS.supervisor, from: FROM, to: TO });
    expect(r.statusCode).toBe(500);
    expect(r.body).toEqual({ error: { code: 'upstream_failed', message: expect.stringMatching(/set TWILIO_WORKSPACE_SID/) } });
  });
});

describe('the committed bundle', () => {
  it('is what `npm run build:serverless` makes from the current sources', async () => {
    const fresh = await bundleText();
    // A failure here means src/ or serverless/src changed: run `npm run build:serverless` and commit the result.
    expect(committedBundle() === fresh).toBe(true);
  });
});
