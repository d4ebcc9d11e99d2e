// ESLint flat config: typescript-eslint recommended (no type information, kept fast).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const coreMustStayPure =
  'src/core must stay pure: no React, React DOM, zustand, Twilio Flex or Paste imports (put UI and state code under src/views or src/state).';

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
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@twilio/*', '@twilio-paste/*'],
              message: coreMustStayPure,
            },
          ],
        },
      ],
    },
  },
);
