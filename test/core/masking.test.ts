import { accessOf, maskAttributes, maskContactsInText, maskEvent, maskedAuthor, maskingOf, type TrEvent } from '../../src/core';

const supervisor = accessOf({ roles: ['supervisor'] });
const admin = accessOf({ roles: ['admin'] });

describe('maskContactsInText', () => {
  it.each([
    ['call me on +44 7700 900123 please', 'call me on •••23 please'],
    ['whatsapp:+15551234567', '•••67'],
    ['sms:+447700900123 wrote', '•••23 wrote'],
    ['write to jane.doe@example.org', 'write to j•••@example.org'],
    // Sids and links keep their digits: they are not phones.
    ['CH00112233445566778899aabbccddeeff', 'CH00112233445566778899aabbccddeeff'],
    ['https://media.example/RE1234567890abcdef?x=1', 'https://media.example/RE1234567890abcdef?x=1'],
    ['Flat 12, 3 Main St', 'Flat 12, 3 Main St'],
  ])('%s -> %s', (text, masked) => {
    expect(maskContactsInText(supervisor, text)).toBe(masked);
  });

  it('leaves everything in clear for a role that sees contacts', () => {
    expect(maskContactsInText(admin, 'whatsapp:+15551234567')).toBe('whatsapp:+15551234567');
  });
});

describe('maskAttributes', () => {
  const attributes = Object.freeze({
    from: '+15551234567',
    name: 'John Smith (+1 555 123 4567)',
    customers: Object.freeze({ name: 'Jane Doe', phone: '+447700900123', email: 'jane@example.org' }),
    conversations: Object.freeze({ conversation_id: 'CH00112233445566778899aabbccddeeff', media: Object.freeze([Object.freeze({ url: 'https://m.example/a', note: 'caller said +61 412 345 678' })]) }),
    channelType: 'sms',
  });

  it('masks the customer fields and contacts nested anywhere, and keeps the rest', () => {
    const masked = maskAttributes(supervisor, attributes) as typeof attributes;
    expect(masked.from).toBe('•••67');
    expect(masked.name).toBe('John Smith (•••67)');
    expect(masked.customers).toEqual({ name: 'Jane Doe', phone: '•••23', email: 'j•••@example.org' });
    expect(masked.conversations.conversation_id).toBe(attributes.conversations.conversation_id);
    expect(masked.conversations.media[0]).toEqual({ url: 'https://m.example/a', note: 'caller said •••78' });
    expect(masked.channelType).toBe('sms');
    // No digit run of six or more, and no email's local part, survives anywhere but in the sid.
    const text = JSON.stringify(masked).replace(attributes.conversations.conversation_id, '');
    expect(text).not.toMatch(/\d{6}/);
    expect(text).not.toMatch(/[^\s"•]@/);
  });

  it('returns the same object when there is nothing to mask, or the role sees contacts', () => {
    const clean = { conversations: { conversation_id: 'CH1' }, channelType: 'chat' };
    expect(maskAttributes(supervisor, clean)).toBe(clean);
    expect(maskAttributes(admin, attributes)).toBe(attributes);
  });

  it('masks an event\'s task attributes only', () => {
    const event = { type: 'task.created', sid: 'EV1', timestampMs: 0, taskSid: 'WT1', taskAttributes: attributes, workerAttributes: { contact_uri: 'client:+15550001111' } } as unknown as TrEvent;
    const masked = maskEvent(supervisor, event);
    expect(masked).not.toBe(event);
    expect(masked.workerAttributes).toBe(event.workerAttributes);
    expect((masked.taskAttributes as { from: string }).from).toBe('•••67');
  });
});

describe('maskedAuthor (transcript authors)', () => {
  it.each([
    // a customer writing as their address, with or without a channel scheme
    ['whatsapp:+15551234567', '•••67'],
    ['+447700900123', '•••23'],
    ['sms:+447700900123', '•••23'],
    ['messenger:+61412345678', '•••78'],
    ['jane.doe@example.org', 'j•••@example.org'],
    // a name that carries a number keeps its words
    ['John Smith (+1 555 123 4567)', 'John Smith (•••67)'],
    ['Jane <jane@example.org>', 'J•••@example.org>'],
    // agents' identities carry no contact and stay
    ['jdoe_40example_2Ecom', 'jdoe_40example_2Ecom'],
    ['in-shift-supervisor', 'in-shift-supervisor'],
    ['client:jdoe', 'client:jdoe'],
    ['Agent 12', 'Agent 12'],
  ])('%s -> %s', (author, masked) => {
    expect(maskedAuthor(supervisor, author)).toBe(masked);
    expect(maskedAuthor(admin, author)).toBe(author);
  });

  it('an unknown author stays unknown', () => {
    expect(maskedAuthor(supervisor, null)).toBeNull();
  });
});

describe('maskingOf: the one entry point', () => {
  const mask = maskingOf(supervisor);
  const clear = maskingOf(admin);

  it.each([
    // name, contact -> masked name
    ['+15551234567', '+15551234567', '•••67'],
    ['whatsapp:+15551234567', undefined, '•••67'],
    ['sms:+447700900123', undefined, '•••23'],
    ['jane@example.org', 'jane@example.org', 'j•••@example.org'],
    ['John Smith (+1 555 123 4567)', '+15551234567', 'John Smith (•••67)'],
    ['Jane Doe', '+15551234567', 'Jane Doe'],
  ])('name %s (contact %s) -> %s', (name, contact, masked) => {
    expect(mask.name(name, contact)).toBe(masked);
    expect(clear.name(name, contact)).toBe(name);
  });

  it('is idempotent: what was masked once (a cached row, an event masked by the function) stays as it is', () => {
    for (const value of ['+15551234567', 'whatsapp:+15551234567', 'jane@example.org', 'John Smith (+1 555 123 4567)', 'Jane Doe']) {
      const once = mask.name(value, value) as string;
      expect(mask.name(once, once)).toBe(once);
      expect(mask.contact(mask.contact(value))).toBe(mask.contact(value));
      expect(mask.author(mask.author(value))).toBe(mask.author(value));
      expect(mask.text(mask.text(value))).toBe(mask.text(value));
    }
  });

  it('masks text, rows and days, returning the same object when nothing changed', () => {
    expect(mask.text('reach me at +44 7700 900123')).toBe('reach me at •••23');
    expect(mask.text(null)).toBeNull();
    const rows = Object.freeze([Object.freeze({ id: 'a', customerName: 'whatsapp:+15551234567' }), Object.freeze({ id: 'b', customerName: 'Jane Doe' })]);
    const masked = mask.rows(rows);
    expect(masked.map((r) => r.customerName)).toEqual(['•••67', 'Jane Doe']);
    expect(masked[1]).toBe(rows[1]);
    expect(mask.rows(masked)).toBe(masked);
    expect(clear.rows(rows)).toBe(rows);
    const day = { day: '2026-11-16', conversations: rows };
    expect(mask.day(day).conversations).toEqual(masked);
    expect(mask.day({ day: '2026-11-16', conversations: masked }).conversations).toBe(masked);
  });

  it('masks events\' task attributes', () => {
    const event = { type: 'task.created', sid: 'EV1', ts: 0, taskSid: 'WT1', taskAttributes: { from: 'whatsapp:+15551234567' } } as unknown as TrEvent;
    expect((mask.events([event])[0].taskAttributes as { from: string }).from).toBe('•••67');
    const events = [event];
    expect(clear.events(events)).toBe(events);
  });
});
