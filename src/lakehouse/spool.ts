/**
 * Rows on their way to Parquet: one NDJSON file per table in a scratch folder, written in
 * 1 MB appends as rows come, so a month of a large centre never sits in memory as rows.
 * Counts rows per table and local day for the manifests.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LAKEHOUSE_TABLES, type LakehouseTable, type Row } from '../core/tableRows';

const FLUSH_CHARS = 1 << 20;

export class Spool {
  readonly dir: string;
  private readonly fds = new Map<LakehouseTable, number>();
  private readonly buffers = new Map<LakehouseTable, string>();
  /** Rows per table per local day. */
  readonly counts = new Map<LakehouseTable, Map<string, number>>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    for (const t of LAKEHOUSE_TABLES) {
      this.fds.set(t, openSync(this.pathOf(t), 'w'));
      this.buffers.set(t, '');
      this.counts.set(t, new Map());
    }
  }

  pathOf(table: LakehouseTable): string {
    return join(this.dir, `${table}.ndjson`);
  }

  readonly emit = (table: LakehouseTable, row: Row): void => {
    const day = row.day as string;
    const perDay = this.counts.get(table) as Map<string, number>;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    const b = (this.buffers.get(table) as string) + JSON.stringify(row) + '\n';
    if (b.length >= FLUSH_CHARS) {
      writeSync(this.fds.get(table) as number, b);
      this.buffers.set(table, '');
    } else {
      this.buffers.set(table, b);
    }
  };

  rows(table: LakehouseTable): number {
    let n = 0;
    for (const c of (this.counts.get(table) as Map<string, number>).values()) n += c;
    return n;
  }

  /** Writes what is buffered and closes the files. */
  close(): void {
    for (const t of LAKEHOUSE_TABLES) {
      const fd = this.fds.get(t) as number;
      const b = this.buffers.get(t) as string;
      if (b.length > 0) writeSync(fd, b);
      closeSync(fd);
    }
    this.fds.clear();
  }
}
