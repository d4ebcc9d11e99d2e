import { simulate } from '../../src/sources/simulator';
import { ChatLedger, flexIdentityOf, type ChatFacts } from '../../src/sandbox/fakes/chatLedger';
import {
  DEFAULT_AGENT,
  DEFAULT_CUSTOMER,
  FakeConversationsClient,
  chatTranscriptOf,
  isRemoved,
  transcriptOf,
} from '../../src/sandbox/fakes/fakeConversationsClient';

const sid = `CH${'ab'.repeat(16)}`;
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 16);

describe('fake conversations client', () => {
  it('gives the same transcript for the same sid, alternating authors, in time order', () => {
    const a = transcriptOf(sid);
    expect(transcriptOf(sid)).toEqual(a);
    expect(a.length).toBeGreaterThanOrEqual(6);
    expect(a[0].author).toBe(DEFAULT_CUSTOMER);
    expect(a[1].author).toBe(DEFAULT_AGENT);
    for (let i = 1; i < a.length; i++) expect(a[i].dateCreated.getTime()).toBeGreaterThan(a[i - 1].dateCreated.getTime());
    expect(transcriptOf(`CH${'cd'.repeat(16)}`)).not.toEqual(a);
  });

  it('pages newest first, as the SDK does, and walks back to the first message', async () => {
    const client = new FakeConversationsClient();
    const messages = Array.from({ length: 2500 }, (_, i) => ({ ...transcriptOf(sid)[0], index: i, sid: `IM${i}` }));
    client.setTranscript(sid, messages);
    const conversation = await client.getConversationBySid(sid);
    let p = await conversation.getMessages(100);
    expect(p.items.map((m) => m.index)[0]).toBe(2400);
    expect(p.hasNextPage).toBe(false);
    let seen = p.items.length;
    while (p.hasPrevPage) {
      p = await p.prevPage();
      seen += p.items.length;
    }
    expect(seen).toBe(2500);
    expect(p.items[0].index).toBe(0);
  });

  it('an unknown sid is not found, with the SDK error shape', async () => {
    await expect(new FakeConversationsClient().getConversationBySid('nope')).rejects.toMatchObject({
      message: 'Not Found',
      status: 404,
      body: { status: 404, code: 50350 },
    });
  });

  it.each([
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [500, 'Internal Server Error'],
  ] as const)('a sid made to fail answers %i', async (status, message) => {
    const client = new FakeConversationsClient();
    client.fail(sid, status);
    await expect(client.getConversationBySid(sid)).rejects.toMatchObject({ status, message, body: { status } });
  });
});

/** A chat of two engagements (a transfer), ended. */
const CHAT: ChatFacts = {
  sid,
  customer: '+61400555017',
  start: START + 10 * 3_600_000,
  end: START + 10 * 3_600_000 + 900_000,
  engagements: [
    { identity: 'ablue_40example_2Eorg', name: 'Agent Blue', start: START + 10 * 3_600_000, end: START + 10 * 3_600_000 + 400_000 },
    { identity: 'agreen_40example_2Eorg', name: 'Agent Green', start: START + 10 * 3_600_000 + 450_000, end: START + 10 * 3_600_000 + 900_000 },
  ],
};

describe('transcripts of the sandbox chats', () => {
  it('writes every message inside the chat, in order, by the customer and the ISS engaged then', () => {
    const messages = chatTranscriptOf(CHAT, CHAT.end as number);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    expect(chatTranscriptOf(CHAT, CHAT.end as number)).toEqual(messages);
    let last = CHAT.start;
    messages.forEach((m, i) => {
      const t = m.dateCreated.getTime();
      expect(t).toBeGreaterThan(last);
      expect(t).toBeLessThan(CHAT.end as number);
      last = t;
      const engaged = t < CHAT.engagements[1].start ? CHAT.engagements[0] : CHAT.engagements[1];
      expect(m.author).toBe(i % 2 === 0 ? CHAT.customer : engaged.identity);
    });
  });

  it('an open chat has only the messages written by now, the same ones as it goes on', () => {
    const open: ChatFacts = { ...CHAT, end: undefined, engagements: [{ ...CHAT.engagements[0], end: undefined }] };
    const early = chatTranscriptOf(open, open.start + 300_000);
    const later = chatTranscriptOf(open, open.start + 900_000);
    expect(later.length).toBeGreaterThan(early.length);
    expect(later.slice(0, early.length)).toEqual(early);
    for (const m of early) expect(m.dateCreated.getTime()).toBeLessThanOrEqual(open.start + 300_000);
  });

  it('removes about one in six chats ended more than a day before, always the same ones', () => {
    const chats = Array.from({ length: 600 }, (_, i) => ({ ...CHAT, sid: `CH${i.toString(16).padStart(32, '0')}` }));
    const removed = chats.filter((c) => isRemoved(c, (CHAT.end as number) + 2 * DAY_MS));
    // 600 / 6 -> about 100
    expect(removed.length).toBeGreaterThan(70);
    expect(removed.length).toBeLessThan(130);
    expect(chats.filter((c) => isRemoved(c, (CHAT.end as number) + 2 * DAY_MS))).toEqual(removed);
    // Within a day of its end, or still open, a chat is never removed.
    expect(chats.some((c) => isRemoved(c, (CHAT.end as number) + 3_600_000))).toBe(false);
    expect(chats.some((c) => isRemoved({ ...c, end: undefined }, (CHAT.end as number) + 9 * DAY_MS))).toBe(false);
  });

  it('answers through the client: the chat transcript, a removed one and an unknown sid as not found', async () => {
    const chats = Array.from({ length: 60 }, (_, i) => ({ ...CHAT, sid: `CH${i.toString(16).padStart(32, '0')}` }));
    const now = (CHAT.end as number) + 3 * DAY_MS;
    const ledger = { chat: (s: string) => chats.find((c) => c.sid === s) };
    const client = new FakeConversationsClient({ chats: ledger, now: () => now });
    const kept = chats.find((c) => !isRemoved(c, now)) as ChatFacts;
    const gone = chats.find((c) => isRemoved(c, now)) as ChatFacts;
    const page = await (await client.getConversationBySid(kept.sid)).getMessages(100);
    expect(page.items).toEqual(chatTranscriptOf(kept, now));
    await expect(client.getConversationBySid(gone.sid)).rejects.toMatchObject({ status: 404 });
    await expect(client.getConversationBySid(`CH${'ef'.repeat(16)}`)).rejects.toMatchObject({ status: 404 });
  });
});

describe('chat ledger', () => {
  it('writes Flex identities as Flex does', () => {
    expect(flexIdentityOf('jdoe@example.com')).toBe('jdoe_40example_2Ecom');
    expect(flexIdentityOf('a_b')).toBe('a_5Fb');
  });

  it('records every chat of a simulated day from its events: customer, engagements, times', () => {
    const ledger = new ChatLedger();
    const accepted = new Map<string, { chat: string; from: string; at: number; worker: string }>();
    const ended = new Map<string, number>();
    for (const ev of simulate({ agents: 8, days: 1, seed: 3, start: START })) {
      ledger.note(ev);
      if (!ev.task || !ev.reservation || ev.task.channel === 'voice') continue;
      const attributes = JSON.parse(ev.task.attributes) as { conversationSid?: string; from: string };
      if (ev.type === 'reservation.accepted' && attributes.conversationSid) {
        accepted.set(ev.reservation.sid, { chat: attributes.conversationSid, from: attributes.from, at: ev.timeMs, worker: ev.worker?.name ?? '' });
      }
      if (ev.type === 'reservation.wrapup' && !ended.has(ev.reservation.sid)) ended.set(ev.reservation.sid, ev.timeMs);
    }
    expect(accepted.size).toBeGreaterThan(5);
    expect(ledger.size).toBe(new Set([...accepted.values()].map((a) => a.chat)).size);
    for (const [reservation, a] of accepted) {
      const chat = ledger.chat(a.chat) as ChatFacts;
      expect(chat.customer).toBe(a.from);
      const engagement = chat.engagements.find((e) => e.start === a.at && e.name === a.worker);
      expect(engagement).toBeDefined();
      expect(engagement?.end).toBe(ended.get(reservation));
      expect(engagement?.identity).toMatch(/^[A-Za-z0-9_]+$/);
      expect(chat.start).toBeLessThanOrEqual(a.at);
    }
    expect(ledger.chat(`CH${'ef'.repeat(16)}`)).toBeUndefined();
  });
});
