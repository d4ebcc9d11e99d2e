/**
 * Contacts in the lakehouse: an export of a simulated day in each contact mode, read back
 * through DuckDB, every string column of every table scanned for the customers of the
 * input. With the CLI's default (`hash`) and with `mask` no customer's name, phone number
 * or email is anywhere; with `clear` they are (so the scan can find them).
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExportArgs, runExport } from '../../src/cli/export';
import { LAKEHOUSE_TABLES } from '../../src/core';
import { openDuck } from '../../src/lakehouse/writer';
import { formatEvent, simulate } from '../../src/sources/simulator';

jest.setTimeout(120_000);

const scratch = mkdtempSync(join(tmpdir(), 'lakehouse-contacts-'));
const sim = [...simulate({ agents: 6, days: 1, seed: 5 })];
const file = join(scratch, 'events.ndjson');
writeFileSync(file, sim.map((e) => formatEvent(e, 'eventstreams')).join('\n') + '\n');

interface Customer {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
}
const customers = new Map<string, Customer>();
for (const e of sim) {
  if (!e.task) continue;
  const c = (JSON.parse(e.task.attributes) as { customers?: Customer }).customers;
  if (c?.name) customers.set(c.name, c);
}
// What identifies a customer: each name, phone number (with and without its +) and email.
const needles = [...customers.values()].flatMap((c) => [c.name, c.phone, c.phone?.replace(/^\+/, ''), c.email]).filter((s): s is string => s !== undefined);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyCustomer = new RegExp(needles.map(escape).join('|'));

/** Every customer detail found in a string column, as `table.column: detail`. */
async function customerDetailsIn(dir: string): Promise<string[]> {
  const { instance, connection } = await openDuck();
  const found = new Set<string>();
  try {
    for (const t of LAKEHOUSE_TABLES) {
      const from = `read_parquet('${join(dir, t)}/day=*/*.parquet', hive_partitioning = true, hive_types = {'day': 'VARCHAR'})`;
      const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`))
        .getRowObjectsJson()
        .filter((c) => c.column_type === 'VARCHAR')
        .map((c) => String(c.column_name));
      for (const col of columns) {
        const values = (await connection.runAndReadAll(`SELECT DISTINCT ${col} FROM ${from} WHERE ${col} IS NOT NULL`)).getRows().map((r) => String(r[0]));
        for (const v of values) {
          const m = anyCustomer.exec(v);
          if (m) found.add(`${t}.${col}: ${m[0]}`);
        }
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return [...found].sort();
}

describe('contacts in the exported tables', () => {
  it('the simulated day has customers with names, phone numbers and emails to look for', () => {
    const all = [...customers.values()];
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((c) => c.phone !== undefined)).toBe(true);
    expect(all.some((c) => c.email !== undefined)).toBe(true);
    expect(parseExportArgs([file, '--out', scratch]).contacts).toBe('hash');
  });

  it('by default (hash) no string column of any table holds a customer detail; the hashes join', async () => {
    const dir = join(scratch, 'default');
    // No --contacts: the CLI's default.
    await runExport([file, '--out', dir], { runId: 'runH', hashKey: 'secret' });
    expect(await customerDetailsIn(dir)).toEqual([]);
    // The attributes' customer name is the conversation's customer_name: the same keyed digest.
    const { instance, connection } = await openDuck();
    try {
      const rows = (
        await connection.runAndReadAll(
          `SELECT DISTINCT c.customer_name, json_extract_string(e.task_attributes, '$.customers.name') AS attribute_name
           FROM read_parquet('${dir}/conversations/day=*/*.parquet') c
           JOIN read_parquet('${dir}/events/day=*/*.parquet') e ON c.task_sids LIKE '%' || e.task_sid || '%'
           WHERE e.event_type = 'task.created'`,
        )
      ).getRowObjectsJson();
      expect(rows.length).toBeGreaterThan(20);
      for (const r of rows) expect(r.attribute_name).toBe(r.customer_name);
      const someone = [...customers.keys()][0];
      const digest = createHmac('sha256', 'secret').update(someone).digest('hex').slice(0, 32);
      expect(rows.map((r) => r.customer_name)).toContain(digest);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('with --contacts mask no string column holds a customer detail', async () => {
    const dir = join(scratch, 'mask');
    await runExport([file, '--out', dir, '--contacts', 'mask'], { runId: 'runM' });
    expect(await customerDetailsIn(dir)).toEqual([]);
  });

  it('with --contacts clear the customers are there, in the conversations and the events', async () => {
    const dir = join(scratch, 'clear');
    await runExport([file, '--out', dir, '--contacts', 'clear'], { runId: 'runC' });
    const found = await customerDetailsIn(dir);
    expect(found.some((f) => f.startsWith('conversations.customer_name: '))).toBe(true);
    expect(found.some((f) => f.startsWith('conversations.customer_contact: '))).toBe(true);
    expect(found.some((f) => f.startsWith('events.task_attributes: '))).toBe(true);
  });
});
