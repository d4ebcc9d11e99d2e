/**
 * A fake of the parts of the Conversations SDK client (`manager.conversationsClient`) the
 * drill-down reads: `getConversationBySid(sid)` and the conversation's paged
 * `getMessages(pageSize, anchor, direction)`, newest page first as the SDK pages. The
 * transcript of a chat the simulator created (its `CH…` sid) is made up from the sid
 * alone, so it is the same on every load.
 */
import { createRng, intBetween, pick } from '../../sources/simulator/prng';

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

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The made-up transcript of a conversation: the same for the same sid. */
export function transcriptOf(sid: string, startMs = Date.UTC(2026, 10, 16, 10)): FakeMessage[] {
  const rng = createRng(hashOf(sid), 'transcript');
  const count = intBetween(rng, 6, 30);
  const out: FakeMessage[] = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    const fromCustomer = i % 2 === 0;
    t += intBetween(rng, 5, 90) * 1000;
    out.push({
      sid: `IM${hashOf(`${sid}:${i}`).toString(16).padStart(8, '0').repeat(4)}`,
      index: i,
      author: fromCustomer ? 'crisis-supporter' : 'in-shift-supervisor',
      body: pick(rng, fromCustomer ? CUSTOMER_LINES : AGENT_LINES),
      dateCreated: new Date(t),
      attributes: {},
    });
  }
  return out;
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

export class FakeConversationsClient {
  /** Extra transcripts by sid (tests and the sandbox can add long ones). */
  private readonly transcripts = new Map<string, FakeMessage[]>();

  setTranscript(sid: string, messages: FakeMessage[]): void {
    this.transcripts.set(sid, messages);
  }

  async getConversationBySid(sid: string): Promise<{ sid: string; getMessages(pageSize?: number): Promise<FakePaginator<FakeMessage>> }> {
    if (!/^CH[0-9a-f]{32}$/.test(sid)) throw new Error(`Conversation not found: ${sid}`);
    const messages = this.transcripts.get(sid) ?? transcriptOf(sid);
    return {
      sid,
      // Like the SDK: the newest `pageSize` messages first; `prevPage()` goes back in time.
      getMessages: async (pageSize = 30) => page(messages, messages.length, pageSize),
    };
  }
}
