/** What the lakehouse tests compare of an export folder: every table's rows without the run id, sorted. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LAKEHOUSE_TABLES } from '../../src/core';
import { openDuck } from '../../src/lakehouse/writer';

/**
 * Every table's rows without the run id, sorted: what must not depend on delivery or on
 * the run. `presentOnly`: a table with no folder yet is left out (a run that wrote only
 * some days); otherwise a missing table fails the read.
 */
export async function tableContentsOf(dir: string, { presentOnly = false } = {}): Promise<Record<string, string[]>> {
  const { instance, connection } = await openDuck();
  const out: Record<string, string[]> = {};
  try {
    for (const t of LAKEHOUSE_TABLES) {
      if (presentOnly && !existsSync(join(dir, t))) continue;
      const reader = await connection.runAndReadAll(
        `SELECT * EXCLUDE (run_id) FROM read_parquet('${join(dir, t)}/day=*/*.parquet', hive_partitioning = true, hive_types = {'day': 'VARCHAR'})`,
      );
      out[t] = reader.getRowsJson().map((r) => JSON.stringify(r)).sort();
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return out;
}
