/**
 * Event files for the CLI and the benchmarks (Node only): what `report`, `export` and
 * `lakehouse:check` read. Every input is streamed, never read into one string: gzip is
 * found by its magic bytes and unzipped on the way, and the bytes are cut into records
 * (`records.ts`), so one reader takes NDJSON (Kinesis records, one CloudEvent a line),
 * Firehose objects (records run together, no newline), JSON arrays (webhook batches, one
 * a line or a whole document), Twilio Function `event` objects, Events API pages,
 * twilio-node `events.list()` output and form-encoded EventCallbackUrl bodies. Large
 * plain NDJSON files are read by parsing workers (`parallel.ts`) instead.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ingestLine, ingestText, type Engine, type EventReader } from '../core';
import { forEachLine } from './lines';
import { ingestFileParallel } from './parallel';
import { RecordSplitter, type RecordPlace } from './records';

export { forEachLine };

/** Plain NDJSON files above this size go to the parsing workers. */
const PARALLEL_ABOVE_BYTES = 64 * 1024 * 1024;
/** How much of a large file is looked at to decide it is plain NDJSON. */
const SNIFF_BYTES = 1024 * 1024;

const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

export interface IngestOptions {
  /** Plain NDJSON files larger than this are parsed by workers (default 64 MB). */
  readonly parallelAbove?: number;
}

/**
 * The position of a record in messages: `line N` for a record alone on its line (NDJSON,
 * a pretty-printed document), `record N (byte B)` for one run together with the one before
 * (a Firehose object; B counts the bytes before it, after unzipping).
 */
export function placeText(place: RecordPlace): string {
  return place.alone ? `line ${place.line}` : `record ${place.index} (byte ${place.byte})`;
}

/**
 * Files every event of one input into the engine. `path` is a file or `-` for stdin;
 * `label` prefixes error positions when several inputs are read.
 */
export async function ingestFile(engine: Engine, reader: EventReader, path: string, label = '', options: IngestOptions = {}): Promise<void> {
  const prefix = label === '' ? '' : label + ' ';
  if (path !== '-' && statSync(path).size > (options.parallelAbove ?? PARALLEL_ABOVE_BYTES) && isPlainNdjson(path)) {
    await ingestFileParallel(engine, reader, path, label);
    return;
  }
  const splitter = new RecordSplitter((text, place) => {
    const at = prefix + placeText(place);
    if (place.error !== undefined) engine.reject(at, place.error);
    else if (place.index === 1 && place.alone && place.line === 1 && text.charCodeAt(0) === 91 /* [ */) {
      // A JSON array document: its records are `item N`, as when read whole.
      ingestText(engine, reader, text, label);
    } else ingestLine(engine, reader, text, at);
  });
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  let byte = 0;
  try {
    for await (const chunk of unzipped(stream)) {
      splitter.push(chunk);
      byte += chunk.length;
    }
  } catch (err) {
    // A broken gzip stream: what came before it still counts.
    splitter.end();
    engine.reject(`${prefix}byte ${byte}`, `cannot unzip the rest (${(err as Error).message.split('\n')[0]})`);
    return;
  }
  splitter.end();
}

/** The stream's bytes, unzipped on the way when they start with gzip's magic bytes. */
async function* unzipped(stream: Readable): AsyncGenerator<Buffer> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 2) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    const b = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(b);
    headBytes += b.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  if (!isGzip(Buffer.concat(head))) {
    yield* all();
    return;
  }
  const source = Readable.from(all());
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/**
 * Is this file NDJSON the parsing workers can take (every record of its first megabyte
 * alone on one line, not gzip)? Firehose objects, pretty-printed documents and zipped
 * files are read in one stream instead.
 */
export function isPlainNdjson(path: string): boolean {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(SNIFF_BYTES);
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = buf.subarray(0, n);
  if (isGzip(bytes)) return false;
  let plain = true;
  let records = 0;
  const splitter = new RecordSplitter((_text, place) => {
    records++;
    if (!place.alone || place.extraLines > 0) plain = false;
  });
  splitter.push(bytes);
  return plain && records > 0;
}
