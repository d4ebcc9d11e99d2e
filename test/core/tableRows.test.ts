import {
  DEFAULT_CONFIG,
  Engine,
  EventReader,
  TABLE_COLUMNS,
  contactPolicy,
  daysCovered,
  eventOfRow,
  eventRow,
  forEachModelRow,
  reportGroupings,
  resolveConfig,
  type LakehouseTable,
  type Row,
  workload,
  type TrEvent,
} from '../../src/core';
import { simulate, toEventStreams } from '../../src/sources/simulator';
import { BASE, aContactArrives, aTaskEvent, anActivity, anEngagement, at, engineFor } from '../fixtures/builders';
import { Abandon, ColdTransfer, Handled, MidStream, RonaThenAccept } from '../fixtures/scenarios';

const WHOLE = { from: BASE - 86_400_000, to: BASE + 86_400_000 };
/** A stand-in for the keyed digest the Node code passes in: visibly not the input. */
const fakeHash = (s: string): string => `h(${s.length})`;

function rowsOf(engine: Engine, window = WHOLE, mode: 'hash' | 'mask' | 'clear' = 'hash', hash = fakeHash): Record<LakehouseTable, Row[]> {
  const out = Object.fromEntries(Object.keys(TABLE_COLUMNS).map((t) => [t, [] as Row[]])) as unknown as Record<LakehouseTable, Row[]>;
  forEachModelRow(engine, engine.config, { runId: 'run1', window, contacts: contactPolicy(mode, hash) }, (t, r) => out[t].push(r));
  return out;
}

describe('the model as table rows', () => {
  it('Handled: one conversation, queue segment, engagement and accepted invitation, with ms durations', () => {
    const t = rowsOf(engineFor(Handled));
    expect(t.conversations).toHaveLength(1);
    expect(t.conversations[0]).toMatchObject({ conversation_id: 'CA01', outcome: 'Handled', queue_segments: 1, engagements: 1, transfers: 0, duration_ms: 380_000 });
    // waited 0 → 20 s: within the 60 s service level
    expect(t.queue_segments).toEqual([
      expect.objectContaining({ task_sid: 'WT01', queue: 'CISS Safety', support_type: 'safety', platform: 'CISS Central', outcome: 'Accepted', wait_ms: 20_000, sl_met: true, sl_eligible: true, abandoned: false }),
    ]);
    // ring 10 → 20, talk 20 → 320, wrap 320 → 380
    expect(t.engagements).toEqual([
      expect.objectContaining({ reservation_sid: 'WR01', worker_sid: 'WKann', team: 'Team Blue', ring_ms: 10_000, talk_ms: 300_000, wrap_ms: 60_000, handle_ms: 360_000, transferred: false }),
    ]);
    expect(t.invitations).toEqual([expect.objectContaining({ reservation_sid: 'WR01', outcome: 'Accepted', invited_at: at(10), ended_at: at(20) })]);
    for (const table of ['conversations', 'queue_segments', 'engagements', 'invitations'] as const) {
      for (const row of t[table]) {
        expect(Object.keys(row)).toEqual(TABLE_COLUMNS[table].map(([name]) => name));
        expect(row).toMatchObject({ day: '2026-11-20', iso_week: '2026-W47', month: '2026-11', model_version: '2', run_id: 'run1' });
      }
    }
  });

  it('RONA then accept: two invitations, one RONA; abandon: the last queue segment is marked', () => {
    expect(rowsOf(engineFor(RonaThenAccept)).invitations.map((r) => r.outcome).sort()).toEqual(['Accepted', 'RONA']);
    const a = rowsOf(engineFor(Abandon));
    expect(a.queue_segments).toEqual([expect.objectContaining({ outcome: 'Customer Left', abandoned: true, sl_eligible: true, sl_met: false })]);
    expect(a.conversations[0]).toMatchObject({ outcome: 'Abandoned', engagements: 0 });
  });

  it('cold transfer: one conversation of two tasks, the first engagement transferred', () => {
    const t = rowsOf(engineFor(ColdTransfer));
    expect(t.conversations).toHaveLength(1);
    expect(t.conversations[0]).toMatchObject({ conversation_id: 'CH10', task_sids: 'WT10,WT11', transfers: 1 });
    expect(t.engagements.map((e) => [e.worker_sid, e.transferred])).toEqual([['WKann', true], ['WKbob', false]]);
    expect(new Set(t.queue_segments.map((q) => q.conversation_id))).toEqual(new Set(['CH10']));
  });

  it('an accept first seen mid-stream is an engagement, not an invitation', () => {
    const t = rowsOf(engineFor(MidStream));
    expect(t.engagements).toHaveLength(1);
    expect(t.engagements[0]).toMatchObject({ invited_at: null, ring_ms: null });
    expect(t.invitations).toEqual([]);
  });

  it('contacts: hashed by default, masked on request, in clear only when asked', () => {
    const caller = { task: 'WT50', queue: 'CISS Safety', channel: 'voice', attributes: { call_sid: 'CA50', from: '+61412345678', customers: { name: 'Robin Doe' } } };
    const events = [...aContactArrives(caller, 0), aTaskEvent('task.canceled', caller, 30, { reason: 'hangup' })];
    const hashed = rowsOf(engineFor(events)).conversations[0];
    expect(hashed).toMatchObject({ customer_name: 'h(9)', customer_contact: 'h(12)' });
    const masked = rowsOf(engineFor(events), WHOLE, 'mask').conversations[0];
    // Masked names keep only their initials (the lakehouse is read by people without contacts).
    expect(masked).toMatchObject({ customer_name: 'R••• D•••', customer_contact: '•••78' });
    expect(rowsOf(engineFor(events), WHOLE, 'clear').conversations[0]).toMatchObject({ customer_contact: '+61412345678' });
    // The events table keeps task attributes masked unless contacts are asked for in clear.
    const calendar = engineFor([]).calendar;
    const row = eventRow(calendar, events[0], { runId: 'r', contacts: contactPolicy('hash', fakeHash) });
    expect(String(row.task_attributes)).not.toContain('412345678');
    expect(String(eventRow(calendar, events[0], { runId: 'r', contacts: contactPolicy('clear') }).task_attributes)).toContain('+61412345678');
    expect(() => contactPolicy('hash')).toThrow(/hash function/);
  });

  it('task attributes: every customer field hashed with the conversation row\'s digest, or masked whole', () => {
    // A stand-in digest that tells inputs apart and shows none of them.
    const digest = (s: string): string => `h${[...s].reduce((a, c) => (a * 31 + (c.codePointAt(0) ?? 0)) >>> 0, 7).toString(16)}`;
    const attributes = {
      call_sid: 'CA51',
      from: ' +61412345678',
      name: 'Robin Doe',
      customers: { name: 'Robin Doe', phone: '+61412345678', email: 'robin.doe@example.org', organization: 'Doe Family Trust' },
      pre_engagement_data: { friendlyName: 'Robin', question: 'call me on +61 412 345 678 please' },
      notes: 'wrote from robin.doe@example.org',
      support_type: 'safety',
    };
    const caller = { task: 'WT51', queue: 'CISS Safety', channel: 'voice', attributes };
    const events = [...aContactArrives(caller, 0), aTaskEvent('task.canceled', caller, 30, { reason: 'hangup' })];
    const calendar = engineFor([]).calendar;
    const hashed = JSON.parse(String(eventRow(calendar, events[0], { runId: 'r', contacts: contactPolicy('hash', digest) }).task_attributes)) as typeof attributes;
    const row = rowsOf(engineFor(events), WHOLE, 'hash', digest).conversations[0];
    // The same digest as the conversation's customer_name and customer_contact: a join key.
    expect(hashed.customers.name).toBe(row.customer_name);
    expect(hashed.customers.phone).toBe(row.customer_contact);
    expect(hashed.from).toBe(digest('+61412345678'));
    expect(hashed.customers.organization).toBe(digest('Doe Family Trust'));
    expect(hashed.pre_engagement_data.friendlyName).toBe(digest('Robin'));
    expect(hashed.notes).toBe(`wrote from ${digest('robin.doe@example.org')}`);
    // What names no customer stays readable: the model reads it back.
    expect(hashed).toMatchObject({ call_sid: 'CA51', support_type: 'safety' });
    const masked = JSON.parse(String(eventRow(calendar, events[0], { runId: 'r', contacts: contactPolicy('mask') }).task_attributes)) as typeof attributes;
    expect(masked).toMatchObject({
      from: '•••78',
      name: 'R••• D•••',
      customers: { name: 'R••• D•••', phone: '•••78', email: 'r•••@example.org', organization: 'D••• F••• T•••' },
      notes: 'wrote from r•••@example.org',
      support_type: 'safety',
    });
    expect(JSON.stringify(masked)).not.toMatch(/Robin|Doe|345 ?678/);
  });

  it('queue segments, engagements and invitations carry the TaskQueue sid the events gave their queue', () => {
    const withSid = RonaThenAccept.map((e) => (e.queueName === 'CISS Safety' ? { ...e, queueSid: 'WQ0safety' } : e));
    const t = rowsOf(engineFor(withSid));
    const facts = [...t.queue_segments, ...t.engagements, ...t.invitations];
    expect(facts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(facts.map((r) => [r.queue, r.task_queue_sid].join(' ')))).toEqual(new Set(['CISS Safety WQ0safety']));
    // Events that named no sid: the column is null, not made up.
    expect(rowsOf(engineFor(RonaThenAccept)).queue_segments.map((r) => r.task_queue_sid)).toEqual([null]);
  });

  it('events round-trip through their rows', () => {
    const calendar = engineFor([]).calendar;
    const clear = contactPolicy('clear');
    for (const e of [...Handled, anActivity('WKann', 5, 'Break', { name: 'Available', ms: 1000 })]) {
      const back = eventOfRow(JSON.parse(JSON.stringify(eventRow(calendar, e, { runId: 'r', contacts: clear }))) as Record<string, unknown>);
      expect(stripUndefined(back)).toEqual(stripUndefined(e));
    }
  });

  it('only facts starting inside the window are rows; a conversation lands in the day of its first segment', () => {
    // Contact 1 starts before the window and is accepted inside it; contact 2 is inside.
    const one = { task: 'WT61', queue: 'CISS Safety', channel: 'voice' };
    const two = { task: 'WT62', queue: 'CISS Safety', channel: 'voice' };
    const events: TrEvent[] = [
      ...aContactArrives(one, -100),
      ...anEngagement({ ...one, reservation: 'WR61', worker: 'WKann' }, { created: 10, accepted: 20, completed: 200 }),
      ...aContactArrives(two, 50),
    ];
    const t = rowsOf(engineFor(events), { from: at(0), to: at(3600) });
    expect(t.queue_segments.map((q) => q.task_sid)).toEqual(['WT62']);
    expect(t.engagements.map((e) => e.task_sid)).toEqual(['WT61']);
    expect(t.conversations.map((c) => c.conversation_id)).toEqual(['CA62']);
  });

  it('activity is clipped to the window and split at local midnight (Sydney, the night DST starts)', () => {
    const config = resolveConfig({ timeZone: 'Australia/Sydney' }, DEFAULT_CONFIG);
    const engine = new Engine(config, { groupings: reportGroupings() });
    // 2026-10-03 23:00 Sydney (AEST, +10) is 13:00Z; the next local midnight is 14:00Z.
    const start = Date.parse('2026-10-03T13:00:00Z');
    engine.apply({ sid: 'EVa1', type: 'worker.activity.update', ts: start, workerSid: 'WKann', activityName: 'Available' });
    engine.apply({ sid: 'EVa2', type: 'worker.activity.update', ts: start + 3 * 3_600_000, workerSid: 'WKann', activityName: 'Offline' });
    const t = rowsOf(engine, { from: start - 3_600_000, to: start + 3 * 3_600_000 });
    expect(t.agent_activity.map((r) => [r.day, r.activity, r.duration_ms, r.logged_in])).toEqual([
      ['2026-10-03', 'Available', 3_600_000, true],
      ['2026-10-04', 'Available', 7_200_000, true],
    ]);
    expect(t.agents.map((a) => a.day)).toEqual(['2026-10-03', '2026-10-04']);
    // The 4th has 23 hours: midnight to midnight is 23 h later.
    expect(daysCovered(engine.calendar, Date.parse('2026-10-03T14:00:00Z'), Date.parse('2026-10-05T12:59:59Z'))).toEqual(['2026-10-04', '2026-10-05']);
    const quarterHours = t.workload_15m.filter((w) => w.measure === 'activity');
    expect(quarterHours.reduce((s, w) => s + (w.duration_ms as number), 0)).toBe(3 * 3_600_000);
  });
});

describe('workload rows', () => {
  it("are workload()'s buckets, a row per measure, agent and activity, in whole ms", () => {
    const reader = new EventReader();
    const engine = new Engine(DEFAULT_CONFIG, { groupings: [] });
    for (const ev of simulate({ agents: 6, days: 1, seed: 4 })) {
      const out = reader.read(toEventStreams(ev));
      if (out.kind === 'event') engine.apply(out.event);
    }
    const window = { from: engine.calendar.startOfDay(engine.minTs), to: engine.maxTs + 1 };
    const rows = rowsOf(engine, window).workload_15m;
    const expected: string[] = [];
    const ms = (sec: number): number => Math.round(sec * 1000);
    for (const [key, b] of Object.entries(workload(engine, window.from, window.to))) {
      if (ms(b.waitSec) > 0) expected.push(`${key} wait ${ms(b.waitSec)}`);
      if (ms(b.handleSec) > 0) expected.push(`${key} handle ${ms(b.handleSec)}`);
      for (const [agent, per] of Object.entries(b.activitySec)) for (const [activity, sec] of Object.entries(per)) if (ms(sec) > 0) expected.push(`${key} activity ${ms(sec)} ${agent} ${activity}`);
    }
    const got = rows.map((r) => [r.interval_15m, r.measure, r.duration_ms, ...(r.measure === 'activity' ? [r.worker_sid, r.activity] : [])].join(' '));
    expect(expected.length).toBeGreaterThan(400);
    expect(got.sort()).toEqual(expected.sort());
  });
});

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
