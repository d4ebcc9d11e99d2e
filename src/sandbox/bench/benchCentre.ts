/**
 * A fixed centre for `npm run bench:live`: `workers` agents, `tasks` contacts waiting and
 * every fourth agent on a contact (an assigned task and its accepted reservation), put
 * straight into the fake indexes, and a hook that changes one item at a time so the
 * benchmark can time an update from the index to the figure on screen. The contacts in
 * progress give each role's session something of its own to receive: an agent their
 * reservation and its task, a team leader their team's.
 */
import { stableSid } from '../../sources/simulator/prng';
import { FakeInsightsClient } from '../fakes/fakeInsightsClient';

// Random-looking sids, as Twilio's are: the live source splits its queries by sid prefix.
const sidOf = (prefix: string, n: number | string): string => stableSid(prefix, `bench:${n}`);
const QUEUES = ['CISS Safety', 'CISS Support', 'DIGI Check In', 'DIGI Technical Support'];
/** Every this-many-th worker (from the first) is on a contact. */
export const BENCH_HANDLING_EVERY = 4;

export interface BenchCentre {
  readonly client: FakeInsightsClient;
  /** A new contact starts waiting (`add`) or the oldest extra one is answered and leaves (`remove`). */
  change(kind: 'add' | 'remove'): void;
}

export function createBenchCentre(workers: number, tasks: number, now: () => number): BenchCentre {
  const client = new FakeInsightsClient();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const start = now();
  for (let i = 0; i < workers; i++) {
    const sid = sidOf('WK', i);
    client.set('tr-worker', sid, {
      worker_sid: sid,
      friendly_name: `agent${i}`,
      activity_name: i % 3 === 0 ? 'Break' : 'Available',
      date_activity_changed: iso(start - (i % 600) * 1000),
      date_updated: iso(start - (i % 600) * 1000),
      attributes: { full_name: `Agent ${i}`, team: `Team ${i % 40}` },
    });
  }
  for (let i = 0; i < workers; i += BENCH_HANDLING_EVERY) {
    const worker = { worker_sid: sidOf('WK', i), worker_name: `agent${i}` };
    const task = sidOf('WT', `handled:${i}`);
    const reservation = sidOf('WR', i);
    const queue = QUEUES[i % QUEUES.length];
    const channel = i % 2 === 0 ? 'voice' : 'chat';
    const attributes = { call_sid: sidOf('CA', `handled:${i}`), name: `Caller h${i}` };
    const created = iso(start - 120_000 - (i % 300) * 1000);
    const acceptedMs = start - 60_000 - (i % 60) * 1000;
    const accepted = iso(acceptedMs);
    const offered = iso(acceptedMs - 10_000);
    client.set('tr-task', task, {
      task_sid: task, status: 'assigned', queue_name: queue, channel_type: channel, channel_unique_name: channel, attributes,
      ...worker, accepted_reservation_sid: reservation, date_created: created, date_updated: accepted,
    });
    client.set('tr-reservation', reservation, {
      reservation_sid: reservation, task_sid: task, ...worker, status: 'accepted', task_status: 'assigned', queue_name: queue,
      task_channel_unique_name: channel, attributes, date_created: offered, date_updated: accepted, task_date_created: created,
    });
  }
  let next = 0;
  const waitingTask = (n: number) => {
    const sid = sidOf('WT', n);
    const created = iso(now() - (n % 300) * 1000);
    return {
      sid,
      item: {
        task_sid: sid,
        status: 'pending',
        queue_name: QUEUES[n % QUEUES.length],
        channel_type: n % 2 === 0 ? 'voice' : 'chat',
        channel_unique_name: n % 2 === 0 ? 'voice' : 'chat',
        attributes: { call_sid: sidOf('CA', n), name: `Caller ${n}` },
        date_created: created,
        date_updated: created,
      },
    };
  };
  for (; next < tasks; next++) {
    const t = waitingTask(next);
    client.set('tr-task', t.sid, t.item);
  }
  const extra: number[] = [];
  return {
    client,
    change(kind) {
      if (kind === 'add' || extra.length === 0) {
        const n = next++;
        const t = waitingTask(n);
        extra.push(n);
        client.set('tr-task', t.sid, { ...t.item, date_created: iso(now()), date_updated: iso(now()) });
        return;
      }
      const t = waitingTask(extra.shift() as number);
      client.set('tr-task', t.sid, { ...t.item, status: 'canceled', date_updated: iso(now()) });
    },
  };
}
