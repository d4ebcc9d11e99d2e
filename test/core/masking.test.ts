import { accessOf, maskAttributes, maskContactsInText, maskEvent, type TrEvent } from '../../src/core';

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
