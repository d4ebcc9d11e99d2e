import fc from 'fast-check';
import { DEFAULT_CONFIG, Engine, EventReader, buildReport, ingestLine, type TrEvent } from '../../src/core';
import { toCallback, toCloudEvent, toEventsApi } from '../fixtures/builders';
import { busyHour } from '../fixtures/day';

const base = busyHour(20);
const FORMATS = [toCloudEvent, toEventsApi, toCallback] as const;

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant('{"half":'),
  fc.constant('[]'),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

type Mutation = (record: Record<string, unknown>) => string;

/** Sets or deletes a random field at any depth; or breaks the JSON text itself. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), junk, fc.boolean()).map(([pick, value, remove]): Mutation => (record) => {
    const holders: Record<string, unknown>[] = [];
    const walk = (o: unknown) => {
      if (typeof o === 'object' && o !== null && !Array.isArray(o)) {
        holders.push(o as Record<string, unknown>);
        for (const v of Object.values(o)) walk(v);
      }
    };
    walk(record);
    const holder = holders[pick % holders.length];
    const keys = Object.keys(holder);
    if (keys.length === 0) return JSON.stringify(record);
    const key = keys[Math.floor(pick / holders.length) % keys.length];
    if (remove) delete holder[key];
    else holder[key] = value;
    return JSON.stringify(record);
  }),
  fc.nat().map((cut): Mutation => (record) => {
    const text = JSON.stringify(record);
    return text.slice(0, cut % text.length);
  }),
  fc.string().map((t): Mutation => () => t),
);

describe('fuzz: mutated events', () => {
  it('never throw, and every bad one is reported with where and why', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.nat({ max: 2 }), mutation), { minLength: 1, maxLength: 60 }), (mutations) => {
        const engine = new Engine(DEFAULT_CONFIG);
        const reader = new EventReader();
        const lines = base.map((e: TrEvent, i) => JSON.stringify(FORMATS[i % 3](e)));
        const mutated = new Set<number>();
        for (const [i, format, mutate] of mutations) {
          lines[i] = mutate(JSON.parse(JSON.stringify(FORMATS[format](base[i]))) as Record<string, unknown>);
          mutated.add(i + 1);
        }
        lines.forEach((line, i) => ingestLine(engine, reader, line, `line ${i + 1}`));
        const report = buildReport(engine);
        const input = report.input;
        const blank = lines.filter((l) => l.trim() === '').length;
        expect(input.read + blank).toBeGreaterThanOrEqual(base.length);
        expect(input.used + input.duplicates + input.ignored + input.rejected).toBe(input.read);
        expect(input.errors).toHaveLength(input.rejected);
        for (const err of input.errors) {
          expect(err.reason).toMatch(/\S/);
          const line = Number(/^line (\d+)/.exec(err.at)?.[1]);
          expect(mutated.has(line)).toBe(true);
        }
        // Every line that was not touched is used.
        expect(input.used + input.duplicates).toBeGreaterThanOrEqual(base.length - mutated.size);
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      }),
      { numRuns: 300 },
    );
  });

  it('thousands of single-field mutations of every event', () => {
    let rejected = 0;
    const engine = new Engine(DEFAULT_CONFIG);
    const reader = new EventReader();
    const values = [null, 0, -1, 1e300, '', 'x', '{', [], {}, true];
    let n = 0;
    for (const e of base) {
      for (const format of FORMATS) {
        const record = format(e);
        const flat = Object.keys(record);
        for (const key of flat) {
          for (const v of values) {
            const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
            copy[key] = v;
            ingestLine(engine, reader, JSON.stringify(copy), `line ${++n}`);
          }
        }
      }
    }
    const r = buildReport(engine);
    rejected = r.input.rejected;
    expect(n).toBeGreaterThan(2000);
    expect(r.input.read).toBe(n);
    expect(rejected).toBe(r.input.errors.length);
    expect(rejected).toBeGreaterThan(0);
  });
});
