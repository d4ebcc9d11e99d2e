/**
 * Live updates are batched: events queue up and fold once per frame, subscribers see one
 * update per batch, and a batch that changed nothing (duplicates only) notifies nobody.
 */
import { DEFAULT_CONFIG, accessOf, applyEvent, oneDay, type TrEvent } from '../../src/core';
import { applyQueued, createInsightsStore, ingest, pendingOf, selectToday, selectWaitingNow, setStatus, tick } from '../../src/store';
import { totalsToday } from './probes';
import { selectAgentsModel } from '../../src/views/agents/agentsTab.selectors';
import { ALL_PLATFORMS, selectOverview } from '../../src/views/overview/overviewTab.selectors';
import { aContactArrives, anEngagement } from '../fixtures/builders';
import { Handled } from '../fixtures/scenarios';
import { dayEvents, storeFor } from './fixtures';

const supervisor = { roles: ['supervisor'], workerSid: 'WKsup' };

describe('batching', () => {
  it('1,000 events queued in one frame cause one store update', () => {
    const store = storeFor(supervisor);
    const listener = jest.fn();
    store.subscribe(listener);
    const first = dayEvents.slice(0, 1000);
    for (let i = 0; i < first.length; i += 10) ingest(store, first.slice(i, i + 10));
    expect(store.frames.pending).toBe(1); // one frame asked for, however many ingest calls
    expect(listener).not.toHaveBeenCalled();
    expect(pendingOf(store).queued).toBe(1000);
    store.frames.run();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().version).toBe(1);
    expect(store.getState().live.engine.stats.used).toBe(1000);
    expect(pendingOf(store).queued).toBe(0);
  });

  it('each frame is one batch: a later ingest asks for a new frame', () => {
    const store = storeFor(supervisor);
    const listener = jest.fn();
    store.subscribe(listener);
    ingest(store, dayEvents.slice(0, 500));
    store.frames.run();
    ingest(store, dayEvents.slice(500, 900));
    expect(store.frames.pending).toBe(1);
    store.frames.run();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.getState().version).toBe(2);
  });

  it('a batch of duplicates only notifies nobody and keeps the same state object', () => {
    const store = storeFor(supervisor);
    ingest(store, Handled);
    store.frames.run();
    const before = store.getState();
    // the core's own contract: a duplicate gives back the same state object
    expect(applyEvent(before.live, Handled[0])).toBe(before.live);
    const listener = jest.fn();
    store.subscribe(listener);
    ingest(store, Handled);
    ingest(store, [...Handled].reverse());
    store.frames.run();
    expect(listener).not.toHaveBeenCalled();
    expect(store.getState()).toBe(before);
    // twice the scenario, plus the one applyEvent above
    expect(store.getState().live.engine.stats.duplicates).toBe(2 * Handled.length + 1);
  });

  it('a batch mixing duplicates and one new event is one update', () => {
    const store = storeFor(supervisor);
    ingest(store, Handled.slice(0, 4));
    store.frames.run();
    const listener = jest.fn();
    store.subscribe(listener);
    ingest(store, Handled); // 4 duplicates, the rest new
    store.frames.run();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('applyQueued folds the queue at once (end of a backfill); the frame then has nothing to do', () => {
    const store = storeFor(supervisor);
    const listener = jest.fn();
    store.subscribe(listener);
    ingest(store, Handled);
    applyQueued(store);
    store.frames.run();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('the views\' selectors give the same object for the same state, and a new one after a batch', () => {
    const store = storeFor(supervisor);
    ingest(store, dayEvents.slice(0, 2000));
    store.frames.run();
    const s = store.getState();
    const day = oneDay(selectToday(s));
    expect(selectOverview(s, day, ALL_PLATFORMS)).toBe(selectOverview(s, day, ALL_PLATFORMS));
    expect(selectAgentsModel(s, day)).toBe(selectAgentsModel(s, day));
    expect(selectWaitingNow(s)).toBe(selectWaitingNow(s));
    ingest(store, dayEvents.slice(2000, 2100));
    store.frames.run();
    expect(selectOverview(store.getState(), day, ALL_PLATFORMS)).not.toBe(selectOverview(s, day, ALL_PLATFORMS));
    expect(selectAgentsModel(store.getState(), day)).not.toBe(selectAgentsModel(s, day));
  });
});

describe('the default schedule', () => {
  afterEach(() => {
    jest.useRealTimers();
    delete (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame;
  });

  it('uses setTimeout(…, 16) where there is no requestAnimationFrame', () => {
    jest.useFakeTimers();
    const store = createInsightsStore({ access: accessOf(supervisor), config: DEFAULT_CONFIG });
    ingest(store, Handled);
    jest.advanceTimersByTime(15);
    expect(store.getState().version).toBe(0);
    jest.advanceTimersByTime(1);
    expect(store.getState().version).toBe(1);
  });

  it('uses requestAnimationFrame where there is one', () => {
    const frames: FrameRequestCallback[] = [];
    (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame = (cb: FrameRequestCallback) => frames.push(cb);
    const store = createInsightsStore({ access: accessOf(supervisor), config: DEFAULT_CONFIG });
    ingest(store, Handled);
    ingest(store, Handled);
    expect(frames).toHaveLength(1);
    frames[0](0);
    expect(store.getState().version).toBe(1);
  });
});

describe('clock and status', () => {
  it('now comes from the injected clock: at creation, at each batch, and on tick', () => {
    let clock = 1_000;
    const frames: (() => void)[] = [];
    const store = createInsightsStore({
      access: accessOf(supervisor),
      config: DEFAULT_CONFIG,
      now: () => clock,
      schedule: (cb) => void frames.push(cb),
    });
    expect(store.getState().now).toBe(1_000);
    clock = 2_000;
    ingest(store, Handled);
    frames.shift()?.();
    expect(store.getState().now).toBe(2_000);
    const listener = jest.fn();
    store.subscribe(listener);
    tick(store); // the clock did not move: nothing to tell
    expect(listener).not.toHaveBeenCalled();
    clock = 3_000;
    tick(store);
    expect(store.getState().now).toBe(3_000);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a tick past midnight starts a new today without any event', () => {
    let clock = Handled[Handled.length - 1].ts;
    const frames: (() => void)[] = [];
    const store = createInsightsStore({ access: accessOf(supervisor), config: DEFAULT_CONFIG, now: () => clock, schedule: (cb) => void frames.push(cb) });
    ingest(store, Handled);
    frames.shift()?.();
    expect(totalsToday(store.getState()).handled).toBe(1);
    clock = Date.parse('2026-11-21T00:00:00.000Z');
    tick(store);
    expect(totalsToday(store.getState()).handled).toBe(0);
  });

  it('starts loading; the source sets ready or error', () => {
    const store = storeFor(supervisor);
    expect(store.getState().status).toBe('loading');
    setStatus(store, 'ready');
    expect(store.getState()).toMatchObject({ status: 'ready', error: undefined });
    setStatus(store, 'error', 'backfill failed: 403');
    expect(store.getState()).toMatchObject({ status: 'error', error: 'backfill failed: 403' });
  });

  it('an unusable config gives a store in error that ingests nothing, not an exception', () => {
    const schedule = jest.fn();
    const store = createInsightsStore({
      access: accessOf(supervisor),
      config: { ...DEFAULT_CONFIG, timeZone: 'Mars/Olympus_Mons' },
      schedule,
    });
    expect(store.getState().status).toBe('error');
    expect(store.getState().error).toContain('timeZone');
    ingest(store, Handled);
    expect(schedule).not.toHaveBeenCalled();
  });

  it('a failing fold puts the store in error instead of throwing inside the frame', () => {
    const store = storeFor(supervisor);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const poisoned = { ...aContactArrives({ task: 'WT9' }, 0)[0], get type(): never { throw new Error('boom'); } } as unknown as TrEvent;
    ingest(store, [poisoned, ...anEngagement({ task: 'WT9', reservation: 'WR9', worker: 'WK9' }, { accepted: 5 })]);
    expect(() => store.frames.run()).not.toThrow();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'boom' });
    expect(spy.mock.calls[0][0]).toContain('[supervisor-insights]');
    spy.mockRestore();
  });
});
