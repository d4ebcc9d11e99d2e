/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { accessOf, maskingOf } from '../../../src/core';
import { FakeConversationsClient, sdkError, type FakeMessage } from '../../../src/sandbox/fakes/fakeConversationsClient';
import { STRING_DEFAULTS, StringsProvider } from '../../../src/views/common';
import {
  TRANSCRIPT_WINDOW,
  Transcript,
  authorOf,
  rolesOnly,
  samePeople,
  shownMessage,
  transcriptProblemOf,
  type TranscriptClient,
  type TranscriptPeople,
} from '../../../src/views/drilldown';
import { attachmentsOf, messageWindow } from '../../../src/views/drilldown/transcriptModel';

/** Sees contacts: the transcript as sent. */
const ANALYST = accessOf({ roles: ['wfo.data_analyst'] });
/** No export: customers' contacts are masked before anything renders. */
const SUPERVISOR = accessOf({ roles: ['supervisor'] });
const SID = `CH${'0f'.repeat(16)}`;
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);
/** The customer writes from their number; the ISS as their Flex identity (jdoe@example.com). */
const CUSTOMER = '+61400555017';
const ISS = 'jdoe_40example_2Ecom';
const LABELS = { customer: 'CS', agent: 'ISS', system: 'System', unknown: 'Unknown author' };
/** What the screen knows of the conversation, masked for a supervisor (as the detail comes). */
const PEOPLE: TranscriptPeople = { labels: LABELS, customerName: 'Casey Jones', customerAddresses: ['•••17'], agentNames: ['Jane Doe'] };

function aMessage(index: number, overrides: Partial<FakeMessage> = {}): FakeMessage {
  return {
    sid: `IM${String(index).padStart(32, '0')}`,
    index,
    author: index % 2 === 0 ? CUSTOMER : ISS,
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
    // Without people known, authors read as their roles; the identity is on hover.
    expect(screen.getByText('CS').getAttribute('title')).toBe(CUSTOMER);
    expect(screen.getByText('ISS').getAttribute('title')).toBe(ISS);
    expect(screen.getByText(' · 10:00:01', { normalizer: (s) => s })).toBeTruthy();
    expect(renderedMessages()).toHaveLength(2);
  });

  it('names the customer and the ISS as people, with their roles', async () => {
    const people = { ...PEOPLE, agentIdentities: new Map([[ISS, 'Jane Doe']]) };
    render(<Transcript access={SUPERVISOR} sid={SID} client={clientWith([aMessage(0), aMessage(1)])} people={people} timeZone="UTC" />);
    expect(await screen.findByText('Casey Jones')).toBeTruthy();
    expect(screen.getByText('Jane Doe')).toBeTruthy();
    expect(screen.getByText(' (CS) · 10:00:00', { normalizer: (s) => s })).toBeTruthy();
    expect(screen.getByText(' (ISS) · 10:00:01', { normalizer: (s) => s })).toBeTruthy();
    expect(screen.queryByText(/jdoe_40example/)).toBeNull();
  });

  it('labels authors with the strings as the customer renamed them', async () => {
    render(
      <StringsProvider strings={{ SupervisorInsightsCustomer: 'Volunteer', SupervisorInsightsAgent: 'Shift lead' }}>
        <Transcript access={ANALYST} sid={SID} client={clientWith([aMessage(0), aMessage(1)])} />
      </StringsProvider>,
    );
    expect(await screen.findByText('Volunteer')).toBeTruthy();
    expect(screen.getByText('Shift lead')).toBeTruthy();
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
    expect(screen.getByText(STRING_DEFAULTS.SupervisorInsightsTranscriptNoClient)).toBeTruthy();
  });

  it('says the conversation was not found', async () => {
    render(<Transcript access={ANALYST} sid="CHnot-a-sid" client={new FakeConversationsClient()} />);
    expect(await screen.findByText(STRING_DEFAULTS.SupervisorInsightsTranscriptNotFound)).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it.each([
    [404, STRING_DEFAULTS.SupervisorInsightsTranscriptNotFound],
    [403, STRING_DEFAULTS.SupervisorInsightsTranscriptForbidden],
    [500, STRING_DEFAULTS.SupervisorInsightsTranscriptFailed],
    [401, STRING_DEFAULTS.SupervisorInsightsTranscriptSignIn],
  ] as const)('says which when the SDK answers %i, in words of its own: the SDK\'s text goes to the console', async (status, text) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const client = new FakeConversationsClient();
      client.fail(SID, status);
      render(<Transcript access={ANALYST} sid={SID} client={client} />);
      expect(await screen.findByText(text)).toBeTruthy();
      expect(screen.queryByRole('list')).toBeNull();
      if (status >= 500 || status === 401) expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[supervisor-insights\] transcript: \S/));
      else expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('says no access when the conversation opens but its messages are refused', async () => {
    const client: TranscriptClient = { getConversationBySid: async () => ({ getMessages: () => Promise.reject(sdkError(403)) }) };
    render(<Transcript access={ANALYST} sid={SID} client={client} />);
    expect(await screen.findByText(STRING_DEFAULTS.SupervisorInsightsTranscriptForbidden)).toBeTruthy();
  });

  it('says which when an earlier page fails, keeping the messages loaded', async () => {
    const newest = { items: [aMessage(1)], hasPrevPage: true, prevPage: () => Promise.reject(sdkError(404)) };
    const client: TranscriptClient = { getConversationBySid: async () => ({ getMessages: async () => newest }) };
    render(<Transcript access={ANALYST} sid={SID} client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load earlier messages' }));
    expect(await screen.findByText(STRING_DEFAULTS.SupervisorInsightsTranscriptNotFound)).toBeTruthy();
    expect(screen.getByText('message 1')).toBeTruthy();
  });

  it('words the errors with the strings as the customer set them', async () => {
    const client = new FakeConversationsClient();
    client.fail(SID, 403);
    render(
      <StringsProvider strings={{ SupervisorInsightsTranscriptForbidden: 'Not yours to read.' }}>
        <Transcript access={ANALYST} sid={SID} client={client} />
      </StringsProvider>,
    );
    expect(await screen.findByText('Not yours to read.')).toBeTruthy();
  });
});

describe('transcript problems', () => {
  it.each([
    // The SDK's upstream error: HTTP status, its text, Twilio's body
    ['a 404 from the SDK', sdkError(404), 'not-found'],
    ['a 403 from the SDK', sdkError(403), 'forbidden'],
    ['the SDK when no source has it', new Error('Conversation with SID CH00 was not found.'), 'not-found'],
    ['a Twilio code only', { code: 50350, message: 'x' }, 'not-found'],
    ['a status as text', { status: '403' }, 'forbidden'],
    ['a body status only', { body: { status: 404 } }, 'not-found'],
    ['"Forbidden" text', new Error('Forbidden'), 'forbidden'],
    ['"User not participant" text', new Error('User not participant of conversation'), 'forbidden'],
    ['a 401 (token)', Object.assign(new Error('Unauthorized'), { status: 401 }), 'failed'],
    ['a 500', sdkError(500), 'failed'],
    ['a string', 'socket closed', 'failed'],
    ['nothing', undefined, 'failed'],
  ])('%s is %s', (_name, error, kind) => {
    expect(transcriptProblemOf(error).kind).toBe(kind);
  });

  it('keeps the text of another failure for the console, and none of nothing; a refused sign-in is told apart', () => {
    expect(transcriptProblemOf(sdkError(500))).toEqual({ kind: 'failed', detail: 'Internal Server Error' });
    expect(transcriptProblemOf(Object.assign(new Error('Unauthorized'), { status: 401 }))).toEqual({ kind: 'failed', detail: 'Unauthorized', signIn: true });
    expect(transcriptProblemOf({})).toEqual({ kind: 'failed', detail: undefined });
  });
});

describe('transcript authors', () => {
  const supervisor = maskingOf(SUPERVISOR);
  const analyst = maskingOf(ANALYST);
  const known: TranscriptPeople = { ...PEOPLE, agentIdentities: new Map([['client:akim_40example_2Ecom', 'Alex Kim']]) };

  const customer = { role: 'customer', label: 'Casey Jones', roleLabel: 'CS' };
  const alex = { role: 'agent', label: 'Alex Kim', roleLabel: 'ISS' };
  it.each([
    [CUSTOMER, customer], // the customer's number, compared masked
    ['whatsapp:+15550000042', customer], // any phone or channel address is a customer's
    ['Casey Jones', customer], // a web chat's identity is the name given
    ['akim_40example_2Ecom', alex], // a known identity, with or without client:
    ['client:akim_40example_2Ecom', alex],
    ['jane doe', { role: 'agent', label: 'Jane Doe', roleLabel: 'ISS' }], // an identity that is an engaged ISS's name
    ['crisis-supporter', { role: 'agent', label: 'ISS' }], // an identity nobody is known by: the role
    ['system', { role: 'system', label: 'System' }],
    ['someone@example.org', { role: 'unknown', label: 's•••@example.org' }], // an email of nobody known: masked, role unknown
  ])('%s reads as %j', (author, expected) => {
    expect(authorOf(known, supervisor, author)).toEqual(expected);
  });

  it('names an identity that decodes to an engaged ISS name, and only then', () => {
    const people: TranscriptPeople = { ...PEOPLE, agentNames: ['jdoe@example.com'] };
    expect(authorOf(people, supervisor, ISS)).toEqual({ role: 'agent', label: 'jdoe@example.com', roleLabel: 'ISS' });
    expect(authorOf(PEOPLE, supervisor, ISS)).toEqual({ role: 'agent', label: 'ISS' });
  });

  it('calls the customer CS when their name is not known, and an empty author unknown', () => {
    const people = rolesOnly(LABELS);
    expect(authorOf(people, analyst, CUSTOMER)).toEqual({ role: 'customer', label: 'CS' });
    expect(authorOf(people, analyst, null)).toEqual({ role: 'unknown', label: 'Unknown author' });
    expect(authorOf(people, analyst, '  ')).toEqual({ role: 'unknown', label: 'Unknown author' });
  });

  it('keeps people alike across a live update that changed nobody', () => {
    expect(samePeople(PEOPLE, { ...PEOPLE, agentNames: [...PEOPLE.agentNames], labels: { ...LABELS } })).toBe(true);
    expect(samePeople(PEOPLE, { ...PEOPLE, agentNames: [...PEOPLE.agentNames, 'Alex Kim'] })).toBe(false);
    expect(samePeople(PEOPLE, { ...PEOPLE, labels: { ...LABELS, agent: 'Shift lead' } })).toBe(false);
  });

  it('matches the customer unmasked for a role with export', () => {
    const people: TranscriptPeople = { ...PEOPLE, customerAddresses: ['casey@mail.example.net'] };
    expect(authorOf(people, analyst, 'casey@mail.example.net')).toEqual({ role: 'customer', label: 'Casey Jones', roleLabel: 'CS' });
    expect(authorOf(people, analyst, 'other@mail.example.net')).toEqual({ role: 'unknown', label: 'other@mail.example.net' });
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
    // Text and attributes alike (an author's identity is the label's title).
    const html = container.innerHTML;
    expect(html).not.toMatch(/\d{6}/);
    expect(html).not.toMatch(/[A-Za-z0-9]@/);
    const titles = [...container.querySelectorAll('[title]')].map((el) => el.getAttribute('title'));
    expect(titles).toEqual(expect.arrayContaining(AUTHORS.map(([, masked]) => masked)));
    expect(screen.getByText('my number is •••23, mail me at j•••@example.org')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'photo from •••67.jpg' }).getAttribute('href')).toBe('https://a.example/1');
  });

  it('renders the transcript as sent for a role with export', async () => {
    render(<Transcript access={ANALYST} sid={SID} client={clientWith(AUTHORS.map(([author], i) => aMessage(i, { author })))} />);
    for (const [author] of AUTHORS) expect((await screen.findAllByTitle(author)).length).toBeGreaterThan(0);
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
