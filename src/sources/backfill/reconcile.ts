/**
 * Live and history events of the same change, counted once.
 *
 * The history function sends TaskRouter's own events (`EV…` sids); the live source makes
 * events from the indexes with sids of its own (`live:…`). The two never share a sid, so
 * the engine's de-duplication cannot match them. History is the better witness: it has
 * cancel reasons, workflow timeouts, queue moves and exact times, where live data only
 * has the states it saw (and, for an item first seen mid-way, steps placed at the latest
 * time known before them). So where history covers a change, the live copy is dropped:
 *
 * - one-off facts (a task's creation, wrap-up and end; a reservation's creation,
 *   acceptance, wrap-up, completion and unaccepted end) are matched by what they are,
 *   whatever their time: `reservation WR…: accepted` from history makes the live
 *   acceptance redundant even if the two timestamps differ;
 * - repeatable facts (queue entries and moves, attribute updates, activity changes)
 *   cannot be matched that way, so a live one is dropped when history has seen its task
 *   or worker and the change is not after the history's high-water mark (the `to` of the
 *   fetch that brought today in): up to that instant, history holds that entity's story.
 *
 * While today's history is loading the live events wait here (`hold`), so that history
 * always lands first; `release` lets them through, filtered. A live fact history does
 * not have (a change after the mark, a task it never saw) always passes.
 */
import type { TrEvent } from '../../core';

/** The key of a change that happens once in an entity's life, or undefined for a repeatable one. */
export function oneOffFact(e: TrEvent): string | undefined {
  switch (e.type) {
    case 'task.created':
      return e.taskSid !== undefined ? `t:${e.taskSid}:created` : undefined;
    case 'task.wrapup':
      return e.taskSid !== undefined ? `t:${e.taskSid}:wrapup` : undefined;
    case 'task.completed':
    case 'task.canceled':
    case 'task.deleted':
    case 'task.system-deleted':
      // One end per task: whichever source saw it, the first in the fold decides.
      return e.taskSid !== undefined ? `t:${e.taskSid}:end` : undefined;
    case 'reservation.created':
    case 'reservation.accepted':
    case 'reservation.wrapup':
    case 'reservation.completed':
      return e.reservationSid !== undefined ? `r:${e.reservationSid}:${e.type.slice(12)}` : undefined;
    case 'reservation.rejected':
    case 'reservation.timeout':
    case 'reservation.canceled':
    case 'reservation.rescinded':
    case 'reservation.failed':
      return e.reservationSid !== undefined ? `r:${e.reservationSid}:end` : undefined;
    default:
      return undefined;
  }
}

/** The entity whose story an event is part of: its task, or its worker for worker events. */
function entityOf(e: TrEvent): string | undefined {
  if (e.type.startsWith('worker.')) return e.workerSid !== undefined ? `w:${e.workerSid}` : undefined;
  return e.taskSid !== undefined ? `t:${e.taskSid}` : undefined;
}

/** Events made by the live source (its sids are `live:<index>:…`). */
export const isLiveEvent = (e: TrEvent): boolean => e.sid.startsWith('live:');

export interface ReconcilerStats {
  /** Live events dropped because history had the same change. */
  readonly dropped: number;
  /** Live events held while history loads. */
  readonly held: number;
}

export class LiveReconciler {
  private readonly facts = new Set<string>();
  private readonly entities = new Set<string>();
  private highWater = Number.NEGATIVE_INFINITY;
  private holding = true;
  private heldEvents: TrEvent[] = [];
  private droppedCount = 0;

  /** @param maxHeld live events kept while history loads; beyond it they are let through (memory bound). */
  constructor(private readonly maxHeld = 200_000) {}

  /** History events about to be folded: remember what they witness. */
  noteHistory(events: readonly TrEvent[]): void {
    for (const e of events) {
      const fact = oneOffFact(e);
      if (fact !== undefined) this.facts.add(fact);
      const entity = entityOf(e);
      if (entity !== undefined) this.entities.add(entity);
    }
  }

  /** History covers every change up to `ms` for the entities it has seen. */
  coveredUntil(ms: number): void {
    if (ms > this.highWater) this.highWater = ms;
  }

  /** Is this live event a change history already holds? */
  redundant(e: TrEvent): boolean {
    const fact = oneOffFact(e);
    if (fact !== undefined) return this.facts.has(fact);
    if (e.ts > this.highWater) return false;
    const entity = entityOf(e);
    return entity !== undefined && this.entities.has(entity);
  }

  /** Live events in: what may be folded now (nothing while history loads). */
  live(events: readonly TrEvent[]): TrEvent[] {
    if (this.holding && this.heldEvents.length + events.length <= this.maxHeld) {
      for (const e of events) this.heldEvents.push(e);
      return [];
    }
    return this.filter(events);
  }

  /** History is in (or failed): the held live events that history does not already hold. */
  release(): TrEvent[] {
    this.holding = false;
    const held = this.heldEvents;
    this.heldEvents = [];
    return this.filter(held);
  }

  get stats(): ReconcilerStats {
    return { dropped: this.droppedCount, held: this.heldEvents.length };
  }

  private filter(events: readonly TrEvent[]): TrEvent[] {
    const out: TrEvent[] = [];
    for (const e of events) {
      if (isLiveEvent(e) && this.redundant(e)) this.droppedCount++;
      else out.push(e);
    }
    return out;
  }
}
