/**
 * Rows on their way to Parquet: appended as they come, through DuckDB's appender, into one
 * table per lakehouse table of a DuckDB database file in a scratch folder (so a month of a
 * large centre never sits in memory as rows: DuckDB writes its blocks to that file past its
 * memory cap). No JSON on the way: each value goes in as its column's type, times and
 * durations as exact doubles of milliseconds that the writer's SELECT turns into
 * TIMESTAMPTZ / BIGINT. Counts rows per table and local day for the manifests.
 *
 * Memory: the appends run in one transaction, each appender flushed into it every
 * `FLUSH_ROWS` rows, and DuckDB is capped low (192 MB, one thread) while rows come (the
 * fold's heap is beside it; 128 MB is too little for the transaction's row groups). An appender left alone buffers 204,800 rows before it flushes (about 140 MB of
 * `events` rows, outside DuckDB's cap); flushing without the transaction commits each
 * flush and makes DuckDB rewrite its last row group at every checkpoint (three times
 * slower). The cap is raised (256 MB, every core) for the writer's COPY, when the fold is gone.
 */
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LAKEHOUSE_TABLES, TABLE_COLUMNS, type Column, type LakehouseTable, type Row, type RowValue } from '../core/tableRows';

/** The spool's column type for a lakehouse column type: times and integers as doubles of ms (exact below 2^53). */
const SPOOL_TYPES = { string: 'VARCHAR', int: 'DOUBLE', bool: 'BOOLEAN', timestamp: 'DOUBLE' } as const;

const spoolTable = (table: LakehouseTable): string => `spool_${table}`;

/** Rows an appender holds before it is flushed into the transaction (10 of DuckDB's 2,048-row vectors). */
const FLUSH_ROWS = 20_480;

/** DuckDB's memory cap while rows are appended, and while the writer copies them out as Parquet. */
export interface SpoolMemory {
  readonly appending: string;
  readonly copying: string;
}
const SPOOL_MEMORY: SpoolMemory = { appending: '192MB', copying: '256MB' };

type Append = (a: DuckDBAppender, v: RowValue | undefined) => void;

const appendString: Append = (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendVarchar(typeof v === 'string' ? v : String(v)));
const appendNumber: Append = (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendDouble(Number(v)));
const appendBool: Append = (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendBoolean(Boolean(v)));
const APPENDERS: Readonly<Record<Column[1], Append>> = { string: appendString, int: appendNumber, bool: appendBool, timestamp: appendNumber };

export class Spool {
  readonly dir: string;
  /** Rows per table per local day. */
  readonly counts = new Map<LakehouseTable, Map<string, number>>();
  private readonly appenders = new Map<LakehouseTable, DuckDBAppender>();
  /** Rows appended since each appender's last flush. */
  private readonly unflushed = new Map<LakehouseTable, number>();
  private readonly columns = new Map<LakehouseTable, readonly (readonly [string, Append])[]>();
  private closed = false;

  private constructor(
    dir: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly memory: SpoolMemory,
  ) {
    this.dir = dir;
  }

  /**
   * Opens the spool's database in `dir` (in UTC, memory capped, insertion order not kept) with
   * an empty table and an appender per lakehouse table, in a transaction.
   */
  static async open(dir: string, memory: SpoolMemory = SPOOL_MEMORY): Promise<Spool> {
    mkdirSync(dir, { recursive: true });
    const instance = await DuckDBInstance.create(join(dir, 'spool.duckdb'), {
      memory_limit: memory.appending,
      preserve_insertion_order: 'false',
      temp_directory: join(dir, 'duckdb.tmp'),
    });
    const connection = await instance.connect();
    const spool = new Spool(dir, instance, connection, memory);
    try {
      await connection.run("SET TimeZone = 'UTC'");
      // The appenders are one thread; DuckDB's own threads only add buffers until the copy.
      await connection.run('SET threads = 1');
      for (const t of LAKEHOUSE_TABLES) {
        const cols = TABLE_COLUMNS[t];
        await connection.run(`CREATE TABLE ${spoolTable(t)} (${cols.map(([n, ty]) => `${n} ${SPOOL_TYPES[ty]}`).join(', ')})`);
      }
      await connection.run('BEGIN TRANSACTION');
      for (const t of LAKEHOUSE_TABLES) {
        const cols = TABLE_COLUMNS[t];
        spool.appenders.set(t, await connection.createAppender(spoolTable(t)));
        spool.unflushed.set(t, 0);
        spool.columns.set(t, cols.map(([n, ty]) => [n, APPENDERS[ty]] as const));
        spool.counts.set(t, new Map());
      }
    } catch (err) {
      spool.dispose();
      throw err;
    }
    return spool;
  }

  /** The SELECT of a spooled table as the lakehouse types it (timestamps from epoch ms). */
  select(table: LakehouseTable): string {
    const cols = TABLE_COLUMNS[table].map(([n, t]) =>
      t === 'timestamp' ? `make_timestamptz(CAST(${n} AS BIGINT) * 1000) AS ${n}` : t === 'int' ? `CAST(${n} AS BIGINT) AS ${n}` : n,
    );
    return `SELECT ${cols.join(', ')} FROM ${spoolTable(table)}`;
  }

  readonly emit = (table: LakehouseTable, row: Row): void => {
    const day = row.day as string;
    const perDay = this.counts.get(table) as Map<string, number>;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    const a = this.appenders.get(table) as DuckDBAppender;
    for (const [name, append] of this.columns.get(table) as readonly (readonly [string, Append])[]) append(a, row[name]);
    a.endRow();
    const n = (this.unflushed.get(table) as number) + 1;
    if (n < FLUSH_ROWS) {
      this.unflushed.set(table, n);
    } else {
      a.flushSync();
      this.unflushed.set(table, 0);
    }
  };

  rows(table: LakehouseTable): number {
    let n = 0;
    for (const c of (this.counts.get(table) as Map<string, number>).values()) n += c;
    return n;
  }

  /**
   * Flushes and closes the appenders and commits: every emitted row is in its table. Then
   * raises DuckDB's memory cap for the copy out.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const a of this.appenders.values()) a.closeSync();
    this.appenders.clear();
    await this.connection.run('COMMIT');
    await this.connection.run(`SET memory_limit = '${this.memory.copying}'`);
    await this.connection.run('RESET threads');
  }

  /** Closes the database (after `close`, and after the writer has copied the tables out); rows not committed are dropped. */
  dispose(): void {
    try {
      if (!this.closed) for (const a of this.appenders.values()) a.closeSync();
      this.closed = true;
      this.appenders.clear();
    } finally {
      this.connection.closeSync();
      this.instance.closeSync();
    }
  }
}
