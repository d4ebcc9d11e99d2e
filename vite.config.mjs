// The sandbox: a Flex-like host page for the plugin, served from src/sandbox by `npm start`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';
import { defaultSandboxRun, pinnedNow } from './src/sandbox/server/historyParams.ts';
import { sandboxHistoryMiddleware, warmUpHistory } from './src/sandbox/server/historyServer.ts';
import { RECORDING_PATH, sandboxRecordingMiddleware } from './src/sandbox/server/recording.ts';
import { sandboxSettingsMiddleware } from './src/sandbox/server/settingsServer.ts';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const version = (name) => JSON.stringify(require(`${name}/package.json`).version);

/** flex-plugin.config.js is CommonJS (as the Flex tooling expects); serve it to the browser as a module. */
const commonJsConfig = {
  name: 'flex-plugin-config-as-module',
  transform(code, id) {
    if (!id.endsWith('/flex-plugin.config.js')) return null;
    return { code: `const module = { exports: {} };\n${code}\nexport default module.exports;\n`, map: null };
  },
};

/** The call recording the sandbox's media link to (src/sandbox/server/recording.ts). */
const sandboxRecording = {
  name: 'sandbox-recording',
  configureServer(server) {
    server.middlewares.use(RECORDING_PATH, sandboxRecordingMiddleware());
  },
};

/** The history function on the dev server: the serverless handler over the fake Events API (src/sandbox/server/historyServer.ts). */
const sandboxHistory = {
  name: 'sandbox-history',
  configureServer(server) {
    server.middlewares.use(sandboxHistoryMiddleware());
    // Simulate the default page's month in the background once the server listens, and
    // stop when it closes: that work alone would keep node running for seconds.
    // SANDBOX_NOW names the instant pages pin with `?now=` (the browser tests do), whose
    // month is another run than today's.
    const stop = new AbortController();
    server.httpServer?.once('close', () => stop.abort());
    server.httpServer?.once('listening', () => {
      const address = server.httpServer.address();
      if (!address || typeof address === 'string') return;
      const pinned = pinnedNow(process.env.SANDBOX_NOW);
      if (process.env.SANDBOX_NOW && pinned === undefined) console.warn(`[supervisor-insights] SANDBOX_NOW=${process.env.SANDBOX_NOW} is not an ISO instant with Z or an offset; warming up today`);
      const now = pinned ?? Date.now();
      warmUpHistory(defaultSandboxRun(now), `http://127.0.0.1:${address.port}`, now, stop.signal).catch((error) => {
        console.error('[supervisor-insights] sandbox history warm-up failed', error);
      });
    });
  },
};

/** The Settings function on the dev server, over a fake Flex Configuration kept in .sandbox-data/ (src/sandbox/server/settingsServer.ts). */
const sandboxSettings = {
  name: 'sandbox-settings',
  configureServer(server) {
    server.middlewares.use(sandboxSettingsMiddleware());
  },
};

export default defineConfig({
  root: 'src/sandbox',
  plugins: [commonJsConfig, sandboxRecording, sandboxHistory, sandboxSettings],
  // What the Flex build defines for @twilio/flex-plugin.
  define: {
    __FPB_PLUGIN_UNIQUE_NAME: JSON.stringify(pkg.name),
    __FPB_PLUGIN_VERSION: JSON.stringify(pkg.version),
    __FPB_FLEX_PLUGIN_SCRIPTS_VERSION: version('@twilio/flex-plugin-scripts'),
    __FPB_FLEX_PLUGIN_VERSION: version('@twilio/flex-plugin'),
    __FPB_FLEX_UI_VERSION: version('@twilio/flex-ui'),
    __FPB_REACT_VERSION: version('react'),
    __FPB_REACT_DOM_VERSION: version('react-dom'),
  },
  esbuild: { jsx: 'transform', jsxFactory: 'React.createElement', jsxFragment: 'React.Fragment' },
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false, fs: { allow: ['../..'] } },
  clearScreen: false,
});
