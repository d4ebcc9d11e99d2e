// The rooms of the house (docs/house.md) as import rules, checked by `npm run lint`
// (depcruise) beside ESLint's no-restricted-imports, which names the rule in the editor.
// Data flows one way: source → canonical events → core → store → selectors → views.
const { existsSync } = require('node:fs');

const ROOMS = '^src/(store|views|flex|sources|sandbox|cli|lakehouse)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Import cycles hide which module is the lower one; the house has none.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-core',
      severity: 'error',
      comment: 'src/core is pure: it imports only itself.',
      from: { path: '^src/core/' },
      to: { path: ['^src/(?!core/)', '^serverless/', '^flex-plugin[.]config[.]js$'] },
    },
    {
      name: 'sources-import-core',
      severity: 'error',
      comment: 'Sources import only the core (and each other); src/flex plugs them into the store.',
      from: { path: '^src/sources/' },
      to: { path: [ROOMS, '^serverless/'], pathNot: '^src/sources/' },
    },
    {
      name: 'store-imports-core',
      severity: 'error',
      comment: 'The store is a thin layer over the core: no views, Flex, sources, sandbox or CLI.',
      from: { path: '^src/store/' },
      to: { path: [ROOMS, '^serverless/'], pathNot: '^src/store/' },
    },
    {
      name: 'serverless-imports-core',
      severity: 'error',
      comment: 'The Functions share the core with the plugin, nothing else (the plugin config file is data).',
      from: { path: '^serverless/src/' },
      to: { path: ROOMS },
    },
    {
      name: 'views-read-store-and-core',
      severity: 'error',
      comment: 'Views read the store and the core; never Flex, a source, the sandbox or the CLI.',
      from: { path: '^src/views/' },
      to: { path: '^src/(flex|sources|sandbox|cli)/' },
    },
    {
      name: 'plugin-never-imports-lakehouse',
      severity: 'error',
      comment: 'DuckDB and the Parquet writer are Node only: nothing the plugin or a Function bundles may reach src/lakehouse or @duckdb.',
      from: { path: ['^src/(core|store|views|flex|sources|sandbox)/', '^src/[^/]+$', '^serverless/src/'] },
      to: { path: ['^src/lakehouse/', '(^|/)node_modules/@duckdb/', '(^|/)node_modules/@databricks/', '(^|/)node_modules/dt-sql-parser/'] },
    },
    {
      name: 'lakehouse-imports-core-and-sources',
      severity: 'error',
      comment: 'src/lakehouse writes and reads Parquet over the core\'s table rows; it never sees the store, views, Flex or the sandbox.',
      from: { path: '^src/lakehouse/' },
      to: { path: '^src/(store|views|flex|sandbox|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^serverless/assets/' },
    tsPreCompilationDeps: true,
    // The project's tsconfig where there is one (a test cruises a scratch tree without).
    ...(existsSync('tsconfig.json') ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
