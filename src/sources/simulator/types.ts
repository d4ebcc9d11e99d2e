/**
 * What the simulator emits: one record per TaskRouter event, carrying copies of the task,
 * reservation and worker state at that moment. The wire formats (`format.ts`) only read it.
 */
import type { ActivityName, Channel } from './catalog';

export const SIM_EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task-queue.entered',
  'task-queue.moved',
  'workflow.timeout',
  'task.wrapup',
  'task.completed',
  'task.canceled',
  'task.deleted',
  'reservation.created',
  'reservation.accepted',
  'reservation.rejected',
  'reservation.timeout',
  'reservation.rescinded',
  'reservation.canceled',
  'reservation.wrapup',
  'reservation.completed',
  'worker.activity.update',
  'worker.attributes.update',
] as const;
export type SimEventType = (typeof SIM_EVENT_TYPES)[number];

export const RESOURCE_TYPES = ['task', 'reservation', 'worker'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const ASSIGNMENT_STATUSES = ['pending', 'reserved', 'assigned', 'wrapping', 'completed', 'canceled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const TASK_COMPLETED_REASON = 'Task completed';
export const HANGUP_REASON = 'hangup';
export const WORKFLOW_TIMEOUT_REASON = 'Task canceled on Workflow timeout';

export interface TaskSnapshot {
  readonly sid: string;
  /** The task's attributes as TaskRouter sends them: a JSON string. */
  readonly attributes: string;
  readonly dateCreatedMs: number;
  readonly priority: number;
  readonly assignmentStatus: AssignmentStatus;
  readonly queueSid: string;
  readonly queueName: string;
  readonly queueEnteredMs: number;
  readonly channelSid: string;
  readonly channel: Channel;
  readonly version: number;
  readonly canceledReason?: string;
  readonly completedReason?: string;
}

export interface ReservationSnapshot {
  readonly sid: string;
  readonly version: number;
}

export interface WorkerSnapshot {
  readonly sid: string;
  readonly name: string;
  readonly attributes: string;
  readonly activitySid: string;
  readonly activityName: ActivityName;
  readonly version: number;
  /** Only on worker.activity.update. */
  readonly previousActivitySid?: string;
  readonly previousActivityName?: ActivityName;
  readonly timeInPreviousActivityMs?: number;
}

export interface SimEvent {
  /** EV + 32 hex. */
  readonly sid: string;
  readonly type: SimEventType;
  /** Epoch milliseconds. */
  readonly timeMs: number;
  readonly resourceType: ResourceType;
  readonly resourceSid: string;
  readonly task?: TaskSnapshot;
  readonly reservation?: ReservationSnapshot;
  readonly worker?: WorkerSnapshot;
}

export interface SimOptions {
  /** Number of agents on the roster (default 40). */
  readonly agents?: number;
  /** About how many agents each team has (default 11, so sizes land between eight and fifteen). */
  readonly teamSize?: number;
  /** Whole days to simulate (default 1). */
  readonly days?: number;
  /** Any 32-bit integer (default 1). */
  readonly seed?: number;
  /** First simulated instant: ISO 8601 string or epoch ms (default 2026-11-16T00:00:00Z, a Monday). */
  readonly start?: string | number;
}

export interface ResolvedSimOptions {
  readonly agents: number;
  readonly teamSize: number;
  readonly days: number;
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
}
