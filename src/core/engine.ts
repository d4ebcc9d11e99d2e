/**
 * The fold: canonical events in, the model and its aggregates out.
 *
 * Each event is filed under its entity (a task with its reservations, or a worker) and
 * marks it dirty. Reading (`flush`) replays each dirty task's own events in lifecycle
 * order (`deriveTask`), rebuilds the facts of the conversations it touches (`facts.ts`),
 * takes the conversation's previous contribution out of every aggregate cell and adds the
 * new one (`aggregates.ts`). So one event costs one conversation's worth of work, never a
 * rescan, and the result equals that of the sorted stream whatever order the events came
 * in. This file holds the filing (tasks, workers, duplicates, sealing, the conversation
 * registry) and the read methods; what they read is worked out in the files they import.
 */
import { compareActivity, currentActivityOf, intervalsOf, secondsPerActivity, type ActivityEvent, type ActivityInterval } from './activity';
import { Aggregates, type TimeWindow } from './aggregates';
import type { EngineConfig } from './config';
import { NO_TEAM, supportTypeResolver, teamOf } from './dimensions';
import { entityKindOf, lifecycleRank, type Attributes, type TrEvent } from './events';
import { factsOf, type ConversationFacts, type FactDimensions } from './facts';
import { REPORT_GROUPINGS, type Cell, type Grouping } from './groupings';
import type { Accumulator } from './metrics';
import { TaskFold, sortStoredEvents, type DerivedTask, type Reservation, type StoredEvent } from './model';
import { workerIdentityOf } from './identifiers';
import { hasDetails, taskInfoOf, type TaskInfo } from './taskInfo';
import { createCalendar, type Calendar } from './time';

export interface EngineOptions {
  readonly window?: TimeWindow;
  readonly groupings?: readonly Grouping[];
  /** Seal settled tasks after this many used events (default 16,384; tests use 1). */
  readonly sealEvery?: number;
}

export interface InputError {
  readonly at: string;
  readonly reason: string;
}

export interface InputStats {
  read: number;
  used: number;
  duplicates: number;
  ignored: number;
  rejected: number;
  errors: InputError[];
}

interface SealedTask {
  /** The fold of every event so far; an event after `last` continues it. */
  readonly fold: TaskFold;
  /** The task's event sids, each between newlines, to recognise a duplicate. */
  sids: string;
  readonly last: StreamPosition;
}

interface TaskRecord {
  readonly sid: string;
  /** Events kept to replay in order; emptied when the task is sealed. */
  events: StoredEvent[];
  fold?: TaskFold;
  sealed?: SealedTask;
  dirty: boolean;
  /** What the model reads of the task: `detail` with the key of `keyInfo` (see `combinedInfo`). */
  info?: TaskInfo;
  /** The latest attributes of any kind: the conversation key is theirs. */
  keyInfo?: TaskInfo;
  keyAt: StreamPosition;
  /** The latest attributes that say more than the key (customer, media): key-only attributes never replace them. */
  detail?: TaskInfo;
  detailAt: StreamPosition;
  conversation?: ConversationRecord;
  derived?: DerivedTask;
}

export interface ConversationRecord {
  readonly id: string;
  readonly keys: string[];
  readonly tasks: TaskRecord[];
  dirty: boolean;
  contributed?: ConversationFacts;
}

interface WorkerRecord {
  readonly sid: string;
  name?: string;
  /** The identity the worker writes chat messages under (`workerIdentityOf`), latest seen. */
  identity?: string;
  nameAt: StreamPosition;
  team?: string;
  teamAt: StreamPosition;
  readonly teams: { ts: number; team: string }[];
  readonly activity: ActivityEvent[];
  activitySorted: boolean;
  readonly eventSids: Set<string>;
}

/** A contact waiting in queue now. */
export interface WaitingSegment {
  readonly taskSid: string;
  readonly conversationId: string;
  readonly queue: string;
  /** When the wait in this queue began. */
  readonly start: number;
  readonly channel?: string;
  readonly customerName?: string;
  readonly customerContact?: string;
}

/** An engagement in progress: accepted, not yet completed (wrap-up included), its task not ended. */
export interface ActiveEngagement {
  readonly taskSid: string;
  readonly reservationSid: string;
  readonly conversationId: string;
  readonly queue: string;
  readonly workerSid: string;
  readonly accepted: number;
  readonly channel?: string;
  /** Set once the agent is in wrap-up. */
  readonly wrapup?: number;
}

export class Engine {
  readonly config: EngineConfig;
  readonly calendar: Calendar;
  readonly window: TimeWindow;
  readonly groupings: readonly Grouping[];
  readonly stats: InputStats = { read: 0, used: 0, duplicates: 0, ignored: 0, rejected: 0, errors: [] };
  /** Bumped by every event that changed something. */
  version = 0;
  minTs = Infinity;
  maxTs = -Infinity;

  /** What facts are sliced by: the config's support types and platforms, the agents' teams. */
  private readonly dimensions: FactDimensions;
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly workers = new Map<string, WorkerRecord>();
  /** Conversation key or task sid → conversation. */
  private readonly registry = new Map<string, ConversationRecord>();
  private readonly dirtyTasks: TaskRecord[] = [];
  /** Tasks whose last queue segment is open: contacts waiting now. */
  private readonly waiting = new Set<TaskRecord>();
  /** Tasks with an accepted reservation not yet completed: engagements in progress. */
  private readonly engaged = new Set<TaskRecord>();
  /** Tasks that still keep their events. */
  private readonly unsealed = new Set<TaskRecord>();
  private sinceSeal = 0;
  /** Set by multi-stream sources; the newest event's time bounds sealing otherwise. */
  private watermark = Infinity;
  private readonly sealEvery: number;
  private readonly dirtyConversations: ConversationRecord[] = [];
  private readonly aggregates: Aggregates;
  private readonly strings = new Map<string, string>();
  /** Readers hand out one attributes object per distinct text, so this saves re-extracting. */
  private readonly infoCache = new WeakMap<Attributes, TaskInfo>();
  /** A queue as the model names it (its name, else its sid) → the TaskQueue sid events last gave it. */
  private readonly queueSids = new Map<string, string>();

  constructor(config: EngineConfig, options: EngineOptions = {}) {
    this.config = config;
    this.calendar = createCalendar(config.timeZone);
    this.window = options.window ?? {};
    this.groupings = options.groupings ?? REPORT_GROUPINGS;
    this.sealEvery = options.sealEvery ?? SEAL_EVERY;
    this.dimensions = {
      supportTypeOf: supportTypeResolver(config.supportTypes),
      platforms: config.platforms,
      teamAt: (workerSid, ts) => this.teamAt(workerSid, ts),
    };
    this.aggregates = new Aggregates(this.groupings, this.calendar, this.window, config);
  }

  /** Records an input the readers could not use, with where and why. */
  reject(at: string, reason: string): void {
    this.stats.read++;
    this.stats.rejected++;
    this.stats.errors.push({ at, reason });
  }

  /** Records an event of a type the engine does not use. */
  ignore(): void {
    this.stats.read++;
    this.stats.ignored++;
  }

  /**
   * Files one event. Returns false (and changes nothing) for a duplicate, an ignored type
   * or a rejected event; a rejection is recorded at `at` (default: the event's sid).
   */
  apply(e: TrEvent, at?: string): boolean {
    const kind = entityKindOf(e.type);
    if (kind === undefined) {
      this.ignore();
      return false;
    }
    const problem = problemOf(e, kind);
    if (problem !== undefined) {
      this.reject(at ?? `event ${String(e.sid)}`, problem);
      return false;
    }
    const outcome = kind === 'worker' ? (this.applyWorkerEvent(e) ? USED : DUPLICATE) : this.applyTaskEvent(e);
    if (outcome !== USED) {
      if (outcome === DUPLICATE) {
        this.stats.read++;
        this.stats.duplicates++;
      } else {
        this.reject(at ?? `event ${e.sid}`, outcome);
      }
      return false;
    }
    this.stats.read++;
    this.stats.used++;
    this.version++;
    if (e.ts < this.minTs) this.minTs = e.ts;
    if (e.ts > this.maxTs) this.maxTs = e.ts;
    if (e.workerSid !== undefined) this.noteWorker(e);
    if (++this.sinceSeal >= this.sealEvery) this.sealSettledTasks();
    return true;
  }

  private intern(s: string | undefined): string | undefined {
    if (s === undefined) return undefined;
    // Only short, repeated strings (queues, channels, teams, agents, reasons) come here.
    if (s.length > 64) return s;
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  /** USED, DUPLICATE, or the reason a late event for a sealed task cannot be applied. */
  private applyTaskEvent(e: TrEvent): string {
    const taskSid = e.taskSid as string;
    let task = this.tasks.get(taskSid);
    if (!task) {
      task = { sid: taskSid, events: [], dirty: false, keyAt: beforeAll(), detailAt: beforeAll() };
      this.tasks.set(taskSid, task);
      this.unsealed.add(task);
    }
    const sealed = task.sealed;
    let reservationSid = e.reservationSid;
    if (sealed) {
      if (sealed.sids.includes(`\n${e.sid}\n`)) return DUPLICATE;
      if (!isNewer(e, sealed.last)) {
        return `${e.type}: task ${taskSid} was settled at ${new Date(sealed.last.ts).toISOString()} and this event is older: it came more than reorderWindowMs late`;
      }
    } else {
      for (const old of task.events) {
        if (old.sid === e.sid) return DUPLICATE;
        if (reservationSid !== undefined && old.reservationSid === reservationSid) reservationSid = old.reservationSid;
      }
    }
    const team = e.workerAttributes ? teamOf(e.workerAttributes) : undefined;
    // Most of a task's events repeat the previous one's queue, channel and worker: reuse
    // its strings rather than look each up in the intern table.
    const prev = task.events.length > 0 ? task.events[task.events.length - 1] : undefined;
    const queue = e.queueName ?? e.queueSid;
    if (queue !== undefined && e.queueSid !== undefined && this.queueSids.get(queue) !== e.queueSid) this.queueSids.set(queue, e.queueSid);
    const stored: StoredEvent = {
      sid: e.sid,
      type: e.type,
      ts: e.ts,
      rank: lifecycleRank(e.type),
      reservationSid,
      workerSid: prev !== undefined && prev.workerSid === e.workerSid ? prev.workerSid : this.intern(e.workerSid),
      queue: prev !== undefined && prev.queue === queue ? prev.queue : this.intern(queue),
      channel: prev !== undefined && prev.channel === e.channel ? prev.channel : this.intern(e.channel),
      reason: this.intern(e.reason),
      team: team === undefined || team === NO_TEAM ? undefined : prev !== undefined && prev.team === team ? prev.team : this.intern(team),
    };
    if (sealed) {
      // In order after the task's last event: the fold goes on from where it was.
      sealed.fold.apply(stored);
      sealed.sids += `${e.sid}\n`;
      setPosition(sealed.last, e);
      task.derived = sealed.fold.result();
      this.noteWaiting(task);
      if (task.conversation) this.markConversation(task.conversation);
    } else {
      task.events.push(stored);
      this.markTask(task);
    }
    if (e.taskAttributes) {
      let info = this.infoCache.get(e.taskAttributes);
      if (info === undefined) {
        info = taskInfoOf(e.taskAttributes);
        this.infoCache.set(e.taskAttributes, info);
      }
      let changed = false;
      if (isNewer(e, task.keyAt)) {
        setPosition(task.keyAt, e);
        task.keyInfo = info;
        changed = true;
      }
      if (hasDetails(info) && isNewer(e, task.detailAt)) {
        setPosition(task.detailAt, e);
        task.detail = info;
        changed = true;
      }
      if (changed) {
        const next = combinedInfo(task.keyInfo as TaskInfo, task.detail);
        const keyChanged = task.info?.conversationKey !== next.conversationKey;
        task.info = next;
        if (keyChanged) this.placeTask(task);
      }
    }
    if (!task.conversation) {
      task.info ??= {};
      this.placeTask(task);
    }
    return USED;
  }

  /**
   * For sources that fold several streams at once (parsing workers): nothing older than
   * `ts` minus the reorder window can still come from any of them. Infinity when done.
   */
  setWatermark(ts: number): void {
    this.watermark = ts;
  }

  /**
   * Drops the kept events of tasks that are settled (ended, nobody waiting, every
   * reservation over) and whose last event is more than `reorderWindowMs` behind the
   * newest event: no event inside the reorder window can still come before their last
   * one. A sealed task keeps its fold, which later events continue, and its event sids.
   * This bounds memory by the open tasks, not by the length of the stream.
   */
  sealSettledTasks(): void {
    this.sinceSeal = 0;
    this.flush();
    const horizon = Math.min(this.maxTs, this.watermark) - this.config.reorderWindowMs;
    for (const task of this.unsealed) {
      const fold = task.fold;
      const last = task.events[task.events.length - 1];
      if (!fold || !last || last.ts >= horizon || !fold.settled) continue;
      // One flat string per task instead of one string per event.
      const sids = `\n${task.events.map((ev) => ev.sid).join('\n')}\n`;
      task.sealed = { fold, sids, last: { ts: last.ts, rank: last.rank, sid: last.sid } };
      task.events = [];
      this.unsealed.delete(task);
    }
  }

  private markTask(task: TaskRecord): void {
    if (!task.dirty) {
      task.dirty = true;
      this.dirtyTasks.push(task);
    }
  }

  private markConversation(c: ConversationRecord): void {
    if (!c.dirty) {
      c.dirty = true;
      this.dirtyConversations.push(c);
    }
  }

  /**
   * Puts a task in its conversation. The key is `conversations.conversation_id`, then
   * `call_sid`, then `conversationSid`/`channelSid`, then the task sid; a key that is
   * another task's sid means that task's conversation. A conversation opened earlier
   * under this task's own sid (by a task that named it first) is merged in.
   */
  private placeTask(task: TaskRecord): void {
    const key = task.info?.conversationKey ?? task.sid;
    let target = this.tasks.get(key)?.conversation ?? this.registry.get(key);
    const own = this.registry.get(task.sid);
    if (!target) target = own;
    if (!target) {
      target = { id: key, keys: [], tasks: [], dirty: false };
    }
    if (own && own !== target) this.mergeConversation(own, target);
    this.register(target, key);
    this.register(target, task.sid);
    const previous = task.conversation;
    if (previous !== target) {
      if (previous) {
        const i = previous.tasks.indexOf(task);
        if (i >= 0) previous.tasks.splice(i, 1);
        this.markConversation(previous);
      }
      target.tasks.push(task);
      task.conversation = target;
    }
    this.markConversation(target);
  }

  private register(c: ConversationRecord, key: string): void {
    if (this.registry.get(key) !== c) {
      this.registry.set(key, c);
      c.keys.push(key);
    }
  }

  private mergeConversation(from: ConversationRecord, into: ConversationRecord): void {
    for (const t of from.tasks) {
      t.conversation = into;
      into.tasks.push(t);
    }
    from.tasks.length = 0;
    for (const k of from.keys) this.register(into, k);
    this.markConversation(from);
    this.markConversation(into);
  }

  private worker(sid: string): WorkerRecord {
    let w = this.workers.get(sid);
    if (!w) {
      w = { sid, nameAt: beforeAll(), teamAt: beforeAll(), teams: [], activity: [], activitySorted: true, eventSids: new Set() };
      this.workers.set(sid, w);
    }
    return w;
  }

  private applyWorkerEvent(e: TrEvent): boolean {
    const w = this.worker(e.workerSid as string);
    if (w.eventSids.has(e.sid)) return false;
    w.eventSids.add(e.sid);
    if (e.type === 'worker.activity.update' || e.type === 'worker.created' || e.type === 'worker.deleted') {
      const last = w.activity[w.activity.length - 1];
      const a: ActivityEvent = {
        sid: e.sid,
        type: e.type,
        ts: e.ts,
        activity: this.intern(e.activityName),
        previous: this.intern(e.previousActivityName),
        previousMs: e.previousActivityMs,
      };
      if (last && compareActivity(last, a) > 0) w.activitySorted = false;
      w.activity.push(a);
    }
    return true;
  }

  /** Latest name and team of an agent, from any event carrying worker fields. */
  private noteWorker(e: TrEvent): void {
    const w = this.worker(e.workerSid as string);
    const fullName = e.workerAttributes?.full_name;
    const name = typeof fullName === 'string' && fullName.trim() !== '' ? fullName.trim() : e.workerName;
    if (name !== undefined && isNewer(e, w.nameAt)) {
      w.name = name;
      w.identity = workerIdentityOf(e.workerAttributes) ?? w.identity;
      setPosition(w.nameAt, e);
    }
    if (e.workerAttributes) {
      const team = teamOf(e.workerAttributes);
      if (isNewer(e, w.teamAt)) {
        w.team = this.intern(team);
        setPosition(w.teamAt, e);
      }
      // Keeps one entry per change of team; `teamAt` does not need them sorted.
      const last = w.teams[w.teams.length - 1];
      if (!last || last.team !== team || last.ts > e.ts) w.teams.push({ ts: e.ts, team: this.intern(team) as string });
    }
  }

  /** The team an agent had at a moment (Handling Team), from the attributes seen so far. */
  teamAt(workerSid: string, ts: number): string {
    const w = this.workers.get(workerSid);
    if (!w || w.teams.length === 0) return NO_TEAM;
    let best: { ts: number; team: string } | undefined;
    let earliest = w.teams[0];
    for (const t of w.teams) {
      if (t.ts <= ts && (!best || t.ts >= best.ts)) best = t;
      if (t.ts < earliest.ts) earliest = t;
    }
    return (best ?? earliest).team;
  }

  /** Brings every aggregate up to date with the events filed so far. */
  flush(): void {
    if (this.dirtyTasks.length === 0 && this.dirtyConversations.length === 0) return;
    for (const task of this.dirtyTasks) {
      task.dirty = false;
      sortStoredEvents(task.events);
      const fold = new TaskFold(task.sid);
      for (const ev of task.events) fold.apply(ev);
      task.fold = fold;
      task.derived = fold.result();
      this.noteWaiting(task);
      if (task.conversation) this.markConversation(task.conversation);
    }
    this.dirtyTasks.length = 0;
    for (const c of this.dirtyConversations) {
      c.dirty = false;
      if (c.contributed) this.aggregates.contribute(c.contributed, -1);
      c.contributed = c.tasks.length > 0 ? factsOf(c.tasks, this.dimensions) : undefined;
      if (c.contributed) this.aggregates.contribute(c.contributed, 1);
    }
    this.dirtyConversations.length = 0;
  }

  /** The cells of one grouping, up to date. Cells whose counts all went back to zero are included. */
  cellsOf(g: Grouping): readonly Cell[] {
    this.flush();
    return this.aggregates.cellsOf(g);
  }

  /** The accumulator of one cell, up to date (an empty one when nothing counted there). */
  cellOf(g: Grouping, slice = '', period = ''): Accumulator {
    this.flush();
    return this.aggregates.cellOf(g, slice, period);
  }

  /** Keeps the set of tasks with a contact still waiting in queue up to date. */
  private noteWaiting(task: TaskRecord): void {
    const segments = task.derived?.queueSegments;
    const last = segments && segments.length > 0 ? segments[segments.length - 1] : undefined;
    if (last !== undefined && last.end === undefined) this.waiting.add(task);
    else this.waiting.delete(task);
    if (openEngagements(task).length > 0) this.engaged.add(task);
    else this.engaged.delete(task);
  }

  /** Contacts waiting in queue now (open queue segments), without scanning every conversation. */
  waitingNow(): WaitingSegment[] {
    this.flush();
    const out: WaitingSegment[] = [];
    for (const task of this.waiting) {
      const segments = task.derived?.queueSegments ?? [];
      const open = segments[segments.length - 1];
      out.push({
        taskSid: task.sid,
        conversationId: task.conversation?.id ?? task.sid,
        queue: open.queue,
        start: open.start,
        channel: task.derived?.channel,
        customerName: task.info?.customerName,
        customerContact: task.info?.customerContact,
      });
    }
    return out;
  }

  /** The open queue segment of one task (it is waiting now), or undefined: one lookup, for incremental readers. */
  waitingOf(taskSid: string): WaitingSegment | undefined {
    this.flush();
    const task = this.tasks.get(taskSid);
    if (!task || !this.waiting.has(task)) return undefined;
    const segments = task.derived?.queueSegments ?? [];
    const open = segments[segments.length - 1];
    return { taskSid: task.sid, conversationId: task.conversation?.id ?? task.sid, queue: open.queue, start: open.start, channel: task.derived?.channel };
  }

  /** The engagements in progress of one task (`activeNow` for that task alone). */
  engagementsOf(taskSid: string): ActiveEngagement[] {
    this.flush();
    const task = this.tasks.get(taskSid);
    if (!task || !this.engaged.has(task)) return [];
    return openEngagements(task).map((r) => ({
      taskSid: task.sid,
      reservationSid: r.sid,
      conversationId: task.conversation?.id ?? task.sid,
      queue: r.queue ?? '(unknown queue)',
      workerSid: r.workerSid,
      accepted: r.accepted as number,
      channel: task.derived?.channel,
      wrapup: r.wrapup,
    }));
  }

  /**
   * Engagements in progress now (accepted, not completed, task not ended), from the tasks
   * that have one: the cost follows the open work, not the number of conversations.
   */
  activeNow(): ActiveEngagement[] {
    this.flush();
    const out: ActiveEngagement[] = [];
    for (const task of this.engaged) {
      for (const r of openEngagements(task)) {
        out.push({
          taskSid: task.sid,
          reservationSid: r.sid,
          conversationId: task.conversation?.id ?? task.sid,
          queue: r.queue ?? '(unknown queue)',
          workerSid: r.workerSid,
          accepted: r.accepted as number,
          channel: task.derived?.channel,
          wrapup: r.wrapup,
        });
      }
    }
    return out;
  }

  /** Known agents: sid, latest name and latest team. */
  /** The TaskQueue sid of a queue as the model names it, when an event carried one (a renamed queue: each name, one sid). */
  queueSidOf(queue: string): string | undefined {
    return this.queueSids.get(queue);
  }

  agents(): { sid: string; name?: string; team: string }[] {
    return [...this.workers.values()].map((w) => ({ sid: w.sid, name: w.name, team: w.team ?? NO_TEAM }));
  }

  /** The identity an agent writes chat messages under, as last seen (`workerIdentityOf`). */
  identityOf(workerSid: string): string | undefined {
    return this.workers.get(workerSid)?.identity;
  }

  /** One known agent (as `agents` lists them), or undefined. */
  agentOf(workerSid: string): { sid: string; name?: string; team: string } | undefined {
    const w = this.workers.get(workerSid);
    return w ? { sid: w.sid, name: w.name, team: w.team ?? NO_TEAM } : undefined;
  }

  /** An agent's activity as intervals up to `until` (`intervalsOf`); none for a worker never seen. */
  activityIntervals(workerSid: string, until: number): ActivityInterval[] {
    return intervalsOf(this.activityOf(workerSid), until);
  }

  /**
   * The activity a worker is in now and since when, as `activityIntervals` would merge
   * them (`currentActivityOf`). Undefined before any activity, or after `worker.deleted`.
   */
  currentActivity(workerSid: string): { readonly activity: string; readonly since: number } | undefined {
    return currentActivityOf(this.activityOf(workerSid));
  }

  /** Seconds per activity inside [from, to], intervals clipped to the window. */
  activitySeconds(workerSid: string, from: number, to: number): Record<string, number> {
    return secondsPerActivity(this.activityOf(workerSid), from, to);
  }

  /** A worker's activity events in stream order, sorted on first read after one came late. */
  private activityOf(workerSid: string): readonly ActivityEvent[] {
    const w = this.workers.get(workerSid);
    if (!w) return NO_ACTIVITY;
    if (!w.activitySorted) {
      w.activity.sort(compareActivity);
      w.activitySorted = true;
    }
    return w.activity;
  }

  /** Conversations, for lists and drill-down (their tasks' derived segments are current after `flush`). */
  conversationRecords(): ConversationRecord[] {
    this.flush();
    const seen = new Set<ConversationRecord>();
    for (const c of this.registry.values()) if (c.tasks.length > 0) seen.add(c);
    return [...seen];
  }
}

/** A task's reservations accepted and not completed, unless the task itself has ended. */
function openEngagements(task: TaskRecord): Reservation[] {
  const d = task.derived;
  if (!d || (task.fold ?? task.sealed?.fold)?.ended) return [];
  return d.reservations.filter((r) => r.accepted !== undefined && r.completed === undefined);
}

const NO_ACTIVITY: readonly ActivityEvent[] = [];
const USED = 'used';
const DUPLICATE = 'duplicate';
/** Sealing runs after this many used events (it flushes, so not after every one). */
const SEAL_EVERY = 16_384;

/** Why a canonical event from a source other than the readers cannot be used, if it cannot. */
function problemOf(e: TrEvent, kind: 'task' | 'reservation' | 'worker'): string | undefined {
  if (typeof e.sid !== 'string' || e.sid === '') return `${e.type}: no event sid`;
  if (typeof e.ts !== 'number' || !Number.isFinite(e.ts)) return `${e.type}: no timestamp`;
  if (kind !== 'worker' && (typeof e.taskSid !== 'string' || e.taskSid === '')) return `${e.type}: no task_sid`;
  if (kind === 'reservation' && (typeof e.reservationSid !== 'string' || e.reservationSid === '')) return `${e.type}: no reservation_sid`;
  if (kind !== 'task' && (typeof e.workerSid !== 'string' || e.workerSid === '')) return `${e.type}: no worker_sid`;
  return undefined;
}

/** A position in the sorted stream: time, lifecycle rank, sid. */
interface StreamPosition {
  ts: number;
  rank: number;
  sid: string;
}

/**
 * A task's attributes as the model reads them: the customer and media of the latest
 * attributes that name any (a scope filter may pass some events of a task with the key
 * only: they must not erase what others said, whatever the order they come in), under
 * the conversation key of the latest attributes of all.
 */
function combinedInfo(keyInfo: TaskInfo, detail: TaskInfo | undefined): TaskInfo {
  if (!detail || detail.conversationKey === keyInfo.conversationKey) return detail ?? keyInfo;
  return { ...detail, conversationKey: keyInfo.conversationKey };
}

const beforeAll = (): StreamPosition => ({ ts: -Infinity, rank: 0, sid: '' });

/** Does this event come after `p` in the sorted stream? (Latest-wins fields follow the sorted stream.) */
function isNewer(e: TrEvent, p: StreamPosition): boolean {
  if (e.ts !== p.ts) return e.ts > p.ts;
  const rank = lifecycleRank(e.type);
  if (rank !== p.rank) return rank > p.rank;
  return e.sid > p.sid;
}

function setPosition(p: StreamPosition, e: TrEvent): void {
  p.ts = e.ts;
  p.rank = lifecycleRank(e.type);
  p.sid = e.sid;
}
