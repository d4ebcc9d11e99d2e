/**
 * The live engine as alert subjects, incrementally: after a batch, only the tasks and
 * workers its events named are looked up (`Engine.waitingOf`, `engagementsOf`,
 * `currentActivity`, `agentOf`), and only the queues, support types and platforms whose
 * counts those moved are observed again. The watch keeps what it needs to know what
 * changed: each waiting contact's place, the counts per queue / support type / platform,
 * the Available agents, each agent's wrap-ups in progress and RONAs of the last hour.
 * Nothing here scans every agent or every contact.
 */
import { AVAILABLE_ACTIVITY } from './agentStates';
import { AlertEvaluator, type AlertRule, type AlertTransition, type ActiveAlert } from './alerts';
import { platformOf, supportTypeOf } from './dimensions';
import type { Engine } from './engine';
import type { TrEvent } from './events';
import { serviceLevel } from './metrics';
import { mayViewAgent, type Access } from './roles';

/** The activity in which TaskRouter offers contacts: "no agent available" asks whether a contact can be routed (`agentStates.ts`). */
export { AVAILABLE_ACTIVITY };
const HOUR_MS = 3_600_000;

/** What a batch touched: task sids, worker sids, and the RONAs it brought. */
export interface AlertChanges {
  readonly tasks: Iterable<string>;
  readonly workers: Iterable<string>;
  readonly ronas: readonly { readonly workerSid: string; readonly ts: number; readonly sid: string }[];
}

/** What a batch touched, as it is gathered (`changesOf` adds to one). */
export interface GatheredChanges extends AlertChanges {
  readonly tasks: Set<string>;
  readonly workers: Set<string>;
  readonly ronas: { workerSid: string; ts: number; sid: string }[];
}

/**
 * The changes of a batch of events the engine folded; given `into`, they are added to it
 * (several batches observed as one: the store gathers them while today's history loads).
 */
export function changesOf(events: readonly TrEvent[], into: GatheredChanges = { tasks: new Set(), workers: new Set(), ronas: [] }): GatheredChanges {
  for (const e of events) {
    if (e.taskSid !== undefined) into.tasks.add(e.taskSid);
    if (e.workerSid !== undefined) into.workers.add(e.workerSid);
    if (e.type === 'reservation.timeout' && e.workerSid !== undefined) into.ronas.push({ workerSid: e.workerSid, ts: e.ts, sid: e.sid });
  }
  return into;
}

interface Place {
  readonly queue: string;
  readonly supportType: string;
  readonly platform: string;
  readonly since: number;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

export class AlertWatch {
  readonly evaluator: AlertEvaluator;
  private readonly contacts = new Map<string, Place>();
  private readonly byQueue = new Map<string, number>();
  private readonly bySupportType = new Map<string, number>();
  private readonly byPlatform = new Map<string, number>();
  /** Every queue, support type and platform ever seen waiting (service level and "no agent" subjects). */
  private readonly queues = new Set<string>();
  private readonly supportTypes = new Set<string>();
  private readonly platforms = new Set<string>();
  private readonly available = new Set<string>();
  /** Task → reservation sid → worker, for wrap-ups in progress. */
  private readonly wrapups = new Map<string, Map<string, { workerSid: string; since: number }>>();
  private readonly wrapupsByWorker = new Map<string, Map<string, number>>();
  private readonly ronas = new Map<string, { ts: number; sid: string }[]>();
  private day?: string;

  constructor(
    rules: readonly AlertRule[],
    private readonly access: Access,
  ) {
    this.evaluator = new AlertEvaluator(rules, access);
  }

  /** After a batch: observes what it touched, then moves the clock to `now`. */
  update(engine: Engine, changes: AlertChanges, now: number): void {
    this.evaluator.tick(now);
    const queues = new Set<string>();
    const workers = new Set<string>(changes.workers);
    for (const r of changes.ronas) {
      const list = this.ronas.get(r.workerSid) ?? [];
      if (!list.some((x) => x.sid === r.sid)) {
        list.push({ ts: r.ts, sid: r.sid });
        list.sort((a, b) => a.ts - b.ts);
      }
      this.ronas.set(r.workerSid, list);
      workers.add(r.workerSid);
    }
    for (const taskSid of changes.tasks) {
      this.noteContact(engine, taskSid, queues, now);
      this.noteWrapups(engine, taskSid, workers);
    }
    let availabilityChanged = false;
    for (const sid of workers) if (this.noteAvailability(engine, sid)) availabilityChanged = true;
    for (const sid of workers) this.observeAgent(engine, sid, now);
    const day = engine.calendar.dayKey(now);
    const rolled = day !== this.day;
    this.day = day;
    for (const q of queues) this.queues.add(q);
    this.observeGroups(engine, rolled || availabilityChanged ? undefined : queues, now);
  }

  /** The clock alone moved: waits cross their limits, holds and clear times pass. */
  tick(engine: Engine, now: number): void {
    this.evaluator.tick(now);
    const day = engine.calendar.dayKey(now);
    if (this.day !== undefined && day !== this.day) {
      this.day = day;
      this.observeGroups(engine, undefined, now);
    }
  }

  takeTransitions(): AlertTransition[] {
    return this.evaluator.takeTransitions();
  }

  active(): ActiveAlert[] {
    return this.evaluator.active();
  }

  private noteContact(engine: Engine, taskSid: string, touched: Set<string>, now: number): void {
    const before = this.contacts.get(taskSid);
    const seg = engine.waitingOf(taskSid);
    const after: Place | undefined = seg
      ? { queue: seg.queue, supportType: supportTypeOf(engine.config, seg.queue), platform: platformOf(seg.channel, engine.config.platforms), since: seg.start }
      : undefined;
    if (before && after && before.queue === after.queue && before.since === after.since && before.platform === after.platform) {
      // Same wait: the queue's service level may still have moved (another segment of the task).
      touched.add(before.queue);
      return;
    }
    if (before) {
      this.contacts.delete(taskSid);
      bump(this.byQueue, before.queue, -1);
      bump(this.bySupportType, before.supportType, -1);
      bump(this.byPlatform, before.platform, -1);
      touched.add(before.queue);
    }
    if (after) {
      this.contacts.set(taskSid, after);
      bump(this.byQueue, after.queue, 1);
      bump(this.bySupportType, after.supportType, 1);
      bump(this.byPlatform, after.platform, 1);
      touched.add(after.queue);
    }
    const place = after ?? before;
    if (place) {
      const contact = { kind: 'contact', key: taskSid, queue: place.queue, supportType: place.supportType, platform: place.platform, waitingSince: after?.since } as const;
      // Moved to a queue of another support type: the old type's rules must see it leave, not only the new type's see it come.
      if (before && after && before.supportType !== after.supportType) this.evaluator.observeFully(contact, now);
      else this.evaluator.observe(contact, now);
    } else {
      // Not waiting before or now: its queue's service level may have moved (an answer after a transfer, say).
      for (const e of engine.engagementsOf(taskSid)) touched.add(e.queue);
    }
  }

  private noteWrapups(engine: Engine, taskSid: string, workers: Set<string>): void {
    const before = this.wrapups.get(taskSid);
    const now = new Map<string, { workerSid: string; since: number }>();
    for (const e of engine.engagementsOf(taskSid)) if (e.wrapup !== undefined) now.set(e.reservationSid, { workerSid: e.workerSid, since: e.wrapup });
    if (before) {
      for (const [res, w] of before) {
        if (now.get(res)?.since === w.since) continue;
        this.wrapupsByWorker.get(w.workerSid)?.delete(res);
        workers.add(w.workerSid);
      }
    }
    for (const [res, w] of now) {
      if (before?.get(res)?.since === w.since) continue;
      let m = this.wrapupsByWorker.get(w.workerSid);
      if (!m) this.wrapupsByWorker.set(w.workerSid, (m = new Map()));
      m.set(res, w.since);
      workers.add(w.workerSid);
    }
    if (now.size > 0) this.wrapups.set(taskSid, now);
    else this.wrapups.delete(taskSid);
  }

  /**
   * True when the worker went in or out of Available. Only agents the access may view
   * count: for a team leader "no agent available" is about their team (their session's
   * live data holds their team's workers only; a centre-wide count is not theirs to see).
   */
  private noteAvailability(engine: Engine, workerSid: string): boolean {
    const isAvailable = engine.currentActivity(workerSid)?.activity === AVAILABLE_ACTIVITY && mayViewAgent(this.access, { sid: workerSid, team: engine.agentOf(workerSid)?.team });
    if (isAvailable === this.available.has(workerSid)) return false;
    if (isAvailable) this.available.add(workerSid);
    else this.available.delete(workerSid);
    return true;
  }

  private observeAgent(engine: Engine, workerSid: string, now: number): void {
    const agent = engine.agentOf(workerSid);
    const current = engine.currentActivity(workerSid);
    let wrapupSince: number | undefined;
    for (const since of this.wrapupsByWorker.get(workerSid)?.values() ?? []) if (wrapupSince === undefined || since < wrapupSince) wrapupSince = since;
    const list = this.ronas.get(workerSid);
    if (list) {
      // Only the last hour matters: older RONAs are let go.
      while (list.length > 0 && list[0].ts <= now - HOUR_MS) list.shift();
      if (list.length === 0) this.ronas.delete(workerSid);
    }
    this.evaluator.observe(
      {
        kind: 'agent',
        key: workerSid,
        name: agent?.name,
        team: agent?.team,
        activity: current?.activity,
        activitySince: current?.since,
        wrapupSince,
        ronas: (list ?? []).map((r) => r.ts),
      },
      now,
    );
  }

  /** Queues (the touched ones, or all when undefined), then every support type and platform they belong to. */
  private observeGroups(engine: Engine, queues: Set<string> | undefined, now: number): void {
    const day = this.day as string;
    const available = this.available.size;
    const list = queues ?? this.queues;
    const types = new Set<string>();
    const platforms = new Set<string>();
    for (const q of list) {
      this.queues.add(q);
      const st = supportTypeOf(engine.config, q);
      this.supportTypes.add(st);
      types.add(st);
      const sl = serviceLevel(engine.cellOf({ slice: 'queue', period: 'day' }, q, day));
      this.evaluator.observe({ kind: 'queue', key: q, waiting: this.byQueue.get(q) ?? 0, serviceLevel: sl }, now);
    }
    // A queue's platform depends on the contact's channel: the platforms of its contacts now and before.
    // Platforms are few (one per channel family): each is observed after every batch.
    for (const p of this.byPlatform.keys()) this.platforms.add(p);
    for (const p of this.platforms) platforms.add(p);
    for (const st of queues ? types : this.supportTypes) {
      this.evaluator.observe({ kind: 'supportType', key: st, waiting: this.bySupportType.get(st) ?? 0, available }, now);
    }
    for (const p of platforms) {
      const sl = serviceLevel(engine.cellOf({ slice: 'platform', period: 'day' }, p, day));
      this.evaluator.observe({ kind: 'platform', key: p, waiting: this.byPlatform.get(p) ?? 0, available, serviceLevel: sl }, now);
    }
  }
}
