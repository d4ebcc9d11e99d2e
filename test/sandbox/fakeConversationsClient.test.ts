import { FakeConversationsClient, transcriptOf } from '../../src/sandbox/fakes/fakeConversationsClient';

const sid = `CH${'ab'.repeat(16)}`;

describe('fake conversations client', () => {
  it('gives the same transcript for the same sid, alternating authors, in time order', () => {
    const a = transcriptOf(sid);
    expect(transcriptOf(sid)).toEqual(a);
    expect(a.length).toBeGreaterThanOrEqual(6);
    expect(a[0].author).toBe('crisis-supporter');
    expect(a[1].author).toBe('in-shift-supervisor');
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

  it('an unknown sid is an error, as in the SDK', async () => {
    await expect(new FakeConversationsClient().getConversationBySid('nope')).rejects.toThrow('Conversation not found: nope');
  });
});
