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
    while (!this.next.done && this.next.value.timeMs <= ms) {
      this.feed.apply(this.next.value);
      this.next = this.events.next();
    }
    this.feed.evictUntil(ms);
  }

  tick(): void {
    this.advanceTo(this.now());
  }
}
