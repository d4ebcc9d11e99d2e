// Jest configuration. Named .cjs on purpose: the Flex plugin tooling treats a
// jest.config.js in the project root as its own.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node', // view tests opt into jsdom with a `/** @jest-environment jsdom */` docblock
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/bench/'],
  // A test's own time, not a speed target (benchmarks check speed): view tests that render
  // Paste forms take seconds on a loaded 2-core machine, and 5 s made them fail by load.
  testTimeout: 30_000,
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/'],
  // The views import a few recharts modules by their ES path (src/views/overview/TrendChart.tsx);
  // under Jest, as `recharts` itself, they are the CommonJS build.
  moduleNameMapper: { '^recharts/es6/(.*)$': 'recharts/lib/$1' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'cjs', 'mjs', 'json'],
  transform: {
    // Transpile only (ts-jest 29 does so because tsconfig.json sets isolatedModules: true);
    // type checking is done by `npm run typecheck` (tsc).
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
};
