/**
 * The aggregates: the cells of every grouping an engine keeps, and how a conversation's
 * facts move them. A conversation's contribution goes in with sign +1 and comes out with
 * -1 the same way, so cells stay exact as conversations change, in any order.
 */
import type { EngineConfig } from './config';
import { sliceOf, type ConversationFacts } from './facts';
import { groupingId, type Cell, type Grouping, type PeriodDimension } from './groupings';
import { emptyAccumulator, type Accumulator } from './metrics';
import type { Calendar } from './time';

/** Segments starting inside [from, to] count; either end may be open. */
export interface TimeWindow {
  readonly from?: number;
  readonly to?: number;
}

export class Aggregates {
  /** Cells of each grouping, by grouping id; `cellMaps[i]` is the map of `groupings[i]`. */
  private readonly cells = new Map<string, Map<string, Cell>>();
  private readonly cellMaps: Map<string, Cell>[] = [];
  constructor(
    private readonly groupings: readonly Grouping[],
    private readonly calendar: Calendar,
    private readonly window: TimeWindow,
    private readonly config: Pick<EngineConfig, 'serviceLevelSec' | 'shortAbandonSec'>,
  ) {
    for (const g of groupings) {
      const map = new Map<string, Cell>();
      this.cells.set(groupingId(g), map);
      this.cellMaps.push(map);
    }
  }

  /** Adds a conversation's facts to every cell they fall in (sign 1), or takes them out (sign -1); facts outside the window count nowhere. */
  contribute(cf: ConversationFacts, sign: number): void {
    const slMs = this.config.serviceLevelSec * 1000;
    const shortMs = this.config.shortAbandonSec * 1000;
    for (let gi = 0; gi < this.groupings.length; gi++) {
      const g = this.groupings[gi];
      const cells = this.cellMaps[gi];
      const firstSlices: string[] = [];
      const firstStarts: number[] = [];
      for (const f of cf.facts) {
        if (!this.inWindow(f.start)) continue;
        const slice = sliceOf(g.slice, f);
        if (slice === undefined) continue;
        const acc = this.cell(cells, slice, this.periodOf(g.period, f.start));
        if (f.kind === 'invitation') {
          acc.invitations += sign;
          if (f.invitation === 'RONA') acc.rona += sign;
          else if (f.invitation === 'Rejected') acc.rejected += sign;
          else if (f.invitation === 'Revoked') acc.revoked += sign;
          continue;
        }
        const i = firstSlices.indexOf(slice);
        if (i < 0) {
          firstSlices.push(slice);
          firstStarts.push(f.start);
        } else if (f.start < firstStarts[i]) {
          firstStarts[i] = f.start;
        }
        if (f.kind === 'queue') {
          acc.offered += sign;
          if (f.outcome === 'Accepted' && f.waitMs !== undefined) {
            acc.waitSum += sign * f.waitMs;
            acc.waitN += sign;
            acc.slEligible += sign;
            if (f.waitMs <= slMs) acc.slMet += sign;
          } else if (f.outcome === 'Customer Left' && f.waitMs !== undefined && f.waitMs > shortMs) {
            acc.slEligible += sign;
          }
        } else {
          acc.handled += sign;
          if (f.transferred) acc.transfers += sign;
          if (f.talkMs !== undefined) {
            acc.talkSum += sign * f.talkMs;
            acc.talkN += sign;
            acc.handleSum += sign * (f.talkMs + (f.wrapMs ?? 0));
            acc.handleN += sign;
          }
          if (f.wrapMs !== undefined) {
            acc.wrapSum += sign * f.wrapMs;
            acc.wrapN += sign;
          }
        }
      }
      // A conversation counts once per slice value, in the period where it first met it.
      for (let i = 0; i < firstSlices.length; i++) {
        this.cell(cells, firstSlices[i], this.periodOf(g.period, firstStarts[i])).conversations += sign;
      }
      const a = cf.abandonedAt;
      if (a && this.inWindow(a.start)) {
        const slice = sliceOf(g.slice, a);
        if (slice !== undefined) this.cell(cells, slice, this.periodOf(g.period, a.start)).abandoned += sign;
      }
    }
  }

  /** The cells of one grouping, zeroed ones included; throws for a grouping not kept here. */
  cellsOf(g: Grouping): readonly Cell[] {
    return [...this.cellMap(g).values()];
  }

  /** The accumulator of one cell, an empty one when nothing counted there; throws for a grouping not kept here. */
  cellOf(g: Grouping, slice: string, period: string): Accumulator {
    return this.cellMap(g).get(cellKey(slice, period))?.acc ?? emptyAccumulator();
  }

  private cellMap(g: Grouping): Map<string, Cell> {
    const cells = this.cells.get(groupingId(g));
    if (!cells) throw new Error(`grouping ${groupingId(g)} is not maintained by this engine: pass it in EngineOptions.groupings`);
    return cells;
  }

  private inWindow(ts: number): boolean {
    const w = this.window;
    return (w.from === undefined || ts >= w.from) && (w.to === undefined || ts <= w.to);
  }

  private periodOf(period: PeriodDimension, ts: number): string {
    switch (period) {
      case 'all': return '';
      case 'day': return this.calendar.dayKey(ts);
      case 'week': return this.calendar.weekKey(ts);
      case 'month': return this.calendar.monthKey(ts);
      case 'interval15': return this.calendar.intervalKey(ts, 15);
      case 'interval30': return this.calendar.intervalKey(ts, 30);
      case 'interval60': return this.calendar.intervalKey(ts, 60);
    }
  }

  private cell(cells: Map<string, Cell>, slice: string, period: string): Accumulator {
    const key = cellKey(slice, period);
    let c = cells.get(key);
    if (!c) {
      c = { slice, period, acc: emptyAccumulator() };
      cells.set(key, c);
    }
    return c.acc;
  }
}

/** The slice alone for the all-time period, so most lookups build no string. */
const cellKey = (slice: string, period: string): string => (period === '' ? slice : slice + '\u0000' + period);
