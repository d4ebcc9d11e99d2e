/**
 * What Event Streams sinks (and the other ways out of Twilio) really write, read by the
 * code `report`, `export` and `lakehouse:check` share: each shape of one simulated day
 * gives the report of the plain NDJSON of that day.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
// twilio-node's own Event resource, to make its `events.list()` output exactly.
import { EventInstance } from 'twilio/lib/rest/taskrouter/v1/workspace/event';
import { runReport } from '../../src/cli/report';
import type { Report } from '../../src/core';
import { DEFAULT_CONFIG, Engine, EventReader, buildReport } from '../../src/core';
import { ingestFile, isPlainNdjson } from '../../src/sources/files';
import { RecordSplitter, type RecordPlace } from '../../src/sources/records';
import { simulate, toEventStreams, toEventsApi } from '../../src/sources/simulator';
import { withoutInput } from '../fixtures/builders';

const dir = mkdtempSync(join(tmpdir(), 'sinks-'));
const day = [...simulate({ agents: 12, days: 1, seed: 11 })];
const cloud = day.map(toEventStreams);
const api = day.map(toEventsApi);
const lines = cloud.map((c) => JSON.stringify(c));

const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const report = async (...argv: string[]): Promise<Report> => JSON.parse(await runReport(argv)) as Report;

/** A webhook sink's bodies: JSON arrays of up to `size` CloudEvents. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pascal = (snake: string): string => snake.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** An EventCallbackUrl body as TaskRouter posts it: the event's fields in PascalCase, form-encoded. */
function callbackBody(c: (typeof cloud)[number]): string {
  const p = c.data.payload;
  const fields: Record<string, string> = { EventType: String(p.eventtype), Sid: String(p.sid) };
  const ms = Date.parse(String(p.timestamp));
  fields.Timestamp = String(Math.floor(ms / 1000));
  fields.TimestampMs = String(ms);
  for (const [k, v] of Object.entries(p)) if (k !== 'eventtype' && k !== 'sid' && k !== 'timestamp') fields[pascal(k)] = String(v);
  return new URLSearchParams(fields).toString();
}

/** twilio-node's `events.list()` output, as `JSON.stringify` writes it (its `toJSON`: camelCase keys). */
const twilioNode = api.map((r) => JSON.parse(JSON.stringify(new EventInstance({} as never, r as never, r.workspace_sid))) as Record<string, unknown>);

const baseline = file('day.ndjson', lines.join('\n') + '\n');
let expected: Report;

beforeAll(async () => {
  expected = await report(baseline);
  expect(expected.input).toMatchObject({ read: day.length, used: day.length, rejected: 0 });
});

const firehose = lines.join('');
const shapes: [string, () => string][] = [
  ['Kinesis records (one CloudEvent a line, CRLF)', () => file('kinesis.ndjson', lines.join('\r\n'))],
  ['a Firehose object in S3 (records run together, no newline)', () => file('firehose', firehose)],
  ['a Firehose object, gzip (found by its magic bytes, not its name)', () => file('firehose-object', gzipSync(firehose))],
  ['a Firehose object with its new-line delimiter on, gzip', () => file('firehose-nl.gz', gzipSync(lines.join('\n') + '\n'))],
  ['webhook batches, one body a line', () => file('webhook.ndjson', batches(cloud, 25).map((b) => JSON.stringify(b)).join('\n'))],
  ['one webhook batch as a pretty-printed document', () => file('webhook.json', JSON.stringify(cloud, null, 2))],
  [
    "a Twilio Function's event objects, one a line",
    () =>
      file(
        'function.ndjson',
        batches(cloud, 20)
          .map((b) => JSON.stringify({ ...b, request: { headers: { 'content-type': 'application/json', 'user-agent': 'Twilio-Event-Streams' }, cookies: {} } }))
          .join('\n'),
      ),
  ],
  ['EventCallbackUrl bodies, form-encoded, one a line', () => file('callbacks.txt', cloud.map(callbackBody).join('\n') + '\n')],
  ['twilio-node events.list() output, one a line', () => file('twilio-node.ndjson', twilioNode.map((e) => JSON.stringify(e)).join('\n'))],
  ['twilio-node events.list() output as one JSON array', () => file('twilio-node.json', JSON.stringify(twilioNode, null, 2))],
  ['Events API records, one a line', () => file('eventsapi.ndjson', api.map((e) => JSON.stringify(e)).join('\n'))],
];

describe('each sink shape of one simulated day gives the report of its NDJSON', () => {
  it.each(shapes)('%s', async (_name, make) => {
    const r = await report(make());
    expect(r.input).toMatchObject({ read: day.length, used: day.length, rejected: 0, ignored: 0 });
    expect(withoutInput(r)).toEqual(withoutInput(expected));
  });

  it('several shapes are one stream: every event counts once', async () => {
    const r = await report(shapes[2][1](), shapes[7][1](), shapes[8][1]());
    expect(r.input).toMatchObject({ read: 3 * day.length, used: day.length, duplicates: 2 * day.length, rejected: 0 });
    expect(withoutInput(r)).toEqual(withoutInput(expected));
  });
});

describe('a malformed record is reported with where and why, and every other record counts', () => {
  const reportOfText = async (name: string, content: string | Buffer, dropped: readonly number[]) => {
    const r = await report(file(name, content));
    const kept = lines.filter((_l, i) => !dropped.includes(i));
    const reference = await report(file(`${name}-kept.ndjson`, kept.join('\n')));
    expect(withoutInput(r)).toEqual(withoutInput(reference));
    expect(r.input.used).toBe(day.length - dropped.length);
    return r;
  };

  it('in a Firehose object: a truncated record and an invalid one, by record number and byte offset', async () => {
    const broken = [...lines];
    broken[10] = lines[10].slice(0, 200); // cut mid-record (as a failed write would leave it)
    broken[20] = lines[20].replace('"specversion":"1.0",', '"specversion":1.0.0,');
    const text = broken.join('');
    const r = await reportOfText('firehose-broken', gzipSync(text), [10, 20]);
    const byteOf = (i: number) => Buffer.byteLength(broken.slice(0, i).join(''));
    expect(r.input.rejected).toBe(2);
    expect(r.input.errors.map((e) => e.at)).toEqual([`record 11 (byte ${byteOf(10)})`, `record 21 (byte ${byteOf(20)})`]);
    for (const e of r.input.errors) expect(e.reason).toMatch(/^not JSON/);
  });

  it('in NDJSON: a truncated line does not swallow the next ones (line numbers)', async () => {
    const broken = [...lines];
    broken[3] = lines[3].slice(0, 150);
    broken[7] = lines[7].slice(0, lines[7].indexOf('"payload"') + 20); // cut inside a string
    const r = await reportOfText('ndjson-broken.ndjson', broken.join('\n'), [3, 7]);
    expect(r.input.errors.map((e) => e.at)).toEqual(['line 4', 'line 8']);
  });

  it('a callback body with broken percent-encoding, and a webhook batch with one bad event', async () => {
    const bodies = cloud.map(callbackBody);
    bodies[5] = bodies[5].replace('EventType=', 'EventType=%E0%A4%A');
    const r1 = await reportOfText('callbacks-broken.txt', bodies.join('\n'), [5]);
    expect(r1.input.errors).toEqual([{ at: 'line 6', reason: 'not a form body (bad percent-encoding in "EventType")' }]);

    const batch = cloud.map((c, i) => (i === 4 ? { ...c, data: { ...c.data, payload: { ...c.data.payload, timestamp: 'soon' }, timestamp: 'soon' }, time: 'soon' } : c));
    const r2 = await reportOfText('webhook-broken.ndjson', batches(batch, 25).map((b) => JSON.stringify(b)).join('\n'), [4]);
    expect(r2.input.errors).toHaveLength(1);
    expect(r2.input.errors[0].at).toBe('item 5');
    expect(r2.input.errors[0].reason).toMatch(/timestamp "soon" is not a date/);
  });

  it('a gzip object cut short: the records before the cut count, the cut is reported', async () => {
    const zipped = gzipSync(firehose);
    const engine = new Engine(DEFAULT_CONFIG);
    await ingestFile(engine, new EventReader(), file('firehose-cut', zipped.subarray(0, Math.floor(zipped.length * 0.6))), 'firehose-cut');
    const r = buildReport(engine);
    expect(r.input.used).toBeGreaterThan(day.length / 3);
    expect(r.input.used).toBeLessThan(day.length);
    const last = r.input.errors[r.input.errors.length - 1];
    expect(last.at).toMatch(/^firehose-cut byte \d+$/);
    expect(last.reason).toMatch(/^cannot unzip the rest/);
  });
});

describe('the record splitter', () => {
  const split = (chunks: readonly Buffer[]): [string, RecordPlace][] => {
    const out: [string, RecordPlace][] = [];
    const s = new RecordSplitter((text, place) => out.push([text, place]));
    for (const c of chunks) s.push(c);
    s.end();
    return out;
  };
  const tricky = [
    '{"a":"}{","b":"\\"{"}',
    '{"nested":{"x":[1,{"y":"]"}]}}',
    '[{"k":1},{"k":2}]',
    '{"unicode":"é ✓ 🙂"}',
    'EventType=task.created&TaskSid=WT1',
  ];

  it('cuts the same records wherever the chunks break', () => {
    const text = tricky.slice(0, 4).join('') + '\n' + tricky[4] + '\n' + tricky.join('\n');
    const whole = split([Buffer.from(text)]).map(([t]) => t);
    expect(whole).toEqual([...tricky.slice(0, 4), tricky[4], ...tricky]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: Buffer.byteLength(text) - 1 }), { maxLength: 8 }), (cuts) => {
        const bytes = Buffer.from(text);
        const at = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...at].map((s, i) => bytes.subarray(s, at[i] ?? bytes.length));
        expect(split(chunks).map(([t]) => t)).toEqual(whole);
      }),
    );
  });

  it('gives up a value that never closes, and reads on from the next line', () => {
    const out: [string, RecordPlace][] = [];
    const s = new RecordSplitter((text, place) => out.push([text, place]), { objectBytes: 64, arrayBytes: 64 });
    s.push(Buffer.from(`{"open":${'"x",'.repeat(40)}\n`));
    s.push(Buffer.from('{"ok":1}\n'));
    s.end();
    expect(out).toHaveLength(2);
    expect(out[0][1].error).toMatch(/braces still open/);
    expect(out[1]).toEqual(['{"ok":1}', expect.objectContaining({ line: 2, alone: true })]);
  });

  it('only plain NDJSON goes to the parsing workers; every other shape streams in one pass', async () => {
    expect(isPlainNdjson(baseline)).toBe(true);
    expect(isPlainNdjson(shapes[1][1]())).toBe(false);
    expect(isPlainNdjson(shapes[2][1]())).toBe(false);
    expect(isPlainNdjson(shapes[5][1]())).toBe(false);
    // Above the threshold both still read right: the Firehose object in one stream, NDJSON by workers.
    for (const path of [shapes[1][1](), baseline, shapes[7][1]()]) {
      const engine = new Engine(DEFAULT_CONFIG);
      await ingestFile(engine, new EventReader(), path, '', { parallelAbove: 1024 });
      expect(withoutInput(buildReport(engine))).toEqual(withoutInput(await report(baseline)));
    }
  });

  it('stdin is read the same way (gzip included)', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', { value: Readable.from([gzipSync(firehose)]), configurable: true });
    try {
      const r = await report('-');
      expect(withoutInput(r)).toEqual(withoutInput(expected));
    } finally {
      if (stdin) Object.defineProperty(process, 'stdin', stdin);
    }
  });
});
