/**
 * Each selector against the engine's own report of the same events (a simulated day of
 * the crisis line), or against the simulator's own record of what happened.
 */
import { DEFAULT_CONFIG, type AgentMetricSet, type TrEvent } from '../../src/core';
import { selectToday, selectWaitingNow } from '../../src/store';
import { agentRows, mine, mineThisWeek, teamRows, todayBy, totalsToday, type AgentRowProbe } from './probes';
import { figuresOf, selectMyStats } from '../../src/views/mystats/myStats.selectors';
import { BASE, aContactArrives, anEngagement, aTaskEvent, at } from '../fixtures/builders';
import { DAY, agentsOfDay, dayEvents, loadedStore, reportOf, simulated } from './fixtures';

const report = reportOf(dayEvents);
const supervisor = { roles: ['supervisor'], workerSid: 'WKsup' };
const admin = { roles: ['admin'], workerSid: 'WKadmin' };

function metricsOf(row: AgentRowProbe): AgentMetricSet {
  const { sid: _sid, name: _name, team: _team, activity: _activity, activitySince: _since, ...metrics } = row;
  return metrics;
}

describe('selectors on a simulated day (scope all)', () => {
  const state = loadedStore(supervisor, dayEvents).getState();

  it('the day is one day key in the configured zone', () => {
    expect(selectToday(state)).toBe(DAY);
    expect(Object.keys(report.byDay)).toEqual([DAY]);
  });

  it('totalsToday is the report of the day', () => {
    expect(totalsToday(state)).toEqual(report.byDay[DAY]);
    expect(totalsToday(state)).toEqual(report.totals);
  });

  it.each([
    ['supportType', 'bySupportType'],
    ['platform', 'byPlatform'],
    ['queue', 'byQueue'],
  ] as const)('todayBy %s is the report %s', (slice, key) => {
    expect(todayBy(state, slice)).toEqual(report[key]);
  });

  it('agentRows: one row per agent, with the report numbers, names and teams', () => {
    const rows = agentRows(state);
    expect(rows.map((r) => r.sid).sort()).toEqual(Object.keys(report.byAgent).sort());
    for (const row of rows) {
      const { name, team, activitySec: _sec, loggedStatusPct: _pct, ...metrics } = report.byAgent[row.sid];
      expect({ sid: row.sid, name: row.name, team: row.team, ...metricsOf(row) }).toEqual({ sid: row.sid, name, team, ...metrics });
    }
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('agentRows: the current activity and since when, as the simulator left each agent', () => {
    const last = new Map<string, { activity: string; since: number }>();
    for (const ev of simulated) {
      if (ev.type !== 'worker.activity.update' || !ev.worker) continue;
      const prev = last.get(ev.worker.sid);
      if (!prev || prev.activity !== ev.worker.activityName) last.set(ev.worker.sid, { activity: ev.worker.activityName, since: ev.timeMs });
    }
    const rows = agentRows(state);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const expected = last.get(row.sid);
      expect({ activity: row.activity, since: row.activitySince }).toEqual({ activity: expected?.activity, since: expected?.since });
    }
  });

  it('teamRows is the report byTeam', () => {
    const rows = teamRows(state);
    expect(Object.fromEntries(rows.map(({ team, ...m }) => [team, m]))).toEqual(report.byTeam);
  });

  it('mine and mineThisWeek: the user own numbers, when the user is a worker', () => {
    const me = agentsOfDay()[3].sid;
    const own = loadedStore({ roles: ['supervisor'], workerSid: me }, dayEvents).getState();
    const { name: _n, team: _t, activitySec: _a, loggedStatusPct: _p, ...expected } = report.byAgent[me];
    expect(mine(own)).toEqual(expected);
    expect(mineThisWeek(own)).toEqual(expected);
    expect(mine(own)?.handled).toBeGreaterThan(0);
    // My stats shows these figures
    const shown = selectMyStats(own);
    expect(shown.today.mine).toEqual(figuresOf(expected));
    expect(shown.week.mine).toEqual(figuresOf(expected));
    expect(mine(loadedStore({ roles: ['supervisor'] }, dayEvents).getState())).toBeUndefined();
  });
});

describe('selectWaitingNow', () => {
  /** The moment the simulator had the most contacts in queue. */
  function busiestMoment(): number {
    const status = new Map<string, string>();
    const inQueue = (s: string | undefined): boolean => s === 'pending' || s === 'reserved';
    let waiting = 0;
    let most = 0;
    let when = 0;
    for (const ev of simulated) {
      if (!ev.task) continue;
      waiting += (inQueue(ev.task.assignmentStatus) ? 1 : 0) - (inQueue(status.get(ev.task.sid)) ? 1 : 0);
      status.set(ev.task.sid, ev.task.assignmentStatus);
      if (waiting > most) [most, when] = [waiting, ev.timeMs];
    }
    return when;
  }
  const T = busiestMoment();
  const prefix = dayEvents.filter((e) => e.ts <= T);

  /** What the simulator says: tasks whose latest state at T is still in a queue (pending, or offered). */
  function waitingBySimulator(): Map<string, { queue: string; since: number }> {
    const latest = new Map<string, { status: string; queue: string; since: number }>();
    for (const ev of simulated) {
      if (ev.timeMs > T || !ev.task) continue;
      latest.set(ev.task.sid, { status: ev.task.assignmentStatus, queue: ev.task.queueName, since: ev.task.queueEnteredMs });
    }
    const out = new Map<string, { queue: string; since: number }>();
    for (const [sid, t] of latest) if (t.status === 'pending' || t.status === 'reserved') out.set(sid, { queue: t.queue, since: t.since });
    return out;
  }

  it('lists the contacts in a queue at that moment, with their queue and wait', () => {
    const expected = waitingBySimulator();
    expect(expected.size).toBeGreaterThan(3);
    const w = selectWaitingNow(loadedStore(supervisor, prefix, { now: T }).getState());
    expect(w.waiting).toBe(expected.size);
    expect(new Map(w.contacts.map((c) => [c.taskSid, { queue: c.queue, since: c.since }]))).toEqual(expected);
    for (const c of w.contacts) expect(c.waitSec).toBe(Math.floor((T - c.since) / 1000));
    expect(w.longestWaitSec).toBe(Math.max(...w.contacts.map((c) => c.waitSec)));
    expect(w.contacts[0].waitSec).toBe(w.longestWaitSec);
    const sum = (r: Record<string, { waiting: number }>) => Object.values(r).reduce((a, s) => a + s.waiting, 0);
    expect(sum(w.byQueue)).toBe(w.waiting);
    expect(sum(w.bySupportType)).toBe(w.waiting);
    expect(sum(w.byPlatform)).toBe(w.waiting);
  });

  it('nobody waits once the day is over', () => {
    expect(selectWaitingNow(loadedStore(supervisor, dayEvents).getState()).waiting).toBe(0);
  });

  it('customer contacts are masked without export, and clear with it', () => {
    const masked = selectWaitingNow(loadedStore(supervisor, prefix, { now: T }).getState()).contacts;
    const clear = selectWaitingNow(loadedStore(admin, prefix, { now: T }).getState()).contacts;
    expect(clear.length).toBe(masked.length);
    expect(clear.some((c) => c.customerContact?.startsWith('+1555'))).toBe(true);
    for (const c of masked) {
      expect(c.customerContact).toMatch(/^(•••\d\d|.•••@.+)$/);
      expect(c.customerName).not.toMatch(/\d{4}/);
    }
  });

  it('a name that is really a phone number is masked as one', () => {
    const task = { task: 'WT1', queue: 'CISS Safety', attributes: { call_sid: 'CA1', from: '+61400123456' } };
    const s = loadedStore(supervisor, aContactArrives(task, 0), { now: at(30) }).getState();
    expect(selectWaitingNow(s).contacts).toEqual([
      expect.objectContaining({ queue: 'CISS Safety', supportType: 'safety', platform: 'CISS Central', waitSec: 30, customerName: '•••56', customerContact: '•••56' }),
    ]);
    const a = loadedStore(admin, aContactArrives(task, 0), { now: at(30) }).getState();
    expect(selectWaitingNow(a).contacts[0]).toMatchObject({ customerName: '+61400123456', customerContact: '+61400123456' });
  });

  it('a wait is never negative when the clock is behind the events', () => {
    const s = loadedStore(supervisor, aContactArrives({ task: 'WT1', queue: 'CISS Safety' }, 60), { now: at(0) }).getState();
    expect(selectWaitingNow(s).contacts[0].waitSec).toBe(0);
  });
});

describe('today is the day of now in the configured zone', () => {
  // BASE is 2026-11-20T10:00Z: 21:00 in Sydney (UTC+11). Four hours later is the 21st there.
  const early = { task: 'WT1', queue: 'CISS Safety' };
  const late = { task: 'WT2', queue: 'CISS Support' };
  const events: TrEvent[] = [
    ...aContactArrives(early, 0),
    ...anEngagement({ ...early, reservation: 'WR1', worker: 'WKann' }, { created: 5, accepted: 10, completed: 100 }),
    aTaskEvent('task.completed', early, 100),
    ...aContactArrives(late, 4 * 3600),
    ...anEngagement({ ...late, reservation: 'WR2', worker: 'WKann' }, { created: 4 * 3600 + 5, accepted: 4 * 3600 + 10 }),
  ];
  const now = BASE + 4.5 * 3600_000;

  it.each([
    // zone, today, conversations today, Ann's handled today
    ['UTC', '2026-11-20', 2, 2],
    ['Australia/Sydney', '2026-11-21', 1, 1],
    ['America/Los_Angeles', '2026-11-20', 2, 2],
  ])('%s: today is %s', (timeZone, today, conversations, handled) => {
    const s = loadedStore({ roles: ['supervisor'], workerSid: 'WKann' }, events, { now, config: { ...DEFAULT_CONFIG, timeZone } }).getState();
    expect(selectToday(s)).toBe(today);
    expect(totalsToday(s).conversations).toBe(conversations);
    expect(mine(s)?.handled).toBe(handled);
    expect(agentRows(s).find((r) => r.sid === 'WKann')?.handled).toBe(handled);
  });
});
