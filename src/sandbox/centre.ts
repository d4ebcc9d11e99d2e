/**
 * A contact centre for the sandbox: the simulator, on an accelerated clock, playing
 * TaskRouter into the fake live-query indexes. It starts from midnight (UTC) of today
 * and catches up at once to the present, so the page opens on "the day so far"; then
 * simulated time runs `speed` times faster than real time.
 */
import { simulate, type SimEvent } from '../sources/simulator';
import { FakeInsightsClient } from './fakeInsightsClient';
import { SimulatorToSync, workersAtStart } from './simulatorToSync';

export interface CentreOptions {
  readonly agents: number;
  readonly seed: number;
  readonly speed: number;
  /** The real clock (the page replaces Date.now with the simulated one). */
  readonly realNow: () => number;
  /** Rewrites a task's attributes text before it reaches the indexes (media the sandbox serves). */
  readonly attributes?: (text: string, taskSid: string) => string;
}

export class SimulatedCentre {
  readonly client = new FakeInsightsClient();
  readonly startMs: number;
  private readonly feed = new SimulatorToSync(this.client);
  private readonly events: Iterator<SimEvent>;
  private next: IteratorResult<SimEvent>;
  private readonly realStart: number;
  private readonly simStart: number;

  constructor(private readonly options: CentreOptions) {
    const real = options.realNow();
    const day = new Date(real);
    this.startMs = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    const run = { agents: options.agents, days: 2, seed: options.seed, start: this.startMs };
    this.feed.seedWorkers(workersAtStart(simulate(run), this.startMs));
    this.events = simulate(run)[Symbol.iterator]();
    this.next = this.events.next();
    this.realStart = real;
    this.simStart = real;
    this.advanceTo(this.simStart);
  }

  /** Simulated time now. */
  now(): number {
    return this.simStart + (this.options.realNow() - this.realStart) * this.options.speed;
  }

  /** Plays every event up to simulated time `ms` into the indexes. */
  advanceTo(ms: number): void {
    const rewrite = this.options.attributes;
    while (!this.next.done && this.next.value.timeMs <= ms) {
      const ev = this.next.value;
      this.feed.apply(rewrite && ev.task ? { ...ev, task: { ...ev.task, attributes: this.rewritten(ev.task.attributes, ev.task.sid, rewrite) } } : ev);
      this.next = this.events.next();
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

  tick(): void {
    this.advanceTo(this.now());
  }
}
