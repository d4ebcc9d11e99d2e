/**
 * `npm run bench`: the engine against the JSON.parse floor on a simulated month.
 *
 *   (a) parseSec: read the NDJSON and JSON.parse every line, nothing else (the floor);
 *   (b) reportSec: the full report over the same file (read, parse, fold, report);
 *   (c) incrementalMedianUs: one more event applied to the month's state and the totals
 *       read again, median over the last 10,000 events of the stream.
 *
 * The last line printed is one JSON object with the figures. Options:
 * `-- --agents 300 --days 21 --seed 1` (≥ 1,000,000 events, simulated once into bench-data/).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  buildReport,
  ingestLine,
  metricSet,
  reportGroupings,
  type TrEvent,
} from '../../src/core';
import { forEachLine, ingestFile } from '../../src/sources/files';
import { numberArg, gc, seconds } from './args';

const root = resolve(__dirname, '../..');
const agents = numberArg('agents', 300);
const days = numberArg('days', 21);
const seed = numberArg('seed', 1);
const INCREMENTAL = 10_000;

const log = (s: string): void => void process.stderr.write(s + '\n');

function dataFile(): string {
  const dir = join(root, 'bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sim-${agents}x${days}-seed${seed}.ndjson`);
  if (!existsSync(file) || statSync(file).size === 0) {
    log(`simulating ${agents} agents × ${days} days into ${file} …`);
    const t = process.hrtime.bigint();
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/simulate.ts'), '--agents', String(agents), '--days', String(days), '--seed', String(seed), '--out', file],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (out.status !== 0) throw new Error(`simulate failed with status ${out.status}`);
    log(`  simulated in ${seconds(t).toFixed(1)} s`);
  }
  return file;
}

async function main(): Promise<void> {
  const file = dataFile();
  const bytes = statSync(file).size;

  // (a) the floor: read and JSON.parse every line.
  gc();
  let t = process.hrtime.bigint();
  let events = 0;
  await forEachLine(createReadStream(file, { highWaterMark: 1 << 20 }), (line) => {
    if (line.length > 0) {
      JSON.parse(line);
      events++;
    }
  });
  const parseSec = seconds(t);
  log(`(a) parse floor: ${events} events, ${(bytes / 1e9).toFixed(2)} GB in ${parseSec.toFixed(2)} s`);

  // (b) the full report.
  gc();
  t = process.hrtime.bigint();
  let engine: Engine | undefined = new Engine(DEFAULT_CONFIG, { groupings: reportGroupings() });
  await ingestFile(engine, new EventReader(), file);
  const report = buildReport(engine);
  const reportSec = seconds(t);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  log(`(b) full report: ${reportSec.toFixed(2)} s, ${report.totals.conversations} conversations, ${report.totals.handled} handled, ${report.input.rejected} rejected, peak RSS ${peakRssMb.toFixed(0)} MB`);
  engine = undefined;
  gc();

  // (c) incremental: the state of all but the last 10,000 events, then one event at a time.
  const holdFrom = Math.max(0, events - INCREMENTAL);
  const live = new Engine(DEFAULT_CONFIG, { groupings: reportGroupings() });
  const reader = new EventReader();
  const tail: TrEvent[] = [];
  let n = 0;
  await forEachLine(createReadStream(file, { highWaterMark: 1 << 20 }), (line) => {
    if (line.length === 0) return;
    if (n++ < holdFrom) {
      ingestLine(live, reader, line, `line ${n}`);
    } else {
      const out = reader.read(JSON.parse(line));
      if (out.kind === 'event') tail.push(out.event);
    }
  });
  live.flush();
  const samples: number[] = [];
  let checksum = 0;
  for (const e of tail) {
    const s = process.hrtime.bigint();
    live.apply(e);
    checksum += metricSet(live.cellOf({ slice: 'all', period: 'all' })).handled;
    samples.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  samples.sort((a, b) => a - b);
  const incrementalMedianUs = samples[Math.floor(samples.length / 2)];
  log(`(c) incremental: median ${incrementalMedianUs.toFixed(1)} µs, p95 ${samples[Math.floor(samples.length * 0.95)].toFixed(1)} µs over ${samples.length} events (checksum ${checksum})`);

  const round = (x: number, p: number): number => Math.round(x * 10 ** p) / 10 ** p;
  console.log(
    JSON.stringify({
      events,
      parseSec: round(parseSec, 2),
      reportSec: round(reportSec, 2),
      ratioToParse: round(reportSec / parseSec, 2),
      eventsPerSec: Math.round(events / reportSec),
      peakRssMb: Math.round(peakRssMb),
      incrementalMedianUs: round(incrementalMedianUs, 1),
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
