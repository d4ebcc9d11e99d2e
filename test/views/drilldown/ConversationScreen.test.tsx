/** @jest-environment jsdom */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { accessOf, type ConversationDetail, type MediaItem, type ResolvedMedia } from '../../../src/core';
import { FakeConversationsClient, type FakeMessage } from '../../../src/sandbox/fakes/fakeConversationsClient';
import { STRING_DEFAULTS, StringsProvider, translator, type Strings } from '../../../src/views/common';
import { COPIED_MS, ConversationScreen, EMBED_SANDBOX, MediaView, headerFacts, identifierGroupsOf, type ConversationScreenProps } from '../../../src/views/drilldown';

const SUPERVISOR = accessOf({ roles: ['supervisor'] });
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);
const CHAT = `CH${'ab'.repeat(16)}`;
const TASK = `WT${'01'.repeat(16)}`;
const TASK2 = `WT${'02'.repeat(16)}`;

function media(items: MediaItem[], problems: string[] = []): ResolvedMedia {
  return { items, problems, level: items.length === 0 ? 'none' : 'task' };
}

function aDetail(overrides: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    id: TASK,
    customerName: 'Caller 17',
    // As the detail comes for a supervisor: the contact masked.
    customerContact: '•••17',
    agentNames: ['Agent Blue', 'Agent Green'],
    supportTypes: ['check_in', 'safety'],
    platform: 'Chat',
    start: T0,
    durationSec: 1560,
    outcome: 'Handled',
    transfers: 1,
    taskSids: [TASK, TASK2],
    sids: ['WRconv1blue', 'WRconv1green'],
    segments: [
      { kind: 'queue', taskSid: TASK, queue: 'Check-ins', supportType: 'check_in', start: T0, end: T0 + 45_000, outcome: 'Accepted' },
      { kind: 'engagement', taskSid: TASK, queue: 'Check-ins', supportType: 'check_in', start: T0 + 45_000, end: T0 + 765_000, agentSid: 'WKblue', agentName: 'Agent Blue' },
      { kind: 'engagement', taskSid: TASK2, queue: 'Safety', supportType: 'safety', start: T0 + 765_000, agentSid: 'WKgreen', agentName: 'Agent Green' },
    ],
    media: media([]),
    ...overrides,
  };
}

/** The screen inside Flex's strings, as the view renders it. */
function renderScreen(props: Partial<ConversationScreenProps> = {}, strings?: Strings): ReturnType<typeof render> {
  return render(
    <StringsProvider strings={strings}>
      <ConversationScreen access={SUPERVISOR} detail={aDetail()} onBack={() => undefined} timeZone="UTC" {...props} />
    </StringsProvider>,
  );
}

/** The header's value for a label (its `dd` after the `dt`). */
function fact(label: string): string | null | undefined {
  const term = screen.getAllByText(label).find((el) => el.tagName === 'DT');
  return term?.nextElementSibling?.textContent;
}

const embedded: MediaItem = { type: 'Embedded', position: 0, title: 'Case notes', url: 'https://notes.example/case/1' };
const referenced: MediaItem = { type: 'Referenced', position: 1, url: 'https://files.example/report.pdf' };
const raw: MediaItem = { type: 'Raw', position: 2, title: 'Raw export', url: 'https://files.example/raw' };
const link: MediaItem = { type: 'Link', position: 3, declaredType: 'Survey', title: 'Survey answers', url: 'https://survey.example/a' };
const recording: MediaItem = {
  type: 'VoiceRecording',
  position: 4,
  title: 'Call recording',
  url: 'https://media.example/rec1.wav',
  startTime: T0,
  channels: ['customer', 'others'],
  playable: true,
};
const secondRecording: MediaItem = { type: 'VoiceRecording', position: 5, title: 'Second recording', url: 'https://media.example/rec2.wav', channels: [], playable: false };
const transcript: MediaItem = { type: 'ChatTranscript', position: 6, title: 'Chat', sid: CHAT };
const unsafe: MediaItem = { type: 'Unsafe', position: 7, declaredType: 'Referenced', title: 'Bad link', text: 'javascript:alert(1)', unsafe: 'scheme javascript: is not allowed' };

describe('ConversationScreen', () => {
  it('shows the header facts in the view\'s words: CS and ISS, support types, zone, outcome', () => {
    renderScreen();
    expect(screen.getByRole('heading', { name: 'Caller 17' })).toBeTruthy();
    expect(fact('CS')).toBe('Caller 17');
    expect(fact('ISS')).toBe('Agent Blue, Agent Green');
    expect(fact('Support type')).toBe('Check in, Safety');
    expect(fact('Platform')).toBe('Chat');
    expect(fact('Start')).toBe('16 Nov 2026, 10:00 UTC');
    // 1560 s -> 26 min 00 s
    expect(fact('Duration')).toBe('26 min 00 s');
    expect(fact('Outcome')).toBe('Handled');
    expect(fact('Transfers')).toBe('1');
  });

  it('shows the start in the centre\'s zone, with the zone', () => {
    renderScreen({ timeZone: 'Australia/Sydney' });
    // 10:00 UTC -> 21:00 in Sydney, on summer time (UTC+11)
    expect(fact('Start')).toBe('16 Nov 2026, 21:00 GMT+11');
    renderScreen({ timeZone: 'Europe/London', detail: aDetail({ start: Date.UTC(2026, 6, 1, 9, 30) }) });
    expect(screen.getAllByText('1 Jul 2026, 10:30 BST')).toHaveLength(1);
  });

  it('speaks the strings as the customer renamed them', () => {
    const strings = {
      SupervisorInsightsCustomer: 'Volunteer',
      SupervisorInsightsAgent: 'Shift lead',
      SupervisorInsightsSupportType: 'Reason',
      SupervisorInsightsSupportType_check_in: 'Check-in call',
      SupervisorInsightsHandled: 'Supported',
      SupervisorInsightsBackToInsights: 'Back to the dashboards',
      SupervisorInsightsTimeline: 'What happened',
      SupervisorInsightsNoMedia: 'Nothing attached.',
    };
    renderScreen({}, strings);
    expect(fact('Volunteer')).toBe('Caller 17');
    expect(fact('Shift lead')).toBe('Agent Blue, Agent Green');
    expect(fact('Reason')).toBe('Check-in call, Safety');
    expect(fact('Outcome')).toBe('Supported');
    expect(screen.getByRole('button', { name: 'Back to the dashboards' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'What happened' })).getAllByRole('listitem')[0].textContent).toContain('(Check-in call)');
    expect(screen.getByText('Nothing attached.')).toBeTruthy();
    expect(screen.queryByText('Agents')).toBeNull();
  });

  it('names a missing customer and a conversation still open', () => {
    renderScreen({ detail: aDetail({ customerName: undefined, agentNames: [], durationSec: undefined, outcome: 'Waiting' }) });
    expect(screen.getByRole('heading', { name: 'Unknown customer' })).toBeTruthy();
    expect(fact('CS')).toBe('Unknown customer');
    expect(fact('ISS')).toBe('None');
    expect(fact('Duration')).toBe('ongoing');
    expect(fact('Outcome')).toBe('Waiting');
  });

  it('calls the anonymised ISS of another team so', () => {
    renderScreen({ detail: aDetail({ agentNames: ['Agent Blue', '(other agents)'] }) });
    expect(fact('ISS')).toBe('Agent Blue, ISS outside your team');
  });

  it('lists the segments as a timeline, support types as words', () => {
    renderScreen();
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Waited in Check-ins (Check in), 10:00:00 – 10:00:45, 45 s: Accepted',
      // 765 s - 45 s = 720 s -> 12 min 00 s
      'Agent Blue in Check-ins (Check in), 10:00:45 – 10:12:45, 12 min 00 s',
      'Agent Green in Safety (Safety), 10:12:45 – now, ongoing',
    ]);
  });

  it('goes back to Insights', () => {
    const onBack = jest.fn();
    renderScreen({ onBack });
    fireEvent.click(screen.getByRole('button', { name: 'Back to Insights' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('says when there is no media, and notes the problems quietly', () => {
    renderScreen({ detail: aDetail({ media: media([], ['media[0]: no type']) }) });
    expect(screen.getByText('No media for this conversation.')).toBeTruthy();
    expect(screen.getByText('media[0]: no type')).toBeTruthy();
  });

  it('shows one item directly and several with a switcher, mounting only the open one', () => {
    const { container, rerender } = renderScreen({ detail: aDetail({ media: media([referenced]) }) });
    expect(screen.queryByRole('tab')).toBeNull();
    expect(screen.getByRole('link', { name: 'Link 1' })).toBeTruthy();

    rerender(<ConversationScreen access={SUPERVISOR} detail={aDetail({ id: 'WTconv2', media: media([embedded, recording, unsafe]) })} onBack={() => undefined} />);
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Case notes', 'Call recording', 'Bad link']);
    expect(container.querySelectorAll('iframe')).toHaveLength(1);
    expect(container.querySelector('audio')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Call recording' }));
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.querySelector('audio')?.getAttribute('src')).toBe('https://media.example/rec1.wav');
  });

  it('shows the transcript\'s authors as the customer and the ISS by name', async () => {
    const client = new FakeConversationsClient();
    const at = (i: number, author: string): FakeMessage => ({ sid: `IM${i}`, index: i, author, body: `line ${i}`, dateCreated: new Date(T0 + 60_000 * (i + 1)), attributes: {} });
    client.setTranscript(CHAT, [at(0, '+61400555017'), at(1, 'agent_20blue'), at(2, 'client:agreen_40example_2Eorg'), at(3, 'crisis-supporter')]);
    renderScreen({
      detail: aDetail({ media: media([transcript]) }),
      conversationsClient: client,
      agentIdentities: new Map([['agreen_40example_2Eorg', 'Agent Green']]),
    });
    const messages = within(await screen.findByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    // The customer's number (masked as the detail's contact) is the customer; `agent_20blue` decodes
    // to Agent Blue's name; Agent Green by the identity the host knows; nobody known: the role.
    expect(messages.map((m) => m.querySelector('span')?.textContent)).toEqual(['Caller 17', 'Agent Blue', 'Agent Green', 'ISS']);
    expect(screen.queryByText(/400555017/)).toBeNull();
  });

  it.each([
    [404, STRING_DEFAULTS.SupervisorInsightsTranscriptNotFound],
    [403, STRING_DEFAULTS.SupervisorInsightsTranscriptForbidden],
  ] as const)('says which when a chat\'s transcript answers %i', async (status, text) => {
    const client = new FakeConversationsClient();
    client.fail(CHAT, status);
    renderScreen({ detail: aDetail({ media: media([transcript]) }), conversationsClient: client });
    expect(await screen.findByText(text)).toBeTruthy();
  });
});

describe('identifiers', () => {
  const clipboard = (writeText?: (text: string) => Promise<void>): void => {
    Object.defineProperty(navigator, 'clipboard', { value: writeText ? { writeText } : undefined, configurable: true });
  };
  afterEach(() => {
    clipboard(undefined);
    jest.useRealTimers();
  });

  it('lists the conversation id, the task sids and the chat sids its media name', () => {
    renderScreen({ detail: aDetail({ media: media([transcript]) }) });
    const section = screen.getByRole('region', { name: 'Identifiers' });
    expect(within(section).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([`Copy ${TASK}`, `Copy ${TASK2}`, `Copy ${CHAT}`]);
    expect(within(section).getByText('Conversation sid').nextElementSibling?.textContent).toContain(TASK);
    expect(within(section).getByText('Task sids').nextElementSibling?.textContent).toContain(TASK2);
    expect(within(section).getByText('Chat sids').nextElementSibling?.textContent).toContain(CHAT);
  });

  it("lists the detail's reservation and call sids by kind, each once, and leaves out text that is no sid", () => {
    const reservation = `WR${'03'.repeat(16)}`;
    const call = `CA${'04'.repeat(16)}`;
    const withSids = aDetail({ id: call, sids: [reservation, call, 'not a sid', TASK.toLowerCase()] });
    expect(identifierGroupsOf(withSids).map((g) => [g.label, g.sids])).toEqual([
      ['SupervisorInsightsConversationId', [call]],
      ['SupervisorInsightsTaskSids', [TASK, TASK2]],
      ['SupervisorInsightsReservationSids', [reservation]],
    ]);
  });

  it('copies a sid and says so, for a while', async () => {
    jest.useFakeTimers();
    const writeText = jest.fn(() => Promise.resolve());
    clipboard(writeText);
    renderScreen();
    fireEvent.click(screen.getByRole('button', { name: `Copy ${TASK2}` }));
    expect(writeText).toHaveBeenCalledWith(TASK2);
    expect(await screen.findByText('Copied')).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(COPIED_MS);
    });
    expect(screen.queryByText('Copied')).toBeNull();
  });

  it.each([
    ['there is no clipboard', undefined],
    ['the clipboard refuses', () => Promise.reject(new Error('NotAllowedError'))],
  ])('says how to copy by hand when %s, with the sid selected', async (_name, writeText) => {
    clipboard(writeText);
    renderScreen();
    fireEvent.click(screen.getByRole('button', { name: `Copy ${TASK}` }));
    expect(await screen.findByText(STRING_DEFAULTS.SupervisorInsightsCopyUnavailable)).toBeTruthy();
    expect(window.getSelection()?.toString()).toBe(TASK);
    expect(screen.queryByText('Copied')).toBeNull();
  });

  it('labels the groups and the button with the strings', () => {
    renderScreen({}, { SupervisorInsightsTaskSids: 'Tasks', SupervisorInsightsCopy: 'Copy it' });
    expect(screen.getByText('Tasks')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Copy WT/ })[0].textContent).toBe('Copy it');
  });
});

describe('header facts', () => {
  it('are the same words the tabs use', () => {
    const t = translator({ SupervisorInsightsOutcomeTimedOut: 'Gave up waiting' });
    expect(headerFacts(aDetail({ outcome: 'Timed out', durationSec: 45 }), t, 'UTC')).toEqual([
      ['CS', 'Caller 17'],
      ['ISS', 'Agent Blue, Agent Green'],
      ['Support type', 'Check in, Safety'],
      ['Platform', 'Chat'],
      ['Start', '16 Nov 2026, 10:00 UTC'],
      ['Duration', '45 s'],
      ['Outcome', 'Gave up waiting'],
      ['Transfers', '1'],
    ]);
  });
});

describe('MediaView', () => {
  it('embeds in a sandboxed iframe that sends no referrer', () => {
    const { container } = render(<MediaView access={SUPERVISOR} item={embedded} index={0} />);
    const frame = container.querySelector('iframe') as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe('https://notes.example/case/1');
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-popups');
    expect(EMBED_SANDBOX).not.toMatch(/allow-same-origin|allow-top-navigation/);
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(frame.getAttribute('title')).toBe('Case notes');
  });

  it.each([
    ['Referenced', referenced, 'Link 1', 'https://files.example/report.pdf'],
    ['Raw', raw, 'Raw export', 'https://files.example/raw'],
    ['Link', link, 'Survey answers', 'https://survey.example/a'],
    ['a recording that is not played', secondRecording, 'Second recording', 'https://media.example/rec2.wav'],
  ])('%s is a link that opens in a new tab without opener or referrer', (_name, item, label, href) => {
    const { container } = render(<MediaView access={SUPERVISOR} item={item} index={0} />);
    const a = screen.getByRole('link', { name: label });
    expect(a.getAttribute('href')).toBe(href);
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    expect(container.querySelector('audio, iframe')).toBeNull();
  });

  it('plays the playable recording with its start time and channels', () => {
    const { container } = render(<MediaView access={SUPERVISOR} item={recording} index={0} timeZone="UTC" />);
    const audio = container.querySelector('audio') as HTMLAudioElement;
    expect(audio.getAttribute('src')).toBe('https://media.example/rec1.wav');
    expect(audio.hasAttribute('controls')).toBe(true);
    expect(screen.getByText('Starts 16 Nov 2026, 10:00 UTC · Channels: customer, others')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('shows a refused URL as inert text with the reason, never a link', () => {
    const { container } = render(<MediaView access={SUPERVISOR} item={unsafe} index={0} />);
    expect(screen.getByText('javascript:alert(1)')).toBeTruthy();
    expect(screen.getByText(/scheme javascript: is not allowed/)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
    expect(container.querySelector('a, iframe, audio')).toBeNull();
  });

  it('loads a chat transcript through the client', async () => {
    render(<MediaView access={SUPERVISOR} item={transcript} index={0} conversationsClient={new FakeConversationsClient()} />);
    expect(await screen.findByRole('list', { name: 'Messages' })).toBeTruthy();
  });
});
