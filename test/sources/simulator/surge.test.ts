/**
 * The staged surge: its contacts wait in the support type's queue from their arrival and
 * the queue empties when they hang up; the imminent wait alert raises on the clock and
 * clears after the queue emptied.
 */
import { DEFAULT_CONFIG, EventReader, type AlertRule, type TrEvent } from '../../../src/core';
import { AlertWatch, changesOf } from '../../../src/core/alertWatch';
import { LIVE_GROUPINGS } from '../../../src/core/days';
import { Engine } from '../../../src/core/engine';
import { accessOf } from '../../../src/core/roles';
import { surgeEvents, surgeTypeOf, toEventStreams } from '../../../src/sources/simulator';

const AT = Date.parse('2025-11-19T15:00:30Z');

it('reads ?surge= as a support type of the simulator, nothing else', () => {
  expect(surgeTypeOf('imminent')).toBe('imminent');
  expect(surgeTypeOf('everything')).toBeUndefined();
  expect(surgeTypeOf(null)).toBeUndefined();
});

it('five imminent contacts wait, then hang up; the alert raises at 120 s and clears 10 s after the last leaves', () => {
  const reader = new EventReader();
  const events: TrEvent[] = surgeEvents({ supportType: 'imminent', atMs: AT, count: 5, waitMs: 200_000 }).map((ev) => {
    const out = reader.read(toEventStreams(ev));
    if (out.kind !== 'event') throw new Error('surge event not read');
    return out.event;
  });
  expect(events).toHaveLength(15);
  const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
  const rules: AlertRule[] = [{ id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 }];
  const watch = new AlertWatch(rules, accessOf({ roles: ['wfo.team_leader'], team: 'Team Aurora', workerSid: 'WK1' }));
  const arrivals = events.filter((e) => e.ts < AT + 60_000);
  watch.update(engine, changesOf(arrivals.filter((e) => engine.apply(e))), AT + 10_000);
  expect(engine.waitingNow().map((w) => w.queue)).toEqual(Array(5).fill('CISS Imminent'));
  watch.tick(engine, AT + 128_000);
  expect(watch.active()).toHaveLength(5);
  const leaving = events.filter((e) => e.ts >= AT + 60_000);
  watch.update(engine, changesOf(leaving.filter((e) => engine.apply(e))), AT + 210_000);
  expect(engine.waitingNow()).toEqual([]);
  watch.tick(engine, AT + 220_000);
  expect(watch.active()).toEqual([]);
});
