/**
 * The rooms of the house, as ESLint's no-restricted-imports enforces them: src/core stays
 * pure (no UI, state or Twilio imports, nothing of another room); sources and the
 * Functions import only the core; the store never imports views, Flex or sources; views
 * never import Flex or sources. Each rule is shown to bite on an import that breaks it,
 * and to leave the allowed imports alone.
 *
 * ESLint's Node API loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox
 * cannot do without --experimental-vm-modules, so the API (`new ESLint({ cwd })` + `lintText`)
 * runs in a plain Node child process, once for all cases.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const RULE = 'no-restricted-imports';
const forbidden = ['react', 'zustand', '@twilio/flex-ui', '@twilio-paste/core/table'];

interface LintCase {
  code: string;
  filePath: string;
}
interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

const lintInChild = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    out.push(result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { console.error(err); process.exit(1); });
`;

function lintAll(cases: LintCase[]): LintMessage[][] {
  const stdout = execFileSync(process.execPath, ['-e', lintInChild, JSON.stringify(cases)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout) as LintMessage[][];
}

const importOf = (mod: string) => `import * as m from '${mod}';\nexport const used = m;\n`;

const cases: Record<string, LintCase> = {};
for (const mod of forbidden) {
  cases[`core:${mod}`] = { code: importOf(mod), filePath: 'src/core/x.ts' };
  cases[`views:${mod}`] = { code: importOf(mod), filePath: 'src/views/x.tsx' };
}
cases['core:react/jsx-runtime'] = { code: `export { jsx } from 'react/jsx-runtime';\n`, filePath: 'src/core/nested/y.ts' };
cases['core:plain'] = {
  code: `import path from 'node:path';\nimport { a } from './a';\nexport const b = [path, a];\n`,
  filePath: 'src/core/x.ts',
};

/** [room file, import, the rule's words]: each must be refused. */
const BROKEN: readonly (readonly [string, string, RegExp])[] = [
  ['src/core/x.ts', '../store', /core must stay pure/],
  ['src/core/x.ts', '../sources/live', /core must stay pure/],
  ['src/sources/backfill/x.ts', '../../store', /src\/sources import only src\/core/],
  ['src/sources/live/x.ts', '../../flex/connect', /src\/sources import only src\/core/],
  ['src/sources/x.ts', '../views/common', /src\/sources import only src\/core/],
  ['src/sources/live/x.ts', '@twilio/flex-ui', /src\/sources import only src\/core/],
  ['serverless/src/x.ts', '../../src/store/scope', /serverless\/src imports only src\/core/],
  ['serverless/src/x.ts', '../../src/sources/backfill', /serverless\/src imports only src\/core/],
  ['src/store/x.ts', '../sources/backfill', /src\/store is a thin layer/],
  ['src/store/x.ts', '../views/common', /src\/store is a thin layer/],
  ['src/store/x.ts', '../flex', /src\/store is a thin layer/],
  ['src/views/settings/x.ts', '../../flex/runtimeConfig', /src\/views read the store and the core/],
  ['src/views/x.tsx', '../sources/live', /src\/views read the store and the core/],
];

/** [room file, import]: allowed. */
const ALLOWED: readonly (readonly [string, string])[] = [
  ['src/sources/backfill/x.ts', '../../core'],
  ['src/sources/backfill/x.ts', '../live'],
  ['src/sources/backfill/x.ts', 'idb'],
  ['serverless/src/x.ts', '../../src/core'],
  ['serverless/src/x.ts', '../../flex-plugin.config.js'],
  ['src/store/x.ts', '../core'],
  ['src/store/x.ts', 'zustand/vanilla'],
  ['src/views/x.tsx', '../store'],
  ['src/views/agents/x.tsx', '../../core'],
  ['src/flex/x.ts', '../sources/live'],
  ['src/flex/x.ts', '../store'],
];

for (const [file, mod] of BROKEN) cases[`broken:${file}:${mod}`] = { code: importOf(mod), filePath: file };
for (const [file, mod] of ALLOWED) cases[`allowed:${file}:${mod}`] = { code: importOf(mod), filePath: file };

let results: Record<string, LintMessage[]> = {};

beforeAll(() => {
  const keys = Object.keys(cases);
  const out = lintAll(keys.map((k) => cases[k]));
  results = Object.fromEntries(keys.map((k, i) => [k, out[i].filter((m) => m.ruleId === RULE)]));
}, 60_000);

describe('the rooms (ESLint no-restricted-imports)', () => {
  it.each(BROKEN)('%s may not import %s', (file, mod, words) => {
    const messages = results[`broken:${file}:${mod}`];
    expect(messages).toHaveLength(1);
    expect(messages[0].severity).toBe(2);
    expect(messages[0].message).toMatch(words);
  });

  it.each(ALLOWED)('%s may import %s', (file, mod) => {
    expect(results[`allowed:${file}:${mod}`]).toHaveLength(0);
  });
});

describe('src/core purity (ESLint no-restricted-imports)', () => {
  it.each(forbidden)('rejects importing %s from src/core', (mod) => {
    const messages = results[`core:${mod}`];
    expect(messages).toHaveLength(1);
    expect(messages[0].severity).toBe(2);
    expect(messages[0].message).toMatch(/core must stay pure/);
  });

  it.each(forbidden)('does not apply the rule to %s imported from src/views', (mod) => {
    expect(results[`views:${mod}`]).toHaveLength(0);
  });

  it('catches subpaths such as react/jsx-runtime in src/core', () => {
    expect(results['core:react/jsx-runtime'].length).toBeGreaterThan(0);
  });

  it('leaves node: and relative imports in src/core alone', () => {
    expect(results['core:plain']).toHaveLength(0);
  });
});
