/**
 * The backfill: history from the history function, written through a `HistorySink`
 * (`src/flex/` builds it from the store's actions; the backfill knows no store).
 *
 * - Today: on open, [start of today − padding, now] is fetched and folded into the live
 *   engine (which holds today; yesterday evening's events there only complete
 *   the tasks that cross midnight). Live events wait while it loads and are then let in
 *   through the `LiveReconciler`, so a change seen both ways counts once.
 * - Older days on demand: `loadRange` fetches the days of a range not held yet
 *   (neither frozen nor today) through the core's `HistoryFolder`, and hands each frozen
 *   day to the sink (and the cache) as soon as its padded span is in.
 * - Cache: frozen days and today's raw events are kept per user scope, contacts masked
 *   for the access before anything is written (the history function masks too; the cache
 *   does not rely on it); on open the
 *   frozen days are loaded, today's events refolded, and only what is newer than the
 *   last cached event (less the reorder window) is fetched.
 *
 * Fetching goes forward in time in chunks (`chunkMs`): the Events API lists newest first,
 * and the live engine seals settled tasks behind the newest event it has seen, so a
 * task's older events must not come after its newer ones by more than the reorder
 * window. Each chunk's pages are sorted before they are folded; a chunk is a few hours.
 */
import {
  DEFAULT_PADDING_MS,
  HISTORY_MAX_RANGE_DAYS,
  HistoryFolder,
  LOG_PREFIX,
  createCalendar,
  daysOf,
  maskingOf,
  rangeBounds,
  type Access,
  type Calendar,
  type ContactMasking,
  type DayRange,
  type DaySnapshot,
  type EngineConfig,
  type HistoryProgress,
  type TrEvent,
} from '../../core';
import { HistoryAborted, failureTexts, type HistoryClient } from './client';
import { LiveReconciler } from './reconcile';

const DAY_MS = 86_400_000;

/** What the backfill needs of the browser cache (`cache.ts` provides it; tests may fake it). */
export interface BackfillCache {
  /** Frozen days kept for this scope (the last `historyCacheDays`). */
  loadDays(): Promise<DaySnapshot[]>;
  /** Raw events kept for the day `day` (today), or none. */
  loadDayEvents(day: string): Promise<TrEvent[]>;
  putDays(days: readonly DaySnapshot[]): Promise<void>;
  appendDayEvents(day: string, events: readonly TrEvent[]): Promise<void>;
}

/** Where the backfill writes. */
export interface HistorySink {
  /** Events for the live engine (today so far), folded with the next batch. */
  ingest(events: readonly TrEvent[]): void;
  /** Folds what was ingested now, as one batch (at the end of today's load). */
  flush(): void;
  /** Past days, frozen (a day given again replaces the earlier one). */
  addFrozenDays(days: readonly DaySnapshot[]): void;
  /** The progress line's state. */
  progress(progress: HistoryProgress): void;
}

export interface BackfillOptions {
  readonly sink: HistorySink;
  readonly client: Pick<HistoryClient, 'fetchRange'>;
  readonly config: EngineConfig;
  readonly access: Access;
  /** The user's own worker sid (as the store has it). */
  readonly workerSid?: string;
  /** The browser cache, or the promise of it while it opens (live events wait here meanwhile). */
  readonly cache?: BackfillCache | Promise<BackfillCache | undefined>;
  /** The clock (default `Date.now`; the sandbox runs on simulated time). */
  readonly now?: () => number;
  /** Hours before each day (and after, for past days) whose events complete it (default 6 h). */
  readonly paddingMs?: number;
  /** Length of one fetch (default 3 hours). */
  readonly chunkMs?: number;
  /** How far back the function serves (default 30 days). */
  readonly maxAgeMs?: number;
  /** Where failures are logged (default console.error). */
  readonly log?: (message: string, error?: unknown) => void;
}

/** The local days of [from, to] that lie fully inside what the function serves. */
function servableDays(calendar: Calendar, range: DayRange, now: number, maxAgeMs: number): string[] {
  const oldest = now - maxAgeMs;
  return daysOf(range).filter((day) => rangeBounds(calendar, { from: day, to: day }).start >= oldest);
}

/** Runs of consecutive day keys, each at most `max` long. */
function runsOf(days: readonly string[], max: number): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let prev = -Infinity;
  for (const day of days) {
    const t = Date.parse(`${day}T00:00:00Z`);
    if (run.length > 0 && (t - prev !== DAY_MS || run.length >= max)) {
      runs.push(run);
      run = [];
    }
    run.push(day);
    prev = t;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const byTime = (a: TrEvent, b: TrEvent): number => a.ts - b.ts;

export class Backfill {
  readonly reconciler = new LiveReconciler();
  private readonly sink: HistorySink;
  /** Days this backfill has frozen (it is the only writer of frozen days). */
  private readonly frozen = new Set<string>();
  private readonly cache: Promise<BackfillCache | undefined>;
  private readonly calendar: Calendar;
  private readonly clock: () => number;
  private readonly paddingMs: number;
  private readonly chunkMs: number;
  private readonly maxAgeMs: number;
  private readonly abort = new AbortController();
  private readonly log: (message: string, error?: unknown) => void;
  /** What the access may see of contacts: applied to everything the cache is given. */
  private readonly masking: ContactMasking;
  /** Loads run one after another (today first), so the function sees one caller at a time. */
  private queue: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<string>();
  private progress: HistoryProgress = { loading: false, fetched: 0, daysDone: 0, daysTotal: 0 };
  private todayDone = false;
  private todayKey = '';
  /** Settles when today's history is in (or could not be loaded). */
  readonly today: Promise<void>;

  constructor(private readonly options: BackfillOptions) {
    this.sink = options.sink;
    this.cache = Promise.resolve(options.cache);
    this.calendar = createCalendar(options.config.timeZone);
    this.clock = options.now ?? Date.now;
    this.paddingMs = options.paddingMs ?? DEFAULT_PADDING_MS;
    this.chunkMs = Math.max(60_000, options.chunkMs ?? 3 * 3_600_000);
    this.maxAgeMs = options.maxAgeMs ?? HISTORY_MAX_RANGE_DAYS * DAY_MS;
    this.log = options.log ?? ((message, error) => console.error(message, error));
    this.masking = maskingOf(options.access);
    this.today = this.enqueue(() => this.loadToday());
  }

  /** Live events in: held while today's history loads, then folded unless history has them. */
  live(events: readonly TrEvent[]): void {
    const pass = this.reconciler.live(events);
    if (pass.length > 0) this.sink.ingest(pass);
  }

  /** The range loader: starts loading the days of `range` not frozen yet. */
  loadRange(range: DayRange): Promise<void> {
    return this.enqueue(() => this.loadPastDays(range));
  }

  /** Stops every fetch; nothing more reaches the sink. */
  stop(): void {
    this.abort.abort();
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private report(patch: Partial<HistoryProgress>): void {
    if (this.stopped) return;
    this.progress = { ...this.progress, ...patch };
    this.sink.progress(this.progress);
  }

  private failed(err: unknown, what: string): string | undefined {
    if (err instanceof HistoryAborted || this.stopped) return undefined;
    // The view gets the user's words; the console the precise cause (historyUrl, status, the function's message).
    const { message, technical } = failureTexts(err);
    this.log(`${LOG_PREFIX} history: ${what}: ${technical}`, err);
    return message;
  }

  /**
   * Pages of [from, to] in chunks of `chunkMs`, oldest chunk first, one request at a
   * time; once a chunk is in, the next one is asked for before this one is folded (the
   * function works while the browser folds; two chunks at most are held). Each page goes to `onPage` as it arrives, with its chunk's
   * index; `onChunk` is called in chunk order once all of a chunk's pages are in.
   */
  private async fetchForward(
    from: number,
    to: number,
    onPage: (events: readonly TrEvent[], chunk: number) => void,
    onChunk: (chunkFrom: number, chunkTo: number, chunk: number) => void | Promise<void>,
  ): Promise<void> {
    const spans: [number, number][] = [];
    for (let start = from; start < to; start += this.chunkMs) spans.push([start, Math.min(to, start + this.chunkMs)]);
    // A chunk fetched ahead is abandoned when this load stops or fails.
    const local = new AbortController();
    const stop = (): void => local.abort();
    this.abort.signal.addEventListener('abort', stop);
    const fetches: (Promise<unknown> | undefined)[] = [];
    const begin = (i: number): void => {
      if (i >= spans.length || fetches[i] !== undefined) return;
      const fetching = this.options.client.fetchRange(
        spans[i][0],
        spans[i][1],
        (page) => {
          onPage(page.events, i);
          this.report({ fetched: this.progress.fetched + page.events.length });
        },
        local.signal,
      );
      fetching.catch(() => undefined);
      fetches[i] = fetching;
    };
    try {
      for (let i = 0; i < spans.length; i++) {
        begin(i);
        await fetches[i];
        if (this.stopped) throw new HistoryAborted();
        begin(i + 1);
        await onChunk(spans[i][0], spans[i][1], i);
        this.report({ share: (spans[i][1] - from) / (to - from) });
      }
    } finally {
      local.abort();
      this.abort.signal.removeEventListener('abort', stop);
    }
  }

  private async loadToday(): Promise<void> {
    const now = this.clock();
    const day = this.calendar.dayKey(now);
    this.todayKey = day;
    const dayStart = this.calendar.startOfDay(now);
    let from = Math.max(dayStart - this.paddingMs, now - this.maxAgeMs + 60_000);
    this.report({ loading: true, range: { from: day, to: day }, fetched: 0, daysDone: 0, daysTotal: 1, share: 0, error: undefined });
    const cache = await this.cache;
    if (this.stopped) return;
    let cacheFailed = false;
    if (cache) {
      try {
        const days = (await cache.loadDays()).filter((d) => d.day < day && !this.frozen.has(d.day));
        if (!this.stopped) this.freeze(days);
        const cached = await cache.loadDayEvents(day);
        if (cached.length > 0 && !this.stopped) {
          cached.sort(byTime);
          this.reconciler.noteHistory(cached);
          this.sink.ingest(cached);
          const last = cached[cached.length - 1].ts;
          // Events may reach the Events API up to the reorder window late: fetch from there.
          from = Math.max(from, Math.min(now, last - this.options.config.reorderWindowMs));
          this.report({ fetched: cached.length });
        }
      } catch (err) {
        cacheFailed = true;
        this.log(`${LOG_PREFIX} history cache could not be read; fetching everything`, err);
      }
    }
    let error: string | undefined;
    try {
      // The live engine seals settled tasks behind the newest event: a chunk is sorted
      // before it is folded, so its pages wait for the chunk.
      const chunks = new Map<number, TrEvent[]>();
      const onPage = (page: readonly TrEvent[], chunk: number): void => {
        let events = chunks.get(chunk);
        if (!events) chunks.set(chunk, (events = []));
        for (const e of page) events.push(e);
      };
      await this.fetchForward(from, now, onPage, async (_from, _to, chunk) => {
        const events = chunks.get(chunk) ?? [];
        chunks.delete(chunk);
        events.sort(byTime);
        this.reconciler.noteHistory(events);
        this.sink.ingest(events);
        if (cache && !cacheFailed && events.length > 0) {
          // Masked on write: what the browser keeps is what the role may see, whatever the function sent.
          await cache.appendDayEvents(day, this.masking.events(events)).catch((err: unknown) => {
            cacheFailed = true;
            this.log(`${LOG_PREFIX} history cache could not be written`, err);
          });
        }
      });
      this.reconciler.coveredUntil(now);
    } catch (err) {
      error = this.failed(err, 'today');
      if (this.stopped) return;
    } finally {
      // Live events let in after history (or, if history failed, as they are).
      const held = this.reconciler.release();
      if (!this.stopped) {
        if (held.length > 0) this.sink.ingest(held);
        this.sink.flush();
      }
    }
    this.todayDone = true;
    this.report({ loading: false, daysDone: error ? 0 : 1, error });
  }

  private async loadPastDays(range: DayRange): Promise<void> {
    if (this.stopped) return;
    const now = this.clock();
    const today = this.todayKey || this.calendar.dayKey(now);
    const wanted = servableDays(this.calendar, range, now, this.maxAgeMs).filter((d) => d < today && !this.frozen.has(d) && !this.inFlight.has(d));
    if (wanted.length === 0) return;
    for (const d of wanted) this.inFlight.add(d);
    this.report({ loading: true, range, fetched: 0, daysDone: 0, daysTotal: wanted.length, share: 0, error: undefined });
    const done = new Set<string>();
    let error: string | undefined;
    // A request covers at most 30 days including the padding on both sides.
    const maxRun = Math.max(1, Math.floor((this.maxAgeMs - 2 * this.paddingMs) / DAY_MS) - 1);
    try {
      for (const run of runsOf(wanted, maxRun)) {
        const folder = new HistoryFolder({
          config: this.options.config,
          access: this.options.access,
          workerSid: this.options.workerSid,
          range: { from: run[0], to: run[run.length - 1] },
          paddingMs: this.paddingMs,
        });
        const from = Math.max(folder.fetchSpan.from, now - this.maxAgeMs + 60_000);
        const to = Math.min(folder.fetchSpan.to, now);
        const publish = async (snapshots: DaySnapshot[]): Promise<void> => {
          if (snapshots.length === 0 || this.stopped) return;
          this.freeze(snapshots);
          // The folder may return a day again, corrected (activity learnt later): count days by key.
          for (const snap of snapshots) done.add(snap.day);
          this.report({ daysDone: done.size });
          // Rows were masked when the day froze; masked again on write (idempotent), so the cache never depends on it.
          await (await this.cache)?.putDays(snapshots.map((d) => this.masking.day(d))).catch((err: unknown) => this.log(`${LOG_PREFIX} history cache could not be written`, err));
        };
        // Pages go into the folder as they come (it takes any order); a chunk's coverage once it is whole.
        await this.fetchForward(from, to, (events) => folder.add(events), async (chunkFrom, chunkTo) => {
          // The first chunk also covers what the function may not serve (older than 30 days).
          await publish(folder.covered(chunkFrom === from ? folder.fetchSpan.from : chunkFrom, chunkTo === to ? folder.fetchSpan.to : chunkTo));
        });
        await publish(folder.finish());
      }
    } catch (err) {
      error = this.failed(err, `${range.from} to ${range.to}`);
    } finally {
      for (const d of wanted) this.inFlight.delete(d);
    }
    this.report({ loading: false, error });
  }

  private freeze(days: readonly DaySnapshot[]): void {
    if (days.length === 0) return;
    for (const d of days) this.frozen.add(d.day);
    this.sink.addFrozenDays(days);
  }

  /** Today's history has been loaded (or failed). */
  get todayLoaded(): boolean {
    return this.todayDone;
  }
}
