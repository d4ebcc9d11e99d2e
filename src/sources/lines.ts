import type { Readable } from 'node:stream';

/**
 * Calls `onLine` for each line of a stream (without its `\n` or `\r\n`), without holding
 * the stream in memory. Lines are cut from the bytes and decoded one by one: cheaper
 * than decoding whole chunks into one string and slicing it. `afterChunk`, if given, is
 * awaited between chunks (a consumer's back-pressure).
 */
export async function forEachLine(
  stream: Readable,
  onLine: (line: string, lineNo: number) => void,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  let carry: Buffer | undefined;
  let lineNo = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const buf = carry ? Buffer.concat([carry, bytes]) : bytes;
    let pos = 0;
    let nl = buf.indexOf(10);
    while (nl >= 0) {
      const end = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      onLine(buf.toString('utf8', pos, end), ++lineNo);
      pos = nl + 1;
      nl = buf.indexOf(10, pos);
    }
    carry = pos < buf.length ? buf.subarray(pos) : undefined;
    if (afterChunk) await afterChunk();
  }
  if (carry) onLine(carry.toString('utf8'), ++lineNo);
}
