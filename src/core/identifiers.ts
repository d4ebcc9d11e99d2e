/**
 * The identifiers an incident review starts from (a task sid from a ticket, a call sid
 * from a phone bill, a conversation sid from an email), recognised in free text. The find
 * box, the drill-down action and the history function all read them here.
 */

export const IDENTIFIER_KINDS = ['task', 'reservation', 'conversation', 'call'] as const;
/** `conversation` covers Conversations (`CH…`) and legacy Programmable Chat channel sids, which share the prefix. */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

const PREFIXES: Readonly<Record<string, IdentifierKind>> = { WT: 'task', WR: 'reservation', CH: 'conversation', CA: 'call' };

/** A Twilio sid of one of the kinds above: two letters and 32 hex digits. */
const SID = /^(WT|WR|CH|CA)[0-9a-fA-F]{32}$/;

export interface Identifier {
  readonly kind: IdentifierKind;
  /** The sid as Twilio writes it: prefix upper case, hex lower case. */
  readonly sid: string;
}

/**
 * The identifier a text is, once trimmed, or undefined when it is anything else (a name,
 * a part of a sid, another kind of sid).
 *
 * Edge cases: the prefix is accepted in any case and written upper case, the hex lower
 * case, as Twilio writes sids (`wt0A…` reads as `WT0a…`).
 */
export function identifierOf(text: string): Identifier | undefined {
  const t = text.trim();
  if (!SID.test(t.toUpperCase().slice(0, 2) + t.slice(2))) return undefined;
  const prefix = t.slice(0, 2).toUpperCase();
  return { kind: PREFIXES[prefix], sid: prefix + t.slice(2).toLowerCase() };
}

/** Every identifier inside a longer text (a URL, a pasted line), in order, each once. */
export function identifiersIn(text: string): Identifier[] {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/\b(?:WT|WR|CH|CA)[0-9a-fA-F]{32}\b/gi)) {
    const id = identifierOf(m[0]);
    if (id && !seen.has(id.sid)) {
      seen.add(id.sid);
      out.push(id);
    }
  }
  return out;
}

/** A conversation's sids by kind, and the identifiers that are no sid of a known kind. */
export type SidsByKind = Record<IdentifierKind, string[]> & { readonly other: string[] };

/**
 * A conversation's identifiers by kind, as the conversation screen and the Conversations
 * CSV list them: its task sids, then each sid of a known kind among `texts` (a row's
 * `sids`, a transcript's chat sid) under its prefix's kind, in order; a text that is no sid
 * of a known kind (a conversation id of the customer's own) under `other`. Edge cases: each
 * once, under the first kind that has it; `id` (the conversation key) is never repeated;
 * '' is left out.
 */
export function sidsByKind(id: string, taskSids: readonly string[], texts: readonly string[]): SidsByKind {
  const out: SidsByKind = { task: [], reservation: [], conversation: [], call: [], other: [] };
  const seen = new Set<string>([id]);
  const add = (kind: IdentifierKind | 'other', sid: string): void => {
    if (sid === '' || seen.has(sid)) return;
    seen.add(sid);
    out[kind].push(sid);
  };
  for (const sid of taskSids) add('task', sid);
  for (const t of texts) {
    const found = identifierOf(t);
    if (found) add(found.kind, found.sid);
    else add('other', t.trim());
  }
  return out;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * The identifiers a task's attributes carry that tie it to its conversation:
 * `conversations.conversation_id` (Flex Insights' key; a transfer's new task names the
 * first task's sid there), `call_sid`, `conversationSid`, `channelSid`. Whatever their
 * form: a conversation id need not be a sid.
 */
export function taskIdentifiersOf(attributes: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!attributes) return [];
  const conversations = attributes.conversations;
  const key = typeof conversations === 'object' && conversations !== null ? text((conversations as Record<string, unknown>).conversation_id) : undefined;
  const out: string[] = [];
  for (const v of [key, text(attributes.call_sid), text(attributes.conversationSid), text(attributes.channelSid)]) {
    if (v !== undefined && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * A Flex identity as Flex writes one from a login (an email): every character but letters
 * and digits as `_` and its hex code, `jdoe@example.com` → `jdoe_40example_2Ecom`.
 */
export function flexIdentityOf(login: string): string {
  return login.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The identity a worker writes chat messages under (what the Conversations SDK gives as a
 * message's author): the worker's `contact_uri` without `client:`, else their login (`email`)
 * as Flex encodes it; undefined when the attributes carry neither.
 */
export function workerIdentityOf(attributes: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const uri = text(attributes?.contact_uri);
  if (uri !== undefined && /^client:./i.test(uri)) return uri.slice('client:'.length);
  const email = text(attributes?.email);
  return email === undefined ? undefined : flexIdentityOf(email);
}
