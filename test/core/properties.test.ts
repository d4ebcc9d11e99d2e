import fc from 'fast-check';
import { DEFAULT_CONFIG, Engine, EventReader, buildReport, ingestValue, type TrEvent } from '../../src/core';
import { reportOf, toCloudEvent, withoutInput } from '../fixtures/builders';
import { busyHour } from '../fixtures/day';

const events = busyHour(60);
const sorted = withoutInput(reportOf(events));
const WINDOW_MS = DEFAULT_CONFIG.reorderWindowMs;

/** Arrival order when each event is held back by its own delay inside the reorder window. */
function delivered(list: readonly TrEvent[], delays: readonly number[]): TrEvent[] {
  return list
    .map((e, i) => ({ e, arrival: e.ts + delays[i % delays.length] }))
    .sort((a, b) => a.arrival - b.arrival)
    .map((x) => x.e);
}

describe('delivery never changes the report', () => {
  it('has every kind of outcome in the busy hour', () => {
    expect(sorted.totals.rona).toBeGreaterThan(0);
    expect(sorted.totals.transfers).toBeGreaterThan(0);
    expect(sorted.totals.abandoned).toBeGreaterThan(0);
    expect(sorted.totals.revoked).toBeGreaterThan(0);
  });

  it('reordering within the reorder window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: WINDOW_MS - 1 }), { minLength: 1, maxLength: 64 }), (delays) => {
        expect(withoutInput(reportOf(delivered(events, delays)))).toEqual(sorted);
      }),
      { numRuns: 40 },
    );
  });

  it('reordering within the window while settled tasks are sealed after every event', () => {
    // A short window makes sealing bite inside the busy hour.
    const config = { reorderWindowMs: 30_000 };
    const expected = withoutInput(reportOf(events, { config }));
    expect(expected).toEqual(sorted);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 29_999 }), { minLength: 1, maxLength: 64 }), fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 40 }), (delays, picks) => {
        const order = delivered(events, delays);
        for (const i of picks) order.splice(Math.min(order.length, order.indexOf(events[i]) + 1 + (i % 5)), 0, events[i]);
        const r = reportOf(order, { config, sealEvery: 1 });
        expect(r.input).toMatchObject({ used: events.length, duplicates: picks.length, rejected: 0 });
        expect(withoutInput(r)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('duplicates anywhere count once', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: events.length - 1 }), { minLength: 1, maxLength: 200 }), fc.nat(), (picks, seed) => {
        const withDuplicates = [...events];
        for (const [n, i] of picks.entries()) withDuplicates.splice((seed + n * 7919) % withDuplicates.length, 0, events[i]);
        const r = reportOf(withDuplicates);
        expect(r.input.duplicates).toBe(picks.length);
        expect(r.input.used).toBe(events.length);
        expect(withoutInput(r)).toEqual(sorted);
      }),
      { numRuns: 30 },
    );
  });

  it('reordered and duplicated wire records (CloudEvents) as well', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: WINDOW_MS - 1 }), { minLength: 1, maxLength: 32 }), (delays) => {
        const engine = new Engine(DEFAULT_CONFIG);
        const reader = new EventReader();
        const order = delivered(events, delays);
        [...order, ...order.slice(0, 50)].forEach((e, i) => ingestValue(engine, reader, toCloudEvent(e), `item ${i + 1}`));
        expect(withoutInput(buildReport(engine))).toEqual(sorted);
      }),
      { numRuns: 15 },
    );
  });
});
