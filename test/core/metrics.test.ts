import {
  abandonRate,
  avgHandleSec,
  avgTalkSec,
  avgWaitSec,
  avgWrapSec,
  emptyAccumulator,
  loggedStatusPct,
  mergeAccumulator,
  rejectRate,
  ronaRate,
  serviceLevel,
  transferRate,
  type Accumulator,
} from '../../src/core';
import { aContactArrives, aReservation, aTaskEvent, anEngagement, reportOf } from '../fixtures/builders';

const acc = (fields: Partial<Accumulator>): Accumulator => ({ ...emptyAccumulator(), ...fields });

describe('rates are fractions rounded to 4 places, null on a zero denominator', () => {
  it.each([
    // 3 invitations, 1 timeout -> RONA 0.3333
    ['ronaRate', ronaRate, acc({ invitations: 3, rona: 1 }), 0.3333],
    ['ronaRate with no invitations', ronaRate, acc({ rona: 0 }), null],
    // 8 invitations, 1 rejected -> 0.125
    ['rejectRate', rejectRate, acc({ invitations: 8, rejected: 1 }), 0.125],
    // 3 handled, 2 transferred -> 0.6667
    ['transferRate', transferRate, acc({ handled: 3, transfers: 2 }), 0.6667],
    ['transferRate with nothing handled', transferRate, acc({}), null],
    // 7 conversations, 1 abandoned -> 0.1429
    ['abandonRate', abandonRate, acc({ conversations: 7, abandoned: 1 }), 0.1429],
    // 9 met of 11 eligible -> 0.8182
    ['serviceLevel', serviceLevel, acc({ slMet: 9, slEligible: 11 }), 0.8182],
    ['serviceLevel with nothing eligible', serviceLevel, acc({}), null],
  ])('%s', (_name, metric, a, expected) => {
    expect(metric(a)).toBe(expected);
  });
});

describe('averages are seconds rounded to 1 place over ended segments', () => {
  it.each([
    // (20 000 + 40 050) ms / 2 = 30.025 s -> 30
    ['avgWaitSec', avgWaitSec, acc({ waitSum: 60_050, waitN: 2 }), 30],
    // 100 050 ms / 1 -> 100.1 (rounded half up)
    ['avgTalkSec', avgTalkSec, acc({ talkSum: 100_050, talkN: 1 }), 100.1],
    ['avgWrapSec with no wrap-up', avgWrapSec, acc({ wrapSum: 0, wrapN: 0 }), null],
    // (360 000 + 120 000) / 3 ms = 160 s
    ['avgHandleSec', avgHandleSec, acc({ handleSum: 480_000, handleN: 3 }), 160],
  ])('%s', (_name, metric, a, expected) => {
    expect(metric(a)).toBe(expected);
  });
});

describe('accumulators merge by addition', () => {
  it('an agent rolled up into a team gives the rate of the sums, not the mean of rates', () => {
    const team = mergeAccumulator(acc({ invitations: 1, rona: 1 }), acc({ invitations: 3, rona: 0 }));
    // (1 + 0) / (1 + 3) -> 0.25, where the mean of rates would be 0.5
    expect(ronaRate(team)).toBe(0.25);
  });
});

describe('loggedStatusPct', () => {
  it.each([
    // 1800 + 900 + 900 logged-in seconds; Offline is not logged in
    [{ Available: 1800, Break: 900, Busy: 900, Offline: 5000 }, { Available: 50, Break: 25, Busy: 25 }],
    // 1 / 3 -> 33.33, 2 / 3 -> 66.67
    [{ Available: 100, Lunch: 200 }, { Available: 33.33, Lunch: 66.67 }],
    [{ Offline: 600 }, {}],
  ])('%j -> %j', (activity, expected) => {
    expect(loggedStatusPct(activity)).toEqual(expected);
  });
});

describe('metric definitions on events', () => {
  const q = (task: string, queue = 'CISS Support') => ({ task, queue, channel: 'voice' });
  const r = (task: string, reservation: string, worker: string) => ({ ...q(task), reservation, worker });

  it('serviceLevel: accepted within 60 s over accepted plus long abandons', () => {
    const events = [
      // accepted after 30 s: met
      ...aContactArrives(q('WT1'), 0), ...anEngagement(r('WT1', 'WR1', 'WK1'), { created: 1, accepted: 30, completed: 90 }),
      // accepted after 60 s exactly: met (within means ≤)
      ...aContactArrives(q('WT2'), 0), ...anEngagement(r('WT2', 'WR2', 'WK2'), { created: 1, accepted: 60, completed: 90 }),
      // accepted after 61 s: not met
      ...aContactArrives(q('WT3'), 0), ...anEngagement(r('WT3', 'WR3', 'WK3'), { created: 1, accepted: 61, completed: 90 }),
      // left after 90 s: eligible, not met
      ...aContactArrives(q('WT4'), 0), aTaskEvent('task.canceled', q('WT4'), 90, { reason: 'hangup' }),
      // left after 5 s: a short abandon, not eligible
      ...aContactArrives(q('WT5'), 0), aTaskEvent('task.canceled', q('WT5'), 5, { reason: 'hangup' }),
    ];
    // 2 met of 4 eligible -> 0.5; abandoned 2 of 5 conversations -> 0.4
    expect(reportOf(events).totals).toMatchObject({ serviceLevel: 0.5, abandoned: 2, abandonRate: 0.4, offered: 5 });
    expect(reportOf(events, { config: { serviceLevelSec: 30 } }).totals.serviceLevel).toBe(0.25);
  });

  it('conversations count once in the totals and once per support type they touched', () => {
    const first = { task: 'WTa', queue: 'CISS Check In', channel: 'voice', attributes: { call_sid: 'CA1' } };
    const again = { task: 'WTb', queue: 'CISS Check In', channel: 'voice', attributes: { call_sid: 'CA1' } };
    const other = { task: 'WTc', queue: 'CISS Imminent', channel: 'voice', attributes: { call_sid: 'CA1' } };
    const events = [...aContactArrives(first, 0), ...aContactArrives(again, 100), ...aContactArrives(other, 200)];
    const report = reportOf(events);
    expect(report.totals.conversations).toBe(1);
    expect(report.totals.offered).toBe(3);
    expect(report.bySupportType.check_in.conversations).toBe(1);
    expect(report.bySupportType.imminent.conversations).toBe(1);
  });

  it('invitation outcomes: timeout is RONA, canceled is missed but not RONA', () => {
    const events = [
      ...aContactArrives(q('WT1'), 0),
      aReservation('reservation.created', r('WT1', 'WR1', 'WK1'), 1),
      aReservation('reservation.canceled', r('WT1', 'WR1', 'WK1'), 10),
      aReservation('reservation.created', r('WT1', 'WR2', 'WK1'), 11),
      aReservation('reservation.timeout', r('WT1', 'WR2', 'WK1'), 41),
    ];
    // 2 invitations, 1 RONA -> 0.5
    expect(reportOf(events).byAgent.WK1).toMatchObject({ invitations: 2, rona: 1, ronaRate: 0.5, rejected: 0, revoked: 0 });
  });
});
