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
 */
import type { Attributes, TrEvent } from './events';
import { maskContact, maskedName, type Access } from './roles';

/** Attribute keys that hold the customer's name or address. */
const CONTACT_KEYS: ReadonlySet<string> = new Set(['from', 'caller', 'to', 'customerAddress', 'customer_address']);
const NAME_KEYS: ReadonlySet<string> = new Set(['name', 'customerName', 'customer_name']);
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;
const SCHEMED = /\b(?:whatsapp|sms|tel|mms|messenger):\+?\d[\d\s().-]{4,}\d/gi;
const INTERNATIONAL = /(?<![\w+])\+\d(?:[\s().-]?\d){6,14}(?!\w)/g;

/** Deeper than this, attributes are not walked (the live source drops deeper ones before). */
const MAX_DEPTH = 64;

/** Contacts inside free text masked where they stand (emails, schemed addresses, +numbers). */
export function maskContactsInText(access: Access, text: string): string {
  if (access.seesContacts) return text;
  const mask = (m: string): string => maskContact(access, m) as string;
  return text.replace(EMAIL, mask).replace(SCHEMED, mask).replace(INTERNATIONAL, mask);
}

function maskValue(access: Access, key: string | undefined, value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && CONTACT_KEYS.has(key)) return maskedName(access, value, value);
    if (key !== undefined && NAME_KEYS.has(key)) return maskContactsInText(access, maskedName(access, value, undefined) as string);
    return maskContactsInText(access, value);
  }
  if (typeof value === 'number' && key !== undefined && (CONTACT_KEYS.has(key) || key === 'phone')) return maskContact(access, String(value));
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const m = maskValue(access, undefined, v, depth + 1);
      if (m !== v) changed = true;
      return m;
    });
    return changed ? out : value;
  }
  return maskRecord(access, value as Record<string, unknown>, depth + 1);
}

function maskRecord(access: Access, record: Readonly<Record<string, unknown>>, depth: number): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(record)) {
    const keyHint = k === 'phone' || k === 'email' ? 'from' : k;
    const m = maskValue(access, keyHint, v, depth);
    if (m !== v) (out ??= { ...record })[k] = m;
  }
  return out ?? record;
}

/** Task attributes as this access may see them; the same object when nothing needed masking. */
export function maskAttributes(access: Access, attributes: Attributes): Attributes {
  if (access.seesContacts) return attributes;
  return maskRecord(access, attributes, 0);
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
  let out: TrEvent[] | undefined;
  for (let i = 0; i < events.length; i++) {
    const m = maskEvent(access, events[i]);
    if (m !== events[i]) (out ??= events.slice())[i] = m;
  }
  return out ?? events;
}
