/**
 * Event files for the CLI and the benchmarks (Node only). Small inputs are read whole so
 * a pretty-printed JSON array or Events API page works; large ones (1M events is
 * ~1.5 GB, more than one JavaScript string can hold) are streamed line by line.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ingestLine, ingestText, type Engine, type EventReader } from '../core';
import { forEachLine } from './lines';
import { ingestFileParallel } from './parallel';

export { forEachLine };

/** Inputs up to this size are read whole and may be any JSON shape. */
const WHOLE_DOCUMENT_BYTES = 64 * 1024 * 1024;

async function readWhole(stream: Readable, limit: number): Promise<{ text?: string; head: Buffer[] }> {
  const head: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    head.push(b);
    size += b.length;
    if (size > limit) return { head };
  }
  return { text: Buffer.concat(head).toString('utf8'), head };
}

/**
 * Files every event of one input into the engine. `path` is a file or `-` for stdin;
 * `label` prefixes error positions when several inputs are read.
 */
export async function ingestFile(engine: Engine, reader: EventReader, path: string, label = ''): Promise<void> {
  const prefix = label === '' ? '' : label + ' ';
  if (path !== '-' && statSync(path).size > WHOLE_DOCUMENT_BYTES) {
    await ingestFileParallel(engine, reader, path, label);
    return;
  }
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const { text, head } = await readWhole(stream, WHOLE_DOCUMENT_BYTES);
  if (text !== undefined) {
    ingestText(engine, reader, text, label);
    return;
  }
  // stdin larger than a whole document: treat it as NDJSON from the bytes already read on.
  const { Readable: R } = await import('node:stream');
  async function* rest(): AsyncGenerator<Buffer> {
    for (const b of head) yield b;
    for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
  }
  await forEachLine(R.from(rest()), (line, n) => ingestLine(engine, reader, line, `${prefix}line ${n}`));
}
