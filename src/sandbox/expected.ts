/**
 * What the sandbox's figures should be: the core's own report over the simulator's
 * events for [start of today, now], for the browser tests (`?expected=1` exposes
 * `window.sandboxExpected()`). It is computed from the simulated stream itself, never
 * from the plugin's store, so a test comparing the two checks live data and history
 * against the truth.
 */
import { DEFAULT_CONFIG, Engine, EventReader, buildReport, type Report } from '../core';
import { toEventStreams } from '../sources/simulator';
import type { SimulatedCentre } from './centre';

export interface SandboxExpected {
  readonly from: string;
  readonly to: string;
  readonly totals: Report['totals'];
  readonly events: number;
}

/** The report of today so far, from the events the centre kept (the day before today on). */
export function expectedToday(centre: SimulatedCentre, nowMs: number): SandboxExpected {
  const engine = new Engine(DEFAULT_CONFIG, { window: { from: centre.todayStartMs, to: nowMs } });
  const reader = new EventReader();
  let events = 0;
  for (const ev of centre.kept) {
    if (ev.timeMs > nowMs) break;
    const out = reader.read(toEventStreams(ev));
    if (out.kind === 'event') {
      engine.apply(out.event);
      events++;
    }
  }
  const report = buildReport(engine);
  return { from: new Date(centre.todayStartMs).toISOString(), to: new Date(nowMs).toISOString(), totals: report.totals, events };
}

export function exposeExpected(centre: SimulatedCentre): void {
  (window as unknown as { sandboxExpected: () => SandboxExpected }).sandboxExpected = () => expectedToday(centre, Date.now());
}
