import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError, parseReportArgs, runReport } from '../../src/cli/report';
import type { Report } from '../../src/core';
import { reportOf, toCloudEvent, toEventsApi, withoutInput } from '../fixtures/builders';
import { busyHour } from '../fixtures/day';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'report-'));
const events = busyHour(30);
const ndjson = join(dir, 'events.ndjson');
writeFileSync(ndjson, events.map((e) => JSON.stringify(toCloudEvent(e))).join('\n') + '\n');
const page = join(dir, 'page.json');
writeFileSync(page, JSON.stringify({ events: events.map(toEventsApi), meta: { page: 0 } }, null, 2));

const run = async (...argv: string[]): Promise<Report> => JSON.parse(await runReport(argv)) as Report;

describe('report CLI', () => {
  it('reads NDJSON and an Events API page to the engine report', async () => {
    const expected = withoutInput(reportOf(events));
    expect(withoutInput(await run(ndjson))).toEqual(expected);
    expect(withoutInput(await run(page))).toEqual(expected);
  });

  it('several files are one stream: duplicates across them count once, positions name the file', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, `${JSON.stringify(toCloudEvent(events[0]))}\n{oops\n`);
    const r = await run(ndjson, bad);
    expect(r.input).toMatchObject({ duplicates: 1, rejected: 1 });
    expect(r.input.errors).toEqual([{ at: `${bad} line 2`, reason: expect.stringMatching(/^not JSON/) }]);
    expect(withoutInput(r)).toEqual(withoutInput(reportOf(events)));
  });

  it('--from/--to are local times in --tz; a date-only --to is the end of that day', async () => {
    // the busy hour is 10:00–10:04 UTC on 20 Nov = 21:00 local in Sydney
    const all = await run(ndjson, '--tz', 'Australia/Sydney', '--from', '2026-11-20', '--to', '2026-11-20');
    expect(all.window).toEqual({ from: '2026-11-19T13:00:00.000Z', to: '2026-11-20T12:59:59.999Z', timeZone: 'Australia/Sydney' });
    expect(all.totals).toEqual((await run(ndjson)).totals);
    const none = await run(ndjson, '--tz', 'Australia/Sydney', '--from', '2026-11-21', '--to', '2026-11-21T23:00');
    expect(none.totals.offered).toBe(0);
    expect(none.byDay).toEqual({});
    const part = await run(ndjson, '--from=2026-11-20T10:02:00Z');
    expect(part.totals.offered).toBeGreaterThan(0);
    expect(part.totals.offered).toBeLessThan(all.totals.offered);
  });

  it('--interval adds byInterval; --config overrides the defaults', async () => {
    const r = await run(ndjson, '--interval', '15');
    // the busy hour's segments start between 10:00 and 10:10 (the last transfer at 10:03:23 + 66 s)
    expect(Object.keys(r.byInterval ?? {})).toEqual(['2026-11-20T10:00']);
    expect(r.byInterval?.['2026-11-20T10:00']).toEqual(r.totals);
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ supportTypes: { everything: ['ciss', 'digi'] }, serviceLevelSec: 5 }));
    const custom = await run(ndjson, '--config', config);
    expect(Object.keys(custom.bySupportType)).toEqual(['everything']);
    expect(custom.totals.serviceLevel).not.toEqual(r.totals.serviceLevel);
  });

  it.each([
    [[], /no input file/],
    [['x.ndjson', '--interval', '20'], /--interval must be 15, 30 or 60/],
    [['x.ndjson', '--tz'], /--tz needs a value/],
    [['x.ndjson', '--verbose'], /unknown option --verbose/],
  ])('bad arguments %j', (argv, message) => {
    expect(() => parseReportArgs(argv)).toThrow(message);
  });

  it.each([
    [['/no/such/file'], /does not exist/],
    [[ndjson, '--tz', 'Mars/Olympus'], /not an IANA time zone/],
    [[ndjson, '--from', '20/11/2026'], /not an ISO date/],
    [[ndjson, '--from', '2026-11-21', '--to', '2026-11-20'], /--from is after --to/],
  ])('unusable %j', async (argv, message) => {
    await expect(runReport(argv)).rejects.toThrow(UsageError);
    await expect(runReport(argv)).rejects.toThrow(message);
  });

  it('as a process: JSON on stdout and exit 0; one line on stderr and exit 2', () => {
    const cli = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/report.ts'), ...args], { cwd: root, input, encoding: 'utf8' });
    const ok = cli(['-'], `${JSON.stringify(toCloudEvent(events[0]))}\nnot json\n`);
    expect(ok.status).toBe(0);
    const r = JSON.parse(ok.stdout) as Report;
    expect(r.input).toMatchObject({ read: 2, used: 1, rejected: 1 });
    const bad = cli(['/no/such/file']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
