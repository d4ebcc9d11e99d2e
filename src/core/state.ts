/**
 * The fold as subscribers see it: `applyEvent(state, event)` returns the same state
 * object for a duplicate (so a store skips the update), and a new small wrapper
 * around the same engine when the event changed something.
 */
import type { EngineConfig } from './config';
import { Engine, type EngineOptions } from './engine';
import type { TrEvent } from './events';

export interface EngineState {
  readonly engine: Engine;
  readonly version: number;
}

export function createEngineState(config: EngineConfig, options?: EngineOptions): EngineState {
  const engine = new Engine(config, options);
  return { engine, version: engine.version };
}

export function applyEvent(state: EngineState, event: TrEvent): EngineState {
  return state.engine.apply(event) ? { engine: state.engine, version: state.engine.version } : state;
}
