/**
 * Deterministic generator of TaskRouter events for a crisis-support line. Pure TypeScript
 * with no Node APIs, so the same code feeds tests, benchmarks and the browser sandbox.
 *
 *   for (const ev of simulate({ agents: 40, days: 1, seed: 1 })) line(formatEvent(ev, 'eventstreams'));
 */
import { Simulation } from './simulation';
import { resolveSimOptions } from './options';
import { buildRoster, type Roster } from './roster';
import type { SimEvent, SimOptions } from './types';

/** Every event of the run, time-sorted, generated lazily (constant memory for any length). */
export function* simulate(opts: SimOptions = {}): Generator<SimEvent, void, undefined> {
  yield* new Simulation(resolveSimOptions(opts)).events();
}

/** The agents a run with these options will have, without running it. */
export function simulationRoster(opts: SimOptions = {}): Roster {
  const resolved = resolveSimOptions(opts);
  return buildRoster(resolved.agents, resolved.seed, resolved.teamSize);
}

export {
  ACTIVITIES,
  ACTIVITY_SIDS,
  AGENT_PLATFORMS,
  CHANNELS,
  CHANNEL_SIDS,
  PLATFORMS,
  PLATFORM_NAMES,
  QUEUES,
  SUPPORT_TYPES,
  WORKSPACE,
  findQueue,
  type ActivityName,
  type AgentPlatform,
  type Channel,
  type Platform,
  type QueueDef,
  type SupportType,
  type Workspace,
} from './catalog';
export {
  OUTPUT_FORMATS,
  describe,
  eventFields,
  formatEvent,
  toEventStreams,
  toEventsApi,
  type EventStreamsRecord,
  type EventsApiRecord,
  type OutputFormat,
  type Payload,
} from './format';
export { DEFAULT_SIM_OPTIONS, DEFAULT_START, MAX_AGENTS, MAX_DAYS, resolveSimOptions } from './options';
export { type Agent, type Roster, type Team, type WorkerProfile } from './roster';
export { SHORT_ABANDON_MS, summarize, type SimSummary } from './summary';
export {
  ASSIGNMENT_STATUSES,
  HANGUP_REASON,
  SIM_EVENT_TYPES,
  TASK_COMPLETED_REASON,
  WORKFLOW_TIMEOUT_REASON,
  type AssignmentStatus,
  type ReservationSnapshot,
  type ResolvedSimOptions,
  type SimEvent,
  type SimEventType,
  type SimOptions,
  type TaskSnapshot,
  type WorkerSnapshot,
} from './types';
export { surgeEvents, surgeTypeOf, type SurgeOptions } from './surge';
