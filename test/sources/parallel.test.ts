import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, Engine, EventReader, buildReport, ingestText, reportGroupings, resolveConfig } from '../../src/core';
import { lineAlignedChunks } from './chunks';
import { ingestFileParallel } from '../../src/sources/parallel';
import { simulate, toEventStreams, toEventsApi } from '../../src/sources/simulator';

const dir = mkdtempSync(join(tmpdir(), 'parallel-'));
const lines = [...simulate({ agents: 20, days: 1, seed: 3 })].map((ev, i) => JSON.stringify(i % 3 === 0 ? toEventsApi(ev) : toEventStreams(ev)));
// Bad lines and an Events API page among them, at known places.
const late = Math.floor(lines.length * 0.8);
lines.splice(100, 0, '{"not": "closed"');
lines.splice(late - 200, 0, '');
lines.splice(late, 0, JSON.stringify({ events: [JSON.parse(lines[late - 1]), { event_type: 'task.created' }], meta: {} }));
const file = join(dir, 'day.ndjson');
writeFileSync(file, lines.join('\n') + '\n');

function inProcess(config = DEFAULT_CONFIG) {
  const engine = new Engine(config, { groupings: reportGroupings(15) });
  ingestText(engine, new EventReader(), lines.join('\n'));
  return buildReport(engine, 15);
}

async function parallel(workers: number, chunkBytes: number, config = DEFAULT_CONFIG, sealEvery?: number) {
  const engine = new Engine(config, { groupings: reportGroupings(15), sealEvery });
  await ingestFileParallel(engine, new EventReader(), file, '', { workers, chunkBytes });
  return buildReport(engine, 15);
}

describe('parsing workers', () => {
  const expected = inProcess();

  it('the in-process report has the errors where they are', () => {
    expect(expected.input.errors).toEqual([
      { at: 'line 101', reason: expect.stringMatching(/^not JSON/) },
      { at: `line ${late + 1} item 2`, reason: 'task.created: no timestamp' },
    ]);
    expect(expected.input.duplicates).toBe(1);
  });

  it.each([
    [1, 1 << 20],
    [2, 64 * 1024],
    [3, 7 * 1024],
  ])('%i workers, chunks of %i bytes: the same report, the same positions', async (workers, chunkBytes) => {
    expect(await parallel(workers, chunkBytes)).toEqual(expected);
  });

  it('sealing follows the slowest worker: a short reorder window, sealing after every event', async () => {
    const config = resolveConfig({ reorderWindowMs: 60_000 });
    expect(await parallel(2, 16 * 1024, config, 1)).toEqual(inProcess(config));
  });
});

describe('line-aligned chunks', () => {
  it('cover the file exactly, each starting at a line start', () => {
    const chunks = lineAlignedChunks(file, 5000);
    expect(chunks[0][0]).toBe(0);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
  });
});
