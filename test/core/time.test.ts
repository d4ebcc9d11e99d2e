import { createCalendar, parseInstant } from '../../src/core';
import { aContactArrives, aTaskEvent, reportOf } from '../fixtures/builders';

describe('calendar keys in a time zone', () => {
  const sydney = createCalendar('Australia/Sydney');
  const utc = createCalendar('UTC');
  const t = Date.parse('2026-11-20T13:30:00Z'); // 00:30 on the 21st in Sydney (UTC+11 in summer)

  it.each([
    ['UTC', utc, '2026-11-20', '2026-W47', '2026-11', '2026-11-20T13:30'],
    ['Australia/Sydney', sydney, '2026-11-21', '2026-W47', '2026-11', '2026-11-21T00:30'],
  ])('%s', (_zone, cal, day, week, month, interval) => {
    expect(cal.dayKey(t)).toBe(day);
    expect(cal.weekKey(t)).toBe(week);
    expect(cal.monthKey(t)).toBe(month);
    expect(cal.intervalKey(t, 15)).toBe(interval);
  });

  it('ISO weeks start on Monday and may belong to the next year', () => {
    // Sunday 22 Nov 14:00 UTC is Monday 23 Nov 01:00 in Sydney
    const sundayUtc = Date.parse('2026-11-22T14:00:00Z');
    expect(utc.weekKey(sundayUtc)).toBe('2026-W47');
    expect(sydney.weekKey(sundayUtc)).toBe('2026-W48');
    expect(utc.weekKey(Date.parse('2024-12-30T12:00:00Z'))).toBe('2025-W01');
    expect(utc.weekKey(Date.parse('2027-01-01T12:00:00Z'))).toBe('2026-W53');
  });

  it('interval keys of 30 and 60 minutes, and a zone with a 45-minute offset', () => {
    const at = Date.parse('2026-11-20T10:47:00Z');
    expect(utc.intervalKey(at, 30)).toBe('2026-11-20T10:30');
    expect(utc.intervalKey(at, 60)).toBe('2026-11-20T10:00');
    // Kathmandu is UTC+5:45: 10:47 UTC is 16:32 local
    expect(createCalendar('Asia/Kathmandu').intervalKey(at, 15)).toBe('2026-11-20T16:30');
  });

  it('local times across daylight saving changes', () => {
    // Sydney springs forward on 4 Oct 2026 at 02:00 → 03:00 (UTC+10 → UTC+11)
    expect(new Date(sydney.fromLocal(2026, 10, 4, 1, 30)).toISOString()).toBe('2026-10-03T15:30:00.000Z');
    expect(new Date(sydney.fromLocal(2026, 10, 4, 3, 30)).toISOString()).toBe('2026-10-03T16:30:00.000Z');
    // 02:30 does not exist; it moves forward by the gap
    expect(new Date(sydney.fromLocal(2026, 10, 4, 2, 30)).toISOString()).toBe('2026-10-03T16:30:00.000Z');
    // the day of the change has 23 hours
    const start = sydney.fromLocal(2026, 10, 4);
    const end = sydney.fromLocal(2026, 10, 5);
    expect((end - start) / 3_600_000).toBe(23);
    expect(sydney.dayKey(end - 1)).toBe('2026-10-04');
  });

  it.each([
    ['2026-11-20', '2026-11-19T13:00:00.000Z'],
    ['2026-11-20T09:15', '2026-11-19T22:15:00.000Z'],
    ['2026-11-20T09:15:30.5', '2026-11-19T22:15:30.500Z'],
    ['2026-11-20T09:15:00Z', '2026-11-20T09:15:00.000Z'],
    ['2026-11-20T09:15:00+01:00', '2026-11-20T08:15:00.000Z'],
  ])('parseInstant(%s) in Sydney', (text, iso) => {
    expect(new Date(parseInstant(text, sydney) as number).toISOString()).toBe(iso);
  });

  it.each(['20/11/2026', '2026-13-01', '2026-11-20T25:00', 'tomorrow', ''])('parseInstant(%s) is undefined', (text) => {
    expect(parseInstant(text, sydney)).toBeUndefined();
  });
});

describe('time zone day boundary in the report', () => {
  const q = (task: string) => ({ task, queue: 'DIGI Support', channel: 'chat' });
  // 10:00 + 12 600 s = 13:30 UTC = 00:30 the next day in Sydney; 10:00 + 10 800 s = 13:00 UTC = midnight
  const events = [
    ...aContactArrives(q('WT1'), 12_600 - 60),
    aTaskEvent('task.canceled', q('WT1'), 12_600, { reason: 'hangup' }),
    ...aContactArrives(q('WT2'), 10_800 - 120),
    aTaskEvent('task.canceled', q('WT2'), 10_800 - 100, { reason: 'hangup' }),
  ];

  it('days follow the configured zone', () => {
    expect(Object.keys(reportOf(events).byDay)).toEqual(['2026-11-20']);
    const sydney = reportOf(events, { config: { timeZone: 'Australia/Sydney' } });
    expect(sydney.byDay['2026-11-20'].offered).toBe(1);
    expect(sydney.byDay['2026-11-21'].offered).toBe(1);
    expect(sydney.window.timeZone).toBe('Australia/Sydney');
  });

  it('intervals are keyed by their local start', () => {
    const r = reportOf(events, { config: { timeZone: 'Australia/Sydney' }, interval: 60 });
    expect(Object.keys(r.byInterval ?? {})).toEqual(['2026-11-20T23:00', '2026-11-21T00:00']);
  });
});
