/**
 * Opt-in: the setup and the metric SQL on a real Databricks SQL warehouse, through
 * @databricks/sql, compared with DuckDB over a local copy of the same export. Runs only
 * with DATABRICKS_HOST, DATABRICKS_TOKEN and DATABRICKS_HTTP_PATH set, plus
 * DATABRICKS_LAKEHOUSE_URL (where the export was uploaded, `s3://bucket/prefix`),
 * DATABRICKS_SCHEMA (`catalog.schema`) and DATABRICKS_LAKEHOUSE_DIR (the local copy);
 * the external location (setup step 1) is the admin's and is not run here.
 * Without them it says it was skipped.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHECK_VIEWS, queryLakehouse, sqlFiles, type SqlRow } from '../../src/lakehouse/check';

const NEEDED = ['DATABRICKS_HOST', 'DATABRICKS_TOKEN', 'DATABRICKS_HTTP_PATH', 'DATABRICKS_LAKEHOUSE_URL', 'DATABRICKS_SCHEMA', 'DATABRICKS_LAKEHOUSE_DIR'];
const missing = NEEDED.filter((k) => !process.env[k]);
const enabled = missing.length === 0;
if (!enabled) {
  process.stderr.write(`databricks.test.ts: skipped, not run on a real warehouse (set ${missing.join(', ')})\n`);
}

/** The setup's statements for this workspace: steps 2 and 3 (tables, partitions), placeholders filled in. */
function setupStatements(url: string, schema: string): string[] {
  const [catalog, name] = schema.split('.');
  const text = readFileSync(resolve(__dirname, '../../lakehouse/databricks/setup.sql'), 'utf8')
    .replace(/s3:\/\/<bucket>\/<prefix>/g, url.replace(/\/$/, ''))
    .replace(/<catalog>/g, catalog)
    .replace(/<schema>/g, name);
  return text
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^CREATE EXTERNAL LOCATION/i.test(s));
}

const normalise = (rows: readonly Record<string, unknown>[]): string[] =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v === null || v === undefined ? null : typeof v === 'boolean' || typeof v === 'string' ? v : Number(v)])),
      ),
    )
    .sort();

(enabled ? describe : describe.skip)('on Databricks SQL', () => {
  jest.setTimeout(600_000);

  it('the setup runs and every metric view gives the rows DuckDB gives', async () => {
    const { DBSQLClient } = await import('@databricks/sql');
    const client = new DBSQLClient();
    await client.connect({ host: process.env.DATABRICKS_HOST as string, path: process.env.DATABRICKS_HTTP_PATH as string, token: process.env.DATABRICKS_TOKEN as string });
    const session = await client.openSession();
    const run = async (sql: string): Promise<Record<string, unknown>[]> => {
      const op = await session.executeStatement(sql);
      const rows = (await op.fetchAll()) as Record<string, unknown>[];
      await op.close();
      return rows;
    };
    try {
      const schema = process.env.DATABRICKS_SCHEMA as string;
      for (const s of setupStatements(process.env.DATABRICKS_LAKEHOUSE_URL as string, schema)) await run(s);
      await run(`USE ${schema}`);
      for (const f of sqlFiles()) await run(f.text.replace(/;\s*$/, ''));
      const { views } = await queryLakehouse(join(process.env.DATABRICKS_LAKEHOUSE_DIR as string), false);
      for (const v of CHECK_VIEWS) {
        expect({ view: v, rows: normalise(await run(`SELECT * FROM ${v}`)) }).toEqual({ view: v, rows: normalise(views[v] as SqlRow[]) });
      }
    } finally {
      await session.close();
      await client.close();
    }
  });
});

describe('the opt-in Databricks test', () => {
  it(enabled ? 'runs against the warehouse above' : `is skipped without ${NEEDED.slice(0, 3).join(', ')}`, () => {
    expect(missing.length === 0).toBe(enabled);
  });
});
