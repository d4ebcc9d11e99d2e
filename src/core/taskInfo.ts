/**
 * What the model takes from a task's attributes: the key of its conversation, the
 * identifiers it carries, the customer's name and contact, and the media links of the task
 * and its reservations.
 */
import type { Attributes } from './events';
import { taskIdentifiersOf } from './identifiers';

export interface TaskInfo {
  /** Undefined when the attributes name no conversation: the task's own sid is the key. */
  readonly conversationKey?: string;
  /**
   * The identifiers the attributes carry (`taskIdentifiersOf`: conversation id, call,
   * conversation and channel sids), when they say more than the key alone; else undefined.
   */
  readonly identifiers?: readonly string[];
  readonly customerName?: string;
  readonly customerContact?: string;
  readonly media?: readonly unknown[];
  readonly reservationMedia?: Readonly<Record<string, readonly unknown[]>>;
}

function nonEmpty(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** What the model takes from task attributes (conversation key, identifiers, customer, media links); blank strings are absent. */
export function taskInfoOf(attributes: Attributes): TaskInfo {
  const conversations = obj(attributes.conversations);
  const customers = obj(attributes.customers);
  const conversationKey =
    nonEmpty(conversations?.conversation_id) ??
    nonEmpty(attributes.call_sid) ??
    nonEmpty(attributes.conversationSid) ??
    nonEmpty(attributes.channelSid);
  const customerName =
    nonEmpty(customers?.name) ?? nonEmpty(attributes.name) ?? nonEmpty(attributes.from) ?? nonEmpty(attributes.caller);
  const customerContact =
    nonEmpty(customers?.phone) ?? nonEmpty(customers?.email) ?? nonEmpty(attributes.from) ?? nonEmpty(attributes.caller);
  const media = Array.isArray(conversations?.media) ? (conversations?.media as unknown[]) : undefined;
  let reservationMedia: Record<string, unknown[]> | undefined;
  const ra = obj(attributes.reservation_attributes);
  if (ra) {
    for (const [sid, v] of Object.entries(ra)) {
      const list = obj(v)?.media;
      if (Array.isArray(list)) (reservationMedia ??= {})[sid] = list;
    }
  }
  const ids = taskIdentifiersOf(attributes);
  // Most tasks carry one identifier, their key: no list is kept for it.
  const identifiers = ids.length > 1 || (ids.length === 1 && ids[0] !== conversationKey) ? ids : undefined;
  return { conversationKey, identifiers, customerName, customerContact, media, reservationMedia };
}

/** Does the info say more than the conversation key (a customer, a contact, media)? */
export function hasDetails(info: TaskInfo): boolean {
  return info.customerName !== undefined || info.customerContact !== undefined || info.media !== undefined || info.reservationMedia !== undefined;
}

const anonymousCache = new WeakMap<Attributes, Attributes>();
const NO_ATTRIBUTES: Attributes = Object.freeze({});

/**
 * Task attributes reduced to what the model needs of a conversation nobody in the session
 * may read: its key, as `conversations.conversation_id` (the join of transfers and the
 * abandon rule). No customer, no contact, no media, no transcript link, nothing else.
 * Empty (frozen) when the attributes name no conversation; one object per input object.
 */
export function anonymousTaskAttributes(attributes: Attributes): Attributes {
  let out = anonymousCache.get(attributes);
  if (out === undefined) {
    const key = taskInfoOf(attributes).conversationKey;
    out = key === undefined ? NO_ATTRIBUTES : Object.freeze({ conversations: Object.freeze({ conversation_id: key }) });
    anonymousCache.set(attributes, out);
  }
  return out;
}
