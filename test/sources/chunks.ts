import { closeSync, openSync, statSync } from 'node:fs';
import { lineStartAtOrAfter } from '../../src/sources/parseWorker';

/** The chunks a set of parsing workers would read, for checking their boundaries. */
export function lineAlignedChunks(path: string, chunkBytes: number): [number, number][] {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const out: [number, number][] = [];
    for (let c = 0; c * chunkBytes < size; c++) {
      out.push([lineStartAtOrAfter(fd, c * chunkBytes, size), lineStartAtOrAfter(fd, (c + 1) * chunkBytes, size)]);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
