/**
 * The watch over the live engine: incremental evaluation (only what each batch touched,
 * plus the clock) equals a full evaluation built apart from it, after every batch and
 * every tick of simulated days fed as a live session gets them; a team leader's watch
 * leaves another team's agents out; a contact that changes queue to another support type
 * leaves the old type's rules.
 */
import { AlertEvaluator, type AlertRule } from '../../src/core/alerts';
import { AVAILABLE_ACTIVITY, AlertWatch, changesOf } from '../../src/core/alertWatch';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { LIVE_GROUPINGS } from '../../src/core/days';
import { platformOf, supportTypeOf } from '../../src/core/dimensions';
import { Engine } from '../../src/core/engine';
import type { TrEvent } from '../../src/core/events';
import { serviceLevel } from '../../src/core/metrics';
import { EventReader } from '../../src/core/readers';
import { accessOf, mayViewAgent, type Access } from '../../src/core/roles';
import { simulate, simulationRoster, toEventStreams } from '../../src/sources/simulator';
import { aContactArrives, anActivity, anEvent, aReservation, aTaskEvent, at } from '../fixtures/builders';
import { mulberry32 } from '../fixtures/random';

const RULES: AlertRule[] = [
  { id: 'wait-any', kind: 'contactWait', seconds: 45, severity: 'warning', holdSec: 0, clearSec: 20 },
  { id: 'wait-imminent', kind: 'contactWait', supportType: 'imminent', seconds: 20, severity: 'error', holdSec: 5, clearSec: 30 },
  // check_in contacts escalate to support: a targeted wait on a type contacts leave.
  { id: 'wait-check-in', kind: 'contactWait', supportType: 'check_in', seconds: 10, severity: 'error', holdSec: 0, clearSec: 15 },
  { id: 'queue-2', kind: 'waitingCount', count: 2, severity: 'warning', holdSec: 15, clearSec: 30 },
  { id: 'type-3', kind: 'waitingCount', supportType: 'support', count: 3, severity: 'warning', holdSec: 0, clearSec: 60 },
  { id: 'sl-queue', kind: 'serviceLevel', below: 0.9, severity: 'warning', holdSec: 60, clearSec: 120 },
  { id: 'sl-platform', kind: 'serviceLevel', platform: 'CISS Central', below: 0.95, severity: 'error', holdSec: 0, clearSec: 60 },
  { id: 'nobody', kind: 'noAgentAvailable', severity: 'error', holdSec: 10, clearSec: 10 },
  { id: 'nobody-support', kind: 'noAgentAvailable', supportType: 'support', severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'break', kind: 'agentActivity', activity: 'Break', minutes: 10, severity: 'info', holdSec: 0, clearSec: 0 },
  { id: 'wrapup', kind: 'agentWrapup', minutes: 1, severity: 'info', holdSec: 10, clearSec: 5 },
  { id: 'rona', kind: 'agentRona', count: 1, severity: 'warning', holdSec: 0, clearSec: 0 },
];

function simulatedDay(agents: number, seed: number): TrEvent[] {
  const reader = new EventReader();
  return [...simulate({ agents, days: 1, seed })].map((ev) => {
    const out = reader.read(toEventStreams(ev));
    if (out.kind !== 'event') throw new Error('simulated event not read');
    return out.event;
  });
}

/**
 * A day's events as a live session gets them: in batches of 1 to 8 events within 3 s
 * (every event of one instant in the same batch, as one animation frame takes them); for
 * every other task a queue change comes as a lone `task-queue.entered`, as the live source
 * reports it, instead of the simulator's `moved` then `entered`.
 */
function liveBatches(events: readonly TrEvent[], seed: number): TrEvent[][] {
  const random = mulberry32(seed);
  const lone = new Set<string>();
  let n = 0;
  for (const e of events) if (e.type === 'task.created' && e.taskSid && n++ % 2 === 0) lone.add(e.taskSid);
  const kept = events.filter((e) => !(e.type === 'task-queue.moved' && e.taskSid && lone.has(e.taskSid)));
  const batches: TrEvent[][] = [];
  for (let i = 0; i < kept.length; ) {
    const size = 1 + Math.floor(random() * 8);
    const first = kept[i].ts;
    const batch: TrEvent[] = [];
    while (i < kept.length && (kept[i].ts === (batch.at(-1)?.ts ?? first) || (batch.length < size && kept[i].ts - first <= 3000))) batch.push(kept[i++]);
    batches.push(batch);
  }
  return batches;
}

const HOUR_MS = 3_600_000;

/**
 * The full evaluation, built apart from the watch: at every step each subject is read
 * afresh from the engine's own scans (`waitingNow`, `activeNow`, `agents`, every day cell
 * of a queue or platform) and the RONAs of the events, and is seen by every rule of its
 * kind (`observeFully`, each rule deciding by its own target): neither the watch's
 * bookkeeping nor the rule index takes part.
 */
class FullEvaluation {
  readonly evaluator: AlertEvaluator;
  private waitingBefore = new Set<string>();
  private readonly ronas = new Map<string, Map<string, number>>();
  constructor(
    rules: readonly AlertRule[],
    private readonly access: Access,
  ) {
    this.evaluator = new AlertEvaluator(rules, access);
  }
  noteEvents(events: readonly TrEvent[]): void {
    for (const e of events) {
      if (e.type !== 'reservation.timeout' || e.workerSid === undefined) continue;
      const m = this.ronas.get(e.workerSid) ?? new Map<string, number>();
      m.set(e.sid, e.ts);
      this.ronas.set(e.workerSid, m);
    }
  }
  evaluate(engine: Engine, now: number): void {
    const ev = this.evaluator;
    ev.tick(now);
    const config = engine.config;
    const day = engine.calendar.dayKey(now);
    const byQueue = new Map<string, number>();
    const byType = new Map<string, number>();
    const byPlatform = new Map<string, number>();
    const count = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
    const waitingNow = new Set<string>();
    for (const w of engine.waitingNow()) {
      const supportType = supportTypeOf(config, w.queue);
      const platform = platformOf(w.channel, config.platforms);
      count(byQueue, w.queue);
      count(byType, supportType);
      count(byPlatform, platform);
      waitingNow.add(w.taskSid);
      ev.observeFully({ kind: 'contact', key: w.taskSid, queue: w.queue, supportType, platform, waitingSince: w.start }, now);
    }
    for (const sid of this.waitingBefore) {
      if (!waitingNow.has(sid)) ev.observeFully({ kind: 'contact', key: sid, queue: '', supportType: '', platform: '', waitingSince: undefined }, now);
    }
    this.waitingBefore = waitingNow;
    const agents = engine.agents();
    // A team leader's "no agent available" counts their team's agents (docs/model.md, Alerts).
    const available = agents.filter((a) => engine.currentActivity(a.sid)?.activity === AVAILABLE_ACTIVITY && mayViewAgent(this.access, a)).length;
    const queues = new Set([...engine.cellsOf({ slice: 'queue', period: 'day' }).map((c) => c.slice), ...byQueue.keys()]);
    const types = new Set(byType.keys());
    for (const q of queues) {
      types.add(supportTypeOf(config, q));
      const sl = serviceLevel(engine.cellOf({ slice: 'queue', period: 'day' }, q, day));
      ev.observeFully({ kind: 'queue', key: q, waiting: byQueue.get(q) ?? 0, serviceLevel: sl }, now);
    }
    for (const st of types) ev.observeFully({ kind: 'supportType', key: st, waiting: byType.get(st) ?? 0, available }, now);
    const platforms = new Set([...engine.cellsOf({ slice: 'platform', period: 'day' }).map((c) => c.slice), ...byPlatform.keys()]);
    for (const p of platforms) {
      const sl = serviceLevel(engine.cellOf({ slice: 'platform', period: 'day' }, p, day));
      ev.observeFully({ kind: 'platform', key: p, waiting: byPlatform.get(p) ?? 0, available, serviceLevel: sl }, now);
    }
    const wrapups = new Map<string, number>();
    for (const e of engine.activeNow()) {
      if (e.wrapup !== undefined && !(wrapups.get(e.workerSid)! <= e.wrapup)) wrapups.set(e.workerSid, e.wrapup);
    }
    for (const a of agents) {
      const current = engine.currentActivity(a.sid);
      const ronas = [...(this.ronas.get(a.sid)?.values() ?? [])].filter((ts) => ts > now - HOUR_MS).sort((x, y) => x - y);
      ev.observeFully({ kind: 'agent', key: a.sid, name: a.name, team: a.team, activity: current?.activity, activitySince: current?.since, wrapupSince: wrapups.get(a.sid), ronas }, now);
    }
  }
}

describe('incremental evaluation equals a full evaluation', () => {
  const raised = new Set<string>();
  const cleared = new Set<string>();
  let movesAcrossTypes = 0;
  afterAll(() => {
    // Contacts moved to a queue of another support type while the watch looked.
    expect(movesAcrossTypes).toBeGreaterThan(0);
    // Not vacuous: every rule raised and cleared at least once over the days.
    expect([...raised].sort()).toEqual(RULES.map((r) => r.id).sort());
    expect([...cleared].sort()).toEqual(RULES.map((r) => r.id).sort());
  });
  it.each([
    [12, 3, 'supervisor'],
    [3, 5, 'supervisor'],
    [20, 11, 'wfo.team_leader'],
  ])('after every batch and tick of a simulated day (%i agents, seed %i, %s)', (agents, seed, role) => {
    const events = simulatedDay(agents, seed);
    const access = accessOf({ roles: [role], team: simulationRoster({ agents, seed }).agents[0].profile.team, workerSid: 'WKx' });
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const incremental = new AlertWatch(RULES, access);
    const full = new FullEvaluation(RULES, access);
    const incLog: string[] = [];
    const fullLog: string[] = [];
    const compare = (): void => {
      for (const t of incremental.takeTransitions()) incLog.push(`${t.type} ${t.alert.key} ${t.at}`);
      for (const t of full.evaluator.takeTransitions()) fullLog.push(`${t.type} ${t.alert.key} ${t.at}`);
      const mine = incremental.active();
      const theirs = full.evaluator.active();
      // `toEqual` on every step is slow; it runs (and reports the difference) when the two differ.
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) expect(mine).toEqual(theirs);
      compared++;
    };
    let batches = 0;
    let compared = 0;
    let crossTypeMoves = 0;
    const typeOf = new Map<string, string>();
    let previous = events[0].ts;
    for (const batch of liveBatches(events, seed)) {
      // The clock moves between batches on the simulated time: a tick each 5 s in between.
      const last = Math.max(...batch.map((e) => e.ts));
      for (let t = previous + 5000; t < last; t += 5000) {
        incremental.tick(engine, t);
        full.evaluate(engine, t);
        compare();
      }
      const used = batch.filter((e) => engine.apply(e));
      if (used.length === 0) continue;
      for (const e of used) {
        if (e.type !== 'task-queue.entered' || !e.taskSid || e.queueName === undefined) continue;
        const type = supportTypeOf(DEFAULT_CONFIG, e.queueName);
        if (typeOf.has(e.taskSid) && typeOf.get(e.taskSid) !== type) crossTypeMoves++;
        typeOf.set(e.taskSid, type);
      }
      previous = Math.max(previous, last);
      incremental.update(engine, changesOf(used), previous);
      full.noteEvents(used);
      full.evaluate(engine, previous);
      compare();
      batches++;
    }
    // The day ends; an hour later every wait and RONA is over.
    for (let t = previous + 5000; t <= previous + HOUR_MS; t += 5000) {
      incremental.tick(engine, t);
      full.evaluate(engine, t);
      compare();
    }
    expect(batches).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(batches);
    movesAcrossTypes += crossTypeMoves;
    // Within one update the order of subjects differs; each transition and its moment is the same.
    expect([...incLog].sort()).toEqual([...fullLog].sort());
    for (const l of incLog) (l.startsWith('raised') ? raised : cleared).add(l.split(' ')[1].split('|')[0]);
  });
});

describe('the watch over the engine', () => {
  const blue = { task: 'WT1', queue: 'Imminent Risk', reservation: 'WR1', worker: 'WKblue', team: 'Team Blue' };
  const red = { task: 'WT2', queue: 'Imminent Risk', reservation: 'WR2', worker: 'WKred', team: 'Team Red' };
  const rules: AlertRule[] = [
    { id: 'rona', kind: 'agentRona', count: 1, severity: 'warning', holdSec: 0, clearSec: 0 },
    { id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 5 },
  ];
  function watchOf(roles: string[]) {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const watch = new AlertWatch(rules, accessOf({ roles, team: 'Team Blue', workerSid: 'WKlead' }));
    const feed = (list: TrEvent[], sec: number): void => {
      const used = list.filter((e) => engine.apply(e));
      watch.update(engine, changesOf(used), at(sec));
    };
    feed([...aContactArrives(blue, 0), ...aContactArrives(red, 0)], 0);
    feed([aReservation('reservation.created', blue, 1), aReservation('reservation.created', red, 1)], 1);
    feed([aReservation('reservation.timeout', blue, 16), aReservation('reservation.timeout', red, 16)], 16);
    return { engine, watch, feed };
  }
  it('a team leader is alerted about their team agent and every queue, not the other team', () => {
    const { engine, watch } = watchOf(['wfo.team_leader']);
    watch.tick(engine, at(120));
    expect(watch.active().map((a) => a.key)).toEqual(['rona|agent:WKblue', 'imminent|contact:WT1', 'imminent|contact:WT2']);
  });
  it('a supervisor is alerted about both agents', () => {
    const { watch } = watchOf(['supervisor']);
    expect(watch.active().map((a) => a.key)).toEqual(['rona|agent:WKblue', 'rona|agent:WKred']);
  });
  it('the wait clears once the contact is answered and the clear time passed', () => {
    const { engine, watch, feed } = watchOf(['supervisor']);
    watch.tick(engine, at(121));
    feed([aReservation('reservation.created', { ...blue, reservation: 'WR3' }, 121), aReservation('reservation.accepted', { ...blue, reservation: 'WR3' }, 122)], 122);
    feed([anActivity('WKblue', 123, 'Busy')], 123);
    watch.tick(engine, at(127));
    const cleared = watch.takeTransitions().filter((t) => t.type === 'cleared');
    expect(cleared.map((t) => [t.alert.key, (t.at - at(0)) / 1000])).toEqual([['imminent|contact:WT1', 127]]);
  });
});

describe('a contact that changes queue to another support type', () => {
  const checkIn: AlertRule = { id: 'check-in', kind: 'contactWait', supportType: 'check_in', seconds: 60, severity: 'error', holdSec: 0, clearSec: 5 };
  const support: AlertRule = { id: 'support', kind: 'contactWait', supportType: 'support', seconds: 60, severity: 'warning', holdSec: 0, clearSec: 5 };
  const anyWait: AlertRule = { id: 'any', kind: 'contactWait', seconds: 45, severity: 'info', holdSec: 0, clearSec: 5 };
  const first = { task: 'WT1', queue: 'CISS check_in' };
  const moved = { task: 'WT1', queue: 'CISS support', reservation: 'WR1', worker: 'WK1' };
  /** Waits in check_in from 0 s, moves to support at `moveSec` (as the simulator says it, or as the live source: a lone `entered`), answered 6 s later. */
  function run(moveSec: number, how: 'moved and entered' | 'entered only') {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const watch = new AlertWatch([checkIn, support, anyWait], accessOf({ roles: ['supervisor'] }));
    const feed = (list: TrEvent[], sec: number): void => watch.update(engine, changesOf(list.filter((e) => engine.apply(e))), at(sec));
    feed(aContactArrives(first, 0), 0);
    watch.tick(engine, at(moveSec - 1));
    const move = [aTaskEvent('task-queue.entered', moved, moveSec)];
    feed(how === 'moved and entered' ? [aTaskEvent('task-queue.moved', first, moveSec), ...move] : move, moveSec);
    feed([aReservation('reservation.created', moved, moveSec + 5), aReservation('reservation.accepted', moved, moveSec + 6)], moveSec + 6);
    watch.tick(engine, at(moveSec + 3600));
    return {
      active: watch.active().map((a) => a.key),
      // Same-instant transitions in rule order.
      log: watch
        .takeTransitions()
        .map((t) => `${t.type} ${t.alert.ruleId} @${(t.at - at(0)) / 1000}`)
        .sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1]) || (a < b ? -1 : 1)),
    };
  }
  it.each(['moved and entered', 'entered only'] as const)('moved out of check_in at 30 s and answered at 36 s: no check_in alert (%s)', (how) => {
    // check_in's 60 s limit is never reached in check_in; the support wait (from 30 s) ends at 36 s, under 45 s.
    expect(run(30, how)).toEqual({ active: [], log: [] });
  });
  it.each(['moved and entered', 'entered only'] as const)('moved out of check_in at 120 s after its alert: it clears 5 s after the move (%s)', (how) => {
    // any: raised at 45 s; the wait in support starts at 120 s, so `any` is false from 120 s on → cleared at 125 s.
    expect(run(120, how)).toEqual({ active: [], log: ['raised any @45', 'raised check-in @60', 'cleared any @125', 'cleared check-in @125'] });
  });
  it('moved from support into check_in: the support alert clears, check_in counts from the move', () => {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const watch = new AlertWatch([checkIn, support], accessOf({ roles: ['supervisor'] }));
    const feed = (list: TrEvent[], sec: number): void => watch.update(engine, changesOf(list.filter((e) => engine.apply(e))), at(sec));
    feed(aContactArrives({ task: 'WT2', queue: 'CISS support' }, 0), 0);
    watch.tick(engine, at(70));
    feed([aTaskEvent('task-queue.entered', { task: 'WT2', queue: 'CISS check_in' }, 70)], 70);
    watch.tick(engine, at(200));
    expect(watch.takeTransitions().map((t) => `${t.type} ${t.alert.ruleId} @${(t.at - at(0)) / 1000}`)).toEqual(['raised support @60', 'cleared support @75', 'raised check-in @130']);
  });
});

describe('"no agent available" for a team leader is about their team', () => {
  const nobody: AlertRule = { id: 'nobody', kind: 'noAgentAvailable', severity: 'error', holdSec: 0, clearSec: 0 };
  const activity = (worker: string, team: string, sec: number, name: string): TrEvent =>
    anEvent('worker.activity.update', sec, { workerSid: worker, workerName: worker.toLowerCase(), activityName: name, workerAttributes: { full_name: worker, team } });
  function run(roles: string[]) {
    const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
    const watch = new AlertWatch([nobody], accessOf({ roles, team: 'Team Blue', workerSid: 'WKlead' }));
    const feed = (list: TrEvent[], sec: number): void => watch.update(engine, changesOf(list.filter((e) => engine.apply(e))), at(sec));
    // Team Blue's agent is busy, Team Red's is Available; then a contact waits.
    feed([activity('WKblue', 'Team Blue', 0, 'Busy'), activity('WKred', 'Team Red', 0, 'Available')], 0);
    feed(aContactArrives({ task: 'WT1', queue: 'Imminent Risk' }, 1), 1);
    const during = watch.active().map((a) => a.label);
    // Team Blue's agent comes back.
    feed([activity('WKblue', 'Team Blue', 10, 'Available')], 10);
    return { during, log: watch.takeTransitions().map((t) => `${t.type}@${(t.at - at(0)) / 1000}`) };
  }
  it('a team leader is told nobody of their team is available, whoever else is', () => {
    // Red's available agent is not the leader's to see: the rule speaks of Team Blue, and says so.
    expect(run(['wfo.team_leader'])).toEqual({ during: ['Nobody of your team in Available for a platform while contacts wait'], log: ['raised@1', 'cleared@10'] });
  });
  it('a supervisor is told only when nobody in the centre is available', () => {
    expect(run(['supervisor'])).toEqual({ during: [], log: [] });
  });
});
