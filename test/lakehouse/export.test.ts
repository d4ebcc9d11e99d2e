/**
 * The export and its check over a simulated 3 days: DuckDB over the Parquet equals the
 * report for every slice, in Sydney across the start of daylight saving and in New York;
 * a re-exported day replaces only that day; a stopped run leaves the previous files; the
 * same events duplicated and reordered give the same tables; sink shapes read by the export
 * as by the report.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runExport } from '../../src/cli/export';
import { runCheck } from '../../src/cli/lakehouseCheck';
import { LAKEHOUSE_TABLES, type Report } from '../../src/core';
import { compareWithReport, queryLakehouse } from '../../src/lakehouse/check';
import { readManifest, recover } from '../../src/lakehouse/writer';
import { formatEvent, simulate } from '../../src/sources/simulator';
import { tableContentsOf } from './tableContents';

jest.setTimeout(120_000);

const scratch = mkdtempSync(join(tmpdir(), 'lakehouse-test-'));
// Sydney's clocks go forward at 02:00 on Sunday 2026-10-04: three local days from the 3rd.
const lines = [...simulate({ agents: 12, days: 3, seed: 7, start: '2026-10-02T14:00:00Z' })].map((e) => formatEvent(e, 'eventstreams'));
const file = join(scratch, 'events.ndjson');
writeFileSync(file, lines.join('\n') + '\n');

const partsOf = (dir: string, table: string): string[] =>
  readdirSync(join(dir, table))
    .filter((d) => d.startsWith('day='))
    .sort()
    .flatMap((d) => readdirSync(join(dir, table, d)).map((f) => `${d}/${f}`));

function contentsOf(dir: string): Promise<Record<string, string[]>> {
  return tableContentsOf(dir);
}

describe.each([
  // 72 hours from Sydney's midnight end at 01:00 on the 6th: the 4th has 23 hours.
  ['Australia/Sydney', ['2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06']],
  ['America/New_York', ['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05']],
])('export in %s', (tz, days) => {
  const dir = join(scratch, tz.replace('/', '-'));
  let report: Report;

  beforeAll(async () => {
    const summary = await runExport([file, '--out', dir, '--tz', tz], { runId: 'runA', hashKey: 'k' });
    expect(summary.days).toEqual(days);
    expect(summary.rows.events).toBe(lines.length);
  });

  it('writes every table as Hive-partitioned Parquet, one part file per day, with a manifest', () => {
    for (const t of ['conversations', 'queue_segments', 'engagements', 'invitations', 'agent_activity', 'workload_15m', 'agents', 'events']) {
      expect(partsOf(dir, t).length).toBeGreaterThan(0);
      for (const p of partsOf(dir, t)) expect(p).toMatch(/^day=\d{4}-\d{2}-\d{2}\/part-runA\.parquet$/);
      const m = readManifest(dir, t as (typeof LAKEHOUSE_TABLES)[number]);
      expect(Object.keys(m?.days ?? {})).toEqual(days);
      expect(Object.values(m?.days ?? {}).every((d) => d.runId === 'runA')).toBe(true);
    }
    const events = readManifest(dir, 'events');
    expect(Object.values(events?.days ?? {}).reduce((s, d) => s + d.rows, 0)).toBe(lines.length);
    expect(readFileSync(join(dir, 'events', `day=${days[1]}`, 'part-runA.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('DuckDB over the Parquet equals the report for every slice, to the count', async () => {
    const result = await runCheck([dir, file]);
    report = result.report;
    expect(result.differences).toEqual([]);
    // Every metric of every slice was compared, not a sample.
    expect(result.compared.bySupportType).toBe(Object.keys(report.bySupportType).length * 18);
    expect(result.compared.byDay).toBe(Object.keys(report.byDay).length * 18);
    expect(Object.keys(report.byDay)).toEqual(days);
    expect(result.compared.byInterval).toBe(Object.keys(report.byInterval ?? {}).length * 18);
    expect(report.totals.handled).toBeGreaterThan(100);
    // From the events table alone, the same.
    const fromTable = await runCheck([dir]);
    expect(fromTable.differences).toEqual([]);
    expect(fromTable.total).toBe(result.total);
  });

  it('a figure the SQL does not give is reported as a difference', async () => {
    const { views } = await queryLakehouse(dir, false);
    const wrong: Report = { ...report, totals: { ...report.totals, handled: report.totals.handled + 1 } };
    expect(compareWithReport(wrong, views).differences).toEqual([{ figure: 'totals[all].handled', report: report.totals.handled + 1, sql: report.totals.handled }]);
    const gone = { ...views, metrics_by_queue: views.metrics_by_queue.slice(1) };
    expect(compareWithReport(report, gone).differences.length).toBe(18);
  });
});

describe('incremental and idempotent days', () => {
  const dir = join(scratch, 'incremental');
  const tz = 'Australia/Sydney';
  let before: Record<string, string[]>;

  beforeAll(async () => {
    await runExport([file, '--out', dir, '--tz', tz], { runId: 'runA', hashKey: 'k' });
    before = await contentsOf(dir);
  });

  it('re-exporting one day replaces that day only, with the same rows', async () => {
    await runExport([file, '--out', dir, '--tz', tz, '--from', '2026-10-04', '--to', '2026-10-04'], { runId: 'runB', hashKey: 'k' });
    for (const t of ['engagements', 'events', 'agent_activity']) {
      expect(partsOf(dir, t)).toEqual([
        'day=2026-10-03/part-runA.parquet',
        'day=2026-10-04/part-runB.parquet',
        'day=2026-10-05/part-runA.parquet',
        'day=2026-10-06/part-runA.parquet',
      ]);
      expect(Object.fromEntries(Object.entries(readManifest(dir, t as 'events')?.days ?? {}).map(([d, e]) => [d, e.runId]))).toEqual({
        '2026-10-03': 'runA',
        '2026-10-04': 'runB',
        '2026-10-05': 'runA',
        '2026-10-06': 'runA',
      });
    }
    expect(await contentsOf(dir)).toEqual(before);
    expect((await runCheck([dir, file])).differences).toEqual([]);
  });

  it('a run stopped before its swap changes nothing; one stopped mid-swap is rolled back', async () => {
    const listing = (): string[] => LAKEHOUSE_TABLES.flatMap((t) => (existsSync(join(dir, t)) ? partsOf(dir, t) : []));
    const was = listing();
    const stopAt = (step: string) => (s: string): void => {
      if (s === step) throw new Error(`stopped at ${s}`);
    };
    await expect(runExport([file, '--out', dir, '--tz', tz], { runId: 'runC', hashKey: 'k', onStep: stopAt('copied') })).rejects.toThrow('stopped at copied');
    expect(listing()).toEqual(was);
    await expect(
      runExport([file, '--out', dir, '--tz', tz], { runId: 'runD', hashKey: 'k', onStep: stopAt('swapped engagements/2026-10-04') }),
    ).rejects.toThrow('stopped');
    // Mid-swap the stopped run's files are in place for some days: the next run (or recover) undoes it.
    expect(listing()).not.toEqual(was);
    expect(recover(dir).join('\n')).toMatch(/rolled back run runD/);
    expect(listing()).toEqual(was);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(await contentsOf(dir)).toEqual(before);
  });

  it('the same events duplicated and reordered give the same tables', async () => {
    // Every 7th line twice, and each run of 4 lines reversed (events minutes apart, inside the reorder window).
    const messy: string[] = [];
    for (let i = 0; i < lines.length; i += 4) messy.push(...lines.slice(i, i + 4).reverse());
    for (let i = 0; i < lines.length; i += 7) messy.push(lines[i]);
    const messyFile = join(scratch, 'messy.ndjson');
    writeFileSync(messyFile, messy.join('\n') + '\n');
    const other = join(scratch, 'messy');
    const summary = await runExport([messyFile, '--out', other, '--tz', tz], { runId: 'runE', hashKey: 'k' });
    expect(summary.input.duplicates).toBe(Math.ceil(lines.length / 7));
    expect(summary.input.rejected).toBe(0);
    expect(await contentsOf(other)).toEqual(before);
  });

  it('a gzip Firehose object of the same events (records run together) gives the same tables', async () => {
    const firehose = join(scratch, 'firehose-object');
    writeFileSync(firehose, gzipSync(lines.join('')));
    const other = join(scratch, 'firehose');
    const summary = await runExport([firehose, '--out', other, '--tz', tz], { runId: 'runF', hashKey: 'k' });
    expect(summary.input).toMatchObject({ read: lines.length, used: lines.length, rejected: 0 });
    expect(await contentsOf(other)).toEqual(before);
  });

  /** A Twilio Function's `event` per batch of 20: the CloudEvents under "0", "1", … with the request beside them. */
  const functionEvents = (): string => {
    const out: string[] = [];
    for (let i = 0; i < lines.length; i += 20) out.push(`{${lines.slice(i, i + 20).map((l, j) => `"${j}":${l}`).join(',')},"request":{"headers":{}}}`);
    return out.join('\n');
  };

  it.each([
    ['a gzip Firehose object', 'firehose.gz', (): Buffer => gzipSync(lines.join(''))],
    ["a Twilio Function's event objects, one a line", 'function.ndjson', functionEvents],
  ])('export reads %s as report does: lakehouse:check of its export against its report agrees', async (_shape, name, content) => {
    const input = join(scratch, name);
    writeFileSync(input, content());
    const other = join(scratch, `${name}-lake`);
    const summary = await runExport([input, '--out', other, '--tz', tz], { runId: 'runS', hashKey: 'k' });
    expect(summary.input).toMatchObject({ read: lines.length, used: lines.length, rejected: 0 });
    const check = await runCheck([other, input]);
    expect(check.differences).toEqual([]);
    expect(check.report.input).toMatchObject({ read: lines.length, used: lines.length, rejected: 0 });
    expect(check.total).toBeGreaterThan(1000);
  });

  it('refuses a folder exported in another zone', async () => {
    await expect(runExport([file, '--out', dir, '--tz', 'UTC'])).rejects.toThrow(/holds days in Australia\/Sydney/);
  });

  it('refuses a folder of another model version (its Parquet has other columns)', async () => {
    const old = join(scratch, 'version-1');
    mkdirSync(old);
    writeFileSync(join(old, '_lakehouse.json'), JSON.stringify({ modelVersion: '1', timeZone: tz, config: {} }));
    await expect(runExport([file, '--out', old, '--tz', tz])).rejects.toThrow(/model version 1, this export writes version 2: export every day into a new folder/);
  });
});
