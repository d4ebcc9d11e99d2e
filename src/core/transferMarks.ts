/**
 * Transfer marks for an agent's history (scope `self`): an agent's session holds only the
 * tasks their reservations name, not the new task a cold transfer of theirs created, so
 * its fold could not tell that their engagement was transferred (MODEL.md §4). The history
 * function reads the tasks created while the agent's task lived and hands their creations
 * on as marks on the agent's own task (`TRANSFER_MARK`): the time alone, nothing of the
 * new task. The fold reads a mark as a later segment of the conversation.
 */
import { TRANSFER_MARK, type TrEvent } from './events';
import { taskInfoOf } from './taskInfo';

/**
 * The marks of one of the agent's tasks: one per task of `created` (`task.created` events
 * of any task) that belongs to the same conversation, at its creation time.
 *
 * A created task belongs to it when its conversation key (`taskInfoOf`, the fold's key) is
 * the agent's task sid (Flex names the original task in `conversation_id` on a transfer)
 * or the agent's task's own key (a transfer of a task that was itself transferred names the
 * first task). Edge cases: the agent's task itself and tasks in `own` (tasks the agent's
 * reservations name, which their history holds whole) make no mark; a created task outside
 * the agent task's events' span makes none (the caller reads the creations of that span);
 * two tasks created at the same instant make one mark (a mark is only a time).
 */
export function transferMarksOf(task: readonly TrEvent[], created: readonly TrEvent[], own: ReadonlySet<string> = new Set()): TrEvent[] {
  const taskSid = task.find((e) => e.taskSid !== undefined)?.taskSid;
  if (taskSid === undefined) return [];
  const keys = new Set<string>([taskSid]);
  let first = Infinity;
  let last = -Infinity;
  for (const e of task) {
    if (e.taskSid !== taskSid) continue;
    if (e.ts < first) first = e.ts;
    if (e.ts > last) last = e.ts;
    const key = e.taskAttributes ? taskInfoOf(e.taskAttributes).conversationKey : undefined;
    if (key !== undefined) keys.add(key);
  }
  const times = new Set<number>();
  for (const e of created) {
    if (e.type !== 'task.created' || e.taskSid === undefined || e.taskSid === taskSid || own.has(e.taskSid)) continue;
    if (e.ts < first || e.ts > last || !e.taskAttributes) continue;
    const key = taskInfoOf(e.taskAttributes).conversationKey;
    if (key !== undefined && keys.has(key)) times.add(e.ts);
  }
  return [...times].sort((a, b) => a - b).map((ts) => transferMark(taskSid, ts));
}

/** The mark itself: the agent's task, a time, a sid made of the two (a mark read twice counts once). */
export function transferMark(taskSid: string, ts: number): TrEvent {
  return { sid: `${TRANSFER_MARK}:${taskSid}:${ts}`, type: TRANSFER_MARK, ts, taskSid };
}
