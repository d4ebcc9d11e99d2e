/**
 * History folded into frozen days with bounded memory. Folding a month of events in one
 * engine would hold every task of the month; instead each local day of the range gets a
 * short-lived engine fed the events of its *padded span* — the day plus `paddingMs` before
 * and after, so a conversation that crosses midnight is whole in both days' engines — and
 * as soon as the fetched coverage includes that span the day is snapshotted
 * (`snapshotOfEngine`: only that day's cells, rows and activity) and its engine dropped.
 * Pages may come in any order (the Events API lists newest first); the fold is
 * order-independent, so only coverage decides when a day is final.
 *
 * Usage by the backfill client:
 *
 *   const folder = new HistoryFolder({ config, access, range: { from: '2026-11-01', to: '2026-11-20' } });
 *   // ask the function for folder.fetchSpan (the range with its padding), page by page:
 *   folder.add(page.events);
 *   const done = folder.covered(pageFromMs, pageToMs); // the span this page completed
 *   putIntoStore(done);
 *   // when the last page is in:
 *   putIntoStore(folder.finish());
 *
 * Limits: a conversation longer than the padding (a task created more than `paddingMs`
 * before the day it is handled in) is seen only in part by the engine of that day.
 * Activity is not limited so: it comes from every worker event fetched over the whole
 * range, so an agent with no event near a day still spends it in their last activity; a
 * day frozen before the event that says so was fetched is returned again, corrected.
 */
import { configProblems, type EngineConfig } from './config';
import { agentThen, snapshotOfEngine } from './daySnapshot';
import { DAY_GROUPINGS, daysOf, oneDay, rangeBounds, type DayRange, type DaySnapshot } from './days';
import { Engine, type InputError } from './engine';
import { compareEvents, entityKindOf, type TrEvent } from './events';
import type { Access } from './roles';
import { createScopeFilter, type ScopeFilter } from './scopeFilter';
import { applyEvent, type EngineState } from './state';
import { createCalendar, type Calendar } from './time';

/** Default padding before and after each day: tasks shorter than this are whole in their days. */
export const DEFAULT_PADDING_MS = 6 * 3_600_000;
/** The longest range a folder takes (a guard against a wrong range, not a product limit). */
export const MAX_FOLDER_DAYS = 400;
/** At most this many input errors are kept (the counts stay exact). */
const MAX_ERRORS = 100;

export interface HistoryFolderOptions {
  readonly config: EngineConfig;
  /** The session's access: events pass the same scope filter as live ones, rows are masked for it. */
  readonly access: Access;
  /** The local days (in `config.timeZone`) to freeze, both included. */
  readonly range: DayRange;
  /** Span before and after each day whose events its engine folds (default 6 hours). */
  readonly paddingMs?: number;
  /** The user's own worker sid (a team leader always sees their own events), as the store takes it. */
  readonly workerSid?: string;
}

export interface HistoryFolderStats {
  /** Events passed to `add`. */
  received: number;
  /** Events of a type the model does not use. */
  ignored: number;
  /** Events in no day's padded span (outside the range). */
  outside: number;
  /** Events whose days were all frozen already (re-fetched pages, or coverage reported too early). */
  late: number;
  /**
   * Events the folder or a day's engine could not use (an event in two days' padded spans
   * is counted by each); `errors` lists the first 100 with why.
   */
  rejected: number;
  errors: InputError[];
}

interface FolderDay {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly spanStart: number;
  readonly spanEnd: number;
  /** Scopes `all` / `team`: the day's engine, created with its first event. */
  state?: EngineState;
  /** Scope `self`: the day's events, folded in stream order when the day freezes. */
  buffer?: TrEvent[];
  frozen: boolean;
}

/**
 * Folds the events of a range of days, fetched in pages in any order, into one
 * `DaySnapshot` per local day. Memory: the engines of the days not frozen yet (one or two
 * when pages come in time order, newest or oldest first) and the worker events of the
 * range (a few per agent per day, for activity).
 */
export class HistoryFolder {
  /** The day keys of the range, in order. */
  readonly days: readonly string[];
  /** Epoch ms to fetch for the range with its padding: [from, to). */
  readonly fetchSpan: { readonly from: number; readonly to: number };
  readonly paddingMs: number;

  private readonly config: EngineConfig;
  private readonly access: Access;
  private readonly workerSid?: string;
  private readonly calendar: Calendar;
  private readonly entries: FolderDay[];
  /** Scopes `all` / `team`: one filter over the whole stream (its state is the agents' teams). */
  private readonly filter?: ScopeFilter;
  /** Worker events only, for activity: a separate filter, since `self` buffers the rest. */
  private readonly workerFilter: ScopeFilter;
  /** Every worker event fetched (no task ever reaches it): activity over the whole range. */
  private activity: Engine;
  /** Times of each worker's activity events, sorted: where a new one changes intervals. */
  private readonly activityTimes = new Map<string, number[]>();
  /** Per worker, the spans of time whose activity changed since the last call. */
  private readonly touched = new Map<string, [number, number][]>();
  /** Days frozen and returned so far (the caller holds them anyway), until `finish`. */
  private readonly emitted = new Map<string, DaySnapshot>();
  /** Merged covered intervals [from, to), sorted. */
  private coverage: [number, number][] = [];
  private readonly counters: HistoryFolderStats = { received: 0, ignored: 0, outside: 0, late: 0, rejected: 0, errors: [] };
  private finished = false;

  /** Throws for an unusable config, range or padding (programmer errors: fix the caller). */
  constructor(options: HistoryFolderOptions) {
    const problems = configProblems(options.config);
    if (problems.length > 0) throw new Error(`HistoryFolder: unusable config: ${problems.join('; ')}`);
    const { from, to } = options.range;
    if (!isDayKey(from) || !isDayKey(to) || from > to) {
      throw new Error(`HistoryFolder: range must be two day keys YYYY-MM-DD with from <= to, got ${JSON.stringify(options.range)}`);
    }
    const padding = options.paddingMs ?? DEFAULT_PADDING_MS;
    if (!Number.isFinite(padding) || padding < 0) throw new Error(`HistoryFolder: paddingMs must be a finite number >= 0, got ${padding}`);
    const days = daysOf(options.range, MAX_FOLDER_DAYS + 1);
    if (days.length > MAX_FOLDER_DAYS) throw new Error(`HistoryFolder: at most ${MAX_FOLDER_DAYS} days, got a longer range ${from}..${to}`);
    this.config = options.config;
    this.access = options.access;
    this.paddingMs = padding;
    this.calendar = createCalendar(options.config.timeZone);
    this.workerSid = options.access.scope === 'self' ? options.access.workerSid : options.workerSid;
    this.days = days;
    this.entries = days.map((key) => {
      const { start, end } = rangeBounds(this.calendar, oneDay(key));
      return { key, start, end, spanStart: start - padding, spanEnd: end + padding, frozen: false };
    });
    this.fetchSpan = { from: this.entries[0].spanStart, to: this.entries[this.entries.length - 1].spanEnd };
    if (options.access.scope !== 'self') this.filter = this.newFilter();
    this.workerFilter = this.newFilter();
    this.activity = new Engine(this.config, { groupings: [] });
  }

  /**
   * Takes one page of canonical events (any order, any page order; duplicates count once).
   * Events outside the padded range are counted and dropped; an event whose days are all
   * frozen is counted as `late`. Nothing throws for bad events: they are counted.
   */
  add(events: readonly TrEvent[]): void {
    const c = this.counters;
    c.received += events.length;
    if (this.finished) {
      c.late += events.length;
      return;
    }
    const known: TrEvent[] = [];
    for (const e of events) {
      if (typeof e !== 'object' || e === null || entityKindOf(e.type) === undefined) c.ignored++;
      else if (typeof e.ts !== 'number' || !Number.isFinite(e.ts)) this.reject(`event ${String(e.sid)}`, `${e.type}: no timestamp`);
      else known.push(e);
    }
    const workerEvents: TrEvent[] = [];
    for (const e of known) if (entityKindOf(e.type) === 'worker') workerEvents.push(e);
    for (const e of this.workerFilter.select(workerEvents)) {
      if (this.activity.apply(e) && ACTIVITY_TYPES.has(e.type)) this.noteActivity(e.workerSid as string, e.ts);
    }

    const selected = this.filter ? this.filter.select(known) : known;
    for (const e of selected) {
      let first = this.firstDayEndingAfter(e.ts);
      if (first >= this.entries.length || this.entries[first].spanStart > e.ts) {
        c.outside++;
        continue;
      }
      let routed = false;
      for (; first < this.entries.length && this.entries[first].spanStart <= e.ts; first++) {
        const day = this.entries[first];
        if (day.frozen) continue;
        routed = true;
        if (this.filter) {
          day.state ??= { engine: this.newDayEngine(), version: 0 };
          day.state = applyEvent(day.state, e);
        } else {
          (day.buffer ??= []).push(e);
        }
      }
      if (!routed) c.late++;
    }
  }

  /**
   * The events with time in [fromMs, toMs) have all been added (a page, or a run of pages,
   * completed this span). Returns the days this completes, snapshotted, in day order;
   * their engines are gone. `toMs` may be `Infinity` (everything after `fromMs`).
   *
   * A day returned earlier may be returned again, with more activity: an agent's first
   * worker event fetched after the day froze can say how they spent it (off, usually).
   * The later snapshot of a day replaces the earlier one; count days by key for progress.
   */
  covered(fromMs: number, toMs: number): DaySnapshot[] {
    if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs > toMs) {
      throw new Error(`HistoryFolder.covered: need fromMs <= toMs, got ${fromMs}..${toMs}`);
    }
    if (this.finished) return [];
    const out = this.refreshActivity();
    if (fromMs < toMs) {
      this.coverage = mergeInterval(this.coverage, [fromMs, toMs]);
      for (const day of this.entries) {
        if (!day.frozen && this.coverage.some(([f, t]) => f <= day.spanStart && t >= day.spanEnd)) out.push(this.freeze(day));
      }
    }
    return out.sort(byDay);
  }

  /**
   * Everything has been fetched (or fetching stops): freezes every day left, in day order
   * (with any earlier day whose activity changed, as `covered` does). Later calls do nothing.
   */
  finish(): DaySnapshot[] {
    if (this.finished) return [];
    const out = this.refreshActivity();
    for (const day of this.entries) if (!day.frozen) out.push(this.freeze(day));
    this.finished = true;
    // The worker events are only needed while days remain to freeze or to correct.
    this.activity = new Engine(this.config, { groupings: [] });
    this.activityTimes.clear();
    this.touched.clear();
    this.emitted.clear();
    return out.sort(byDay);
  }

  /**
   * A new activity event changes the worker's intervals from it to their next known event
   * (and, as their first event, everything before it: its previous activity fills that).
   */
  private noteActivity(sid: string, ts: number): void {
    let times = this.activityTimes.get(sid);
    if (!times) this.activityTimes.set(sid, (times = []));
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= ts) lo = mid + 1;
      else hi = mid;
    }
    const next = lo < times.length ? times[lo] : Infinity;
    const first = lo === 0 || times[0] > ts;
    times.splice(lo, 0, ts);
    let spans = this.touched.get(sid);
    if (!spans) this.touched.set(sid, (spans = []));
    spans.push([first ? -Infinity : ts, next]);
  }

  /**
   * An agent's activity in a day may depend on events far from it: the last one before
   * the day, or the previous activity of the first one after. When such an event is
   * fetched after the day froze, the day's activity is recomputed, and the day comes back
   * as a new snapshot if it changed.
   */
  private refreshActivity(): DaySnapshot[] {
    if (this.touched.size === 0 || this.emitted.size === 0) {
      this.touched.clear();
      return [];
    }
    const out: DaySnapshot[] = [];
    for (const day of this.entries) {
      const snap = this.emitted.get(day.key);
      if (!snap) continue;
      let activity: Record<string, Record<string, number>> | undefined;
      for (const [sid, spans] of this.touched) {
        if (!spans.some(([f, t]) => f < day.end && t > day.start)) continue;
        const sec = this.activity.activitySeconds(sid, day.start, day.end);
        if (sameSeconds(sec, snap.activity[sid])) continue;
        activity ??= { ...snap.activity };
        if (Object.keys(sec).length > 0) activity[sid] = sec;
        else delete activity[sid];
      }
      if (!activity) continue;
      const agents = snap.agents.filter((a) => a.sid in activity || a.sid in (snap.cells['agent/day'] ?? {}));
      for (const sid of Object.keys(activity)) {
        if (agents.some((a) => a.sid === sid)) continue;
        agents.push(agentThen(this.activity, sid, day.end));
      }
      agents.sort((a, b) => (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0));
      const updated: DaySnapshot = { ...snap, activity, agents };
      this.emitted.set(day.key, updated);
      out.push(updated);
    }
    this.touched.clear();
    return out;
  }

  /** Days not frozen yet, in order. */
  pendingDays(): string[] {
    return this.entries.filter((d) => !d.frozen).map((d) => d.key);
  }

  /** Days holding an engine or a buffer now: what memory follows. */
  openDays(): number {
    return this.entries.filter((d) => d.state !== undefined || d.buffer !== undefined).length;
  }

  /** What came in and what could not be used. */
  stats(): HistoryFolderStats {
    return { ...this.counters, errors: [...this.counters.errors] };
  }

  private newFilter(): ScopeFilter {
    return createScopeFilter(this.access, { reorderWindowMs: this.config.reorderWindowMs, ownWorkerSid: this.workerSid });
  }

  private newDayEngine(): Engine {
    // No sealing: pages come in any order, and sealing would reject a task's older events
    // arriving after its newer ones. The engine lives one day's span, so it may keep them.
    return new Engine(this.config, { groupings: DAY_GROUPINGS, sealEvery: Infinity });
  }

  private reject(at: string, reason: string): void {
    this.counters.rejected++;
    if (this.counters.errors.length < MAX_ERRORS) this.counters.errors.push({ at, reason });
  }

  /** Index of the first day whose padded span ends after `ts` (spans are sorted). */
  private firstDayEndingAfter(ts: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].spanEnd > ts) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private freeze(day: FolderDay): DaySnapshot {
    let engine = day.state?.engine;
    if (day.buffer) {
      // Scope `self`: the filter holds a task's events until the agent's reservation names
      // it, and forgets what it held once the stream is far past; only stream order keeps
      // that from dropping tasks whose reservation came in a later page.
      const filter = this.newFilter();
      engine = this.newDayEngine();
      day.buffer.sort(compareEvents);
      for (const e of filter.select(day.buffer)) engine.apply(e);
    }
    engine ??= this.newDayEngine();
    engine.flush();
    this.counters.rejected += engine.stats.rejected;
    for (const err of engine.stats.errors) {
      if (this.counters.errors.length >= MAX_ERRORS) break;
      this.counters.errors.push(err);
    }
    const snapshot = snapshotOfEngine(engine, day.key, this.access, { activity: this.activity, config: this.config });
    day.frozen = true;
    day.state = undefined;
    day.buffer = undefined;
    this.emitted.set(day.key, snapshot);
    return snapshot;
  }
}

/** The worker events that make activity intervals. */
const ACTIVITY_TYPES: ReadonlySet<string> = new Set(['worker.activity.update', 'worker.created', 'worker.deleted']);

const byDay = (a: DaySnapshot, b: DaySnapshot): number => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);

function sameSeconds(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>> | undefined): boolean {
  const keys = Object.keys(a);
  if (b === undefined) return keys.length === 0;
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const isDayKey = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Adds [from, to) to sorted disjoint intervals, merging what touches or overlaps. */
function mergeInterval(list: readonly [number, number][], add: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  let [from, to] = add;
  let placed = false;
  for (const [f, t] of list) {
    if (t < from) out.push([f, t]);
    else if (f > to) {
      if (!placed) {
        out.push([from, to]);
        placed = true;
      }
      out.push([f, t]);
    } else {
      from = Math.min(from, f);
      to = Math.max(to, t);
    }
  }
  if (!placed) out.push([from, to]);
  return out;
}
