/**
 * Selectors memoise on the state's `version` (and a key: the day, `now`, a range), so the
 * same state gives the same object and a view re-renders only when its numbers changed.
 */
import type { Engine } from '../core';
import type { InsightsState } from './insightsStore';

export type Memo<T> = (state: InsightsState, key: string, compute: () => T) => T;

/** One single-entry cache per live engine: the last version and key, and what they gave. */
export function memo<T>(): Memo<T> {
  const cache = new WeakMap<Engine, { key: string; value: T }>();
  return (state, key, compute) => {
    const engine = state.live.engine;
    const hit = cache.get(engine);
    const full = `${state.version}|${key}`;
    if (hit && hit.key === full) return hit.value;
    const value = compute();
    cache.set(engine, { key: full, value });
    return value;
  };
}
