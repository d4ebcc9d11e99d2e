/**
 * Export runs as the orchestrator runs them, as processes: two days exported at once into
 * one folder, again and again, each keeping its day and its manifest entries; a run killed
 * mid-swap (SIGKILL) while `lakehouse:check` refuses to read a folder mid-swap and then,
 * once the run is dead, rolls it back and agrees; `lakehouse:check`'s exit codes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runExport } from '../../src/cli/export';
import { LAKEHOUSE_TABLES } from '../../src/core';
import { readManifest } from '../../src/lakehouse/writer';
import { formatEvent, simulate } from '../../src/sources/simulator';
import { tableContentsOf } from './tableContents';

jest.setTimeout(300_000);

const root = resolve(__dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'lakehouse-runs-'));
const tz = 'Australia/Sydney';
// Two local days in Sydney, from its midnight.
const lines = [...simulate({ agents: 4, days: 2, seed: 9, start: '2026-11-15T13:00:00Z' })].map((e) => formatEvent(e, 'eventstreams'));
const file = join(scratch, 'events.ndjson');
writeFileSync(file, lines.join('\n') + '\n');
const DAYS = ['2026-11-16', '2026-11-17'];
const env = { ...process.env, LAKEHOUSE_HASH_KEY: 'k' };

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A CLI of src/cli in its own Node process. */
function cli(script: string, args: readonly string[]): Promise<Ran> {
  return node([join(root, 'src/cli', script), ...args]);
}

function node(args: readonly string[]): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

const exportDay = (dir: string, day: string): Promise<Ran> => cli('export.ts', [file, '--out', dir, '--tz', tz, '--from', day, '--to', day]);

function contentsOf(dir: string): Promise<Record<string, string[]>> {
  return tableContentsOf(dir, { presentOnly: true });
}

/** The days of each table's folder and manifest, with the run that wrote each. */
function daysOf(dir: string): Record<string, { folders: string[]; manifest: Record<string, string> }> {
  const out: Record<string, { folders: string[]; manifest: Record<string, string> }> = {};
  for (const t of LAKEHOUSE_TABLES) {
    const folders = existsSync(join(dir, t))
      ? readdirSync(join(dir, t))
          .filter((d) => d.startsWith('day='))
          .sort()
          .flatMap((d) => readdirSync(join(dir, t, d)).map((f) => `${d}/${f}`))
      : [];
    const manifest = Object.fromEntries(Object.entries(readManifest(dir, t)?.days ?? {}).map(([d, e]) => [d, e.runId]));
    out[t] = { folders, manifest };
  }
  return out;
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('.'));

let reference: Record<string, string[]>;

beforeAll(async () => {
  const dir = join(scratch, 'reference');
  const summary = await runExport([file, '--out', dir, '--tz', tz, '--from', DAYS[0], '--to', DAYS[1]], { runId: 'ref', hashKey: 'k' });
  expect(summary.days).toEqual(DAYS);
  reference = await contentsOf(dir);
  expect(reference.engagements.length).toBeGreaterThan(20);
});

describe('exports of different days at once into one folder', () => {
  it('as two processes, five times over (a new folder, then the days replaced): both days and every manifest entry kept', async () => {
    const dir = join(scratch, 'parallel');
    for (let round = 0; round < 5; round++) {
      if (round % 2 === 0) rmSync(dir, { recursive: true, force: true });
      const ran = await Promise.all(DAYS.map((d) => exportDay(dir, d)));
      for (const r of ran) expect({ code: r.code, stderr: r.stderr.replace(/^export: contacts hashed.*\n/m, '') }).toEqual({ code: 0, stderr: '' });
      const runIds = ran.map((r) => (JSON.parse(r.stdout) as { runId: string }).runId);
      const want = { folders: DAYS.map((d, i) => `day=${d}/part-${runIds[i]}.parquet`), manifest: { [DAYS[0]]: runIds[0], [DAYS[1]]: runIds[1] } };
      const days = daysOf(dir);
      // Every table has both days (agents, events, activity, …: each is written every day).
      for (const t of LAKEHOUSE_TABLES.filter((t) => t !== 'media_links' && t !== 'invitations')) expect([t, days[t]]).toEqual([t, want]);
      for (const t of LAKEHOUSE_TABLES) expect([t, days[t].manifest]).toEqual([t, want.manifest]);
      expect(leftovers(dir)).toEqual([]);
      expect(await contentsOf(dir)).toEqual(reference);
    }
  });

  it('in one process, ten times over into the same folder', async () => {
    const dir = join(scratch, 'parallel-in-process');
    for (let round = 0; round < 10; round++) {
      const runIds = [`r${round}a`, `r${round}b`];
      await Promise.all(DAYS.map((d, i) => runExport([file, '--out', dir, '--tz', tz, '--from', d, '--to', d], { runId: runIds[i], hashKey: 'k' })));
      for (const t of LAKEHOUSE_TABLES) expect([t, daysOf(dir)[t].manifest]).toEqual([t, { [DAYS[0]]: runIds[0], [DAYS[1]]: runIds[1] }]);
      expect(leftovers(dir)).toEqual([]);
    }
    expect(await contentsOf(dir)).toEqual(reference);
  });
});

describe('a run killed mid-swap', () => {
  const dir = join(scratch, 'killed');
  const marker = join(scratch, 'paused');

  it('readers are refused while it swaps, another day goes on beside it, and once it is dead lakehouse:check rolls it back and agrees', async () => {
    expect((await exportDay(dir, DAYS[0])).code).toBe(0);
    expect((await exportDay(dir, DAYS[1])).code).toBe(0);
    const before = daysOf(dir);
    let otherRun = '';
    // A run of the first day stops mid-swap (its engagements swapped in, the rest not) and
    // waits there until it is killed.
    const paused = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const { writeFileSync } = require('node:fs');
         const { runExport } = require(${JSON.stringify(join(root, 'src/cli/export.ts'))});
         runExport(${JSON.stringify([file, '--out', dir, '--tz', tz, '--from', DAYS[0], '--to', DAYS[0]])}, {
           runId: 'killed',
           onStep: (s) => {
             if (s !== 'swapped engagements/${DAYS[0]}') return;
             writeFileSync(${JSON.stringify(marker)}, s);
             Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600000);
           },
         });`,
      ],
      { cwd: root, env, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((done) => paused.on('exit', (_code, signal) => done(signal)));
    try {
      for (let waited = 0; !existsSync(marker); waited += 100) {
        if (waited > 120_000) throw new Error('the paused run never reached its swap');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(daysOf(dir).engagements.folders).toContain(`day=${DAYS[0]}/part-killed.parquet`);

      const refused = await cli('lakehouseCheck.ts', [dir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/run killed \(pid \d+ on .+\) is swapping days into .*: run again when it has finished/);
      // The same day waits for the live run, here briefly, then fails naming it.
      await expect(runExport([file, '--out', dir, '--tz', tz, '--from', DAYS[0], '--to', DAYS[0]], { runId: 'blocked', hashKey: 'k', leaseWaitMs: 500 })).rejects.toThrow(
        /days being exported by another run .*2026-11-16 by run killed \(pid/,
      );
      // The other day is free: a run of it goes through, its staging kept apart from the paused one's.
      const other = await exportDay(dir, DAYS[1]);
      expect(other.code).toBe(0);
      otherRun = (JSON.parse(other.stdout) as { runId: string }).runId;
    } finally {
      paused.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');

    const checked = await cli('lakehouseCheck.ts', [dir, file]);
    expect(checked.stderr).toMatch(/rolled back run killed, which stopped during its swap/);
    expect(checked.stdout).toMatch(/all figures agree/);
    expect(checked.code).toBe(0);
    const after = daysOf(dir);
    // The first day is the one before the killed run, the second the one written beside it.
    for (const t of LAKEHOUSE_TABLES) {
      expect(after[t].manifest[DAYS[0]]).toBe(before[t].manifest[DAYS[0]]);
      expect(after[t].folders.filter((f) => f.startsWith(`day=${DAYS[0]}`))).toEqual(before[t].folders.filter((f) => f.startsWith(`day=${DAYS[0]}`)));
      expect(after[t].manifest[DAYS[1]]).toBe(otherRun);
    }
    expect(leftovers(dir)).toEqual([]);
    expect(await contentsOf(dir)).toEqual(reference);
  });
});

describe('lakehouse:check as a command', () => {
  it('exits 0 when every figure agrees and 1, naming the figures, when the events differ from what was exported', async () => {
    const dir = join(scratch, 'check');
    await runExport([file, '--out', dir, '--tz', tz], { runId: 'chk', hashKey: 'k' });
    const agrees = await cli('lakehouseCheck.ts', [dir, file]);
    expect(agrees.code).toBe(0);
    expect(agrees.stdout).toMatch(/all figures agree/);
    // The same events without one contact's: the report counts one conversation fewer.
    const task = /"task_sid":"(WT[0-9a-f]+)"/.exec(lines.find((l) => l.includes('"task.created"')) as string)?.[1] as string;
    const fewer = join(scratch, 'fewer.ndjson');
    writeFileSync(fewer, lines.filter((l) => !l.includes(task)).join('\n') + '\n');
    const differs = await cli('lakehouseCheck.ts', [dir, fewer]);
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(/^DIFFERS totals\[all\]\.conversations: report \d+, sql \d+$/m);
    expect(differs.stdout).toMatch(/\d+ figures differ/);
    const usage = await cli('lakehouseCheck.ts', [join(scratch, 'nothing-here')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/holds no lakehouse export/);
  });
});
