/**
 * Headless Chromium (Debian's, installed by .ci/run when missing) driven by
 * playwright-core, and the sandbox served by Vite on a free loopback port.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { DEFAULT_CONFIG, createCalendar } from '../../src/core';
import { CHROMIUM, assertChromium } from './chromium';

export { CHROMIUM, assertChromium, chromiumMissing } from './chromium';
export const SCREENSHOTS = resolve(__dirname, 'screenshots');

/**
 * Where the browser tests pin the sandbox's clock (`?now=`): a Wednesday at 15:00 in the
 * plugin's zone. Real time made the tests depend on the hour they ran: early in the day,
 * "today so far" lacked the conversations they look for.
 */
export const E2E_NOW = new Date(createCalendar(DEFAULT_CONFIG.timeZone).fromLocal(2025, 11, 19, 15)).toISOString();

/** The sandbox page at E2E_NOW: `sandboxUrl(url, 'role=sdl&speed=0')`. */
export function sandboxUrl(base: string, query = ''): string {
  return `${base}?now=${E2E_NOW}${query ? `&${query}` : ''}`;
}

/** Playwright waits three minutes by default for a browser that never comes up. */
const LAUNCH_TIMEOUT_MS = 60_000;

export async function launchBrowser(): Promise<BrowserContext> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  try {
    return await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      timeout: LAUNCH_TIMEOUT_MS,
      viewport: { width: 1280, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`Chromium at ${CHROMIUM} did not start: ${reason}`, { cause: err });
  }
}

/**
 * The sandbox's dev server. `now`: the instant its pages will be pinned to, so the
 * server warms up that run's history rather than today's (SANDBOX_NOW, read by
 * vite.config.mjs when it listens).
 */
export async function startSandbox(options: { now?: string } = {}): Promise<{ url: string; server: ViteDevServer }> {
  if (options.now !== undefined) process.env.SANDBOX_NOW = options.now;
  // Saved settings go to a folder of this run's (kept across the servers it starts), never the developer's .sandbox-data/.
  process.env.SANDBOX_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'sandbox-data-'));
  const server = await createServer({
    configFile: resolve(__dirname, '../../vite.config.mjs'),
    // No hot reload: a source file saved while a test runs must not reload the page under it.
    server: { port: 0, host: '127.0.0.1', hmr: false },
    logLevel: 'error',
  });
  try {
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('the sandbox server has no port');
    return { url: `http://127.0.0.1:${address.port}/`, server };
  } catch (err) {
    await server.close();
    throw err;
  }
}

export interface OpenSandbox {
  readonly url: string;
  readonly server: ViteDevServer;
  readonly browser: BrowserContext;
  /** Closes the browser, then the server (also when the browser fails to close). */
  close(): Promise<void>;
}

/**
 * The sandbox and a browser, or neither: an open server keeps node running, so a browser
 * that cannot start must not leave one behind. Chromium is looked for first, before the
 * seconds a server takes to start.
 */
export async function openSandbox(options: { now?: string } = {}): Promise<OpenSandbox> {
  assertChromium();
  const { url, server } = await startSandbox(options);
  let browser: BrowserContext;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    url,
    server,
    browser,
    async close() {
      try {
        await browser.close();
      } finally {
        await server.close();
      }
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

export interface SandboxSession {
  readonly browser: BrowserContext;
  readonly page: Page;
  /** The sandbox page at E2E_NOW (`sandboxUrl`): `at('role=sdl&speed=0')`. */
  at(query?: string): string;
}

/**
 * For a node:test suite: the sandbox and a browser page, opened before the tests and
 * closed after them, its pages pinned to E2E_NOW. Read `session()` inside the tests.
 */
export function sandboxSession(hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void }): () => SandboxSession {
  let open: OpenSandbox | undefined;
  let page: Page | undefined;
  hooks.before(async () => {
    open = await openSandbox({ now: E2E_NOW });
    page = await open.browser.newPage();
  });
  hooks.after(async () => {
    await open?.close();
  });
  return () => {
    if (!open || !page) throw new Error('the sandbox session is used before its before() hook ran');
    const url = open.url;
    return { browser: open.browser, page, at: (query) => sandboxUrl(url, query) };
  };
}
