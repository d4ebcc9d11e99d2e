/**
 * The Queues tab's numbers against the engine's report over the same events: today's
 * figures per queue are the report's `byQueue` over the day up to now; waiting and
 * active are recounted here from the raw events; statuses follow the thresholds at
 * their boundaries.
 */
import { DEFAULT_CONFIG, DEFAULT_THRESHOLDS, accessOf, resolvePluginConfig, thresholdsOf, type TrEvent } from '../../../src/core';
import { applyQueued, createInsightsStore, ingest, type InsightsState } from '../../../src/store';
import { selectQueuesView, statusOf, worstOf, type TileStatus } from '../../../src/views/queues';
import { reportOf } from '../../fixtures/builders';
import { dayEvents } from '../../store/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pluginConfig = require('../../../flex-plugin.config.js') as { thresholds: unknown };

// The simulated day (2026-11-16, UTC), read up to a busy moment of the evening (contacts waiting).
const NOW = Date.parse('2026-11-16T19:04:30.000Z');
const DAY_START = Date.parse('2026-11-16T00:00:00.000Z');
const events = dayEvents.filter((e) => e.ts <= NOW);
const report = reportOf(events, { window: { from: DAY_START, to: NOW } });

function stateOf(roles: string[], evs: readonly TrEvent[], config: object = DEFAULT_CONFIG, team?: string): InsightsState {
  const store = createInsightsStore({
    access: accessOf({ roles, workerSid: 'WKsupervisor', team }),
    config: config as typeof DEFAULT_CONFIG,
    now: () => NOW,
    schedule: () => undefined,
  });
  ingest(store, evs);
  applyQueued(store);
  return store.getState();
}

/** Waiting and active per queue, recounted from the raw events with the simplest reading of them. */
function recount(evs: readonly TrEvent[]) {
  const byTime = [...evs].sort((a, b) => a.ts - b.ts);
  const waitingSince = new Map<string, { queue: string; since: number }>();
  const ended = new Set<string>();
  const accepted = new Map<string, { task: string; queue: string }>();
  for (const e of byTime) {
    const task = e.taskSid as string;
    if (e.type === 'task-queue.entered' && e.queueName && !ended.has(task)) {
      if (waitingSince.get(task)?.queue !== e.queueName) waitingSince.set(task, { queue: e.queueName, since: e.ts });
    } else if (e.type === 'task.created' && e.queueName && !waitingSince.has(task)) {
      waitingSince.set(task, { queue: e.queueName, since: e.ts });
    } else if (e.type === 'task-queue.moved' || e.type === 'reservation.accepted') {
      const w = waitingSince.get(task);
      waitingSince.delete(task);
      if (e.type === 'reservation.accepted') accepted.set(e.reservationSid as string, { task, queue: w?.queue ?? (e.queueName as string) });
    } else if (['task.completed', 'task.canceled', 'task.deleted', 'task.system-deleted'].includes(e.type)) {
      ended.add(task);
      waitingSince.delete(task);
    } else if (e.type === 'reservation.completed') {
      accepted.delete(e.reservationSid as string);
    }
  }
  const waiting = new Map<string, { n: number; longest: number }>();
  for (const { queue, since } of waitingSince.values()) {
    const w = waiting.get(queue) ?? { n: 0, longest: 0 };
    waiting.set(queue, { n: w.n + 1, longest: Math.max(w.longest, Math.floor((NOW - since) / 1000)) });
  }
  const active = new Map<string, number>();
  for (const { task, queue } of accepted.values()) if (!ended.has(task)) active.set(queue, (active.get(queue) ?? 0) + 1);
  return { waiting, active };
}

describe('Queues tab selectors', () => {
  const view = selectQueuesView(stateOf(['supervisor'], events));
  const tiles = view.groups.flatMap((g) => g.tiles);

  it("today's figures per queue are the report's byQueue for the day so far", () => {
    expect(tiles.map((t) => t.queue).sort()).toEqual(Object.keys(report.byQueue).sort());
    for (const t of tiles) expect([t.queue, t.today]).toEqual([t.queue, report.byQueue[t.queue]]);
  });

  it('waiting now, longest wait and active per queue match a recount of the raw events', () => {
    const { waiting, active } = recount(events);
    expect(view.waiting).toBeGreaterThan(0);
    expect(view.active).toBeGreaterThan(0);
    for (const t of tiles) {
      expect([t.queue, t.waiting, t.longestWaitSec]).toEqual([t.queue, waiting.get(t.queue)?.n ?? 0, waiting.get(t.queue)?.longest ?? 0]);
      expect([t.queue, t.active]).toEqual([t.queue, active.get(t.queue) ?? 0]);
    }
    expect(view.active).toBe([...active.values()].reduce((a, b) => a + b, 0));
  });

  it('groups go most urgent first (imminent, safety, then config order), as on the Now tab, each queue under its type', () => {
    const order = ['imminent', 'safety', ...Object.keys(DEFAULT_CONFIG.supportTypes).filter((t) => t !== 'imminent' && t !== 'safety')];
    const ranks = view.groups.map((g) => (order.includes(g.supportType) ? order.indexOf(g.supportType) : order.length));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(view.groups.slice(0, 2).map((g) => g.supportType)).toEqual(['imminent', 'safety']);
    for (const g of view.groups) for (const t of g.tiles) expect(t.supportType).toBe(g.supportType);
    for (const g of view.groups) expect(g.status).toBe(worstOf(g.tiles.map((t) => t.status)));
  });

  it('longest waits grow with the clock and the view is the same object for the same state', () => {
    const state = stateOf(['supervisor'], events);
    const a = selectQueuesView(state);
    expect(selectQueuesView(state)).toBe(a);
    const later = selectQueuesView({ ...state, now: NOW + 60_000 });
    // every contact still waiting has waited 60 s more
    expect(later.longestWaitSec).toBe(a.longestWaitSec + 60);
  });

  it('no queue known: no groups (the empty state)', () => {
    expect(selectQueuesView(stateOf(['supervisor'], [])).groups).toEqual([]);
  });

  it("a team leader sees the centre's queues whole", () => {
    const teamView = selectQueuesView(stateOf(['wfo.team_leader'], events, DEFAULT_CONFIG, 'Team Blue'));
    expect(teamView.groups.flatMap((g) => g.tiles).map((t) => [t.queue, t.waiting, t.active, t.today])).toEqual(
      tiles.map((t) => [t.queue, t.waiting, t.active, t.today]),
    );
  });
});

describe('thresholds', () => {
  it("the defaults are flex-plugin.config.js's", () => {
    expect(pluginConfig.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  it('stored thresholds override the bundled ones in the resolved config; malformed ones fall back', () => {
    const config = resolvePluginConfig({ supervisorInsights: { thresholds: { waitingNow: { amber: 1, red: 2 }, serviceLevel: 'x' } } }, pluginConfig);
    const t = thresholdsOf(config);
    expect(t.waitingNow).toEqual({ amber: 1, red: 2 });
    expect(t.serviceLevel).toEqual(DEFAULT_THRESHOLDS.serviceLevel);
    expect(t.longestWaitSec).toEqual(DEFAULT_THRESHOLDS.longestWaitSec);
  });

  it('the tiles read the thresholds of the resolved config', () => {
    const config = resolvePluginConfig({ supervisorInsights: { thresholds: { waitingNow: { amber: 1, red: 2 } } } }, pluginConfig);
    const store = createInsightsStore({ access: accessOf({ roles: ['supervisor'] }), config, now: () => Date.parse('2026-11-20T12:00:00Z'), schedule: () => undefined });
    expect(selectQueuesView(store.getState()).thresholds.waitingNow).toEqual({ amber: 1, red: 2 });
  });

  it("a support type's own thresholds colour its queues only", () => {
    const general = selectQueuesView(stateOf(['supervisor'], events, resolvePluginConfig({}, pluginConfig)));
    const waitingTiles = general.groups.flatMap((g) => g.tiles).filter((t) => t.longestWaitSec > 0);
    expect(waitingTiles.length).toBeGreaterThan(1);
    const [target, ...others] = waitingTiles;
    // Red from one second of waiting, for the target's support type alone.
    const own = { [target.supportType]: { longestWaitSec: { amber: 1, red: Math.max(1, target.longestWaitSec) } } };
    const config = resolvePluginConfig({ supervisorInsights: { thresholds: { bySupportType: own } } }, pluginConfig);
    const tiles = selectQueuesView(stateOf(['supervisor'], events, config)).groups.flatMap((g) => g.tiles);
    for (const tile of tiles) {
      const before = [target, ...others].find((t) => t.queue === tile.queue);
      if (tile.supportType === target.supportType && tile.longestWaitSec >= Math.max(1, target.longestWaitSec)) expect(tile.statuses.longestWait).toBe('red');
      else if (tile.supportType !== target.supportType && before) expect(tile.statuses.longestWait).toBe(before.statuses.longestWait);
    }
    expect(tiles.find((t) => t.queue === target.queue)?.status).toBe('red');
  });

  const { waitingNow, longestWaitSec, serviceLevel } = DEFAULT_THRESHOLDS;
  it.each<[string, number | null, boolean, TileStatus | undefined]>([
    // higher is worse: amber from `amber` on, red from `red` on
    ['waiting below amber', waitingNow.amber - 1, false, 'green'],
    ['waiting at amber', waitingNow.amber, false, 'amber'],
    ['waiting just below red', waitingNow.red - 1, false, 'amber'],
    ['waiting at red', waitingNow.red, false, 'red'],
    ['wait 1 s under amber', longestWaitSec.amber - 1, false, 'green'],
    ['wait at amber', longestWaitSec.amber, false, 'amber'],
    ['wait at red', longestWaitSec.red, false, 'red'],
    // lower is worse: meeting the target is green, under it amber, under red red
    ['SLA at amber (the target)', serviceLevel.amber, true, 'green'],
    ['SLA just under amber', serviceLevel.amber - 0.0001, true, 'amber'],
    ['SLA at red', serviceLevel.red, true, 'amber'],
    ['SLA just under red', serviceLevel.red - 0.0001, true, 'red'],
    ['SLA of nothing', null, true, undefined],
  ])('%s', (_name, value, lowerIsWorse, expected) => {
    const t = lowerIsWorse ? serviceLevel : value !== null && value >= 10 ? longestWaitSec : waitingNow;
    expect(statusOf(value, t, lowerIsWorse)).toBe(expected);
  });

  it('a tile is its worst figure', () => {
    expect(worstOf(['green', undefined, 'amber'])).toBe('amber');
    expect(worstOf(['amber', 'red', 'green'])).toBe('red');
    expect(worstOf([undefined])).toBe('green');
  });
});
