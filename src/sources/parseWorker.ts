/**
 * A parsing worker for large NDJSON files (a line may also be a form-encoded callback body). The file is cut into chunks of whole lines;
 * worker k of W takes chunks k, k + W, k + 2W, … so all workers move through the file,
 * and so through time, together. It parses each line and sends packed records in
 * batches, each with the latest event time it has sent so far (its watermark).
 * Flow control: at most `MAX_IN_FLIGHT` batches are unacknowledged at a time.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseRecordText, recordsOf } from '../core';
import { RecordPacker, packedTime, type PackedRecord } from './packing';

export interface ParseJob {
  readonly kind: 'parse-job';
  readonly path: string;
  readonly size: number;
  readonly chunkBytes: number;
  readonly worker: number;
  readonly workers: number;
  readonly batchSize: number;
}

/** Records and where each stood: `positions[3k..3k+2]` = chunk, line in chunk, item on the line (0: alone). */
export interface ParsedBatch {
  readonly positions: number[];
  readonly records: PackedRecord[];
  /** The latest event time this worker has sent, this batch included. */
  readonly watermark: number;
}

export type WorkerMessage =
  | { readonly batch: ParsedBatch }
  | { readonly chunk: number; readonly lines: number }
  | { readonly done: true };

const MAX_IN_FLIGHT = 4;

/** Offset of the first line that starts at or after `pos`. */
export function lineStartAtOrAfter(fd: number, pos: number, size: number): number {
  if (pos <= 0) return 0;
  if (pos >= size) return size;
  const buf = Buffer.alloc(64 * 1024);
  let at = pos - 1;
  while (at < size) {
    const n = readSync(fd, buf, 0, buf.length, at);
    if (n === 0) break;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return at + nl + 1;
    at += n;
  }
  return size;
}

async function run(job: ParseJob): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('parseWorker must run as a worker thread');
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  const send = async (message: WorkerMessage): Promise<void> => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    if ('batch' in message) inFlight++;
    port.postMessage(message);
  };
  const packer = new RecordPacker();
  let watermark = -Infinity;
  let batch = { positions: [] as number[], records: [] as PackedRecord[] };
  const push = (chunk: number, line: number, item: number, record: PackedRecord): void => {
    const t = packedTime(record);
    if (t !== undefined && t > watermark) watermark = t;
    batch.positions.push(chunk, line, item);
    batch.records.push(record);
  };
  const flush = async (): Promise<void> => {
    if (batch.records.length === 0) return;
    const full = batch;
    batch = { positions: [], records: [] };
    await send({ batch: { ...full, watermark } });
  };
  const fd = openSync(job.path, 'r');
  try {
    const buf = Buffer.alloc(job.chunkBytes + 1024 * 1024);
    for (let chunk = job.worker; chunk * job.chunkBytes < job.size; chunk += job.workers) {
      const start = lineStartAtOrAfter(fd, chunk * job.chunkBytes, job.size);
      const end = lineStartAtOrAfter(fd, (chunk + 1) * job.chunkBytes, job.size);
      let lines = 0;
      if (end > start) {
        const bytes = end - start <= buf.length ? buf.subarray(0, end - start) : Buffer.alloc(end - start);
        readSync(fd, bytes, 0, end - start, start);
        let pos = 0;
        while (pos < bytes.length) {
          let nl = bytes.indexOf(10, pos);
          if (nl < 0) nl = bytes.length;
          const stop = nl > pos && bytes[nl - 1] === 13 ? nl - 1 : nl;
          const text = bytes.toString('utf8', pos, stop);
          pos = nl + 1;
          const line = ++lines;
          if (text.trim() === '') continue;
          const parsed = parseRecordText(text.trimStart());
          if ('error' in parsed) {
            push(chunk, line, 0, [1, parsed.error]);
            continue;
          }
          const value = parsed.value;
          const list = recordsOf(value);
          if (!list) push(chunk, line, 0, packer.pack(value));
          else list.forEach((r, i) => push(chunk, line, list.length === 1 ? 0 : i + 1, packer.pack(r)));
          if (batch.records.length >= job.batchSize) await flush();
        }
      }
      await flush();
      await send({ chunk, lines });
    }
  } finally {
    closeSync(fd);
  }
  await send({ done: true });
  port.close();
}

// Runs only when started as a parsing worker, not when imported (by a test, say).
if (parentPort && (workerData as ParseJob | undefined)?.kind === 'parse-job') void run(workerData as ParseJob);
