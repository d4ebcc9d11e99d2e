/**
 * A saved change applies at once in an admin's session: the store folds its events again
 * under the new config, and every figure is the engine's report of the same events under
 * that config.
 */
import { DEFAULT_CONFIG, accessOf, metricSet, oneDay, type EngineConfig } from '../../src/core';
import { applyQueued, createInsightsStore, ingest, reconfigure, totalsBetween, totalBetween } from '../../src/store';
import { DAY, END_OF_DAY, dayEvents, manualFrames, reportOf } from './fixtures';

const ADMIN = { roles: ['admin'], workerSid: 'WKadmin' };

function adminStore(keepEvents: boolean, config: EngineConfig = DEFAULT_CONFIG) {
  const frames = manualFrames();
  const store = createInsightsStore({ access: accessOf(ADMIN), config, now: () => END_OF_DAY, schedule: frames.schedule, keepEvents });
  // Two batches, with every event of the first delivered again in the second (counted once).
  const half = Math.floor(dayEvents.length / 2);
  ingest(store, dayEvents.slice(0, half));
  applyQueued(store);
  ingest(store, dayEvents);
  applyQueued(store);
  return store;
}

// Every queue whose name holds "support" becomes `helpdesk`, safety queues join `imminent`,
// the platform of chats changes and the service level target halves.
const REMAPPED: EngineConfig = {
  ...DEFAULT_CONFIG,
  supportTypes: { helpdesk: ['support'], imminent: ['imminent', 'safety'], check_in: ['check_in'] },
  platforms: { default: 'DIGI Central', byChannel: { voice: 'CISS Central', chat: 'Web' } },
  serviceLevelSec: 30,
};

describe('reconfigure', () => {
  it('re-slices every figure as the engine reports the same events under the new config', () => {
    const store = adminStore(true);
    const before = store.getState();
    expect(Object.keys(reportOf(dayEvents).bySupportType)).toContain('safety');
    const result = reconfigure(store, REMAPPED);
    expect(result).toEqual({ resliced: true, problems: [] });
    const state = store.getState();
    expect(state.version).toBe(before.version + 1);
    expect(state.config).toBe(REMAPPED);
    expect(state.live.engine.config).toBe(REMAPPED);

    const expected = reportOf(dayEvents, REMAPPED);
    expect(metricSet(totalBetween(state, oneDay(DAY)))).toEqual(expected.totals);
    for (const [slice, key] of [
      ['supportType', 'bySupportType'],
      ['platform', 'byPlatform'],
      ['queue', 'byQueue'],
    ] as const) {
      const got = Object.fromEntries([...totalsBetween(state, slice, oneDay(DAY))].map(([k, acc]) => [k, metricSet(acc)]));
      expect(got).toEqual(expected[key]);
    }
    expect(Object.keys(expected.bySupportType).sort()).toEqual(expect.arrayContaining(['helpdesk', 'imminent']));
    expect(expected.bySupportType.safety).toBeUndefined();
    expect(expected.byPlatform.Web).toBeDefined();
  });

  it('keeps ingesting after the change, under the new config', () => {
    const store = adminStore(true);
    reconfigure(store, REMAPPED);
    // The whole day again: all duplicates now, nothing moves.
    const version = store.getState().version;
    ingest(store, dayEvents);
    applyQueued(store);
    expect(store.getState().version).toBe(version);
    expect(metricSet(totalBetween(store.getState(), oneDay(DAY)))).toEqual(reportOf(dayEvents, REMAPPED).totals);
  });

  it('refuses an unusable config and changes nothing', () => {
    const store = adminStore(true);
    const before = store.getState();
    const result = reconfigure(store, { ...REMAPPED, timeZone: 'Mars/Olympus' });
    expect(result.resliced).toBe(false);
    expect(result.problems).toEqual([expect.stringMatching(/timeZone/)]);
    expect(store.getState()).toBe(before);
  });

  it('without kept events puts the config in force but keeps the slices until the next start', () => {
    const store = adminStore(false);
    const engine = store.getState().live.engine;
    expect(reconfigure(store, REMAPPED)).toEqual({ resliced: false, problems: [] });
    expect(store.getState().config).toBe(REMAPPED);
    expect(store.getState().live.engine).toBe(engine);
  });
});
