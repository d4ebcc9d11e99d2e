import { DEFAULT_CONFIG, applyEvent, buildReport as buildReportOf, createEngineState, workload, type TrEvent } from '../../src/core';
import { BASE, aContactArrives, aTaskEvent, engineFor, reportOf } from '../fixtures/builders';
import {
  Abandon,
  BreakOf40Minutes,
  ColdTransfer,
  Handled,
  MidStream,
  MultiOfferRescinded,
  QueueMove,
  RejectThenAccept,
  RonaThenAccept,
  ShortAbandon,
  WorkflowTimeout,
} from '../fixtures/scenarios';

describe('one scenario per outcome', () => {
  it('Handled: wait, talk, wrap-up and handle time of one call', () => {
    const r = reportOf(Handled);
    // waited 0 → 20 s, talked 20 → 320 s, wrapped up 320 → 380 s
    expect(r.totals).toEqual({
      conversations: 1, offered: 1, handled: 1, abandoned: 0, abandonRate: 0,
      invitations: 1, rona: 0, ronaRate: 0, rejected: 0, rejectRate: 0, revoked: 0,
      transfers: 0, transferRate: 0, avgWaitSec: 20, serviceLevel: 1,
      avgTalkSec: 300, avgWrapSec: 60, avgHandleSec: 360,
    });
    expect(Object.keys(r.bySupportType)).toEqual(['safety']);
    expect(Object.keys(r.byPlatform)).toEqual(['CISS Central']);
    expect(r.byAgent.WKann).toMatchObject({ name: 'Ann', team: 'Team Blue', conversations: 1, handled: 1 });
    expect(r.byAgent.WKann).not.toHaveProperty('offered');
    expect(r.byAgent.WKann).not.toHaveProperty('serviceLevel');
  });

  it('RONA: the timed-out offer counts for Ann, the engagement for Bob', () => {
    const r = reportOf(RonaThenAccept);
    // 2 invitations, 1 timeout -> RONA 0.5
    expect(r.totals).toMatchObject({ invitations: 2, rona: 1, ronaRate: 0.5, handled: 1, avgWaitSec: 50 });
    expect(r.byAgent.WKann).toMatchObject({ invitations: 1, rona: 1, ronaRate: 1, handled: 0, conversations: 0 });
    expect(r.byAgent.WKbob).toMatchObject({ invitations: 1, rona: 0, ronaRate: 0, handled: 1, conversations: 1 });
    expect(r.byTeam['Team Blue']).toMatchObject({ rona: 1, handled: 0 });
    expect(r.byTeam['Team Green']).toMatchObject({ rona: 0, handled: 1 });
  });

  it('reject: counted as rejected, and no wrap-up step leaves avgWrapSec null', () => {
    const r = reportOf(RejectThenAccept);
    // 2 invitations, 1 rejected -> 0.5; talk = accepted 30 → completed 130
    expect(r.totals).toMatchObject({ invitations: 2, rejected: 1, rejectRate: 0.5, rona: 0 });
    expect(r.totals).toMatchObject({ avgTalkSec: 100, avgWrapSec: null, avgHandleSec: 100 });
    expect(r.byAgent.WKann).toMatchObject({ rejected: 1, rejectRate: 1 });
  });

  it('rescinded multi-offer: revoked, not missed', () => {
    const r = reportOf(MultiOfferRescinded);
    expect(r.totals).toMatchObject({ invitations: 2, revoked: 1, rona: 0, rejected: 0, handled: 1, avgWaitSec: 9 });
    expect(r.byAgent.WKbob).toMatchObject({ invitations: 1, revoked: 1, handled: 0 });
  });

  it('abandon: the caller left after 40 s, inside the SLA denominator', () => {
    const r = reportOf(Abandon);
    // 1 eligible (left after 40 s > 5 s), 0 met -> SL 0
    expect(r.totals).toMatchObject({
      conversations: 1, offered: 1, handled: 0, abandoned: 1, abandonRate: 1, serviceLevel: 0,
      avgWaitSec: null, ronaRate: null, transferRate: null, avgHandleSec: null,
    });
    expect(r.byAgent).toEqual({});
    expect(r.byTeam).toEqual({});
  });

  it('short abandon: abandoned, but out of the service level', () => {
    const r = reportOf(ShortAbandon);
    expect(r.totals).toMatchObject({ abandoned: 1, abandonRate: 1, serviceLevel: null });
  });

  it('workflow timeout: the queue segment ends Timeout, which is not an abandon', () => {
    const r = reportOf(WorkflowTimeout);
    expect(r.totals).toMatchObject({ offered: 1, abandoned: 0, abandonRate: 0, serviceLevel: null });
    const [task] = engineFor(WorkflowTimeout).conversationRecords()[0].tasks;
    expect(task.derived?.queueSegments.map((s) => s.outcome)).toEqual(['Timeout']);
  });

  it('queue move: two queue segments, Moved then Accepted, one conversation', () => {
    const r = reportOf(QueueMove);
    expect(r.totals).toMatchObject({ conversations: 1, offered: 2, handled: 1, avgWaitSec: 10, serviceLevel: 1, transfers: 0 });
    expect(r.bySupportType.check_in).toMatchObject({ conversations: 1, offered: 1, handled: 0, avgWaitSec: null });
    expect(r.bySupportType.support).toMatchObject({ conversations: 1, offered: 1, handled: 1, avgWaitSec: 10 });
    const [task] = engineFor(QueueMove).conversationRecords()[0].tasks;
    expect(task.derived?.queueSegments.map((s) => [s.queue, s.outcome])).toEqual([
      ['CISS Check In', 'Moved'],
      ['CISS Support', 'Accepted'],
    ]);
  });

  it('cold transfer: one conversation, counted once in each support type, Ann transferred', () => {
    const r = reportOf(ColdTransfer);
    // waits 6 s and 14 s -> 10; talk 60 and 300 -> 180; wrap 10 and 20 -> 15; handle 70 and 320 -> 195
    expect(r.totals).toMatchObject({
      conversations: 1, offered: 2, handled: 2, transfers: 1, transferRate: 0.5,
      avgWaitSec: 10, avgTalkSec: 180, avgWrapSec: 15, avgHandleSec: 195,
    });
    expect(r.bySupportType.check_in).toMatchObject({ conversations: 1, handled: 1, transfers: 1, transferRate: 1 });
    expect(r.bySupportType.safety).toMatchObject({ conversations: 1, handled: 1, transfers: 0, transferRate: 0 });
    expect(r.byPlatform['DIGI Central']).toMatchObject({ conversations: 1, handled: 2 });
    expect(r.byAgent.WKann).toMatchObject({ transfers: 1, transferRate: 1 });
    expect(r.byAgent.WKbob).toMatchObject({ transfers: 0, transferRate: 0 });
  });

  it('cold transfer seen in reverse (the second task first) still joins one conversation', () => {
    const r = reportOf([...ColdTransfer].reverse());
    expect(r.totals).toMatchObject({ conversations: 1, transfers: 1 });
  });

  it('mid-stream start: an accept without its created counts as handled, not as an invitation', () => {
    const r = reportOf(MidStream);
    expect(r.totals).toMatchObject({
      conversations: 1, offered: 0, handled: 1, invitations: 0, ronaRate: null,
      avgTalkSec: 200, avgWrapSec: 30, avgHandleSec: 230,
    });
  });

  it('a 40-minute break from 10:05 adds 10, 15 and 15 minutes to three quarter hours', () => {
    const r = reportOf(BreakOf40Minutes);
    // Available 10:00–10:05 and 10:45–11:00 = 1200 s; Break 2400 s; Offline starts at the window end
    expect(r.byAgent.WKann.activitySec).toEqual({ Available: 1200, Break: 2400 });
    // 1200 / 3600 -> 33.33 %, 2400 / 3600 -> 66.67 %
    expect(r.byAgent.WKann.loggedStatusPct).toEqual({ Available: 33.33, Break: 66.67 });
    const w = workload(engineFor(BreakOf40Minutes), BASE, BASE + 3_600_000);
    expect(w['2026-11-20T10:00'].activitySec.WKann).toEqual({ Available: 300, Break: 600 });
    expect(w['2026-11-20T10:15'].activitySec.WKann).toEqual({ Break: 900 });
    expect(w['2026-11-20T10:30'].activitySec.WKann).toEqual({ Break: 900 });
    expect(w['2026-11-20T10:45'].activitySec.WKann).toEqual({ Available: 900 });
  });

  it('an activity interval crossing the window edge is clipped to it', () => {
    // window 10:10–10:30: Break 10:05–10:45 clipped to 20 min
    const r = reportOf(BreakOf40Minutes, { window: { from: BASE + 600_000, to: BASE + 1_800_000 } });
    expect(r.byAgent.WKann.activitySec).toEqual({ Break: 1200 });
    expect(r.window).toEqual({ from: '2026-11-20T10:10:00.000Z', to: '2026-11-20T10:30:00.000Z', timeZone: 'UTC' });
  });
});

describe('the fold as a store sees it', () => {
  it('a duplicate returns the same state object; a new event a new one', () => {
    const s0 = createEngineState(DEFAULT_CONFIG);
    const s1 = applyEvent(s0, Handled[0]);
    expect(s1).not.toBe(s0);
    expect(applyEvent(s1, Handled[0])).toBe(s1);
    expect(s1.engine.stats).toMatchObject({ read: 2, used: 1, duplicates: 1 });
  });

  it('canonical events from other sources are checked too: rejected with a reason, never thrown', () => {
    const engine = engineFor([]);
    const bad = [
      { ...Handled[0], taskSid: undefined },
      { ...Handled[0], ts: Number.NaN },
      { ...Handled[3], reservationSid: undefined },
      { ...Handled[3], workerSid: '' },
      { ...Handled[0], type: 'task.exploded' },
    ] as unknown as TrEvent[];
    for (const e of bad) expect(engine.apply(e)).toBe(false);
    expect(engine.stats).toMatchObject({ read: 5, rejected: 4, ignored: 1, used: 0 });
    expect(engine.stats.errors.map((e) => e.reason)).toEqual([
      'task.created: no task_sid',
      'task.created: no timestamp',
      'reservation.accepted: no reservation_sid',
      'reservation.accepted: no worker_sid',
    ]);
  });
});

describe('sealing settled tasks', () => {
  // Handled ends at 380 s; the next day's contact moves the stream far past it.
  const nextDay = aContactArrives({ task: 'WT77', queue: 'CISS Support', channel: 'voice' }, 86_400);
  const config = { reorderWindowMs: 300_000 };

  it('an event after the settled task\'s last one continues its fold (media added after the call)', () => {
    const update = aTaskEventAt('task.updated', 90_000, { conversations: { media: [{ type: 'Referenced', url: 'https://tickets.example.org/1' }] } });
    const engine = engineFor([...Handled, ...nextDay, update], { config, sealEvery: 1 });
    expect(engine.stats).toMatchObject({ used: Handled.length + 3, rejected: 0 });
    const conversation = engine.conversationRecords().find((c) => c.tasks.some((t) => t.sid === 'WT01'));
    expect(conversation?.tasks[0].info?.media).toHaveLength(1);
    expect(buildReportOf(engine).totals).toMatchObject({ handled: 1, offered: 2, avgHandleSec: 360 });
  });

  it('an event older than a sealed task\'s last one is rejected as late; its duplicate is a duplicate', () => {
    const late = aTaskEventAt('task.wrapup', 100, {});
    const engine = engineFor([...Handled, ...nextDay, late, Handled[3]], { config, sealEvery: 1 });
    expect(engine.stats).toMatchObject({ rejected: 1, duplicates: 1 });
    expect(engine.stats.errors[0].reason).toMatch(/^task\.wrapup: task WT01 was settled at 2026-11-20T10:06:20\.000Z and this event is older/);
  });
});

function aTaskEventAt(type: TrEvent['type'], sec: number, attributes: Record<string, unknown>): TrEvent {
  return aTaskEvent(type, { task: 'WT01', queue: 'CISS Safety', channel: 'voice', attributes: { call_sid: 'CA01', ...attributes } }, sec);
}

describe('workload by quarter hour', () => {
  it('splits waiting and engaged time over the intervals they cross', () => {
    // Handled: waits 10:00:00–10:00:20, engaged 10:00:20–10:06:20 — all inside 10:00–10:15
    const w = workload(engineFor(Handled), BASE, BASE + 3_600_000);
    expect(w['2026-11-20T10:00']).toMatchObject({ waitSec: 20, handleSec: 360 });
    // a contact still waiting at 10:20 counts 15 min in 10:00 and 5 min in 10:15
    const open = workload(engineFor(Abandon.slice(0, 2)), BASE, BASE + 20 * 60_000);
    expect(open['2026-11-20T10:00'].waitSec).toBe(900);
    expect(open['2026-11-20T10:15'].waitSec).toBe(300);
  });
});

describe('contacts waiting now', () => {
  it('lists open queue segments and drops them when the wait ends', () => {
    const engine = engineFor(Abandon.slice(0, 2));
    expect(engine.waitingNow()).toEqual([
      { taskSid: 'WT01', conversationId: 'CA01', queue: 'CISS Safety', start: BASE, channel: 'voice', customerName: undefined, customerContact: undefined },
    ]);
    engine.apply(Abandon[2]);
    expect(engine.waitingNow()).toEqual([]);
    const moved = engineFor(QueueMove.slice(0, 3));
    expect(moved.waitingNow().map((w) => [w.queue, w.start])).toEqual([['CISS Support', BASE + 30_000]]);
    expect(engineFor(Handled).waitingNow()).toEqual([]);
  });
});
