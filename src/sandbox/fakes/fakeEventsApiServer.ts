/**
 * Node-side wrappers of the fake Events API (`fakeEventsApi.ts`): an HTTP server, a
 * connect-style middleware for Vite's dev server, and a real `twilio` client whose
 * requests go to the fake instead of Twilio. Node only: the browser sandbox never
 * imports this file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { FakeEventsApi, FakeResponse } from './fakeEventsApi';
import type { FakeIam } from './fakeEventsApiIam';
import type { FakeFlexConfiguration } from './fakeFlexConfiguration';

/** The fakes one server answers: TaskRouter's Events API, the token validator's endpoint, the Flex Configuration API. */
export interface TwilioFakes {
  readonly api?: FakeEventsApi;
  readonly iam?: FakeIam;
  readonly flexConfiguration?: FakeFlexConfiguration;
}

export interface FakeTwilioServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Request bodies larger than this are refused (the fakes only ever read a small JSON body). */
const MAX_BODY_BYTES = 64 * 1024;

/** A request's body as text, refused beyond 64 KB (the fakes only read small JSON or form bodies). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: FakeResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body === undefined || answer.body === null ? '' : JSON.stringify(answer.body));
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

/** Answers TaskRouter paths from `api`, the token validation path from `iam`, `/v1/Configuration` from `flexConfiguration`; false for anything else. */
async function answer(req: IncomingMessage, res: ServerResponse, fakes: TwilioFakes): Promise<boolean> {
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  if (fakes.iam && /^\/v1\/Accounts\/[^/]+\/Tokens\/validate(\?|$)/.test(url)) {
    send(res, fakes.iam.handle({ method, url, headers: headersOf(req) }, await readBody(req)));
    return true;
  }
  if (fakes.flexConfiguration && /^\/v1\/Configuration(\?|$)/.test(url)) {
    send(res, fakes.flexConfiguration.handle({ method, url, headers: headersOf(req) }, await readBody(req)));
    return true;
  }
  if (fakes.api && url.startsWith('/v1/Workspaces/')) {
    send(res, fakes.api.handle({ method, url, headers: headersOf(req) }));
    return true;
  }
  return false;
}

/** Serves the fakes on 127.0.0.1 at a free port. */
export async function startFakeTwilio(fakes: TwilioFakes): Promise<FakeTwilioServer> {
  const server: Server = createServer((req, res) => {
    answer(req, res, fakes)
      .then((done) => {
        if (!done) send(res, { status: 404, headers: { 'content-type': 'application/json' }, body: { code: 20404, message: `no fake for ${req.url}`, status: 404 } });
      })
      .catch((error: unknown) => {
        send(res, { status: 400, headers: { 'content-type': 'application/json' }, body: { code: 20001, message: String(error), status: 400 } });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A connect middleware (Vite's `server.middlewares.use(prefix, …)`) answering the fakes'
 * paths below the prefix it is mounted at, and passing anything else on.
 */
export function fakeTwilioMiddleware(fakes: TwilioFakes) {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    answer(req, res, fakes)
      .then((done) => {
        if (!done) next();
      })
      .catch(next);
  };
}

/**
 * A real `twilio` client whose every request (TaskRouter, and any other `*.twilio.com`
 * domain) goes to `baseUrl` instead, path and query unchanged: the fake's next-page links
 * name TaskRouter's own host, as the real ones do, and are redirected the same way.
 */
export function twilioClientFor(baseUrl: string, accountSid: string, authToken: string, clientOptions: twilio.ClientOpts = {}): twilio.Twilio {
  const target = new URL(baseUrl);
  const inner = new twilio.RequestClient({ timeout: 10_000 });
  const httpClient = Object.create(inner) as typeof inner;
  httpClient.request = (opts) => {
    const url = new URL(opts.uri);
    if (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com')) {
      url.protocol = target.protocol;
      url.host = target.host;
      url.pathname = `${target.pathname.replace(/\/+$/, '')}${url.pathname}`;
    }
    return inner.request({ ...opts, uri: url.href });
  };
  return twilio(accountSid, authToken, { ...clientOptions, httpClient });
}
