/**
 * A contact centre for the sandbox: the simulator, on an accelerated clock, playing
 * TaskRouter into the fake live-query indexes. One run covers `historyDays` days before
 * today and today: the page catches up at once to the present (so the live indexes hold
 * what exists now, as Flex's would), and the sandbox's history function serves the same
 * run's events from the Events API (`server/historyServer.ts`), so history and live data
 * tell one story. Then simulated time runs `speed` times faster than real time (0:
 * frozen), from the real now or from a pinned instant (`startMs`).
 */
import { simulate, type SimEvent, type SimOptions } from '../sources/simulator';
import { ChatLedger } from './fakes/chatLedger';
import { FakeInsightsClient } from './fakes/fakeInsightsClient';
import { sandboxRun } from './server/historyParams';
import { SimulatorToSync, workersAtStart } from './fakes/simulatorToSync';

const DAY_MS = 86_400_000;

export interface CentreOptions {
  readonly agents: number;
  /** About how many agents each team has (the simulator's default when absent). */
  readonly teamSize?: number;
  readonly seed: number;
  readonly speed: number;
  /** The real clock (the page replaces Date.now with the simulated one). */
  readonly realNow: () => number;
  /** Simulated time when the centre opens (`?now=`); default: the real clock's now. */
  readonly startMs?: number;
  /** Whole days simulated before today (history; default 0). */
  readonly historyDays?: number;
  /** Rewrites a task's attributes text before it reaches the indexes (media the sandbox serves). */
  readonly attributes?: (text: string, taskSid: string) => string;
  /** Keeps the events from this instant on (for the expected report of the tests). */
  readonly keepEventsFrom?: (todayStartMs: number) => number;
  /** Staged events (`?surge=`: a surge of contacts) played in time order among the run's. */
  readonly staged?: (simStartMs: number) => readonly SimEvent[];
}

/** The events of a run before `untilMs`, lazily. */
function* until(events: Iterable<SimEvent>, untilMs: number): Generator<SimEvent> {
  for (const ev of events) {
    if (ev.timeMs >= untilMs) return;
    yield ev;
  }
}

export class SimulatedCentre {
  readonly client = new FakeInsightsClient();
  /** Every chat the run played, for the fake Conversations client's transcripts. */
  readonly chats = new ChatLedger();
  /** Midnight (UTC) starting today. */
  readonly todayStartMs: number;
  /** The run's options (its start is `historyDays` before today). */
  readonly run: SimOptions & { start: number };
  /** Events kept for the tests' expected figures (see `keepEventsFrom`). */
  readonly kept: SimEvent[] = [];
  private readonly keepFrom: number;
  private readonly feed = new SimulatorToSync(this.client);
  private readonly events: Iterator<SimEvent>;
  private next: IteratorResult<SimEvent>;
  private readonly realStart: number;
  private readonly simStart: number;
  private readonly staged: readonly SimEvent[];
  private stagedAt = 0;

  constructor(private readonly options: CentreOptions) {
    const real = options.realNow();
    const start = options.startMs ?? real;
    const day = new Date(start);
    this.todayStartMs = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    this.run = sandboxRun(options.agents, options.seed, this.todayStartMs, Math.max(0, Math.floor(options.historyDays ?? 0)), options.teamSize);
    this.keepFrom = options.keepEventsFrom?.(this.todayStartMs) ?? Number.POSITIVE_INFINITY;
    // The workers as they stood when the run began: read from its first day only.
    this.feed.seedWorkers(workersAtStart(until(simulate(this.run), this.run.start + DAY_MS), this.run.start));
    this.events = simulate(this.run)[Symbol.iterator]();
    this.next = this.events.next();
    this.realStart = real;
    this.simStart = start;
    this.staged = options.staged?.(start) ?? [];
    this.advanceTo(this.simStart);
  }

  /** Simulated time now. */
  now(): number {
    return this.simStart + (this.options.realNow() - this.realStart) * this.options.speed;
  }

  /** Plays every event up to simulated time `ms` into the indexes. */
  advanceTo(ms: number): void {
    const rewrite = this.options.attributes;
    for (;;) {
      const run = !this.next.done && this.next.value.timeMs <= ms ? this.next.value : undefined;
      const staged = this.stagedAt < this.staged.length && this.staged[this.stagedAt].timeMs <= ms ? this.staged[this.stagedAt] : undefined;
      if (!run && !staged) break;
      // The earlier of the two; the run's first on a tie.
      const fromStaged = staged !== undefined && (run === undefined || staged.timeMs < run.timeMs);
      const ev = fromStaged ? (staged as SimEvent) : (run as SimEvent);
      if (fromStaged) this.stagedAt++;
      else this.next = this.events.next();
      if (ev.timeMs >= this.keepFrom) this.kept.push(ev);
      this.chats.note(ev);
      this.feed.apply(rewrite && ev.task ? { ...ev, task: { ...ev.task, attributes: this.rewritten(ev.task.attributes, ev.task.sid, rewrite) } } : ev);
    }
    this.feed.evictUntil(ms);
  }

  private readonly rewrites = new Map<string, { text: string; out: string }>();

  /** The rewrite of a task's attributes, once per distinct text. */
  private rewritten(text: string, taskSid: string, rewrite: (text: string, taskSid: string) => string): string {
    const hit = this.rewrites.get(taskSid);
    if (hit && hit.text === text) return hit.out;
    const out = rewrite(text, taskSid);
    if (this.rewrites.size > 5000) this.rewrites.clear();
    this.rewrites.set(taskSid, { text, out });
    return out;
  }

  /**
   * A worker's attributes now, as Flex's worker client would hold them: the simulator
   * moves agents between teams, and the history function reads the signed-in worker's
   * team as it is now, so the page's user must carry the same (not the roster's start).
   */
  workerAttributes(sid: string): Readonly<Record<string, unknown>> | undefined {
    return this.feed.workerAttributes(sid);
  }

  tick(): void {
    this.advanceTo(this.now());
  }
}
