/**
 * The sandbox's Settings function, on the Vite dev server (Node side; the browser never
 * imports this file): `POST /insights-settings` answered by the very handler the Twilio
 * Function runs (`serverless/src/settingsHandler.ts`), over the fake Flex Configuration
 * API (`../fakes/fakeFlexConfiguration.ts`) through a real `twilio` client's request
 * shape; `GET /sandbox/flex-configuration` gives the page the stored `ui_attributes`, as
 * Flex gives `manager.serviceConfiguration` at start.
 *
 * Persisted to `.sandbox-data/flex-configuration.json` (git-ignored; `SANDBOX_DATA_DIR`
 * moves it, the browser tests use a fresh folder), so a reload, or a restart of the dev
 * server, keeps what was saved. Sandbox-only: the token validator reads the sandbox token
 * and checks nothing (the real function validates Flex tokens with Twilio).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { createSettingsHandler, type FlexConfigurationLike, type SettingsHandler } from '../../../serverless/src/settingsHandler';
import { SETTINGS_PATH } from '../../core';
import { WORKSPACE } from '../../sources/simulator';
import { readBody } from '../fakes/fakeEventsApiServer';
import { createFakeFlexConfiguration, type FakeFlexConfiguration } from '../fakes/fakeFlexConfiguration';
import { validateSandboxToken } from './historyServer';

export const FLEX_CONFIGURATION_PATH = '/sandbox/flex-configuration';

/** Where the sandbox keeps the Flex configuration it writes. */
export function sandboxDataFile(dir: string = process.env.SANDBOX_DATA_DIR ?? join(process.cwd(), '.sandbox-data')): string {
  return join(dir, 'flex-configuration.json');
}

/** The fake over a file: read at start, written after each update. */
export function fileBackedFlexConfiguration(file: string): FakeFlexConfiguration {
  return createFakeFlexConfiguration({
    accountSid: WORKSPACE.accountSid,
    persist: {
      load: () => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return undefined;
        }
      },
      save: (text) => {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      },
    },
  });
}

/** `client.flexApi.v1.configuration()` over the fake, in process, as twilio-node would send and read it. */
export function fakeConfigurationClient(fake: FakeFlexConfiguration): FlexConfigurationLike {
  const call = (method: 'GET' | 'POST', body = ''): { uiAttributes?: unknown } => {
    const answer = fake.handle({ method, url: '/v1/Configuration', headers: { 'content-type': 'application/json' } }, body);
    if (answer.status !== 200) {
      const b = answer.body as { code?: number; message?: string };
      throw Object.assign(new Error(b.message ?? 'Flex Configuration API error'), { status: answer.status, code: b.code });
    }
    return { uiAttributes: (answer.body as { ui_attributes?: unknown }).ui_attributes };
  };
  return { fetch: async () => call('GET'), update: async (body) => call('POST', JSON.stringify(body)) };
}

function send(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === null ? '' : JSON.stringify(body));
}

/** A connect middleware for Vite: the Settings function and the page's read of the configuration. */
export function sandboxSettingsMiddleware(file: string = sandboxDataFile()) {
  const fake = fileBackedFlexConfiguration(file);
  const handlers = new Map<string, SettingsHandler>();
  const handlerFor = (origin: string): SettingsHandler => {
    let h = handlers.get(origin);
    if (!h) {
      // The page and the function share the dev server's origin: that one is allowed, no other.
      h = createSettingsHandler({ validateToken: validateSandboxToken, configuration: fakeConfigurationClient(fake), accountSid: WORKSPACE.accountSid, allowedOrigins: [origin] });
      handlers.set(origin, h);
    }
    return h;
  };
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path === FLEX_CONFIGURATION_PATH) {
      send(res, 200, { 'Cache-Control': 'no-store' }, { ui_attributes: fake.uiAttributes() });
      return;
    }
    if (path !== SETTINGS_PATH) {
      next();
      return;
    }
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    (async () => {
      let event: unknown = {};
      if (req.method === 'POST') {
        try {
          event = JSON.parse(await readBody(req));
        } catch (err) {
          send(res, 400, {}, { error: { code: 'bad_request', message: `the body must be JSON: ${err instanceof Error ? err.message : String(err)}` } });
          return;
        }
      }
      const answer = await handlerFor(origin)(event, { method: req.method, headers: req.headers });
      send(res, answer.status, answer.headers, answer.body);
    })().catch((err: unknown) => {
      send(res, 500, {}, { error: { code: 'upstream_failed', message: `sandbox settings failed: ${err instanceof Error ? err.message : String(err)}` } });
    });
  };
}
