/**
 * Live queries per scope, attacked: what the fake insights client delivered to an agent's
 * or a team leader's source, and what the source and the core's filter handed on, checked
 * against the simulated truth (who held each task, whose customer it was).
 */
import { DEFAULT_CONFIG, Engine, EventReader, accessOf, buildReport, createScopeFilter, teamOf, type TrEvent } from '../../src/core';
import { FakeInsightsClient, compileQuery } from '../../src/sandbox/fakes/fakeInsightsClient';
import { workersAtStart } from '../../src/sandbox/fakes/simulatorToSync';
import {
  LiveSource,
  MAX_IN_VALUES,
  liveScopeOf,
  operatorCount,
  ownTasksExpression,
  rechunk,
  shardExpression,
  teamWorkersExpression,
  within,
  type LiveScope,
} from '../../src/sources/live';
import { simulate, toEventStreams, type SimEvent } from '../../src/sources/simulator';
import { aReservationItem, aTaskItem, aWorkerItem, isoAt, playLive, reservationSid, settle, taskSid, workerSid } from './liveFixtures';

const HOUR_START = Date.parse('2026-11-16T14:00:00.000Z');
const HOUR_END = HOUR_START + 3_600_000;

function simulated(agents: number, seed: number): SimEvent[] {
  const out: SimEvent[] = [];
  for (const ev of simulate({ agents, days: 1, seed, start: HOUR_START })) {
    if (ev.timeMs >= HOUR_END) break;
    out.push(ev);
  }
  return out;
}

/** Plays the hour into a fake client with a source of this scope on it; returns what came out. */
const playHour = (events: readonly SimEvent[], scope: LiveScope, cap = 200) => playLive(events, scope, { from: HOUR_START, cap });

/** Who accepted each task in the run, and the customer strings of each task. */
function truthOf(events: readonly SimEvent[]) {
  const holder = new Map<string, string>();
  const customer = new Map<string, string[]>();
  const teamAtAcceptance = new Map<string, string>();
  for (const ev of events) {
    if (ev.task) {
      const a = JSON.parse(ev.task.attributes) as { customers?: { name?: string; phone?: string; email?: string }; from?: string };
      customer.set(ev.task.sid, [a.customers?.name, a.customers?.phone, a.customers?.email, a.from].filter((s): s is string => typeof s === 'string' && s.length > 3));
    }
    if (ev.type === 'reservation.accepted' && ev.task && ev.worker) {
      holder.set(ev.task.sid, ev.worker.sid);
      teamAtAcceptance.set(ev.task.sid, teamOf(JSON.parse(ev.worker.attributes) as Record<string, unknown>));
    }
  }
  return { holder, customer, teamAtAcceptance };
}

const events = simulated(120, 5);
const truth = truthOf(events);
const workers = workersAtStart(events, HOUR_START);

describe('what an agent\'s session receives', () => {
  // The agent who handled the most in the hour, so the checks are not empty.
  const counts = new Map<string, number>();
  for (const w of truth.holder.values()) counts.set(w, (counts.get(w) ?? 0) + 1);
  const me = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const myName = workers.find((w) => w.worker_sid === me)?.friendly_name as string;

  it('is their own worker, reservations and tasks: no item of another worker is ever delivered', async () => {
    const access = accessOf({ roles: ['agent'], workerSid: me });
    const { client, source, handed, errors } = await playHour(events, liveScopeOf(access, me));
    expect(errors).toEqual([]);
    const delivered = client.deliveries;
    expect(delivered.filter((d) => d.index === 'tr-reservation').length).toBeGreaterThan(0);
    expect(delivered.filter((d) => d.index === 'tr-task').length).toBeGreaterThan(0);
    for (const d of delivered) {
      const v = d.value as Record<string, unknown>;
      if (d.index === 'tr-worker' || d.index === 'tr-reservation') expect({ index: d.index, worker: v.worker_sid }).toEqual({ index: d.index, worker: me });
      if (d.index === 'tr-task') {
        expect({ task: d.key, worker: v.worker_sid ?? me }).toEqual({ task: d.key, worker: me });
        expect({ task: d.key, name: v.worker_name ?? myName }).toEqual({ task: d.key, name: myName });
      }
    }
    // No other worker's sid or name anywhere in what was delivered or handed on.
    const text = JSON.stringify(delivered.map((d) => d.value)) + JSON.stringify(handed);
    for (const w of workers) {
      if (w.worker_sid === me) continue;
      expect({ sid: w.worker_sid, found: text.includes(w.worker_sid as string) }).toEqual({ sid: w.worker_sid, found: false });
      expect({ name: w.friendly_name, found: text.includes(`"${w.friendly_name}"`) }).toEqual({ name: w.friendly_name, found: false });
    }
    // Every query stays within the limits, and tasks are asked for by IN arrays under 30.
    for (const q of new Set(delivered.map((d) => d.expression))) expect(operatorCount(q)).toBeLessThan(30);
    expect(source.shards().some((s) => s.expression.includes('data.task_sid IN'))).toBe(true);
    source.stop();
  });

  it('reads a task reserved for another worker without that worker, whatever the item names', async () => {
    const mine = workerSid(1);
    const other = workerSid(2);
    const client = new FakeInsightsClient();
    client.set('tr-worker', mine, aWorkerItem(1));
    client.set('tr-worker', other, aWorkerItem(2));
    // The agent's offer timed out; the task waits, reserved for another worker, and its item names them.
    client.set('tr-reservation', reservationSid(1), aReservationItem(1, { worker_sid: mine, worker_name: 'agent1', status: 'timeout', date_updated: isoAt(40) }));
    const reservedForOther = (sec: number, attributes: Record<string, unknown>) =>
      aTaskItem(1, { status: 'reserved', worker_sid: other, worker_name: 'agent2', accepted_reservation_sid: reservationSid(2), date_updated: isoAt(sec), attributes });
    client.set('tr-task', taskSid(1), reservedForOther(45, { call_sid: 'CA1' }));
    const handed: TrEvent[] = [];
    const errors: string[] = [];
    const source = new LiveSource({
      client, scope: liveScopeOf(accessOf({ roles: ['agent'], workerSid: mine }), mine),
      onEvents: (list) => handed.push(...list), onError: (error, context) => errors.push(`${context}: ${String(error)}`),
    });
    await source.start();
    await settle(source);
    client.set('tr-task', taskSid(1), reservedForOther(50, { call_sid: 'CA1', queue_note: 'escalated' }));
    await settle(source);
    source.stop();
    expect(errors).toEqual([]);
    // The client delivered the other worker, as Flex may: what the source hands on is what must not carry them.
    expect(client.deliveries.filter((d) => d.index === 'tr-task').map((d) => d.value.worker_sid)).toEqual([other, other]);
    // The task is still read (it is the agent's conversation), with its attributes.
    expect(handed.filter((e) => e.taskSid === taskSid(1) && e.type.startsWith('task')).map((e) => e.type)).toEqual(['task.created', 'task-queue.entered', 'task.updated']);
    const text = JSON.stringify(handed);
    for (const s of [other, 'agent2', reservationSid(2)]) expect({ s, found: text.includes(s) }).toEqual({ s, found: false });
  });

  it('still gives the agent their own numbers, transfers as the whole centre counts them', async () => {
    const access = accessOf({ roles: ['agent'], workerSid: me });
    const { handed, source } = await playHour(events, liveScopeOf(access, me));
    source.stop();
    const window = { from: HOUR_START, to: HOUR_END };
    const live = new Engine(DEFAULT_CONFIG, { window });
    const filter = createScopeFilter(access, { reorderWindowMs: DEFAULT_CONFIG.reorderWindowMs });
    for (const e of filter.select(handed)) live.apply(e);
    const direct = new Engine(DEFAULT_CONFIG, { window });
    const reader = new EventReader();
    const all: TrEvent[] = [];
    for (const ev of events) {
      const out = reader.read(toEventStreams(ev));
      if (out.kind === 'event') all.push(out.event);
    }
    for (const e of createScopeFilter(access, { reorderWindowMs: DEFAULT_CONFIG.reorderWindowMs }).select(all)) direct.apply(e);
    const mine = buildReport(live).byAgent[me];
    const expected = buildReport(direct).byAgent[me];
    expect(mine.handled).toBeGreaterThan(0);
    expect({ handled: mine.handled, invitations: mine.invitations, rona: mine.rona }).toEqual({ handled: expected.handled, invitations: expected.invitations, rona: expected.rona });
    // Transfers: the task a transfer of theirs made is followed while it waits, so its queue segment marks their engagement.
    const full = new Engine(DEFAULT_CONFIG, { window });
    for (const e of all) full.apply(e);
    const centre = buildReport(full).byAgent[me];
    expect(centre.transfers).toBeGreaterThan(0);
    expect(mine.transfers).toBe(centre.transfers);
  });
});

describe('what a team leader\'s session hands on', () => {
  const team = teamOf(workers[0].attributes as Record<string, unknown>);
  const leader = workers[0].worker_sid as string;
  const access = accessOf({ roles: ['wfo.team_leader'], workerSid: leader, team });

  it('carries no customer of a task the team did not hold: the source drops them before any event', async () => {
    const { client, source, handed, errors } = await playHour(events, liveScopeOf(access, leader));
    source.stop();
    expect(errors).toEqual([]);
    const outsiders = [...truth.customer.keys()].filter((sid) => truth.teamAtAcceptance.get(sid) !== team && truth.holder.get(sid) !== leader);
    const insiders = [...truth.customer.keys()].filter((sid) => truth.teamAtAcceptance.get(sid) === team);
    expect(outsiders.length).toBeGreaterThan(20);
    expect(insiders.length).toBeGreaterThan(0);
    const filtered = createScopeFilter(access, { reorderWindowMs: DEFAULT_CONFIG.reorderWindowMs, ownWorkerSid: leader }).select(handed);
    for (const [label, list] of [['source', handed], ['after the core filter', filtered]] as const) {
      const byTask = new Map<string, string>();
      for (const e of list) if (e.taskSid && e.taskAttributes) byTask.set(e.taskSid, (byTask.get(e.taskSid) ?? '') + JSON.stringify(e.taskAttributes));
      for (const sid of outsiders) {
        const text = byTask.get(sid) ?? '';
        for (const s of truth.customer.get(sid) ?? []) expect({ label, sid, leaked: text.includes(s) }).toEqual({ label, sid, leaked: false });
      }
      // The team's own conversations keep their customer.
      expect(insiders.some((sid) => (truth.customer.get(sid) ?? []).some((s) => (byTask.get(sid) ?? '').includes(s)))).toBe(true);
    }
    // Reservations are only the team's (and the leader's own).
    for (const d of client.deliveries.filter((x) => x.index === 'tr-reservation')) {
      const w = workers.find((x) => x.worker_sid === (d.value as { worker_sid: string }).worker_sid);
      expect(w).toBeDefined();
    }
  });

  it('keeps the queue figures whole: every wait ends when someone accepts', async () => {
    const { handed, source } = await playHour(events, liveScopeOf(access, leader));
    source.stop();
    const window = { from: HOUR_START, to: HOUR_END };
    const live = new Engine(DEFAULT_CONFIG, { window });
    for (const e of createScopeFilter(access, { reorderWindowMs: DEFAULT_CONFIG.reorderWindowMs, ownWorkerSid: leader }).select(handed)) live.apply(e);
    const direct = new Engine(DEFAULT_CONFIG, { window });
    const reader = new EventReader();
    for (const ev of events) {
      const out = reader.read(toEventStreams(ev));
      if (out.kind === 'event') direct.apply(out.event);
    }
    const a = buildReport(live).totals;
    const b = buildReport(direct).totals;
    expect({ offered: a.offered, handled: a.handled, avgWaitSec: a.avgWaitSec, serviceLevel: a.serviceLevel, abandoned: a.abandoned })
      .toEqual({ offered: b.offered, handled: b.handled, avgWaitSec: b.avgWaitSec, serviceLevel: b.serviceLevel, abandoned: b.abandoned });
  });
});

describe('a team of 300 workers and their reservations', () => {
  it('is sharded under the cap, re-split as it grows, each item counted once', async () => {
    const client = new FakeInsightsClient();
    for (let i = 0; i < 300; i++) client.set('tr-worker', workerSid(i), aWorkerItem(i, { attributes: { team: i < 280 ? 'Big' : 'Other' } }));
    const access = accessOf({ roles: ['wfo.team_leader'], workerSid: workerSid(0), team: 'Big' });
    const handed: TrEvent[] = [];
    const errors: unknown[] = [];
    const source = new LiveSource({ client, scope: liveScopeOf(access, workerSid(0)), onEvents: (l) => handed.push(...l), onError: (e) => errors.push(e) });
    await source.start();
    await settle(source);
    for (let i = 0; i < 2400; i++) {
      if (i < 700) client.set('tr-task', taskSid(i), aTaskItem(i, { status: 'assigned', worker_sid: workerSid(i % 300), accepted_reservation_sid: `WR${i}` }));
      client.set('tr-reservation', `WRx${i}`, aReservationItem(i, { reservation_sid: `WRx${i}`, worker_sid: workerSid(i % 300), status: 'accepted' }));
      if (source.busy) await settle(source);
    }
    await settle(source);
    expect(errors).toEqual([]);
    expect(source.itemCount('tr-worker')).toBe(280);
    // 2,400 reservations over 300 workers: those of the 280 team members, 8 per worker.
    const teamReservations = [...Array(2400).keys()].filter((i) => i % 300 < 280).length;
    expect(source.stats.splits).toBeGreaterThan(0);
    expect(source.shards().some((s) => s.index === 'tr-reservation' && s.expression.includes(') AND (data.reservation_sid CONTAINS'))).toBe(true);
    expect(source.shards().some((s) => s.index === 'tr-worker' && s.expression.includes(') AND (data.worker_sid CONTAINS'))).toBe(true);
    expect(source.itemCount('tr-reservation')).toBe(teamReservations);
    expect(source.itemCount('tr-task')).toBe(700);
    for (const s of source.shards()) {
      expect(s.size).toBeLessThan(200);
      expect(operatorCount(s.expression)).toBeLessThan(30);
      expect(() => compileQuery(s.expression)).not.toThrow();
    }
    // Each accepted reservation of the team counted once, though queries overlapped while splitting.
    const accepted = handed.filter((e) => e.type === 'reservation.accepted' && e.reservationSid?.startsWith('WRx'));
    expect(new Set(accepted.map((e) => e.sid)).size).toBe(accepted.length);
    expect(accepted).toHaveLength(teamReservations);
    expect(client.deliveries.filter((d) => d.index === 'tr-reservation').every((d) => (d.value as { worker_sid: string }).worker_sid !== workerSid(290))).toBe(true);
    source.stop();
  });
});

describe('query plans', () => {
  it('keep every expression under 30 operators and every array under 30 values', () => {
    const sids = [...Array(MAX_IN_VALUES).keys()].map(workerSid);
    for (const e of [ownTasksExpression(workerSid(1), sids), teamWorkersExpression('Team "A"', ['team', 'team_name', 'agent_team'], workerSid(2)), within('worker_sid', sids)]) {
      expect(operatorCount(e)).toBeLessThan(30);
      expect(() => compileQuery(e)).not.toThrow();
      const widest = shardExpression('tr-worker', ['WK0', 'WK1', 'WK2', 'WK3', 'WK4', 'WK5', 'WK6'].slice(0, 7), e, 7);
      expect(() => compileQuery(widest)).not.toThrow();
    }
    expect(() => within('worker_sid', [...sids, 'WKx'])).toThrow(/1 to 29/);
    expect(compileQuery(teamWorkersExpression('Team "A"', ['team'], undefined))({ attributes: { team: 'Team "A"' } })).toBe(true);
  });

  it('rechunk keeps values where they were and fills the last array', () => {
    const a = rechunk([], new Set(['c', 'a', 'b']), 2);
    expect(a).toEqual([['a', 'b'], ['c']]);
    expect(rechunk(a, new Set(['a', 'c', 'd']), 2)).toEqual([['a'], ['c', 'd']]);
  });
});
