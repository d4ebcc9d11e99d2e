import { DEFAULT_CONFIG, accessOf } from '../../src/core';
import { applyQueued, createInsightsStore, ingest, selectConversationDetail, selectConversationList } from '../../src/store';
import { BASE } from '../fixtures/builders';
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
