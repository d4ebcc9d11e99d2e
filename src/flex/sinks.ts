/**
 * Sources write the store only through what `src/flex/` hands them: the live source an
 * `onEvents` callback, the backfill this sink, both made of the store's actions here.
 */
import type { HistorySink } from '../sources/backfill';
import { addFrozenDays, applyQueued, ingest, setHistoryProgress, type InsightsStore } from '../store';

/** The backfill's sink for a store: today's events into the live engine, past days frozen, progress. */
export function historySinkOf(store: InsightsStore): HistorySink {
  return {
    ingest: (events) => ingest(store, events),
    flush: () => applyQueued(store),
    addFrozenDays: (days) => addFrozenDays(store, days),
    progress: (progress) => setHistoryProgress(store, progress),
  };
}
