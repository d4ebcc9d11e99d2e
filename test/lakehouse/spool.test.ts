/**
 * The spool: rows appended past the appenders' flush size (in one transaction) are all
 * there, typed as the lakehouse types them, once it is closed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLE_COLUMNS, type Row } from '../../src/core';
import { Spool } from '../../src/lakehouse/spool';

jest.setTimeout(60_000);

it('keeps every row of a table appended past several flushes, with its counts per day', async () => {
  const spool = await Spool.open(mkdtempSync(join(tmpdir(), 'spool-test-')));
  try {
    const base = Object.fromEntries(TABLE_COLUMNS.agent_activity.map(([n]) => [n, null])) as Record<string, Row[string]>;
    // 50,000 rows: two flushes of 20,480 and the rest at close.
    for (let i = 0; i < 50_000; i++) {
      const day = i < 30_000 ? '2026-11-16' : '2026-11-17';
      spool.emit('agent_activity', { ...base, worker_sid: `WK${i % 7}`, activity: 'Available', started_at: Date.UTC(2026, 10, 16) + i * 1000, duration_ms: i, logged_in: true, day });
    }
    spool.emit('agents', { ...Object.fromEntries(TABLE_COLUMNS.agents.map(([n]) => [n, null])), worker_sid: 'WK1', day: '2026-11-16' });
    await spool.close();
    const counts = await spool.connection.runAndReadAll(
      `SELECT day, count(*) AS n, sum(duration_ms) AS ms, min(started_at) AS first FROM (${spool.select('agent_activity')}) GROUP BY day ORDER BY day`,
    );
    // 0 + 1 + … + 49,999 = 1,249,975,000 ms in all.
    expect(counts.getRowObjectsJson()).toEqual([
      { day: '2026-11-16', n: '30000', ms: '449985000', first: '2026-11-16 00:00:00+00' },
      { day: '2026-11-17', n: '20000', ms: '799990000', first: '2026-11-16 08:20:00+00' },
    ]);
    expect(spool.rows('agent_activity')).toBe(50_000);
    expect([...(spool.counts.get('agent_activity') ?? [])]).toEqual([['2026-11-16', 30_000], ['2026-11-17', 20_000]]);
    expect((await spool.connection.runAndReadAll('SELECT count(*) AS n FROM spool_agents')).getRowObjectsJson()).toEqual([{ n: '1' }]);
  } finally {
    spool.dispose();
  }
});
