/**
 * A synthetic day for `npm run bench:views`: `agents` agents on shifts from the morning,
 * each with breaks, lunch and about ten contacts over the seven support types (some RONA,
 * some rejected, some transferred), as canonical events up to `now`. The simulator makes
 * a richer day, but 2,000 agents take it half a minute; the tables' cost depends on the
 * number of agents, cells and activity changes, which this day has in the same measure.
 */
import type { TrEvent } from '../../core';

const QUEUES = [
  ['CISS Check In', 'voice'],
  ['CISS Check Out', 'voice'],
  ['CISS Safety', 'voice'],
  ['DIGI Support', 'chat'],
  ['CISS Debrief', 'voice'],
  ['CISS Imminent', 'voice'],
  ['DIGI Technical Support', 'chat'],
] as const;

const FIRST = ['Alex', 'Sam', 'Jordan', 'Riley', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Robin', 'Avery', 'Quinn', 'Drew'];
const LAST = ['Nguyen', 'Smith', 'Patel', 'Brown', 'Wilson', 'Taylor', 'Martin', 'Lee', 'Walker', 'Young', 'King', 'Wright'];

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Events of a day from `dayStart` (epoch ms, local midnight) up to `now`, in time order; `contacts` per agent (at most 10). */
export function syntheticDay(agents: number, dayStart: number, now: number, contacts = 10): TrEvent[] {
  const out: TrEvent[] = [];
  let n = 0;
  const sid = (prefix: string): string => `${prefix}${(++n).toString(16).padStart(32, '0')}`;
  const push = (e: Omit<TrEvent, 'sid'>): void => {
    if (e.ts <= now) out.push({ sid: sid('EV'), ...e } as TrEvent);
  };
  for (let i = 0; i < agents; i++) {
    const worker = `WK${i.toString(16).padStart(32, '0')}`;
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
    const workerAttributes = { full_name: name, team: `Team ${String((i % 40) + 1).padStart(2, '0')}` };
    const w = { workerSid: worker, workerName: `agent${i}`, workerAttributes };
    const shift = dayStart + 6 * HOUR + (i % 24) * 20 * MIN;
    const activity = (ts: number, activityName: string, previous?: { name: string; ms: number }): void =>
      push({ type: 'worker.activity.update', ts, ...w, activityName, previousActivityName: previous?.name, previousActivityMs: previous?.ms });
    activity(shift, 'Available', { name: 'Offline', ms: shift - dayStart });
    activity(shift + 2 * HOUR, 'Break');
    activity(shift + 2 * HOUR + 15 * MIN, 'Available');
    activity(shift + 4 * HOUR, i % 5 === 0 ? 'Training' : 'Lunch');
    activity(shift + 4 * HOUR + 30 * MIN, 'Available');
    activity(shift + 6 * HOUR, 'Unavailable');
    activity(shift + 6 * HOUR + 10 * MIN, 'Available');
    activity(shift + 8 * HOUR + (i % 7) * 10 * MIN, 'Offline');
    for (let k = 0; k < Math.min(contacts, 10); k++) {
      const t = shift + 20 * MIN + k * 40 * MIN + (i % 13) * 7000;
      const [queueName, channel] = QUEUES[(i + k) % QUEUES.length];
      const task = sid('WT');
      const reservation = sid('WR');
      const taskFields = { taskSid: task, queueName, channel, taskAttributes: { call_sid: `CA${task.slice(2)}`, name: `Caller ${i}-${k}` } };
      const r = { ...taskFields, reservationSid: reservation, ...w };
      push({ type: 'task.created', ts: t, ...taskFields });
      push({ type: 'task-queue.entered', ts: t, ...taskFields });
      push({ type: 'reservation.created', ts: t + 8000, ...r });
      if ((i + k) % 17 === 3) {
        push({ type: 'reservation.timeout', ts: t + 38_000, ...r });
        push({ type: 'task.canceled', ts: t + 90_000, ...taskFields, reason: 'hangup' });
        continue;
      }
      if ((i + k) % 23 === 5) {
        push({ type: 'reservation.rejected', ts: t + 15_000, ...r });
        push({ type: 'task.canceled', ts: t + 60_000, ...taskFields, reason: 'hangup' });
        continue;
      }
      const talk = (4 + ((i * 7 + k * 3) % 15)) * MIN;
      push({ type: 'reservation.accepted', ts: t + 12_000, ...r });
      push({ type: 'reservation.wrapup', ts: t + 12_000 + talk, ...r });
      push({ type: 'reservation.completed', ts: t + 12_000 + talk + 90_000, ...r });
      if ((i + k) % 19 === 2) {
        // A cold transfer: the conversation goes on in another queue.
        push({ type: 'task-queue.entered', ts: t + 12_000 + talk + 1000, ...taskFields, queueName: 'CISS Safety' });
        push({ type: 'task.canceled', ts: t + 12_000 + talk + 120_000, ...taskFields, reason: 'hangup' });
      } else {
        push({ type: 'task.completed', ts: t + 12_000 + talk + 90_000, ...taskFields });
      }
    }
  }
  out.sort((a, b) => a.ts - b.ts);
  return out;
}
