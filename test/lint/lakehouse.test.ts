/**
 * The lakehouse room: DuckDB and the Parquet writer are Node only, so the core, the
 * plugin's rooms and the Functions may not import src/lakehouse or the Node-only packages
 * (ESLint names the rule; dependency-cruiser checks the whole graph in `npm run lint`);
 * the CLI may, and the lakehouse reads the core's table rows.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const lintInChild = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { console.error(err); process.exit(1); });
`;
const importOf = (mod: string): string => `import * as m from '${mod}';\nexport const used = m;\n`;

const cases: [name: string, filePath: string, mod: string, refused: boolean][] = [
  ['core → src/lakehouse', 'src/core/x.ts', '../lakehouse/writer', true],
  ['core → @duckdb/node-api', 'src/core/x.ts', '@duckdb/node-api', true],
  ['flex → src/lakehouse', 'src/flex/x.ts', '../lakehouse/writer', true],
  ['flex → @duckdb/node-api', 'src/flex/x.ts', '@duckdb/node-api', true],
  ['plugin entry → @duckdb/node-api', 'src/index.ts', '@duckdb/node-api', true],
  ['views → @duckdb/node-api', 'src/views/x.tsx', '@duckdb/node-api', true],
  ['store → src/lakehouse', 'src/store/x.ts', '../lakehouse/check', true],
  ['sources → src/lakehouse', 'src/sources/x.ts', '../lakehouse/spool', true],
  ['serverless → @databricks/sql', 'serverless/src/x.ts', '@databricks/sql', true],
  ['lakehouse → src/store', 'src/lakehouse/x.ts', '../store/cells', true],
  ['cli → src/lakehouse', 'src/cli/x.ts', '../lakehouse/writer', false],
  ['lakehouse → core table rows', 'src/lakehouse/x.ts', '../core/tableRows', false],
  ['lakehouse → @duckdb/node-api', 'src/lakehouse/x.ts', '@duckdb/node-api', false],
];

describe('the lakehouse room', () => {
  const results = JSON.parse(
    execFileSync(process.execPath, ['-e', lintInChild, JSON.stringify(cases.map(([, filePath, mod]) => ({ filePath, code: importOf(mod) })))], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    }),
  ) as number[];
  it.each(cases.map((c, i) => [c[0], c[1], c[2], c[3], i] as const))('%s (%s imports %s, refused: %s)', (_name, _file, _mod, refused, i) => {
    expect(results[i] > 0).toBe(refused);
  });
});
