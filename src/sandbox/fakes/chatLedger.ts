/**
 * The sandbox's chats as the Conversations service would know them: for each chat the
 * simulator ran (its `CH…` sid, from the task's `conversationSid`), the customer's address
 * (the task's `from`: a phone number for SMS, the name given for web chat), and each
 * engagement: the ISS's Flex identity, from when they accepted to when they wrapped up. A
 * transferred chat keeps its sid, so its engagements follow one another. The centre notes
 * every event it plays, history days included, so any chat of the simulated month is here.
 */
import { flexIdentityOf } from '../../core';
import type { SimEvent } from '../../sources/simulator';

export interface ChatEngagement {
  /** The ISS's Flex identity (what the SDK gives as a message's author). */
  readonly identity: string;
  readonly name: string;
  readonly start: number;
  readonly end?: number;
}

export interface ChatFacts {
  readonly sid: string;
  /** The customer's address: their messages' author. */
  readonly customer: string;
  /** The first engagement's start. */
  readonly start: number;
  /** The last engagement's end; absent while one is open. */
  readonly end?: number;
  readonly engagements: readonly ChatEngagement[];
}

interface Engagement {
  identity: string;
  name: string;
  start: number;
  end?: number;
}

interface Chat {
  customer: string;
  engagements: Engagement[];
}

/** Flex's encoding of a login as an identity, from the core (the plugin reads authors by it). */
export { flexIdentityOf };

function parsed(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const ENDS: ReadonlySet<string> = new Set(['reservation.wrapup', 'reservation.completed', 'reservation.canceled', 'reservation.rescinded']);

export class ChatLedger {
  private readonly chats = new Map<string, Chat>();
  /** Engagements still open, by reservation sid. */
  private readonly open = new Map<string, Engagement>();
  /** Flex identity by worker sid (read once from the worker's attributes). */
  private readonly identities = new Map<string, string>();

  /** Takes what a chat's record needs from one event; every other event costs one lookup. */
  note(ev: SimEvent): void {
    if (ev.type === 'reservation.accepted') this.accepted(ev);
    else if (ENDS.has(ev.type) && ev.reservation) {
      const e = this.open.get(ev.reservation.sid);
      if (e) {
        e.end = ev.timeMs;
        this.open.delete(ev.reservation.sid);
      }
    }
  }

  private accepted(ev: SimEvent): void {
    const { task, reservation, worker } = ev;
    if (!task || !reservation || !worker || task.channel === 'voice') return;
    const attributes = parsed(task.attributes);
    const sid = attributes.conversationSid;
    if (typeof sid !== 'string') return;
    let chat = this.chats.get(sid);
    if (!chat) {
      chat = { customer: typeof attributes.from === 'string' ? attributes.from : 'customer', engagements: [] };
      this.chats.set(sid, chat);
    }
    const engagement: Engagement = { identity: this.identityOf(worker.sid, worker.attributes), name: worker.name, start: ev.timeMs };
    chat.engagements.push(engagement);
    this.open.set(reservation.sid, engagement);
  }

  private identityOf(workerSid: string, attributes: string): string {
    let identity = this.identities.get(workerSid);
    if (identity === undefined) {
      const email = parsed(attributes).email;
      identity = flexIdentityOf(typeof email === 'string' ? email : workerSid);
      this.identities.set(workerSid, identity);
    }
    return identity;
  }

  /** A chat's facts as of now, or undefined for a sid the simulator never ran. */
  chat(sid: string): ChatFacts | undefined {
    const chat = this.chats.get(sid);
    if (!chat || chat.engagements.length === 0) return undefined;
    const engagements = chat.engagements.map((e) => ({ ...e }));
    const open = engagements.some((e) => e.end === undefined);
    return {
      sid,
      customer: chat.customer,
      start: Math.min(...engagements.map((e) => e.start)),
      end: open ? undefined : Math.max(...engagements.map((e) => e.end as number)),
      engagements,
    };
  }

  /** How many chats are recorded. */
  get size(): number {
    return this.chats.size;
  }
}
