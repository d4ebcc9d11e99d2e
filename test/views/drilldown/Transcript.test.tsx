/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { accessOf } from '../../../src/core';
import { FakeConversationsClient, type FakeMessage } from '../../../src/sandbox/fakes/fakeConversationsClient';
import { TRANSCRIPT_WINDOW, Transcript } from '../../../src/views/drilldown';
import { NO_CLIENT_TEXT } from '../../../src/views/drilldown/Transcript';
import { attachmentsOf, messageWindow, shownMessage } from '../../../src/views/drilldown/transcriptModel';
import { maskingOf } from '../../../src/core';

/** Sees contacts: the transcript as sent. */
const ANALYST = accessOf({ roles: ['wfo.data_analyst'] });
/** No export: customers' contacts are masked before anything renders. */
const SUPERVISOR = accessOf({ roles: ['supervisor'] });
const SID = `CH${'0f'.repeat(16)}`;
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);

function aMessage(index: number, overrides: Partial<FakeMessage> = {}): FakeMessage {
  return {
    sid: `IM${String(index).padStart(32, '0')}`,
    index,
    author: index % 2 === 0 ? 'crisis-supporter' : 'in-shift-supervisor',
    body: `message ${index}`,
    dateCreated: new Date(T0 + index * 1000),
    attributes: {},
    ...overrides,
  };
}

function clientWith(messages: FakeMessage[]): FakeConversationsClient {
  const client = new FakeConversationsClient();
  client.setTranscript(SID, messages);
  return client;
}

function renderedMessages(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
}

// Role queries walk the whole tree; inside the paging loops the cheaper label query keeps the test fast.
function renderedCount(): number {
  return screen.getByLabelText('Messages').children.length;
}

describe('Transcript', () => {
  it('shows author, time and body', async () => {
    render(<Transcript access={ANALYST} sid={SID} client={clientWith([aMessage(0), aMessage(1)])} timeZone="UTC" />);
    expect(screen.getByText('Loading the transcript…')).toBeTruthy();
    expect(await screen.findByText('message 1')).toBeTruthy();
    expect(screen.getByText('crisis-supporter')).toBeTruthy();
    expect(screen.getByText(' · 10:00:01', { normalizer: (s) => s })).toBeTruthy();
    expect(renderedMessages()).toHaveLength(2);
  });

  it('shows hostile bodies as literal text and creates no element from them', async () => {
    const hostile = ['<img src=x onerror="window.__pwned=1">', 'javascript:alert(1)', '<script>window.__pwned=2</script>'];
    const { container } = render(<Transcript access={ANALYST} sid={SID} client={clientWith(hostile.map((body, i) => aMessage(i, { body })))} />);
    for (const body of hostile) expect(await screen.findByText(body)).toBeTruthy();
    expect(container.querySelector('img, script, a, iframe')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows safe attachments as links and refused ones as text', async () => {
    const attributes = { attachments: [{ url: 'https://files.example/photo.png', filename: 'photo.png' }, { url: 'javascript:alert(1)', filename: 'evil' }] };
    render(<Transcript access={ANALYST} sid={SID} client={clientWith([aMessage(0, { attributes })])} />);
    const photo = await screen.findByRole('link', { name: 'photo.png' });
    expect(photo.getAttribute('href')).toBe('https://files.example/photo.png');
    expect(photo.getAttribute('target')).toBe('_blank');
    expect(photo.getAttribute('rel')?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    expect(screen.queryByRole('link', { name: /evil/ })).toBeNull();
    expect(screen.getByText(/^evil not opened \(.+\): javascript:alert\(1\)$/)).toBeTruthy();
  });

  it('pages through 2,500 messages without rendering more than the window', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => aMessage(i));
    render(<Transcript access={ANALYST} sid={SID} client={clientWith(all)} />);
    expect(await screen.findByText('Messages 1–50 of 50 loaded')).toBeTruthy();
    expect(screen.getByText('message 2499')).toBeTruthy();
    // 2,500 / 50 per page -> 49 more pages
    for (let page = 2; page <= 50; page++) {
      fireEvent.click(screen.getByText('Load earlier messages'));
      const loaded = page * 50;
      await screen.findByText(`Messages 1–${Math.min(loaded, TRANSCRIPT_WINDOW)} of ${loaded} loaded`);
      expect(renderedCount()).toBeLessThanOrEqual(TRANSCRIPT_WINDOW);
      expect(screen.getByText(`message ${2500 - loaded}`)).toBeTruthy();
    }
    expect(screen.getByText('message 0')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load earlier messages' })).toBeNull();
    expect(screen.queryByText('message 2499')).toBeNull();
    // Back to the newest in steps of 100: 2,300 skipped -> 23 steps
    let steps = 0;
    while (screen.queryByText('Show later messages')) {
      fireEvent.click(screen.getByText('Show later messages'));
      expect(renderedCount()).toBeLessThanOrEqual(TRANSCRIPT_WINDOW);
      steps++;
    }
    expect(steps).toBe(23);
    expect(screen.getByText('message 2499')).toBeTruthy();
    expect(screen.getByText('Messages 2301–2500 of 2500 loaded')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    expect(screen.getByText('Messages 2201–2400 of 2500 loaded')).toBeTruthy();
    expect(renderedMessages()).toHaveLength(TRANSCRIPT_WINDOW);
  }, 60_000);

  it('says there are no messages', async () => {
    render(<Transcript access={ANALYST} sid={SID} client={clientWith([])} />);
    expect(await screen.findByText('No messages')).toBeTruthy();
  });

  it('says the client is missing', () => {
    render(<Transcript access={ANALYST} sid={SID} />);
    expect(screen.getByText(NO_CLIENT_TEXT)).toBeTruthy();
  });

  it('says the conversation was not found', async () => {
    render(<Transcript access={ANALYST} sid="CHnot-a-sid" client={new FakeConversationsClient()} />);
    expect(await screen.findByText('The transcript could not be loaded: Conversation not found: CHnot-a-sid')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});

/** Authors as the Conversations SDK gives them, and as a role without export sees them. */
const AUTHORS: [string, string][] = [
  ['whatsapp:+15551234567', '•••67'],
  ['+447700900123', '•••23'],
  ['sms:+447700900123', '•••23'],
  ['jane.doe@example.org', 'j•••@example.org'],
  ['John Smith (+1 555 123 4567)', 'John Smith (•••67)'],
  // an agent's identity stays
  ['jdoe_40example_2Ecom', 'jdoe_40example_2Ecom'],
];

describe('Transcript masking', () => {
  it.each(AUTHORS)('author %s is shown to a supervisor as %s', (author, masked) => {
    expect(shownMessage(maskingOf(SUPERVISOR), aMessage(0, { author })).author).toBe(masked);
    expect(shownMessage(maskingOf(ANALYST), aMessage(0, { author })).author).toBe(author);
  });

  it('renders no customer number or email for a supervisor: authors, bodies and attachment labels', async () => {
    const messages = AUTHORS.map(([author], i) =>
      aMessage(i, { author, body: i === 0 ? 'my number is +44 7700 900123, mail me at jane.doe@example.org' : `message ${i}` }),
    );
    messages.push(aMessage(messages.length, { attributes: { media: [{ url: 'https://a.example/1', filename: 'photo from +15551234567.jpg' }] } }));
    const { container } = render(<Transcript access={SUPERVISOR} sid={SID} client={clientWith(messages)} />);
    expect(await screen.findByText('message 1')).toBeTruthy();
    const text = container.textContent ?? '';
    expect(text).not.toMatch(/\d{6}/);
    expect(text).not.toMatch(/[A-Za-z0-9]@/);
    for (const [, masked] of AUTHORS) expect(text).toContain(masked);
    expect(screen.getByText('my number is •••23, mail me at j•••@example.org')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'photo from •••67.jpg' }).getAttribute('href')).toBe('https://a.example/1');
  });

  it('renders the transcript as sent for a role with export', async () => {
    render(<Transcript access={ANALYST} sid={SID} client={clientWith(AUTHORS.map(([author], i) => aMessage(i, { author })))} />);
    for (const [author] of AUTHORS) expect(await screen.findByText(author)).toBeTruthy();
  });
});

describe('transcript helpers', () => {
  it.each([
    // [loaded, skip] -> [start, end]
    [50, 0, 0, 50],
    [250, 50, 0, 200],
    [250, 500, 0, 200], // skip clamped to 250 - 200
    [2500, 100, 2200, 2400],
  ])('window of %i loaded, %i skipped', (loaded, skip, start, end) => {
    expect(messageWindow(loaded, skip)).toEqual({ start, end });
  });

  it('reads attachments from attributes and media, skipping entries without a URL', () => {
    const message = { ...aMessage(0), attributes: { media: 'https://a.example/1' }, media: [{ sid: 'ME1' }, { url: 'data:text/html,x', title: 'x' }] };
    expect(attachmentsOf(message)).toEqual([
      { kind: 'link', label: 'Attachment 1', url: 'https://a.example/1' },
      expect.objectContaining({ kind: 'refused', label: 'x', text: 'data:text/html,x' }),
    ]);
  });
});
