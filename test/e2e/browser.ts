/**
 * Headless Chromium (Debian's, installed by .ci/run when missing) driven by
 * playwright-core, and the sandbox served by Vite on a free loopback port.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(__dirname, 'screenshots');

export async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    executablePath: CHROMIUM,
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
}

export async function startSandbox(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    configFile: resolve(__dirname, '../../vite.config.mjs'),
    // No hot reload: a source file saved while a test runs must not reload the page under it.
    server: { port: 0, host: '127.0.0.1', hmr: false },
    logLevel: 'error',
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the sandbox server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

export interface SandboxSession {
  readonly browser: BrowserContext;
  readonly page: Page;
  readonly url: string;
}

/**
 * For a node:test suite: the sandbox and a browser page, opened before the tests and
 * closed after them. Read `session()` inside the tests.
 */
export function sandboxSession(hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void }): () => SandboxSession {
  let current: (SandboxSession & { server: ViteDevServer }) | undefined;
  hooks.before(async () => {
    const { url, server } = await startSandbox();
    const browser = await launchBrowser();
    current = { browser, page: await browser.newPage(), url, server };
  });
  hooks.after(async () => {
    await current?.browser.close();
    await current?.server.close();
  });
  return () => {
    if (!current) throw new Error('the sandbox session is used before its before() hook ran');
    return current;
  };
}
