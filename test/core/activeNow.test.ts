/**
 * `activeNow()`: the engagements in progress (accepted, not completed, task not ended),
 * wrap-up included, kept up to date as events arrive in any order.
 */
import { aContactArrives, aReservation, aTaskEvent, anEngagement, engineFor, at } from '../fixtures/builders';

const A = { task: 'WTa', queue: 'CISS Safety', reservation: 'WRa', worker: 'WKa' };
const B = { task: 'WTb', queue: 'DIGI Support', channel: 'chat', reservation: 'WRb', worker: 'WKb' };

describe('Engine.activeNow', () => {
  it('lists an accepted engagement until it completes, wrap-up included', () => {
    const arrive = [...aContactArrives(A, 0), ...aContactArrives(B, 5)];
    const accepted = [...anEngagement(A, { created: 10, accepted: 20 }), ...anEngagement(B, { created: 12, accepted: 30 })];
    const engine = engineFor([...arrive, ...accepted]);
    const active = engine.activeNow().sort((x, y) => x.accepted - y.accepted);
    expect(active.map((e) => [e.taskSid, e.queue, e.workerSid, e.accepted])).toEqual([
      ['WTa', 'CISS Safety', 'WKa', at(20)],
      ['WTb', 'DIGI Support', 'WKb', at(30)],
    ]);
    // wrap-up is still handling time: the engagement stays active
    engine.apply(aReservation('reservation.wrapup', A, 60));
    expect(engine.activeNow().find((e) => e.taskSid === 'WTa')?.wrapup).toBe(at(60));
    engine.apply(aReservation('reservation.completed', A, 90));
    expect(engine.activeNow().map((e) => e.taskSid)).toEqual(['WTb']);
    // a task that ended while its reservation never said completed is not work in progress
    engine.apply(aTaskEvent('task.completed', B, 120));
    expect(engine.activeNow()).toEqual([]);
  });

  it('a pending or rejected invitation is not active; an accept arriving before the create counts', () => {
    const engine = engineFor([...aContactArrives(A, 0), aReservation('reservation.created', A, 5)]);
    expect(engine.activeNow()).toEqual([]);
    engine.apply(aReservation('reservation.rejected', A, 8));
    expect(engine.activeNow()).toEqual([]);
    const late = engineFor([aReservation('reservation.accepted', B, 30), ...aContactArrives(B, 5), aReservation('reservation.created', B, 10)]);
    expect(late.activeNow().map((e) => e.reservationSid)).toEqual(['WRb']);
  });
});
