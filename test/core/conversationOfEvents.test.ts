/**
 * A conversation looked up in history (its own tasks' events only) reads exactly as it did
 * in the live engine that folded the whole day: same segments, outcome, media and rows.
 */
import { DEFAULT_CONFIG, Engine, EventReader, accessOf, conversationDetailsOf, conversationOfEvents, type TrEvent } from '../../src/core';
import { simulate, toEventStreams } from '../../src/sources/simulator';

const reader = new EventReader();
const events: TrEvent[] = [...simulate({ agents: 30, days: 1, seed: 11 })].map((ev) => {
  const out = reader.read(toEventStreams(ev));
  if (out.kind !== 'event') throw new Error(`simulated event not read: ${JSON.stringify(out)}`);
  return out.event;
});

const access = {
  sdl: accessOf({ roles: ['supervisor'] }),
  admin: accessOf({ roles: ['admin'] }),
};

function liveDetails(a: (typeof access)[keyof typeof access]) {
  const engine = new Engine(DEFAULT_CONFIG, { groupings: [] });
  for (const e of events) engine.apply(e);
  return [...conversationDetailsOf(engine, a, DEFAULT_CONFIG).values()];
}

/** Only what a lookup returns: the events of the conversation's tasks (no worker activity). */
function eventsOf(taskSids: readonly string[]): TrEvent[] {
  return events.filter((e) => e.taskSid !== undefined && taskSids.includes(e.taskSid));
}

describe('conversationOfEvents', () => {
  const live = liveDetails(access.admin);
  const transferred = live.filter((d) => d.taskSids.length > 1);
  const withMedia = live.filter((d) => d.media.items.length > 0);

  it('the simulated day has transferred conversations and media to compare', () => {
    expect(transferred.length).toBeGreaterThan(3);
    expect(withMedia.length).toBeGreaterThan(10);
  });

  it.each(Object.keys(access) as (keyof typeof access)[])('every conversation folded from its own events equals the live one (%s)', (role) => {
    for (const detail of liveDetails(access[role])) {
      expect(conversationOfEvents(eventsOf(detail.taskSids), access[role], DEFAULT_CONFIG, detail.taskSids)).toEqual(detail);
    }
  });

  it('finds the conversation by any one of its task sids, among other conversations', () => {
    const detail = transferred[0];
    const mixed = [...eventsOf(transferred[1].taskSids), ...eventsOf(detail.taskSids)].reverse();
    expect(conversationOfEvents(mixed, access.admin, DEFAULT_CONFIG, [detail.taskSids[1]])).toEqual(detail);
  });

  it('is undefined when the events hold none of the tasks', () => {
    expect(conversationOfEvents(eventsOf(transferred[0].taskSids), access.admin, DEFAULT_CONFIG, ['WTnone'])).toBeUndefined();
    expect(conversationOfEvents([], access.admin, DEFAULT_CONFIG, transferred[0].taskSids)).toBeUndefined();
  });
});
