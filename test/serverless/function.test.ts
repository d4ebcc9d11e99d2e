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
      const r = await call(context(), { Token: TOKENS.supervisor, from: FROM, to: TO, pageSize: '200', ...(cursor ? { cursor } : {}) });
      expect(r.statusCode).toBe(200);
      expect(r.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' });
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
    expect((await call(context(), { Token: 'nope', from: FROM, to: TO })).statusCode).toBe(401);
    expect((await call(context(), { Token: TOKENS.nobody, from: FROM, to: TO })).statusCode).toBe(403);
  });

  it('says which variable is missing', async () => {
    const r = await call(context({ TWILIO_WORKSPACE_SID: undefined }), { Token: TOKENS.supervisor, from: FROM, to: TO });
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
