/**
 * What the transcript reads from the Conversations SDK, and the pure parts of showing it:
 * the message as shown (contacts masked for the access, the author as a person or a role),
 * its attachments, the window of messages that is rendered, and what a failed load means.
 * The client is the SDK's (`manager.conversationsClient`) handed in from `src/flex`, or
 * the sandbox's fake.
 */
import { isContactAddress, safeUrl, type ContactMasking, type ConversationDetail } from '../../core';
import type { Translate } from '../common/strings';

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

/** Who wrote a message, as the transcript says it. */
export type AuthorRole = 'customer' | 'agent' | 'system' | 'unknown';

export interface MessageAuthor {
  readonly role: AuthorRole;
  /** What the transcript shows: a person's name, else the role's label (`CS`, `ISS`). */
  readonly label: string;
  /** The role's label beside a name; absent when `label` is the role's label or the role is not known. */
  readonly roleLabel?: string;
}

/** The labels of the roles (Flex strings: `CS`, `ISS`, as the customer named them). */
export interface AuthorLabels {
  readonly customer: string;
  readonly agent: string;
  readonly system: string;
  readonly unknown: string;
}

/** Who the screen knows in this conversation, to turn message authors into people. */
export interface TranscriptPeople {
  readonly labels: AuthorLabels;
  /** The customer's name as the screen shows it (masked for the access already). */
  readonly customerName?: string;
  /** The customer's addresses the screen knows (phone, email, chat identity), masked for the access already. */
  readonly customerAddresses: readonly string[];
  /** Names of the ISS who engaged: an identity that is one of them (friendly-name identities) is that ISS. */
  readonly agentNames: readonly string[];
  /** Known Flex identities (a worker's `contact_uri` without `client:`) → the ISS's name. */
  readonly agentIdentities?: ReadonlyMap<string, string>;
}

/** People with nobody known: every author reads as a role. */
export function rolesOnly(labels: AuthorLabels): TranscriptPeople {
  return { labels, customerAddresses: [], agentNames: [] };
}

/** `client:jdoe_40example_2Ecom` → `jdoe_40example_2Ecom`, lower case. */
function identityKey(author: string): string {
  return author.trim().replace(/^client:/i, '').toLowerCase();
}

/** Flex writes an identity with every character but letters and digits as `_` and its hex code: `jdoe_40example_2Ecom` → `jdoe@example.com`. */
function decodedIdentity(identity: string): string {
  return identity.replace(/_([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The author of a message as a person or a role, for this access. In order:
 * 1. no author: `unknown`;
 * 2. `system` (Studio and the API write so): `system`;
 * 3. a known Flex identity (`agentIdentities`, with or without `client:`), or an identity
 *    that is, or decodes to, the name of an ISS who engaged: that ISS by name;
 * 4. the customer's own name or address (compared masked, as the screen holds them, with
 *    and without a channel scheme), or any phone number or channel address (`whatsapp:+1…`,
 *    `sms:…`: only customers write from those): the customer, by name when known, else `CS`;
 * 5. an email that is none of the above (a customer's or an ISS's, it cannot be told):
 *    the email masked for the access, role unknown;
 * 6. any other identity: an ISS whose name the screen does not know, shown as `ISS`.
 * The author's text is never shown unmasked: names come from the screen's masked detail.
 */
export function authorOf(people: TranscriptPeople, masking: ContactMasking, author: string | null): MessageAuthor {
  const { labels } = people;
  const raw = author?.trim() ?? '';
  if (raw === '') return { role: 'unknown', label: labels.unknown };
  if (raw.toLowerCase() === 'system') return { role: 'system', label: labels.system };
  const key = identityKey(raw);
  const known = people.agentIdentities && [...people.agentIdentities].find(([identity]) => identityKey(identity) === key)?.[1];
  const decoded = decodedIdentity(key);
  const named = known ?? people.agentNames.find((n) => n.trim().toLowerCase() === key || n.trim().toLowerCase() === decoded);
  if (named !== undefined) return { role: 'agent', label: named, roleLabel: labels.agent };
  const customer = (): MessageAuthor =>
    people.customerName ? { role: 'customer', label: people.customerName, roleLabel: labels.customer } : { role: 'customer', label: labels.customer };
  const asShown = [masking.author(raw), masking.author(raw.replace(SCHEME, ''))];
  const customerTexts = [people.customerName, ...people.customerAddresses].filter((x): x is string => x !== undefined && x !== '');
  if (asShown.some((a) => a !== null && customerTexts.includes(a))) return customer();
  if (isContactAddress(raw) && !raw.includes('@')) return customer();
  if (raw.includes('@')) return { role: 'unknown', label: masking.author(raw) ?? labels.unknown };
  return { role: 'agent', label: labels.agent };
}

/** A message as the transcript shows it: author, body and attachments masked for the access. */
export interface ShownMessage {
  readonly sid: string;
  /** The author as sent, masked for the access (a customer's address never shows in full). */
  readonly author: string | null;
  /** The author as a person or a role (`authorOf`). */
  readonly by: MessageAuthor;
  readonly body: string | null;
  readonly dateCreated: Date | null;
  readonly attachments: readonly Attachment[];
}

/** Labels in English, for callers without Flex strings (the defaults of `src/views/common/strings.ts`). */
const DEFAULT_LABELS: AuthorLabels = { customer: 'CS', agent: 'ISS', system: 'System', unknown: 'Unknown author' };

/**
 * A message as this access may see it, before anything renders it: the author masked as
 * a transcript author (a customer's `whatsapp:+1…`, number or email; an agent's identity
 * stays) and named as a person or role (`authorOf`), and the body and attachment labels
 * with the contacts inside them masked (emails, schemed addresses, +numbers). Links stay as
 * they are (their URLs were checked).
 */
export function shownMessage(masking: ContactMasking, message: TranscriptMessage, people: TranscriptPeople = rolesOnly(DEFAULT_LABELS)): ShownMessage {
  return {
    sid: message.sid,
    author: masking.author(message.author),
    by: authorOf(people, masking, message.author),
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

/**
 * Why a transcript could not be read. The Conversations SDK (2.x) rejects
 * `getConversationBySid` and `getMessages` with Twilsock's upstream error when the REST
 * call behind them fails: `status` is the HTTP status (404, 403), `message` and
 * `description` its text (`Not Found`, `Forbidden`), `body` Twilio's error (`{ status,
 * code, message }`: 50350 conversation not found, 20404 not found, 20403 forbidden, 50107
 * unauthorized, 50430 not a participant). A conversation missing from every source is a
 * plain `Error('Conversation with SID … was not found.')`.
 */
export type TranscriptProblem =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'forbidden' }
  | {
      readonly kind: 'failed';
      /** The SDK's own text: for the console, never the screen. */
      readonly detail?: string;
      /** The sign-in was refused (401): the user can fix that by signing in again. */
      readonly signIn?: boolean;
    };

const NOT_FOUND_CODES: ReadonlySet<number> = new Set([404, 20404, 50350]);
const FORBIDDEN_CODES: ReadonlySet<number> = new Set([403, 20403, 50107, 50430]);
const NOT_FOUND_TEXT = /\bnot found\b|\bdoes not exist\b|\bno longer exists\b/i;
const FORBIDDEN_TEXT = /\bforbidden\b|\bnot (?:a )?participant\b|\bpermission\b|\bnot authori[sz]ed\b|\bunauthori[sz]ed to\b|\baccess denied\b/i;

function numberOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/**
 * What a failed load means, read defensively: HTTP statuses first (`status`,
 * `body.status`), then Twilio codes (`code`, `body.code`), then the texts (`message`,
 * `description`, `body.message`). Edge cases: 401 (an expired or bad token) is neither
 * not-found nor forbidden but a failure of the sign-in, with its text; anything that is not an object
 * or string is a failure without detail.
 */
export function transcriptProblemOf(error: unknown): TranscriptProblem {
  const e = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const body = objectOf(e.body) ?? {};
  const texts = [typeof error === 'string' ? error : e.message, e.description, body.message].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  const statuses = [numberOf(e.status), numberOf(body.status)].filter((x): x is number => x !== undefined);
  const codes = [numberOf(e.code), numberOf(body.code)].filter((x): x is number => x !== undefined);
  const detail = texts[0]?.trim();
  if (statuses.some((s) => NOT_FOUND_CODES.has(s))) return { kind: 'not-found' };
  if (statuses.some((s) => FORBIDDEN_CODES.has(s))) return { kind: 'forbidden' };
  if (statuses.includes(401)) return { kind: 'failed', detail, signIn: true };
  if (statuses.length > 0) return { kind: 'failed', detail };
  if (codes.some((c) => NOT_FOUND_CODES.has(c))) return { kind: 'not-found' };
  if (codes.some((c) => FORBIDDEN_CODES.has(c))) return { kind: 'forbidden' };
  if (texts.some((x) => NOT_FOUND_TEXT.test(x))) return { kind: 'not-found' };
  if (texts.some((x) => FORBIDDEN_TEXT.test(x))) return { kind: 'forbidden' };
  return { kind: 'failed', detail };
}

/**
 * The sentence the screen shows for a problem: which one it is, never an empty pane, and
 * never the SDK's own text (`detail` goes to the console).
 */
export function transcriptProblemText(problem: TranscriptProblem, t: Translate): string {
  switch (problem.kind) {
    case 'not-found':
      return t('SupervisorInsightsTranscriptNotFound');
    case 'forbidden':
      return t('SupervisorInsightsTranscriptForbidden');
    case 'failed':
      return problem.signIn ? t('SupervisorInsightsTranscriptSignIn') : t('SupervisorInsightsTranscriptFailed');
  }
}

/** The role labels as the customer named them in Flex's strings. */
export function authorLabels(t: Translate): AuthorLabels {
  return {
    customer: t('SupervisorInsightsCustomer'),
    agent: t('SupervisorInsightsAgent'),
    system: t('SupervisorInsightsSystemAuthor'),
    unknown: t('SupervisorInsightsUnknownAuthor'),
  };
}

/**
 * Who the screen knows of a conversation: its customer (the masked name and contact of the
 * detail) and the ISS who engaged (by name), with their chat identities: the host's, else
 * those the engagements carry (from the workers' `contact_uri` or login).
 */
export function transcriptPeopleOf(detail: ConversationDetail, labels: AuthorLabels, hostIdentities?: ReadonlyMap<string, string>): TranscriptPeople {
  const agentNames = [...new Set(detail.segments.flatMap((s) => (s.kind === 'engagement' && s.agentName ? [s.agentName] : [])))];
  const engaged = detail.segments.flatMap((s): [string, string][] => (s.agentIdentity && s.agentName ? [[s.agentIdentity, s.agentName]] : []));
  const agentIdentities = hostIdentities ?? (engaged.length > 0 ? new Map(engaged) : undefined);
  return {
    labels,
    customerName: detail.customerName,
    customerAddresses: detail.customerContact ? [detail.customerContact] : [],
    agentNames,
    agentIdentities,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether two people name every author alike (a live update that changed nobody keeps the transcript's rendering). */
export function samePeople(a: TranscriptPeople, b: TranscriptPeople): boolean {
  const la = a.labels;
  const lb = b.labels;
  return (
    la.customer === lb.customer &&
    la.agent === lb.agent &&
    la.system === lb.system &&
    la.unknown === lb.unknown &&
    a.customerName === b.customerName &&
    sameList(a.customerAddresses, b.customerAddresses) &&
    sameList(a.agentNames, b.agentNames) &&
    a.agentIdentities === b.agentIdentities
  );
}
