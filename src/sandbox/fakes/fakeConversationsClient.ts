/**
 * A fake of the parts of the Conversations SDK client (`manager.conversationsClient`) the
 * drill-down reads: `getConversationBySid(sid)` and the conversation's paged
 * `getMessages(pageSize)`, newest page first as the SDK pages, and the SDK's errors.
 *
 * With the sandbox's chats (`ChatLedger`), a chat's transcript is written by its customer
 * (their address) and the ISS engaged at each moment (their Flex identity), at times
 * inside the chat (first acceptance to last wrap-up; an open chat only up to now). About
 * one chat in six that ended more than a day ago answers "not found", as a conversation
 * closed and removed by the account's retention does. A sid the simulator never ran is
 * not found either. Without the chats (tests, the bench), any `CH…` sid has a made-up
 * transcript. Everything is made up from the sid alone, so it is the same on every load.
 */
import { createRng, intBetween, pick } from '../../sources/simulator/prng';
import type { ChatFacts } from './chatLedger';

export interface FakeMessage {
  readonly sid: string;
  readonly index: number;
  readonly author: string;
  readonly body: string;
  readonly dateCreated: Date;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface FakePaginator<T> {
  readonly items: T[];
  readonly hasNextPage: boolean;
  readonly hasPrevPage: boolean;
  nextPage(): Promise<FakePaginator<T>>;
  prevPage(): Promise<FakePaginator<T>>;
}

/** The shape of the SDK's failed REST call (Twilsock's upstream error): HTTP status, its text, Twilio's error body. */
export interface SdkError extends Error {
  readonly status: number;
  readonly description: string;
  readonly body: { readonly status: number; readonly code: number; readonly message: string };
}

const SDK_ERRORS: Readonly<Record<number, [string, number, string]>> = {
  401: ['Unauthorized', 20101, 'Invalid Access Token'],
  403: ['Forbidden', 50430, 'User not participant of conversation'],
  404: ['Not Found', 50350, 'Conversation not found'],
  500: ['Internal Server Error', 20500, 'Internal server error'],
};

/** An error as the SDK rejects with it for this HTTP status (401, 403, 404 or 500). */
export function sdkError(status: 401 | 403 | 404 | 500): SdkError {
  const [description, code, message] = SDK_ERRORS[status];
  return Object.assign(new Error(description), { status, description, body: { status, code, message } });
}

const CUSTOMER_LINES = [
  'Hi, I need to check in please.',
  'I have just finished a call and wanted to debrief.',
  'The caller was very distressed.',
  'Can you stay on with me for a minute?',
  'I followed the safety plan.',
  'Thanks, that helps a lot.',
  'I am ready to check out for today.',
  'The app froze while I was typing notes.',
];
const AGENT_LINES = [
  'Hi, thanks for reaching out. How are you going?',
  'Take your time, I am here.',
  'That sounds like a heavy call. What do you need right now?',
  'Well done for following the plan.',
  'Let us make a note of that for the team.',
  'Is there anything else before you check out?',
  'Look after yourself tonight.',
];

/** Authors of a made-up transcript without the sandbox's chats: a customer's number and an ISS's identity. */
export const DEFAULT_CUSTOMER = '+61400555017';
export const DEFAULT_AGENT = 'in-shift-supervisor';

const DAY_MS = 86_400_000;
/** An open chat's transcript stops here, however long it runs. */
const MAX_OPEN_MESSAGES = 200;

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function messageSid(sid: string, i: number): string {
  return `IM${hashOf(`${sid}:${i}`).toString(16).padStart(8, '0').repeat(4)}`;
}

/** The made-up transcript of a conversation without the sandbox's chats: the same for the same sid. */
export function transcriptOf(sid: string, startMs = Date.UTC(2026, 10, 16, 10)): FakeMessage[] {
  const rng = createRng(hashOf(sid), 'transcript');
  const count = intBetween(rng, 6, 30);
  const out: FakeMessage[] = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    const fromCustomer = i % 2 === 0;
    t += intBetween(rng, 5, 90) * 1000;
    out.push({
      sid: messageSid(sid, i),
      index: i,
      author: fromCustomer ? DEFAULT_CUSTOMER : DEFAULT_AGENT,
      body: pick(rng, fromCustomer ? CUSTOMER_LINES : AGENT_LINES),
      dateCreated: new Date(t),
      attributes: {},
    });
  }
  return out;
}

/** The identity of the ISS engaged at `t` (the latest engagement begun by then). */
function agentAt(chat: ChatFacts, t: number): string {
  let identity = chat.engagements[0].identity;
  for (const e of chat.engagements) if (e.start <= t) identity = e.identity;
  return identity;
}

/**
 * A sandbox chat's transcript as of `nowMs`: customer and ISS in turn, the customer first.
 * An ended chat has 6 to 30 messages spread over its time, each in its own slot, so every
 * time is strictly inside (start, end) and in order; an open one a message every 5 to 90
 * seconds from its start, up to now (the same messages as the chat goes on, more of them).
 */
export function chatTranscriptOf(chat: ChatFacts, nowMs: number): FakeMessage[] {
  const rng = createRng(hashOf(chat.sid), 'transcript');
  const times: number[] = [];
  if (chat.end !== undefined) {
    const span = chat.end - chat.start;
    const count = Math.max(0, Math.min(intBetween(rng, 6, 30), Math.floor(span / 1000)));
    for (let i = 0; i < count; i++) times.push(chat.start + Math.floor((span * (i + 0.1 + 0.8 * rng.next())) / count));
  } else {
    let t = chat.start;
    while (times.length < MAX_OPEN_MESSAGES) {
      t += intBetween(rng, 5, 90) * 1000;
      if (t > nowMs) break;
      times.push(t);
    }
  }
  const lines = createRng(hashOf(chat.sid), 'lines');
  return times.map((t, i) => {
    const fromCustomer = i % 2 === 0;
    return {
      sid: messageSid(chat.sid, i),
      index: i,
      author: fromCustomer ? chat.customer : agentAt(chat, t),
      // The chat opens with the customer's hello and the ISS's greeting.
      body: i < 2 ? (fromCustomer ? CUSTOMER_LINES[0] : AGENT_LINES[0]) : pick(lines, fromCustomer ? CUSTOMER_LINES : AGENT_LINES),
      dateCreated: new Date(t),
      attributes: {},
    };
  });
}

/** Whether the account's retention removed this chat: about one in six ended more than a day before now. */
export function isRemoved(chat: ChatFacts, nowMs: number): boolean {
  return chat.end !== undefined && nowMs - chat.end > DAY_MS && hashOf(`${chat.sid}:removed`) % 6 === 0;
}

function page(messages: readonly FakeMessage[], end: number, size: number): FakePaginator<FakeMessage> {
  const start = Math.max(0, end - size);
  return {
    items: messages.slice(start, end),
    hasPrevPage: start > 0,
    hasNextPage: end < messages.length,
    prevPage: () => (start > 0 ? Promise.resolve(page(messages, start, size)) : Promise.reject(new Error('no previous page'))),
    nextPage: () =>
      end < messages.length ? Promise.resolve(page(messages, Math.min(messages.length, end + size), size)) : Promise.reject(new Error('no next page')),
  };
}

export interface FakeConversationsOptions {
  /** The sandbox's chats by sid: transcripts follow their times and people. */
  readonly chats?: { chat(sid: string): ChatFacts | undefined };
  /** Simulated now (an open chat has the messages written so far; retention is counted from it). */
  readonly now?: () => number;
}

export class FakeConversationsClient {
  /** Extra transcripts by sid (tests and the sandbox can add long ones). */
  private readonly transcripts = new Map<string, FakeMessage[]>();
  /** Sids that fail, with the SDK's error. */
  private readonly failures = new Map<string, SdkError>();

  constructor(private readonly options: FakeConversationsOptions = {}) {}

  setTranscript(sid: string, messages: FakeMessage[]): void {
    this.transcripts.set(sid, messages);
  }

  /** Makes a sid fail as the SDK would: 404 (closed and removed), 403 (no access), 401 (a refused token), 500. */
  fail(sid: string, status: 401 | 403 | 404 | 500): void {
    this.failures.set(sid, sdkError(status));
  }

  async getConversationBySid(sid: string): Promise<{ sid: string; getMessages(pageSize?: number): Promise<FakePaginator<FakeMessage>> }> {
    const failure = this.failures.get(sid);
    if (failure) throw failure;
    const messages = this.transcripts.get(sid) ?? this.madeUp(sid);
    return {
      sid,
      // Like the SDK: the newest `pageSize` messages first; `prevPage()` goes back in time.
      getMessages: async (pageSize = 30) => page(messages, messages.length, pageSize),
    };
  }

  private madeUp(sid: string): FakeMessage[] {
    if (!/^CH[0-9a-f]{32}$/.test(sid)) throw sdkError(404);
    const { chats } = this.options;
    if (!chats) return transcriptOf(sid);
    const now = this.options.now?.() ?? Date.now();
    const chat = chats.chat(sid);
    if (!chat || isRemoved(chat, now)) throw sdkError(404);
    return chatTranscriptOf(chat, now);
  }
}
