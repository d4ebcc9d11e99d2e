/**
 * Large NDJSON files read by parsing workers (Node only). Workers take interleaved chunks
 * of the file and send packed records; this thread finishes reading them and folds. The
 * fold does not depend on arrival order; what sealing needs — that no event can still come
 * from before the horizon — is given by the workers' watermarks: every worker reads its
 * chunks in file order, so nothing earlier than the lowest watermark minus the reorder
 * window can still arrive. Error positions are made global (`line N` of the whole file)
 * once every chunk's lines are counted.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Engine, EventReader } from '../core';
import { RecordUnpacker } from './packing';
import type { ParseJob, ParsedBatch, WorkerMessage } from './parseWorker';

const BATCH = 2000;
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Marks a position that is only known once every chunk's lines are counted. */
const PENDING = '\u0000pending:';

/** The compiled worker beside this file, or (from TypeScript sources) a bootstrap that registers tsx first. */
function startWorker(job: ParseJob): Worker {
  const ts = join(__dirname, 'parseWorker.ts');
  if (!existsSync(ts)) return new Worker(join(__dirname, 'parseWorker.js'), { workerData: job });
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true, workerData: job });
}

/** Parsing workers: one per core (the folding thread shares them), at most 4. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Files every event of a large NDJSON file into the engine; `label` prefixes error positions. */
export async function ingestFileParallel(
  engine: Engine,
  reader: EventReader,
  path: string,
  label = '',
  { workers = defaultWorkerCount(), chunkBytes = CHUNK_BYTES }: { workers?: number; chunkBytes?: number } = {},
): Promise<void> {
  const size = statSync(path).size;
  const chunkLines: number[] = [];
  const deferred: { chunk: number; line: number; item: number; reason: string }[] = [];
  const unpackers = Array.from({ length: workers }, () => new RecordUnpacker());
  const watermarks: number[] = Array.from({ length: workers }, () => -Infinity);
  const active = new Set(Array.from({ length: workers }, (_, i) => i));
  const updateWatermark = (): void => {
    let low = Infinity;
    for (const w of active) low = Math.min(low, watermarks[w]);
    engine.setWatermark(low);
  };
  const fold = (w: number, { positions, records, watermark }: ParsedBatch): void => {
    for (let i = 0; i < records.length; i++) {
      const out = unpackers[w].unpack(records[i]);
      const read = 'kind' in out ? out : reader.readPrepared(out);
      const [chunk, line, item] = [positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]];
      // A late event is rejected by the engine itself; its position is fixed up at the end.
      if (read.kind === 'event') engine.apply(read.event, `${PENDING}${chunk}:${line}:${item}`);
      else if (read.kind === 'ignored') engine.ignore();
      else deferred.push({ chunk, line, item, reason: read.reason });
    }
    watermarks[w] = watermark;
    updateWatermark();
  };
  try {
    await Promise.all(
      Array.from(
        { length: workers },
        (_, w) =>
          new Promise<void>((resolve, reject) => {
            const worker = startWorker({ kind: 'parse-job', path, size, chunkBytes, worker: w, workers, batchSize: BATCH });
            worker.on('message', (m: WorkerMessage) => {
              if ('batch' in m) {
                fold(w, m.batch);
                worker.postMessage('ack');
              } else if ('chunk' in m) {
                chunkLines[m.chunk] = m.lines;
              } else {
                active.delete(w);
                updateWatermark();
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parsing worker stopped with code ${code}`))));
          }),
      ),
    );
  } finally {
    engine.setWatermark(Infinity);
  }
  const offsets: number[] = [];
  let total = 0;
  for (let c = 0; c < chunkLines.length; c++) {
    offsets.push(total);
    total += chunkLines[c] ?? 0;
  }
  const prefix = label === '' ? '' : label + ' ';
  const where = (chunk: number, line: number, item: number): string =>
    `${prefix}line ${offsets[chunk] + line}${item === 0 ? '' : ` item ${item}`}`;
  deferred.sort((a, b) => offsets[a.chunk] + a.line - (offsets[b.chunk] + b.line) || a.item - b.item);
  for (const d of deferred) engine.reject(where(d.chunk, d.line, d.item), d.reason);
  const errors = engine.stats.errors;
  for (let i = 0; i < errors.length; i++) {
    const at = errors[i].at;
    if (at.startsWith(PENDING)) {
      const [chunk, line, item] = at.slice(PENDING.length).split(':').map(Number);
      errors[i] = { at: where(chunk, line, item), reason: errors[i].reason };
    }
  }
}
