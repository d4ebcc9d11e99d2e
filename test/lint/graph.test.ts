/**
 * The import graph (dependency-cruiser, `.dependency-cruiser.cjs`, also run by `npm run
 * lint`): the project's own has no cycle and no arrow out of a room that may import only
 * the core; and the rules bite, on a scratch tree that breaks each of them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const depcruise = path.join(repoRoot, 'node_modules', '.bin', 'depcruise');
const config = path.join(repoRoot, '.dependency-cruiser.cjs');

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly cycle?: readonly unknown[];
}

function cruise(cwd: string, roots: readonly string[]): { violations: Violation[]; modules: number } {
  let out: string;
  try {
    out = execFileSync(depcruise, [...roots, '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8', timeout: 60_000 });
  } catch (err) {
    // Exit code 1+ with violations: the JSON is still on stdout.
    out = (err as { stdout?: string }).stdout ?? '';
  }
  const result = JSON.parse(out) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: result.summary.violations, modules: result.summary.totalCruised };
}

describe('the import graph', () => {
  it('the project has no cycle and no arrow out of its rooms', () => {
    const { violations, modules } = cruise(repoRoot, ['src', 'serverless/src']);
    expect(modules).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  }, 60_000);

  describe('the rules bite', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rooms-'));
    const put = (file: string, code: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), code);
    };
    let violations: Violation[] = [];
    beforeAll(() => {
      put('src/core/index.ts', `export const core = 1;\n`);
      put('src/store/index.ts', `import { core } from '../core';\nimport { a } from './a';\nexport const store = core + a;\n`);
      put('src/store/a.ts', `import { store } from './index';\nexport const a = 1;\nexport const again = () => store;\n`);
      put('src/sources/live.ts', `import { store } from '../store';\nexport const live = store;\n`);
      put('src/views/tab.ts', `import { flex } from '../flex/edge';\nexport const tab = flex;\n`);
      put('src/flex/edge.ts', `import { live } from '../sources/live';\nexport const flex = live;\n`);
      put('serverless/src/fn.ts', `import { store } from '../../src/store';\nexport const fn = store;\n`);
      put('src/store/leak.ts', `import { live } from '../sources/live';\nexport const leak = live;\n`);
      put('src/core/bad.ts', `import { store } from '../store';\nexport const bad = store;\n`);
      violations = cruise(dir, ['src', 'serverless/src']).violations;
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['no-cycle', 'src/store/a.ts'],
      ['sources-import-core', 'src/sources/live.ts'],
      ['views-read-store-and-core', 'src/views/tab.ts'],
      ['serverless-imports-core', 'serverless/src/fn.ts'],
      ['core-imports-core', 'src/core/bad.ts'],
      ['store-imports-core', 'src/store/leak.ts'],
    ])('%s: %s', (rule, from) => {
      expect(violations.filter((v) => v.rule.name === rule).map((v) => v.from)).toContain(from);
    });

    it('the Flex edge may plug a source in', () => {
      expect(violations.filter((v) => v.from === 'src/flex/edge.ts')).toEqual([]);
    });
  });
});
