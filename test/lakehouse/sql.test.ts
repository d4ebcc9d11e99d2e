/**
 * lakehouse/sql is SQL both engines take: it parses with a Spark SQL grammar (dt-sql-parser's
 * SparkSQL, the ANTLR grammar of Spark's own parser), calls only functions of an allow-list
 * that DuckDB and Databricks SQL both have with the same meaning, and is what the generator
 * writes (so no view was edited by hand and left behind).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lakehouseSqlFiles } from '../../tools/lakehouse-sql';

const root = resolve(__dirname, '../..');
const dir = join(root, 'lakehouse/sql');
const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

/** dt-sql-parser is an ES module with directory imports, which neither Jest's sandbox nor plain Node resolves: it runs in a Node child under tsx, once for all texts. */
function sparkErrors(texts: readonly string[]): string[][] {
  const script = `
import('dt-sql-parser').then(({ SparkSQL }) => {
  const spark = new SparkSQL();
  const texts = JSON.parse(process.argv[1]);
  process.stdout.write(JSON.stringify(texts.map((t) => spark.validate(t).map((e) => e.startLine + ':' + e.startColumn + ' ' + e.message))));
});`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script, JSON.stringify(texts)], { cwd: root, encoding: 'utf8', timeout: 120_000 })) as string[][];
}
const fileErrors = sparkErrors(files.map((f) => readFileSync(join(dir, f), 'utf8')));

/** Functions both engines have, with the same results on these types (ROUND: half away from zero on DOUBLE). */
const BOTH_ENGINES = new Set(['SUM', 'COUNT', 'ROUND', 'CAST', 'COALESCE', 'ROW_NUMBER']);
/** Words a `(` may follow that are not function calls. */
const KEYWORDS = new Set(['FROM', 'JOIN', 'IN', 'AS', 'ON', 'AND', 'OR', 'WHERE', 'SELECT', 'OVER', 'UNION', 'NOT', 'EXISTS', 'USING']);

function functionsOf(sql: string): string[] {
  const text = sql.replace(/--.*$/gm, '').replace(/'[^']*'/g, "''");
  const out = new Set<string>();
  for (const m of text.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    const word = m[1].toUpperCase();
    if (!KEYWORDS.has(word)) out.add(word);
  }
  return [...out].sort();
}

describe('lakehouse/sql', () => {
  it('is what tools/lakehouse-sql.ts writes, file for file', () => {
    const generated = lakehouseSqlFiles();
    expect(files).toEqual(Object.keys(generated).sort());
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).toBe(generated[f]);
  });

  it.each(files.map((f, i) => [f, i] as const))('%s parses as Spark SQL', (_f, i) => {
    expect(fileErrors[i]).toEqual([]);
  });

  it.each(files)('%s calls only functions both engines have', (f) => {
    const used = functionsOf(readFileSync(join(dir, f), 'utf8'));
    expect(used.filter((fn) => !BOTH_ENGINES.has(fn))).toEqual([]);
  });

  it('the checks bite: DuckDB-only syntax fails to parse, and a DuckDB-only function is caught', () => {
    const [qualify, exclude, plain] = sparkErrors([
      'SELECT a FROM t QUALIFY ROW_NUMBER() OVER (ORDER BY a) = 1',
      'SELECT * EXCLUDE (a) FROM t',
      'SELECT a, COUNT(*) FROM t GROUP BY a',
    ]);
    expect(qualify.length).toBeGreaterThan(0);
    expect(exclude.length).toBeGreaterThan(0);
    expect(plain).toEqual([]);
    expect(functionsOf("SELECT list_value(a), epoch_ms(b), SUM(c) FROM t WHERE d IN (1)")).toEqual(['EPOCH_MS', 'LIST_VALUE', 'SUM']);
  });
});
