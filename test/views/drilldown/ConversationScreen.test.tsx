/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { accessOf, type ConversationDetail, type MediaItem, type ResolvedMedia } from '../../../src/core';
import { ConversationScreen, EMBED_SANDBOX, MediaView } from '../../../src/views/drilldown';
import { FakeConversationsClient } from '../../../src/sandbox/fakes/fakeConversationsClient';

const SUPERVISOR = accessOf({ roles: ['supervisor'] });
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);
const CHAT = `CH${'ab'.repeat(16)}`;

function media(items: MediaItem[], problems: string[] = []): ResolvedMedia {
  return { items, problems, level: items.length === 0 ? 'none' : 'task' };
}

function aDetail(overrides: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    id: 'WTconv1',
    customerName: 'Caller 17',
    agentNames: ['Agent Blue', 'Agent Green'],
    supportTypes: ['CISS'],
    platform: 'Chat',
    start: T0,
    durationSec: 1560,
    outcome: 'Handled',
    transfers: 1,
    taskSids: ['WTconv1'],
    sids: ['WRconv1blue', 'WRconv1green'],
    segments: [
      { kind: 'queue', taskSid: 'WTconv1', queue: 'Crisis Support', supportType: 'CISS', start: T0, end: T0 + 45_000, outcome: 'Accepted' },
      { kind: 'engagement', taskSid: 'WTconv1', queue: 'Crisis Support', supportType: 'CISS', start: T0 + 45_000, end: T0 + 765_000, agentSid: 'WKblue', agentName: 'Agent Blue' },
      { kind: 'engagement', taskSid: 'WTconv1', queue: 'Crisis Support', supportType: 'CISS', start: T0 + 765_000, agentSid: 'WKgreen', agentName: 'Agent Green' },
    ],
    media: media([]),
    ...overrides,
  };
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
  it('shows the header facts formatted for people', () => {
    render(<ConversationScreen access={SUPERVISOR} detail={aDetail()} onBack={() => undefined} timeZone="UTC" />);
    expect(screen.getByRole('heading', { name: 'Caller 17' })).toBeTruthy();
    expect(screen.getByText('Agent Blue, Agent Green')).toBeTruthy();
    expect(screen.getByText('CISS')).toBeTruthy();
    expect(screen.getByText('Chat')).toBeTruthy();
    expect(screen.getByText('16 Nov 2026, 10:00')).toBeTruthy();
    // 1560 s -> 26 min 00 s
    expect(screen.getByText('26 min 00 s')).toBeTruthy();
    expect(screen.getByText('Handled')).toBeTruthy();
  });

  it('names a missing customer and a conversation still open', () => {
    render(<ConversationScreen access={SUPERVISOR} detail={aDetail({ customerName: undefined, agentNames: [], durationSec: undefined, outcome: 'Waiting' })} onBack={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Unknown customer' })).toBeTruthy();
    expect(screen.getByText('No agent')).toBeTruthy();
    expect(screen.getByText('ongoing')).toBeTruthy();
  });

  it('lists the segments as a timeline', () => {
    render(<ConversationScreen access={SUPERVISOR} detail={aDetail()} onBack={() => undefined} timeZone="UTC" />);
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Waited in Crisis Support (CISS), 10:00:00 – 10:00:45, 45 s: Accepted',
      // 765 s - 45 s = 720 s -> 12 min 00 s
      'Agent Blue in Crisis Support (CISS), 10:00:45 – 10:12:45, 12 min 00 s',
      'Agent Green in Crisis Support (CISS), 10:12:45 – now, ongoing',
    ]);
  });

  it('goes back to Insights', () => {
    const onBack = jest.fn();
    render(<ConversationScreen access={SUPERVISOR} detail={aDetail()} onBack={onBack} />);
    fireEvent.click(screen.getByRole('button', { name: 'Back to Insights' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('says when there is no media, and notes the problems quietly', () => {
    render(<ConversationScreen access={SUPERVISOR} detail={aDetail({ media: media([], ['media[0]: no type']) })} onBack={() => undefined} />);
    expect(screen.getByText('No media for this conversation.')).toBeTruthy();
    expect(screen.getByText('media[0]: no type')).toBeTruthy();
  });

  it('shows one item directly and several with a switcher, mounting only the open one', () => {
    const { container, rerender } = render(<ConversationScreen access={SUPERVISOR} detail={aDetail({ media: media([referenced]) })} onBack={() => undefined} />);
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
    expect(screen.getByText('Starts 16 Nov 2026, 10:00 · Channels: customer, others')).toBeTruthy();
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
