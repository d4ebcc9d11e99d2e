// ESLint flat config: typescript-eslint recommended (no type information, kept fast).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const coreMustStayPure =
  'src/core must stay pure: no React, React DOM, zustand, Twilio Flex or Paste imports (put UI and state code under src/views or src/store).';

// The rooms of the house (docs/house.md). Relative imports climb with `../`; a room is named
// by the first folder after the climb (`src/` when coming from serverless/).
// Node-only packages of the lakehouse: never in the plugin bundle or a Function.
const NODE_ONLY = ['@duckdb/*', '@databricks/*', 'dt-sql-parser', 'dt-sql-parser/*'];
const FRAMEWORKS = ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@twilio/*', '@twilio-paste/*'];
const room = (names) => `^(\\.\\./)+(src/)?(${names.join('|')})(/|$)`;
const rooms = (files, names, message, extraGroups = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: room(names), message },
          ...(extraGroups.length > 0 ? [{ group: extraGroups, message }] : []),
        ],
      },
    ],
  },
});

export default defineConfig(
  {
    ignores: ['node_modules/', 'build/', 'dist/', 'coverage/', 'tools/fs-stub/', '.ci/', 'serverless/assets/', 'serverless/node_modules/'],
  },
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // CommonJS config files (flex-plugin.config.js, webpack.config.js, jest.config.cjs, tools/*.cjs).
    files: ['**/*.cjs', 'flex-plugin.config.js', 'webpack.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Twilio Functions: CommonJS run by the Twilio Runtime, which provides Twilio and Runtime.
    files: ['serverless/functions/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { exports: 'writable', require: 'readonly', Twilio: 'readonly', Runtime: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  rooms(['src/core/**'], ['store', 'views', 'flex', 'sources', 'sandbox', 'cli', 'serverless', 'lakehouse'], coreMustStayPure, [...FRAMEWORKS, ...NODE_ONLY]),
  rooms(
    ['src/sources/**'],
    ['store', 'views', 'flex', 'sandbox', 'cli', 'serverless', 'lakehouse'],
    'src/sources import only src/core (and each other): hand events on through a callback or sink that src/flex builds from the store.',
    ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@twilio/flex-ui', '@twilio/flex-ui/*', '@twilio-paste/*', ...NODE_ONLY],
  ),
  rooms(
    ['serverless/src/**'],
    ['store', 'views', 'flex', 'sources', 'sandbox', 'cli', 'lakehouse'],
    'serverless/src imports only src/core: put shared policy and contracts in the core.',
    NODE_ONLY,
  ),
  rooms(
    ['src/store/**'],
    ['views', 'flex', 'sources', 'sandbox', 'cli', 'serverless', 'lakehouse'],
    'src/store is a thin layer over src/core: no views, Flex, sources, sandbox or CLI (src/flex wires sources to the store).',
    ['react', 'react/*', 'react-dom', 'react-dom/*', '@twilio/*', '@twilio-paste/*', ...NODE_ONLY],
  ),
  rooms(
    ['src/views/**'],
    ['flex', 'sources', 'sandbox', 'cli', 'serverless', 'lakehouse'],
    'src/views read the store and the core, never src/flex or a source: the host hands them what they need as props.',
    NODE_ONLY,
  ),
  rooms(
    ['src/flex/**', 'src/*.ts', 'src/*.tsx'],
    ['lakehouse', 'cli', 'sandbox'],
    'The plugin never bundles the lakehouse writer (DuckDB is Node only), the CLI or the sandbox.',
    NODE_ONLY,
  ),
  rooms(
    ['src/lakehouse/**'],
    ['store', 'views', 'flex', 'sandbox', 'cli', 'serverless'],
    'src/lakehouse writes and reads Parquet over the core table rows and the sources\' file readers; nothing of the plugin.',
  ),
);
