import { identifierOf, identifiersIn, sidsByKind, taskIdentifiersOf, workerIdentityOf } from '../../src/core';

const HEX = '0123456789abcdef0123456789abcdef';

describe('identifierOf', () => {
  it.each([
    [`WT${HEX}`, 'task', `WT${HEX}`],
    [`WR${HEX}`, 'reservation', `WR${HEX}`],
    [`CH${HEX}`, 'conversation', `CH${HEX}`],
    [`CA${HEX}`, 'call', `CA${HEX}`],
    // Pasted with spaces, prefix in lower case, hex in upper case: Twilio's form.
    [`  wt${HEX.toUpperCase()}\n`, 'task', `WT${HEX}`],
  ])('%j is a %s sid', (text, kind, sid) => {
    expect(identifierOf(text)).toEqual({ kind, sid });
  });

  it.each([
    ['a name', 'Jane Doe'],
    ['part of a sid', `WT${HEX.slice(0, 20)}`],
    ['a sid too long', `WT${HEX}0`],
    ['another kind of sid', `WK${HEX}`],
    ['not hex', `WT${HEX.slice(0, 31)}g`],
    ['empty', ''],
  ])('%s is no identifier', (_what, text) => {
    expect(identifierOf(text)).toBeUndefined();
  });
});

describe('identifiersIn', () => {
  it('finds each identifier of a URL or a pasted line once, in order', () => {
    const text = `https://example.org/x?task=WT${HEX}&call=CA${HEX} and again WT${HEX}, WK${HEX}`;
    expect(identifiersIn(text)).toEqual([
      { kind: 'task', sid: `WT${HEX}` },
      { kind: 'call', sid: `CA${HEX}` },
    ]);
  });
});

describe('taskIdentifiersOf', () => {
  it('reads the conversation id, call sid, conversation sid and channel sid, each once', () => {
    expect(
      taskIdentifiersOf({ conversations: { conversation_id: `WT${HEX}` }, call_sid: `CA${HEX}`, conversationSid: `CH${HEX}`, channelSid: `CH${HEX}` }),
    ).toEqual([`WT${HEX}`, `CA${HEX}`, `CH${HEX}`]);
  });

  it('ignores blanks, non-strings and missing attributes', () => {
    expect(taskIdentifiersOf({ conversations: { conversation_id: ' ' }, call_sid: 42, conversationSid: null })).toEqual([]);
    expect(taskIdentifiersOf(undefined)).toEqual([]);
  });
});

describe('workerIdentityOf', () => {
  it.each([
    [{ contact_uri: 'client:jasper_2Eosei', email: 'other@example.com' }, 'jasper_2Eosei'],
    [{ email: 'jasper.osei@example.com' }, 'jasper_2Eosei_40example_2Ecom'],
    [{ contact_uri: 'sip:desk@example.com', email: 'a_b@x.org' }, 'a_5Fb_40x_2Eorg'],
    [{ full_name: 'No login' }, undefined],
    [undefined, undefined],
  ])('%j writes as %s', (attributes, identity) => {
    expect(workerIdentityOf(attributes)).toBe(identity);
  });
});

describe('sidsByKind', () => {
  const sid = (prefix: string, n: number): string => `${prefix}${n.toString(16).padStart(32, '0')}`;

  it('groups by prefix, task sids first as given, each once, never the id, and keeps what is no sid apart', () => {
    const grouped = sidsByKind(sid('CA', 1), ['WT-short', sid('WT', 1)], [sid('WR', 1), sid('CA', 1), `ch${sid('CH', 1).slice(2)}`, sid('WT', 1), sid('WR', 1), 'order-42', ' ', sid('CA', 2)]);
    expect(grouped).toEqual({
      task: ['WT-short', sid('WT', 1)],
      reservation: [sid('WR', 1)],
      conversation: [sid('CH', 1)],
      call: [sid('CA', 2)],
      other: ['order-42'],
    });
  });
});
