import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  HANGUP_REASON,
  QUEUES,
  SHORT_ABANDON_MS,
  WORKFLOW_TIMEOUT_REASON,
  formatEvent,
  resolveSimOptions,
  simulate,
  simulationRoster,
  summarize,
  toEventStreams,
  toEventsApi,
  type SimEvent,
  type SimOptions,
} from '../../src/sources/simulator';

const DAY_RUN: SimOptions = { agents: 40, days: 1, seed: 1 };
const DAY_END = Date.parse('2026-11-17T00:00:00Z');

const run = (opts: SimOptions): SimEvent[] => [...simulate(opts)];
const lines = (events: readonly SimEvent[], format: 'eventstreams' | 'eventsapi'): string[] => events.map((e) => formatEvent(e, format));

const TERMINAL = new Set(['task.completed', 'task.canceled', 'task.deleted']);
const RESERVATION_ENDS = new Set([
  'reservation.rejected',
  'reservation.timeout',
  'reservation.rescinded',
  'reservation.canceled',
  'reservation.completed',
]);

function byTask(events: readonly SimEvent[]): Map<string, SimEvent[]> {
  const map = new Map<string, SimEvent[]>();
  for (const e of events) {
    if (!e.task) continue;
    let list = map.get(e.task.sid);
    if (!list) map.set(e.task.sid, (list = []));
    list.push(e);
  }
  return map;
}

function attributesOf(e: SimEvent): Record<string, unknown> {
  return JSON.parse(e.task?.attributes ?? '{}') as Record<string, unknown>;
}

let day: SimEvent[];
let twoDays: SimEvent[];

beforeAll(() => {
  day = run(DAY_RUN);
  twoDays = run({ ...DAY_RUN, days: 2 });
});

describe('determinism', () => {
  it('gives byte-identical output for the same seed, in both formats', () => {
    const again = run(DAY_RUN);
    expect(lines(again, 'eventstreams').join('\n')).toBe(lines(day, 'eventstreams').join('\n'));
    expect(lines(again, 'eventsapi').join('\n')).toBe(lines(day, 'eventsapi').join('\n'));
  });

  it('gives different output for a different seed', () => {
    const other = run({ ...DAY_RUN, seed: 2 });
    expect(other.map((e) => e.sid)).not.toEqual(day.map((e) => e.sid));
    expect(other.length).not.toBe(day.length);
  });

  it('makes a run the exact prefix of a longer run with the same seed', () => {
    const prefix = twoDays.filter((e) => e.timeMs < DAY_END);
    expect(lines(prefix, 'eventstreams')).toEqual(lines(day, 'eventstreams'));
  });
});

describe('stream shape', () => {
  it('is a few thousand events for 40 agents over a day, inside the day', () => {
    expect(day.length).toBeGreaterThan(2_000);
    expect(day.length).toBeLessThan(20_000);
    expect(day[0].timeMs).toBeGreaterThanOrEqual(Date.parse('2026-11-16T00:00:00Z'));
    expect(day[day.length - 1].timeMs).toBeLessThan(DAY_END);
  });

  it('is time-sorted with unique, well-formed event sids', () => {
    for (let i = 1; i < day.length; i++) expect(day[i].timeMs).toBeGreaterThanOrEqual(day[i - 1].timeMs);
    expect(new Set(day.map((e) => e.sid)).size).toBe(day.length);
    for (const e of day) expect(e.sid).toMatch(/^EV[0-9a-f]{32}$/);
  });

  it('uses 34-character sids everywhere', () => {
    const sid = /^(WT|WR|WK|WQ|WA|TC|WW|WS|AC|CA|CH)[0-9a-f]{32}$/;
    for (const e of day) {
      expect(e.resourceSid).toMatch(sid);
      if (e.task) expect([e.task.sid, e.task.queueSid, e.task.channelSid].every((s) => sid.test(s))).toBe(true);
      if (e.reservation) expect(e.reservation.sid).toMatch(sid);
      if (e.worker) expect([e.worker.sid, e.worker.activitySid].every((s) => sid.test(s))).toBe(true);
    }
  });

  it('writes lines that all parse, in both formats', () => {
    for (const format of ['eventstreams', 'eventsapi'] as const) {
      for (const line of lines(day, format)) expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
  });

  it('opens each task with task.created then task-queue.entered at the same instant', () => {
    for (const events of byTask(day).values()) {
      expect(events[0].type).toBe('task.created');
      expect(events[1].type).toBe('task-queue.entered');
      expect(events[1].timeMs).toBe(events[0].timeMs);
    }
  });

  it('starts every reservation with reservation.created, before its end', () => {
    const seen = new Map<string, SimEvent[]>();
    for (const e of day) {
      if (e.resourceType !== 'reservation') continue;
      const list = seen.get(e.resourceSid) ?? [];
      list.push(e);
      seen.set(e.resourceSid, list);
    }
    expect(seen.size).toBeGreaterThan(100);
    for (const events of seen.values()) {
      expect(events[0].type).toBe('reservation.created');
      const ends = events.filter((e) => RESERVATION_ENDS.has(e.type));
      expect(ends.length).toBeLessThanOrEqual(1);
      if (ends.length === 1) expect(events[events.length - 1]).toBe(ends[0]);
    }
  });

  it('ends every task, except those still open at the end, which end soon after in a longer run', () => {
    const longer = byTask(twoDays);
    let open = 0;
    for (const [sid, events] of byTask(day)) {
      const terminals = events.filter((e) => TERMINAL.has(e.type));
      expect(terminals.length).toBeLessThanOrEqual(1);
      if (terminals.length === 1) {
        expect(events[events.length - 1]).toBe(terminals[0]);
        continue;
      }
      open++;
      const later = longer.get(sid) ?? [];
      const end = later.find((e) => TERMINAL.has(e.type));
      expect(end).toBeDefined();
      expect((end?.timeMs ?? Infinity) - DAY_END).toBeLessThan(3 * 3_600_000);
    }
    expect(open).toBeLessThan(60);
  });

  it('keeps the 13 queues and their sids stable', () => {
    expect(QUEUES).toHaveLength(13);
    expect(new Set(QUEUES.map((q) => q.sid)).size).toBe(13);
    const names = new Set(day.filter((e) => e.task).map((e) => e.task?.queueName));
    for (const n of names) expect(QUEUES.map((q) => q.name)).toContain(n);
  });
});

describe('scenarios in a 40-agent day', () => {
  const ofType = (type: string): SimEvent[] => day.filter((e) => e.type === type);

  it('has RONA, rejects and rescinded multi-offers', () => {
    expect(ofType('reservation.timeout').length).toBeGreaterThan(0);
    expect(ofType('reservation.rejected').length).toBeGreaterThan(0);
    const rescinded = ofType('reservation.rescinded');
    expect(rescinded.length).toBeGreaterThan(0);
    const tasks = byTask(day);
    for (const r of rescinded) {
      const accepted = (tasks.get(r.task?.sid ?? '') ?? []).filter((e) => e.type === 'reservation.accepted');
      expect(accepted.some((a) => a.timeMs === r.timeMs && a.resourceSid !== r.resourceSid)).toBe(true);
    }
  });

  it('puts a RONA agent into Unavailable at the same instant', () => {
    for (const t of ofType('reservation.timeout')) {
      const after = day.find((e) => e.type === 'worker.activity.update' && e.resourceSid === t.worker?.sid && e.timeMs === t.timeMs);
      if (after) expect(after.worker?.activityName).toBe('Unavailable');
    }
    expect(day.some((e) => e.type === 'worker.activity.update' && e.worker?.activityName === 'Unavailable')).toBe(true);
  });

  it('has cold transfers: a new task for the same conversation, naming the original task', () => {
    const tasks = byTask(day);
    const transfers = ofType('task.created').filter((e) => (attributesOf(e).conversations as { conversation_id?: string }).conversation_id);
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers) {
      const attrs = attributesOf(t);
      const originalSid = (attrs.conversations as { conversation_id: string }).conversation_id;
      const original = tasks.get(originalSid) ?? [];
      expect(original[0]?.type).toBe('task.created');
      const originalAttrs = attributesOf(original[0]);
      expect(attrs.call_sid ?? attrs.conversationSid).toBe(originalAttrs.call_sid ?? originalAttrs.conversationSid);
      expect(t.task?.queueSid).not.toBe(original[0].task?.queueSid);
      const wrap = original.find((e) => e.type === 'reservation.wrapup');
      expect(wrap?.timeMs).toBe(t.timeMs);
    }
  });

  it('has queue moves that keep the task', () => {
    const moves = ofType('task-queue.moved');
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) {
      const i = day.indexOf(m);
      const entered = day.slice(i + 1).find((e) => e.type === 'task-queue.entered' && e.task?.sid === m.task?.sid);
      expect(entered?.timeMs).toBe(m.timeMs);
      expect(entered?.task?.queueSid).not.toBe(m.task?.queueSid);
    }
  });

  it('has short and long abandons', () => {
    const hangups = ofType('task.canceled').filter((e) => e.task?.canceledReason === HANGUP_REASON);
    const waited = hangups.map((e) => e.timeMs - (e.task?.dateCreatedMs ?? 0));
    expect(waited.some((ms) => ms < SHORT_ABANDON_MS)).toBe(true);
    expect(waited.some((ms) => ms >= SHORT_ABANDON_MS)).toBe(true);
  });

  it('has workflow timeouts followed by a cancel with the workflow reason', () => {
    const timeouts = ofType('workflow.timeout');
    expect(timeouts.length).toBeGreaterThan(0);
    const tasks = byTask(day);
    for (const t of timeouts) {
      const events = tasks.get(t.task?.sid ?? '') ?? [];
      const cancel = events.find((e) => e.type === 'task.canceled');
      expect(cancel?.timeMs).toBe(t.timeMs);
      expect(cancel?.task?.canceledReason).toBe(WORKFLOW_TIMEOUT_REASON);
    }
  });

  it('has breaks, lunches and logouts', () => {
    const activities = new Set(ofType('worker.activity.update').map((e) => e.worker?.activityName));
    for (const a of ['Available', 'Break', 'Lunch', 'Offline', 'Unavailable']) expect(activities).toContain(a);
  });

  it('reports the time in the previous activity consistently with the previous update', () => {
    const last = new Map<string, number>();
    for (const e of ofType('worker.activity.update')) {
      const prev = last.get(e.resourceSid);
      if (prev !== undefined) expect(e.worker?.timeInPreviousActivityMs).toBe(e.timeMs - prev);
      last.set(e.resourceSid, e.timeMs);
    }
  });

  it('attaches media to some tasks, some at reservation level', () => {
    const attrs = day.filter((e) => e.type === 'task.updated').map(attributesOf);
    const media = attrs.flatMap((a) => (a.conversations as { media?: { type: string }[] }).media ?? []);
    const types = new Set(media.map((m) => m.type));
    for (const t of ['VoiceRecording', 'ChatTranscript', 'Referenced']) expect(types).toContain(t);
    expect(attrs.some((a) => a.reservation_attributes !== undefined)).toBe(true);
  });
});

describe('rates over a larger run', () => {
  it('stays near the targets', () => {
    const s = summarize(simulate({ agents: 100, days: 3, seed: 7 }));
    const contacts = s.tasksCreated - s.transferTasks;
    const abandons = s.shortAbandons + s.longAbandons;
    expect(s.rona / s.reservations).toBeGreaterThan(0.02);
    expect(s.rona / s.reservations).toBeLessThan(0.07);
    expect(s.rejected / s.reservations).toBeGreaterThan(0.015);
    expect(s.rejected / s.reservations).toBeLessThan(0.05);
    expect(s.rescinded / contacts).toBeGreaterThan(0.02);
    expect(s.rescinded / contacts).toBeLessThan(0.08);
    expect(s.transferTasks / s.completed).toBeGreaterThan(0.03);
    expect(s.transferTasks / s.completed).toBeLessThan(0.1);
    expect(s.queueMoves / contacts).toBeGreaterThan(0.01);
    expect(s.queueMoves / contacts).toBeLessThan(0.06);
    expect(abandons / contacts).toBeGreaterThan(0.035);
    expect(abandons / contacts).toBeLessThan(0.1);
    expect(s.workflowTimeouts / contacts).toBeGreaterThan(0.002);
    expect(s.workflowTimeouts / contacts).toBeLessThan(0.03);
    expect((s.byChannel.voice ?? 0) / s.tasksCreated).toBeGreaterThan(0.5);
    expect((s.byChannel.voice ?? 0) / s.tasksCreated).toBeLessThan(0.7);
    expect(s.busyShare).toBeGreaterThan(0.45);
    expect(s.busyShare).toBeLessThan(0.75);
  });
});

describe('wire formats', () => {
  const sample = (): SimEvent[] => {
    const wanted = ['task.created', 'reservation.accepted', 'task.canceled', 'task.completed', 'worker.activity.update'];
    return wanted.map((t) => {
      const e = day.find((x) => x.type === t);
      if (!e) throw new Error(`no ${t} event`);
      return e;
    });
  };

  it('eventsapi: every event_data value is a string and event_date_ms matches event_date', () => {
    const wrong: string[] = [];
    for (const e of day) {
      const r = JSON.parse(formatEvent(e, 'eventsapi')) as ReturnType<typeof toEventsApi>;
      for (const [k, v] of Object.entries(r.event_data)) if (typeof v !== 'string') wrong.push(`${e.sid} ${k}`);
      if (r.event_date_ms !== Date.parse(r.event_date) || r.event_date_ms !== e.timeMs) wrong.push(`${e.sid} date`);
      if (r.event_type !== e.type || r.sid !== e.sid) wrong.push(`${e.sid} identity`);
    }
    expect(wrong).toEqual([]);
  });

  it('eventsapi: carries the fields the engine reads', () => {
    const [created, accepted, canceled, completed, activity] = sample().map(toEventsApi);
    expect(created.event_data.task_sid).toBe(created.resource_sid);
    expect(created.event_data.task_queue_name).toMatch(/^(CISS|DIGI) /);
    expect(accepted.event_data.reservation_sid).toBe(accepted.resource_sid);
    expect(accepted.event_data.worker_sid).toMatch(/^WK/);
    expect(accepted.actor_type).toBe('worker');
    expect(canceled.event_data.task_canceled_reason).toBeDefined();
    expect(completed.event_data.task_completed_reason).toBe('Task completed');
    expect(activity.event_data.worker_previous_activity_name).toBeDefined();
    expect(Number(activity.event_data.worker_time_in_previous_activity_ms)).toBeGreaterThanOrEqual(0);
  });

  it('eventstreams: a CloudEvent whose three timestamps are the event time', () => {
    for (const e of sample()) {
      const c = toEventStreams(e);
      const time = new Date(e.timeMs).toISOString();
      expect(c.type).toBe(`com.twilio.taskrouter.${e.type}`);
      expect([c.time, c.data.timestamp, c.data.payload.timestamp]).toEqual([time, time, time]);
      expect(c.id).toBe(e.sid);
      expect(c.data.payload.sid).toBe(e.sid);
      expect(c.data.payload.eventtype).toBe(e.type);
      expect(c.source).toContain(e.resourceSid);
    }
  });

  it('eventstreams: carries only the relevant fields per kind of event', () => {
    const [created, accepted, canceled, completed, activity] = sample().map((e) => toEventStreams(e).data.payload);
    expect(created.task_attributes).toEqual(expect.any(String));
    expect(created.reservation_sid).toBeUndefined();
    expect(created.worker_sid).toBeUndefined();
    expect(created.task_completed_reason).toBeUndefined();
    expect(accepted.worker_attributes).toEqual(expect.any(String));
    expect(accepted.worker_previous_activity_name).toBeUndefined();
    expect(accepted.task_assignment_status).toBe('assigned');
    expect(canceled.task_canceled_reason).toEqual(expect.any(String));
    expect(completed.task_completed_reason).toBe('Task completed');
    expect(activity.task_sid).toBeUndefined();
    expect(activity.worker_time_in_previous_activity_ms).toEqual(expect.any(Number));
  });

  it('eventstreams lines are about two kilobytes, like the real ones', () => {
    const sizes = lines(day, 'eventstreams').map((l) => l.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(1_000);
    expect(mean).toBeLessThan(2_600);
  });
});

describe('fast line writer', () => {
  it('writes exactly what JSON.stringify writes for the record objects', () => {
    const mismatches = day.filter(
      (e) =>
        formatEvent(e, 'eventstreams') !== JSON.stringify(toEventStreams(e)) ||
        formatEvent(e, 'eventsapi') !== JSON.stringify(toEventsApi(e)),
    );
    expect(mismatches.map((e) => e.sid)).toEqual([]);
  });
});

describe('other seeds', () => {
  it('show every scenario in a 40-agent day for most seeds', () => {
    let complete = 0;
    for (let seed = 11; seed <= 20; seed++) {
      const s = summarize(simulate({ agents: 40, days: 1, seed }));
      const counts = [s.rona, s.rejected, s.rescinded, s.transferTasks, s.queueMoves, s.shortAbandons, s.longAbandons, s.workflowTimeouts];
      if (counts.every((n) => n > 0) && (s.activities.Break ?? 0) > 0 && (s.activities.Offline ?? 0) > 0) complete++;
    }
    expect(complete).toBeGreaterThanOrEqual(8);
  });

  it('runs from any start instant, with events only inside the window', () => {
    const start = Date.parse('2027-03-10T13:30:00Z');
    const events = run({ agents: 12, days: 1, seed: 5, start });
    expect(events.length).toBeGreaterThan(200);
    expect(events[0].timeMs).toBeGreaterThanOrEqual(start);
    expect(events[events.length - 1].timeMs).toBeLessThan(start + 86_400_000);
  });
});

describe('browser-safe core', () => {
  it('uses no Node APIs, no wall clock and no unseeded randomness', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
    const dir = resolve(__dirname, '../../src/sources/simulator');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(resolve(dir, f), 'utf8');
      expect({ f, bad: /from ['"](node:|fs|path|os|stream|events)['"]|\bprocess\.|Math\.random|Date\.now/.exec(text)?.[0] }).toEqual({ f, bad: undefined });
    }
  });
});

describe('roster', () => {
  it('gives agents stable sids, varied names and teams of about eight to fifteen', () => {
    const { agents, teams } = simulationRoster({ agents: 120, seed: 3 });
    expect(new Set(agents.map((a) => a.sid)).size).toBe(120);
    expect(new Set(agents.map((a) => a.name)).size).toBe(120);
    for (const team of teams) {
      const size = agents.filter((a) => a.profile.team === team.name).length;
      expect(size).toBeGreaterThanOrEqual(8);
      expect(size).toBeLessThanOrEqual(15);
    }
    expect(new Set(agents.map((a) => a.platform))).toEqual(new Set(['CISS', 'DIGI', 'BOTH']));
  });

  it('makes teams of the size asked for (a 30-agent team for the Now tab), and the same roster otherwise', () => {
    const { agents, teams } = simulationRoster({ agents: 120, seed: 3, teamSize: 30 });
    // 120 / 30 = 4 teams, dealt in order: 30 each.
    expect(teams).toHaveLength(4);
    expect(teams.map((team) => agents.filter((a) => a.profile.team === team.name).length)).toEqual([30, 30, 30, 30]);
    expect(simulationRoster({ agents: 120, seed: 3, teamSize: 11 })).toEqual(simulationRoster({ agents: 120, seed: 3 }));
    expect(() => simulationRoster({ agents: 120, teamSize: 0 })).toThrow('teamSize must be an integer from 1');
  });
});

describe('options', () => {
  it('rejects bad options with a RangeError', () => {
    expect(() => resolveSimOptions({ agents: 0 })).toThrow(RangeError);
    expect(() => resolveSimOptions({ days: 1.5 })).toThrow(RangeError);
    expect(() => resolveSimOptions({ start: 'next tuesday' })).toThrow(RangeError);
  });

  it('reads a start without an offset as UTC', () => {
    expect(resolveSimOptions({ start: '2026-11-16T00:00' }).startMs).toBe(Date.parse('2026-11-16T00:00:00Z'));
    expect(resolveSimOptions({}).startMs).toBe(Date.parse('2026-11-16T00:00:00Z'));
  });
});

describe('command line', () => {
  const root = resolve(__dirname, '../..');
  const cli = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });

  it('exits 2 with one line on stderr for bad arguments', () => {
    for (const args of [['--agents', 'many'], ['--format', 'csv'], ['--frobnicate', '1'], ['--days', '0']]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(String(r.stderr).trim().split('\n')).toHaveLength(1);
      expect(String(r.stdout)).toBe('');
    }
  }, 60_000);

  it('writes NDJSON in the chosen format', () => {
    const r = cli(['--agents', '5', '--days', '1', '--seed', '3', '--format', 'eventsapi']);
    expect(r.status).toBe(0);
    const out = String(r.stdout).trimEnd().split('\n');
    expect(out.length).toBeGreaterThan(50);
    const expected = lines([...simulate({ agents: 5, days: 1, seed: 3 })], 'eventsapi');
    expect(out).toEqual(expected);
  }, 60_000);
});
