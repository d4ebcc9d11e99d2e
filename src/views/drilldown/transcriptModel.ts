/**
 * What the transcript reads from the Conversations SDK, and the pure parts of showing it:
 * the message as shown (contacts masked for the access), its attachments and the window of
 * messages that is rendered. The client is the SDK's (`manager.conversationsClient`)
 * handed in from `src/flex`, or the sandbox's fake.
 */
import { safeUrl, type ContactMasking } from '../../core';

export interface TranscriptMessage {
  readonly sid: string;
  readonly index: number;
  readonly author: string | null;
  readonly body: string | null;
  readonly dateCreated: Date | null;
  readonly attributes?: unknown;
  /** Some SDK versions and exports carry attachments here; read only when it holds URLs. */
  readonly media?: unknown;
}

/** A page of messages, oldest first within the page; `prevPage()` goes back in time. */
export interface MessagePage {
  readonly items: readonly TranscriptMessage[];
  readonly hasPrevPage: boolean;
  prevPage(): Promise<MessagePage>;
}

export interface TranscriptConversation {
  getMessages(pageSize?: number): Promise<MessagePage>;
}

export interface TranscriptClient {
  getConversationBySid(sid: string): Promise<TranscriptConversation>;
}

/** Messages fetched per page. */
export const TRANSCRIPT_PAGE_SIZE = 50;
/** At most this many messages are rendered at once, so a long chat does not freeze the page. */
export const TRANSCRIPT_WINDOW = 200;
/** How far "Show earlier" and "Show later" move the window. */
export const TRANSCRIPT_STEP = 100;

export type Attachment =
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | { readonly kind: 'refused'; readonly label: string; readonly text: string; readonly reason: string };

/** Longer refused texts are cut for display. */
const MAX_REFUSED_TEXT = 300;

function objectOf(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function attachmentOf(raw: unknown, position: number): Attachment | undefined {
  const entry = objectOf(raw);
  const url = typeof raw === 'string' ? raw : entry?.url;
  if (typeof url !== 'string' || url === '') return undefined;
  const named = entry?.filename ?? entry?.title ?? entry?.name;
  const label = typeof named === 'string' && named.trim() !== '' ? named.trim() : `Attachment ${position + 1}`;
  const safe = safeUrl(url);
  if (safe.ok) return { kind: 'link', label, url: safe.url };
  const text = url.length > MAX_REFUSED_TEXT ? `${url.slice(0, MAX_REFUSED_TEXT)}…` : url;
  return { kind: 'refused', label, text, reason: safe.reason };
}

/**
 * The attachments of a message with a URL: `attributes.attachments`, `attributes.media`
 * and `message.media`, each a list (or one entry) of URL strings or `{ url, filename | title | name }`.
 *
 * Edge cases: entries without a string URL are skipped (SDK `Media` objects carry no URL
 * until fetched); a refused URL is kept as a `refused` attachment shown as text, never a link;
 * attributes that are not an object give no attachments.
 */
export function attachmentsOf(message: TranscriptMessage): Attachment[] {
  const attributes = objectOf(message.attributes);
  const sources = [attributes?.attachments, attributes?.media, message.media];
  const out: Attachment[] = [];
  for (const source of sources) {
    if (source === undefined || source === null) continue;
    const list = Array.isArray(source) ? source : [source];
    for (const raw of list) {
      const a = attachmentOf(raw, out.length);
      if (a) out.push(a);
    }
  }
  return out;
}

/** A message as the transcript shows it: author, body and attachments masked for the access. */
export interface ShownMessage {
  readonly sid: string;
  readonly author: string | null;
  readonly body: string | null;
  readonly dateCreated: Date | null;
  readonly attachments: readonly Attachment[];
}

/**
 * A message as this access may see it, before anything renders it: the author masked as
 * a transcript author (a customer's `whatsapp:+1…`, number or email; an agent's identity
 * stays), and the body and attachment labels with the contacts inside them masked
 * (emails, schemed addresses, +numbers). Links stay as they are (their URLs were checked).
 */
export function shownMessage(masking: ContactMasking, message: TranscriptMessage): ShownMessage {
  return {
    sid: message.sid,
    author: masking.author(message.author),
    body: masking.text(message.body),
    dateCreated: message.dateCreated,
    attachments: attachmentsOf(message).map((a) =>
      a.kind === 'link' ? { ...a, label: masking.text(a.label) } : { ...a, label: masking.text(a.label), text: masking.text(a.text) },
    ),
  };
}

/** The rendered slice of the loaded messages: `[start, end)`, at most `TRANSCRIPT_WINDOW` long. */
export interface MessageWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * The window when `skipNewest` of the newest `loaded` messages are left out.
 *
 * Edge cases: `skipNewest` is clamped to what keeps a full window when there are enough
 * messages, and to 0 when there are fewer than a window.
 */
export function messageWindow(loaded: number, skipNewest: number): MessageWindow {
  const skip = Math.max(0, Math.min(skipNewest, loaded - TRANSCRIPT_WINDOW));
  const end = loaded - skip;
  return { start: Math.max(0, end - TRANSCRIPT_WINDOW), end };
}

/** `skipNewest` clamped to the range `messageWindow` accepts. */
export function clampSkip(loaded: number, skipNewest: number): number {
  return Math.max(0, Math.min(skipNewest, loaded - TRANSCRIPT_WINDOW));
}

/** A readable message for a failed load; never the raw error object. */
export function loadErrorText(error: unknown): string {
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return detail === '' ? 'The transcript could not be loaded.' : `The transcript could not be loaded: ${detail}`;
}
