/**
 * A parsing worker for large event files: reads one byte range of whole lines, parses
 * each line and sends back compact records in batches. The thread that folds only
 * deserialises a few hundred bytes per event instead of parsing kilobytes of JSON.
 * Flow control: at most `MAX_IN_FLIGHT` batches are unacknowledged at a time.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { RecordPacker, recordsOf, type PackedRecord } from '../core/readers';
import { forEachLine } from './lines';

export interface ParseRange {
  readonly path: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly batchSize: number;
}

/**
 * A batch of records and where each stood: `positions[2k]` is the line within the range,
 * `positions[2k + 1]` the item within a page or array on that line (0 when it is alone).
 */
export interface ParsedBatch {
  readonly positions: number[];
  readonly records: PackedRecord[];
}

export type WorkerMessage = { readonly batch: ParsedBatch } | { readonly done: true; readonly lines: number };

const MAX_IN_FLIGHT = 4;

async function run(range: ParseRange): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('parseWorker must run as a worker thread');
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  let batch: ParsedBatch = { positions: [], records: [] };
  const pending: ParsedBatch[] = [];
  const push = (line: number, item: number, record: PackedRecord): void => {
    batch.positions.push(line, item);
    batch.records.push(record);
    if (batch.records.length >= range.batchSize) {
      pending.push(batch);
      batch = { positions: [], records: [] };
    }
  };
  const drain = async (): Promise<void> => {
    while (pending.length > 0) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      inFlight++;
      port.postMessage({ batch: pending.shift() as ParsedBatch } satisfies WorkerMessage);
    }
  };
  const packer = new RecordPacker();
  let lines = 0;
  const stream = createReadStream(range.path, { start: range.start, end: range.end - 1, highWaterMark: 1 << 20 });
  const onLine = (text: string, line: number): void => {
    lines = line;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      push(line, 0, [1, `not JSON (${(err as Error).message.split('\n')[0]})`]);
      return;
    }
    const list = recordsOf(value);
    if (!list) push(line, 0, packer.pack(value));
    else list.forEach((r, i) => push(line, list.length === 1 ? 0 : i + 1, packer.pack(r)));
  };
  await forEachLine(stream, onLine, drain);
  if (batch.records.length > 0) pending.push(batch);
  await drain();
  port.postMessage({ done: true, lines } satisfies WorkerMessage);
  port.close();
}

if (parentPort) void run(workerData as ParseRange);
