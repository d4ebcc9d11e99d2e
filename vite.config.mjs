// The sandbox: a Flex-like host page for the plugin, served from src/sandbox by `npm start`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root: 'src/sandbox',
  plugins: [commonJsConfig],
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
