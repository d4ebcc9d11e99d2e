/**
 * Large event files read by parsing workers (Node only). The file is cut into byte ranges
 * of whole lines; each worker parses its range and sends compact records; this thread
 * only finishes reading them and folds. The fold does not depend on the order events
 * arrive in, so the ranges can be folded as they come. Error positions are made global
 * (`line N` of the whole file) once every worker has said how many lines it read.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RecordUnpacker, type Engine, type EventReader } from '../core';
import type { ParseRange, ParsedBatch, WorkerMessage } from './parseWorker';

const BATCH = 2000;
/** Marks a position that is only known once every worker has counted its lines. */
const PENDING = '\u0000pending:';

/** Byte offsets cutting the file into `parts` ranges that start at the beginning of a line. */
export function lineAlignedRanges(path: string, parts: number): [number, number][] {
  const size = statSync(path).size;
  const cuts = [0];
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let i = 1; i < parts; i++) {
      let pos = Math.max(Math.floor((size * i) / parts), cuts[cuts.length - 1]);
      // Move the cut to just after the next newline.
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) {
          pos = size;
          break;
        }
        const nl = buf.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          pos += nl + 1;
          break;
        }
        pos += n;
      }
      cuts.push(pos);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) if (cuts[i + 1] > cuts[i] || i === 0) ranges.push([cuts[i], cuts[i + 1]]);
  return ranges;
}

/**
 * The worker to start: the compiled `parseWorker.js` beside this file, or, when running
 * from TypeScript sources (tsx, jest), a bootstrap that registers tsx in the worker first.
 */
function startWorker(data: ParseRange): Worker {
  const ts = join(__dirname, 'parseWorker.ts');
  if (!existsSync(ts)) return new Worker(join(__dirname, 'parseWorker.js'), { workerData: data });
  const api = require.resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(api)}).register(); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** How many parsing workers: one per core beyond the folding thread's, at least one. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Files every event of a large NDJSON file into the engine using `workers` parsing threads.
 * `label` prefixes error positions when several inputs are read.
 */
export async function ingestFileParallel(engine: Engine, reader: EventReader, path: string, label = '', workers = defaultWorkerCount()): Promise<void> {
  const ranges = lineAlignedRanges(path, workers);
  const deferred: { range: number; line: number; item: number; reason: string }[] = [];
  const lineCounts: number[] = ranges.map(() => 0);
  const unpackers = ranges.map(() => new RecordUnpacker());
  const fold = (range: number, { positions, records }: ParsedBatch): void => {
    for (let i = 0; i < records.length; i++) {
      const out = reader.readPacked(records[i], unpackers[range]);
      // A late event is rejected by the engine itself: its position is fixed up at the end.
      if (out.kind === 'event') engine.apply(out.event, `${PENDING}${range}:${positions[2 * i]}:${positions[2 * i + 1]}`);
      else if (out.kind === 'ignored') engine.ignore();
      else deferred.push({ range, line: positions[2 * i], item: positions[2 * i + 1], reason: out.reason });
    }
  };
  await Promise.all(
    ranges.map(
      ([start, end], index) =>
        new Promise<void>((resolve, reject) => {
          const data: ParseRange = { path, start, end, batchSize: BATCH };
          const w = startWorker(data);
          w.on('message', (m: WorkerMessage) => {
            if ('batch' in m) {
              fold(index, m.batch);
              w.postMessage('ack');
            } else {
              lineCounts[index] = m.lines;
            }
          });
          w.on('error', reject);
          w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parsing worker stopped with code ${code}`))));
        }),
    ),
  );
  const offsets: number[] = [];
  let total = 0;
  for (const n of lineCounts) {
    offsets.push(total);
    total += n;
  }
  const prefix = label === '' ? '' : label + ' ';
  deferred.sort((a, b) => offsets[a.range] + a.line - (offsets[b.range] + b.line) || a.item - b.item);
  const where = (range: number, line: number, item: number): string =>
    `${prefix}line ${offsets[range] + line}${item === 0 ? '' : ` item ${item}`}`;
  for (const d of deferred) engine.reject(where(d.range, d.line, d.item), d.reason);
  const errors = engine.stats.errors;
  for (let i = 0; i < errors.length; i++) {
    const at = errors[i].at;
    if (at.startsWith(PENDING)) {
      const [range, line, item] = at.slice(PENDING.length).split(':').map(Number);
      errors[i] = { at: where(range, line, item), reason: errors[i].reason };
    }
  }
}
