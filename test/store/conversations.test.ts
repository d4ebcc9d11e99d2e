import { DEFAULT_CONFIG, HistoryFolder, accessOf, addDays, type DaySnapshot } from '../../src/core';
import { addFrozenDays, applyQueued, createInsightsStore, ingest, selectConversationDetail, selectConversationList, selectFoundConversations } from '../../src/store';
import { BASE } from '../fixtures/builders';
import { storeWithDays } from '../sources/backfill/fixtures';
import { Abandon, ColdTransfer, Handled } from '../fixtures/scenarios';

function storeOf(roles: string[], events: Parameters<typeof ingest>[1]) {
  const store = createInsightsStore({ access: accessOf({ roles, workerSid: 'WKann' }), config: DEFAULT_CONFIG, now: () => BASE, schedule: () => undefined });
  ingest(store, events);
  applyQueued(store);
  return store.getState();
}

const later = (ms: number) => <T extends { ts: number }>(e: T): T => ({ ...e, ts: e.ts + ms });
const mediaTask = ColdTransfer.map(later(200_000)).map((e) =>
  e.taskSid === 'WT10' && e.taskAttributes
    ? { ...e, taskAttributes: { ...e.taskAttributes, conversations: { media: [{ type: 'Referenced', url: 'https://tickets.example.org/7', title: 'Ticket' }, { type: 'Embedded', url: 'javascript:alert(1)' }] } } }
    : e,
);

describe('conversations', () => {
  const state = storeOf(['supervisor'], [...Handled, ...Abandon.map(later(100_000)).map((e) => ({ ...e, sid: `${e.sid}x`, taskSid: 'WT09', taskAttributes: { call_sid: 'CA09', from: '+61400111222' } })), ...mediaTask]);

  it('lists conversations newest first with people, support types, outcome and transfers', () => {
    const rows = selectConversationList(state);
    expect(rows.map((r) => [r.id, r.outcome, r.transfers])).toEqual([
      ['CH10', 'Handled', 1],
      ['CA09', 'Abandoned', 0],
      ['CA01', 'Handled', 0],
    ]);
    const transfer = rows[0];
    expect(transfer.agentNames).toEqual(['Ann', 'Bob']);
    expect(transfer.supportTypes).toEqual(['check_in', 'safety']);
    expect(transfer.platform).toBe('DIGI Central');
    expect(transfer.customerName).toBe('Casey');
    // a phone number standing in for a name is masked for a role without export
    expect(rows.find((r) => r.id === 'CA09')?.customerName).toBe('•••22');
  });

  it('searches by name, conversation id or task sid', () => {
    expect(selectConversationList(state, 'casey').map((r) => r.id)).toEqual(['CH10']);
    expect(selectConversationList(state, 'wt11').map((r) => r.id)).toEqual(['CH10']);
    expect(selectConversationList(state, 'bob').map((r) => r.id)).toEqual(['CH10']);
    expect(selectConversationList(state, 'nobody')).toEqual([]);
  });

  it('details: segments in order, and the media with unsafe links kept as inert text', () => {
    const d = selectConversationDetail(state, 'WT11');
    expect(d?.id).toBe('CH10');
    expect(d?.segments.map((s) => [s.kind, s.queue, s.agentName ?? s.outcome])).toEqual([
      ['queue', 'DIGI Check In', 'Accepted'],
      ['engagement', 'DIGI Check In', 'Ann'],
      ['queue', 'DIGI Safety', 'Accepted'],
      ['engagement', 'DIGI Safety', 'Bob'],
    ]);
    // Bob's engagement is on WT11, which has no media; Ann's (WT10) has two
    const ann = d?.segments[1].media;
    expect(ann?.items.map((i) => i.type)).toEqual(['Referenced', 'Unsafe']);
  });
});

describe('the find box: selectFoundConversations', () => {
  const DAY_MS = 86_400_000;
  const daysAgo = (n: number) => <T extends { ts: number }>(e: T): T => ({ ...e, ts: e.ts - n * DAY_MS });
  const callSid = 'CA0123456789abcdef0123456789abcdef';
  // Ten days ago Ann and Bob took Casey's chat; 25 days ago Ann took a call whose sid a ticket names.
  const old = [
    ...ColdTransfer.map(daysAgo(10)),
    ...Handled.map(daysAgo(25)).map((e) => ({ ...e, sid: `${e.sid}old`, taskSid: 'WT25', reservationSid: e.reservationSid && 'WR25', taskAttributes: { call_sid: callSid, customers: { name: 'Zoë' } } })),
  ];
  const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access: accessOf({ roles: ['supervisor'] }), range: { from: addDays('2026-11-20', -30), to: '2026-11-19' } });
  folder.add(old);
  const days = folder.finish();

  function sessionWithHistory() {
    const store = storeWithDays({ roles: ['supervisor'] }, DEFAULT_CONFIG, days);
    ingest(store, Handled);
    applyQueued(store);
    return store;
  }

  it('finds across every frozen day held and the live engine, whatever period the tab shows', () => {
    const state = sessionWithHistory().getState();
    // Ann: today's call (live), the chat 10 days ago, the call 25 days ago
    const ann = selectFoundConversations(state, 'ANN');
    expect(ann.rows.map((r) => r.id)).toEqual(['CA01', 'CH10', callSid]);
    expect(ann.total).toBe(3);
    expect(selectFoundConversations(state, 'zoe').rows.map((r) => r.id)).toEqual([callSid]);
    expect(selectFoundConversations(state, 'casey', 1)).toMatchObject({ total: 1, rows: [expect.objectContaining({ id: 'CH10', agentNames: ['Ann', 'Bob'] })] });
    const bySid = selectFoundConversations(state, callSid.toUpperCase());
    expect(bySid.identifier).toEqual({ kind: 'call', sid: callSid });
    expect(bySid.rows.map((r) => r.id)).toEqual([callSid]);
  });

  it('gives the same object for the same inputs, and a new one when days arrive', () => {
    const store = sessionWithHistory();
    const first = selectFoundConversations(store.getState(), 'ann');
    expect(selectFoundConversations(store.getState(), 'ann')).toBe(first);
    // the day of the call 25 days ago, loaded again without it
    const callDay = days.find((d) => d.conversations.some((r) => r.id === callSid));
    addFrozenDays(store, [{ ...(callDay as DaySnapshot), conversations: [] }]);
    const after = selectFoundConversations(store.getState(), 'ann');
    expect(after).not.toBe(first);
    expect(after.total).toBe(2);
  });
});
