/**
 * What the CSVs write for a spreadsheet: ISO instants with the zone's offset (across a DST
 * change and west of UTC), whole seconds, rates as percentage numbers; and the Queues CSV
 * with the screen's words, not the config's keys.
 */
import Papa from 'papaparse';
import { DEFAULT_CONFIG, accessOf } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest } from '../../../src/store';
import { csvHeader, csvInstant, csvPercent, csvSeconds, humanise, toCsv, translator } from '../../../src/views/common';
import { queueCsvColumns, queueCsvRows } from '../../../src/views/queues/queuesCsv';
import { selectQueuesView } from '../../../src/views/queues';
import { dayEvents } from '../../store/fixtures';

describe('CSV values', () => {
  it.each([
    ['2026-04-04T15:59:59Z', 'Australia/Sydney', '2026-04-05T02:59:59+11:00'],
    // Sydney leaves daylight saving at 03:00 local on 5 April 2026: an hour later, +10:00.
    ['2026-04-04T17:00:00Z', 'Australia/Sydney', '2026-04-05T03:00:00+10:00'],
    ['2026-11-19T15:03:07.900Z', 'America/New_York', '2026-11-19T10:03:07-05:00'],
    ['2026-11-19T15:03:07Z', 'UTC', '2026-11-19T15:03:07+00:00'],
    ['2026-11-19T15:03:07Z', 'Asia/Kolkata', '2026-11-19T20:33:07+05:30'],
  ])('%s in %s is %s, and reads back as the same instant (to the second)', (utc, zone, local) => {
    const ms = Date.parse(utc);
    expect(csvInstant(ms, zone)).toBe(local);
    expect(Date.parse(local)).toBe(Math.floor(ms / 1000) * 1000);
  });

  it('seconds whole, rates as percentages with two decimals at most, nothing for no value', () => {
    expect([csvSeconds(2330.4), csvSeconds(2330.5), csvSeconds(null), csvSeconds(Number.NaN)]).toEqual([2330, 2331, null, null]);
    expect([csvPercent(0.034123), csvPercent(1), csvPercent(0), csvPercent(null)]).toEqual([3.41, 100, 0, null]);
    expect([csvHeader('Avg handle', 's'), csvHeader('RONA %', '%'), csvHeader('Service level', '%')]).toEqual(['Avg handle (s)', 'RONA %', 'Service level %']);
  });

  it('the Queues CSV: support types and status in the screen words, waits in seconds, service level a number', () => {
    const now = Date.parse('2026-11-16T19:04:30.000Z');
    const store = createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config: DEFAULT_CONFIG, now: () => now, schedule: () => undefined });
    ingest(store, dayEvents.filter((e) => e.ts <= now));
    applyQueued(store);
    const view = selectQueuesView(store.getState());
    const t = translator(undefined);
    const [header, ...lines] = Papa.parse<unknown[]>(toCsv(queueCsvColumns(t), queueCsvRows(view)), { dynamicTyping: true, skipEmptyLines: true }).data;
    const tiles = queueCsvRows(view);
    expect(lines).toHaveLength(tiles.length);
    expect(header).toEqual(['Support type', 'Queue', 'Status', 'Waiting now', 'Longest wait (s)', 'Active', 'SLA %', 'Abandoned', 'ASA (s)']);
    tiles.forEach((tile, i) => {
      const line = lines[i];
      expect(line[0]).toBe(humanise(tile.supportType));
      expect(line[2]).toBe({ green: 'OK', amber: 'Watch', red: 'Act' }[tile.status]);
      expect(line[4]).toBe(csvSeconds(tile.longestWaitSec));
      expect(line[6]).toBe(csvPercent(tile.today.serviceLevel));
      expect(line[8]).toBe(csvSeconds(tile.today.avgWaitSec));
    });
    expect(lines.some((l) => typeof l[6] === 'number')).toBe(true);
  });
});
