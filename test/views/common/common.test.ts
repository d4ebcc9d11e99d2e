import fc from 'fast-check';
import Papa from 'papaparse';
import { createCalendar } from '../../../src/core';
import {
  STRING_DEFAULTS,
  addDefaultStrings,
  csvFileName,
  fillTemplate,
  formatCount,
  formatDayKey,
  formatRate,
  formatSeconds,
  periodLabel,
  rangeOf,
  rangeProblem,
  toCsv,
  translator,
} from '../../../src/views/common';

describe('strings', () => {
  it('uses a customer-set Flex string over the default, and the default otherwise', () => {
    const t = translator({ SupervisorInsightsAgent: 'Counsellor' });
    expect(t('SupervisorInsightsAgent')).toBe('Counsellor');
    expect(t('SupervisorInsightsCustomer')).toBe(STRING_DEFAULTS.SupervisorInsightsCustomer);
  });

  it('fills {{placeholders}} and leaves a missing one empty', () => {
    expect(fillTemplate('{{activity}} for {{ duration }}', { activity: 'Break', duration: '12:04' })).toBe('Break for 12:04');
    expect(fillTemplate('{{minutes}} minutes', {})).toBe(' minutes');
  });

  it('adds defaults to Flex strings without overwriting what the customer set', () => {
    const flexStrings: Record<string, string> = { SupervisorInsightsSupportType: 'Contact reason', TaskHeaderLine: 'x' };
    addDefaultStrings(flexStrings);
    expect(flexStrings.SupervisorInsightsSupportType).toBe('Contact reason');
    expect(flexStrings.SupervisorInsightsAgent).toBe('ISS');
    expect(flexStrings.TaskHeaderLine).toBe('x');
  });
});

describe('format', () => {
  it.each([
    [0, '0:00'],
    [59.6, '1:00'],
    [245, '4:05'],
    [3750, '1:02:30'],
    [-3, '0:00'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('seconds %p -> %p', (sec, text) => {
    expect(formatSeconds(sec)).toBe(text);
  });

  it.each([
    [0, '0%'],
    [0.0333, '3.3%'],
    [0.125, '13%'],
    [1, '100%'],
    [null, '—'],
  ])('rate %p -> %p', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it('counts with thousands separators and names days', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatDayKey('2026-11-21')).toBe('Sat 21 Nov');
  });
});

describe('csv', () => {
  const columns = [
    { header: 'Name', value: (r: { name: string; n: number | null }) => r.name },
    { header: 'Handled', value: (r: { name: string; n: number | null }) => r.n },
  ];

  it('writes a header and one line per row, quoting commas and quotes', () => {
    const text = toCsv(columns, [
      { name: 'Lee, Sam', n: 3 },
      { name: 'Jo "JJ"', n: null },
    ]);
    expect(text.split('\r\n')).toEqual(['Name,Handled', '"Lee, Sam",3', '"Jo ""JJ""",']);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const text = toCsv(columns, [{ name: '=HYPERLINK("x")', n: 1 }]);
    expect(text.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",1`);
  });

  it('writes what papaparse unparse wrote before it (header, quoting, doubled quotes, CRLF)', () => {
    const unit = fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r', '\n', '\t', '\ufeff', '=', '+', '-', '@', "'", 'é');
    const text = fc.string({ unit, maxLength: 8 });
    const value = fc.oneof(text, fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { maxLength: 5 }), (headers, rows) => {
        const cols = headers.map((header, i) => ({ header, value: (r: (typeof rows)[number]) => r[i] }));
        const cell = (v: string | number | null | undefined): string | number =>
          v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? v : '') : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
        const papa = Papa.unparse(
          { fields: cols.map((c) => cell(c.header) as string), data: rows.map((r) => cols.map((c) => cell(c.value(r)))) },
          { newline: '\r\n', quotes: false },
        );
        expect(toCsv(cols, rows)).toBe(papa);
      }),
      { numRuns: 500 },
    );
  });

  it('names files safely', () => {
    expect(csvFileName('agents', '2026-W47')).toBe('insights-agents-2026-W47.csv');
    expect(csvFileName('support types', '../x')).toBe('insights-support-types-..-x.csv');
  });
});

describe('periods', () => {
  const calendar = createCalendar('Australia/Sydney');
  // Saturday 21 Nov 2026, 14:00 in Sydney (UTC+11).
  const now = Date.UTC(2026, 10, 21, 3, 0);

  it.each([
    ['today', { from: '2026-11-21', to: '2026-11-21' }, '2026-11-21'],
    ['week', { from: '2026-11-16', to: '2026-11-21' }, '2026-W47'],
    ['month', { from: '2026-11-01', to: '2026-11-21' }, '2026-11'],
  ] as const)('%s covers the local days up to today', (kind, range, label) => {
    expect(rangeOf({ kind }, calendar, now)).toEqual(range);
    expect(periodLabel({ kind }, calendar, now)).toBe(label);
  });

  it('uses the local day, not the UTC one', () => {
    // 23:30 UTC on 20 Nov is already 21 Nov in Sydney.
    expect(rangeOf({ kind: 'today' }, calendar, Date.UTC(2026, 10, 20, 23, 30)).from).toBe('2026-11-21');
  });

  it('checks a chosen range', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-07' })).toBeUndefined();
    expect(rangeProblem({ from: '2026-11-07', to: '2026-11-01' })).toMatch(/after/);
    expect(rangeProblem({ from: '2026-10-01', to: '2026-11-07' })).toMatch(/31 days/);
    expect(rangeProblem({ from: '', to: '2026-11-07' })).toMatch(/both/);
    expect(periodLabel({ kind: 'range', range: { from: '2026-11-01', to: '2026-11-07' } }, calendar, now)).toBe('2026-11-01_2026-11-07');
  });
});
