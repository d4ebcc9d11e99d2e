/**
 * Masking of whole events, for whatever leaves a place that may see contacts for one that
 * may not: the history function's pages, the browser cache, exports. Field-level masking
 * (`maskContact`, `maskedName`) stays in `roles.ts`; this file applies it to the task
 * attributes an event carries.
 *
 * What is masked, for an access without `seesContacts`:
 * - the customer fields the model reads (`taskInfo.ts`): `from`, `caller`, `to`, `name`,
 *   `customerAddress`, `customers.name` / `phone` / `email`, masked as a contact (a
 *   name keeps its words and loses the digits of a phone number inside it);
 * - anywhere else in the attributes, at any depth: an email address, an address with a
 *   channel scheme (`whatsapp:+1555…`, `sms:…`, `tel:…`) and an international number
 *   (`+` and 7 to 15 digits, separators allowed) are masked where they stand. Other text
 *   is left as it is: sids and media links carry long digit runs that are not phones.
 * Worker attributes are the agents' own and are not touched.
 *
 * `rewriteContacts` is the walk itself, with the rewrite of each kind of field passed in:
 * masking uses it as above, the lakehouse export to hash (or mask whole) every customer
 * field, the other fields of a customer object (`customers`, `pre_engagement_data`) too.
 *
 * `maskingOf(access)` is the one entry point the rest of the code uses (views, CSV, the
 * drill-down and its transcript, the store's selectors, the browser cache, the history
 * function): no other place asks whether an access sees contacts.
 */
import type { Attributes, TrEvent } from './events';
import { maskContact, maskedName, type Access } from './roles';

/** Attribute keys that hold the customer's name or address. */
const CONTACT_KEYS: ReadonlySet<string> = new Set(['from', 'caller', 'to', 'customerAddress', 'customer_address']);
const NAME_KEYS: ReadonlySet<string> = new Set(['name', 'customerName', 'customer_name']);
/** Objects whose every field describes the customer (Flex's `customers`, a web chat's pre-engagement form). */
const CUSTOMER_OBJECTS: ReadonlySet<string> = new Set(['customers', 'customer', 'pre_engagement_data', 'preEngagementData']);
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;
const SCHEMED = /\b(?:whatsapp|sms|tel|mms|messenger):\+?\d[\d\s().-]{4,}\d/gi;
const INTERNATIONAL = /(?<![\w+])\+\d(?:[\s().-]?\d){6,14}(?!\w)/g;

/** Deeper than this, attributes are not walked (the live source drops deeper ones before). */
const MAX_DEPTH = 64;

/** Each contact inside free text (an email, a schemed address, a +number) replaced where it stands by `replace(contact)`. */
export function replaceContactsInText(text: string, replace: (contact: string) => string): string {
  return text.replace(EMAIL, replace).replace(SCHEMED, replace).replace(INTERNATIONAL, replace);
}

/** Contacts inside free text masked where they stand (emails, schemed addresses, +numbers). */
export function maskContactsInText(access: Access, text: string): string {
  if (access.seesContacts) return text;
  return replaceContactsInText(text, (m) => maskContact(access, m) as string);
}

/** A masked word keeps its first character: `Robin Doe` is `R••• D•••`; what was masked already stays. */
export function initialsOnly(text: string): string {
  return text.replace(/\S+/g, (word) => (word.includes('•') ? word : `${[...word][0]}•••`));
}

/**
 * How task attributes' customer fields are rewritten (masked for a role, hashed or masked
 * for the lakehouse). Each function gets a whole string value.
 */
export interface ContactRewrite {
  /** A customer's address at a contact key (`from`, `caller`, `to`, `customerAddress`, any `phone` or `email`). */
  readonly contact: (value: string) => string;
  /** A customer's name at a name key (`name`, `customerName`). */
  readonly name: (value: string) => string;
  /** Any other text: the contacts inside it rewritten where they stand. */
  readonly text: (value: string) => string;
  /** Any other text inside an object that describes the customer (`customers`, `pre_engagement_data`); `text` when absent. */
  readonly customerText?: (value: string) => string;
}

function rewriteValue(rewrite: ContactRewrite, key: string | undefined, value: unknown, depth: number, customer: boolean): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && CONTACT_KEYS.has(key)) return rewrite.contact(value);
    if (key !== undefined && NAME_KEYS.has(key)) return rewrite.name(value);
    return customer && rewrite.customerText ? rewrite.customerText(value) : rewrite.text(value);
  }
  if (typeof value === 'number' && key !== undefined && CONTACT_KEYS.has(key)) return rewrite.contact(String(value));
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return mapKeepingSame(value, (v) => rewriteValue(rewrite, undefined, v, depth + 1, customer));
  return rewriteRecord(rewrite, value as Record<string, unknown>, depth + 1, customer);
}

function rewriteRecord(rewrite: ContactRewrite, record: Readonly<Record<string, unknown>>, depth: number, customer: boolean): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(record)) {
    const keyHint = k === 'phone' || k === 'email' ? 'from' : k;
    const m = rewriteValue(rewrite, keyHint, v, depth, customer || CUSTOMER_OBJECTS.has(k));
    if (m !== v) (out ??= { ...record })[k] = m;
  }
  return out ?? record;
}

/**
 * Task attributes with every customer field rewritten: contact keys, name keys, the fields
 * of customer objects, and contacts inside any other text, at any depth. The same object
 * when nothing changed.
 */
export function rewriteContacts(attributes: Attributes, rewrite: ContactRewrite): Attributes {
  return rewriteRecord(rewrite, attributes, 0, false);
}

/** Task attributes as this access may see them; the same object when nothing needed masking. */
export function maskAttributes(access: Access, attributes: Attributes): Attributes {
  if (access.seesContacts) return attributes;
  return rewriteContacts(attributes, {
    contact: (v) => maskedName(access, v, v) as string,
    name: (v) => maskContactsInText(access, maskedName(access, v, undefined) as string),
    text: (v) => maskContactsInText(access, v),
  });
}

/** An event as this access may see it: its task attributes masked; the same object when nothing changed. */
export function maskEvent(access: Access, event: TrEvent): TrEvent {
  if (access.seesContacts || event.taskAttributes === undefined) return event;
  const taskAttributes = maskAttributes(access, event.taskAttributes);
  return taskAttributes === event.taskAttributes ? event : { ...event, taskAttributes };
}

/** Events as this access may see them (a new array only when something changed). */
export function maskEvents(access: Access, events: readonly TrEvent[]): readonly TrEvent[] {
  if (access.seesContacts) return events;
  return mapKeepingSame(events, (e) => maskEvent(access, e));
}

/** The list with `f` applied to each item: the same list when `f` changed none. */
function mapKeepingSame<T>(list: readonly T[], f: (item: T) => T): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const m = f(list[i]);
    if (m !== list[i]) (out ??= list.slice())[i] = m;
  }
  return out ?? list;
}

/**
 * A transcript message's author for this access. Customers write as their address
 * (`whatsapp:+15551234567`, `+447700900123`, `sms:+44…`, an email) or a name that may carry
 * one (`John Smith (+1 555 123 4567)`): masked like a customer's name. An agent's identity
 * (`jdoe_40example_2Ecom`, `client:jdoe`) carries no contact and stays. An author that is
 * a plain email is masked whoever wrote it (privacy first). `null` stays `null`.
 */
export function maskedAuthor(access: Access, author: string | null): string | null {
  if (author === null || access.seesContacts) return author;
  return maskContactsInText(access, maskedName(access, author, undefined) as string);
}

/** A conversation list row as far as masking goes (`ConversationRow` and its kin). */
interface RowWithCustomer {
  readonly customerName?: string;
}

/** A frozen day as far as masking goes (`DaySnapshot`): its conversation rows. */
interface DayWithRows<R extends RowWithCustomer> {
  readonly conversations: readonly R[];
}

/** Everything that may carry a customer's contact, masked for one access. */
export interface ContactMasking {
  /** A customer's name (`contact` is their address, when known: a name equal to it is masked as it). */
  name(name: string | undefined, contact?: string): string | undefined;
  /** A customer's phone number or email. */
  contact(contact: string | undefined): string | undefined;
  /** Free text (a message body, a label): emails, schemed addresses and +numbers inside it. */
  text(text: string): string;
  text(text: string | null): string | null;
  /** A transcript author: customers' addresses masked, agents' identities kept. */
  author(author: string | null): string | null;
  /** Events' task attributes (a new array only when something changed). */
  events(events: readonly TrEvent[]): readonly TrEvent[];
  /** Conversation rows' customer names (the same array when nothing changed). */
  rows<R extends RowWithCustomer>(rows: readonly R[]): readonly R[];
  /** A frozen day with its conversation rows masked (the same object when nothing changed). */
  day<D extends DayWithRows<RowWithCustomer>>(day: D): D;
}

/**
 * The masking of an access: every field that may carry a customer's phone number or email,
 * masked when the access has no `seesContacts`, else as given. Masking is idempotent: what
 * was masked once (a cached row, an event masked before it travelled) is unchanged by a
 * second pass.
 */
export function maskingOf(access: Access): ContactMasking {
  const rows = <R extends RowWithCustomer>(list: readonly R[]): readonly R[] =>
    mapKeepingSame(list, (row) => {
      const name = maskedName(access, row.customerName, undefined);
      return name === row.customerName ? row : { ...row, customerName: name };
    });
  return {
    name: (name, contact) => maskedName(access, name, contact),
    contact: (contact) => maskContact(access, contact),
    text: ((text: string | null) => (text === null ? null : maskContactsInText(access, text))) as ContactMasking['text'],
    author: (author) => maskedAuthor(access, author),
    events: (events) => maskEvents(access, events),
    rows,
    day: (day) => {
      const conversations = rows(day.conversations);
      return conversations === day.conversations ? day : { ...day, conversations };
    },
  };
}
