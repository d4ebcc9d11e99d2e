/**
 * A staged surge: `count` contacts of one support type arrive in its voice queue (or the
 * digital one when the voice platform has none), two seconds apart, wait `waitMs` and hang
 * up, so an alert on that support type can be seen raising and then clearing as the queue
 * empties. No agent is offered them: the surge is the customers, nothing else changes.
 */
import { CHANNEL_SIDS, SUPPORT_TYPES, findQueue, type SupportType } from './catalog';
import { createRng, hex32 } from './prng';
import { HANGUP_REASON, type SimEvent, type TaskSnapshot } from './types';

export interface SurgeOptions {
  readonly supportType: SupportType;
  /** When the first contact arrives (epoch ms). */
  readonly atMs: number;
  /** Contacts in the surge (default 5). */
  readonly count?: number;
  /** How long each waits before hanging up (default 5 min). */
  readonly waitMs?: number;
  readonly seed?: number;
}

/** Reads `?surge=` text: a support type the simulator knows, else undefined. */
export function surgeTypeOf(text: string | null | undefined): SupportType | undefined {
  return SUPPORT_TYPES.find((t) => t === text);
}

/** The surge's events, time-sorted. */
export function surgeEvents(options: SurgeOptions): SimEvent[] {
  const count = options.count ?? 5;
  const waitMs = options.waitMs ?? 300_000;
  const rng = createRng(options.seed ?? 1, `surge:${options.supportType}:${options.atMs}`);
  const voice = findQueue('CISS', options.supportType);
  const queue = voice ?? findQueue('DIGI', options.supportType);
  if (!queue) throw new RangeError(`no queue for ${options.supportType}`);
  const channel = voice ? 'voice' : 'chat';
  const out: SimEvent[] = [];
  for (let i = 0; i < count; i++) {
    const sid = `WT${hex32(rng)}`;
    const arrived = options.atMs + i * 2000;
    const attributes = JSON.stringify(channel === 'voice' ? { call_sid: `CA${hex32(rng)}`, direction: 'inbound', type: 'inbound' } : { conversationSid: `CH${hex32(rng)}`, channelType: 'web' });
    const snapshot = (status: TaskSnapshot['assignmentStatus'], version: number, canceledReason?: string): TaskSnapshot => ({
      sid,
      attributes,
      dateCreatedMs: arrived,
      priority: 100,
      assignmentStatus: status,
      queueSid: queue.sid,
      queueName: queue.name,
      queueEnteredMs: arrived,
      channelSid: CHANNEL_SIDS[channel],
      channel,
      version,
      canceledReason,
    });
    const event = (type: SimEvent['type'], timeMs: number, task: TaskSnapshot): SimEvent => ({ sid: `EV${hex32(rng)}`, type, timeMs, resourceType: 'task', resourceSid: sid, task });
    out.push(event('task.created', arrived, snapshot('pending', 0)));
    out.push(event('task-queue.entered', arrived, snapshot('pending', 0)));
    out.push(event('task.canceled', arrived + waitMs, snapshot('canceled', 1, HANGUP_REASON)));
  }
  return out.sort((a, b) => a.timeMs - b.timeMs);
}
