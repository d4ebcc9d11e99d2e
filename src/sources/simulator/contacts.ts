/**
 * The people who contact the line (crisis supporters) and what each contact will do:
 * its attributes as Flex writes them, and its fate drawn up front (talk time, patience,
 * transfer, media), so the queueing code only has to play the fate out.
 */
import { WORKSPACE, type Channel, type Platform, type SupportType } from './catalog';
import { CUSTOMER_EMAIL_DOMAINS, emailLocalPart, randomName } from './names';
import { chance, clamp, digits, hex32, lognormal, pick, uniform, type Rng } from './prng';
import {
  CHANNEL_TALK_FACTOR,
  CUSTOMERS_PER_AGENT,
  MULTI_OFFER_SHARE,
  PATIENCE_MEDIAN_MS,
  PATIENCE_SIGMA,
  RECORDING_SHARE,
  RESERVATION_MEDIA_SHARE,
  SHORT_HANGUP_MS,
  SHORT_HANGUP_SHARE,
  SPAM_SMS_SHARE,
  TALK_MAX_MS,
  TALK_MEDIAN_MIN,
  TALK_MIN_MS,
  TALK_SIGMA,
  TICKET_LINK_SHARE,
  TRANSCRIPT_SHARE,
  TRANSFER_RANDOM_TARGET_SHARE,
  TRANSFER_SHARE,
  TRANSFER_TARGETS,
  WRAP_MAX_MS,
  WRAP_MEDIAN_MS,
  WRAP_MIN_MS,
  WRAP_SIGMA,
  MINUTE,
} from './tuning';

export interface Customer {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
}

/** The numbers the line publishes; fictional 555 numbers. */
export const VOICE_LINE_NUMBER = '+18005550134';
export const SMS_LINE_NUMBER = '+15555550188';

const RECORDINGS_BASE = `https://api.twilio.com/2010-04-01/Accounts/${WORKSPACE.accountSid}/Recordings`;
const TICKETS_BASE = 'https://tickets.example.org/case';

export function buildCustomerPool(rng: Rng, agents: number): Customer[] {
  const size = Math.max(200, agents * CUSTOMERS_PER_AGENT);
  const pool: Customer[] = [];
  for (let i = 0; i < size; i++) {
    const n = randomName(rng);
    pool.push({
      name: n.full,
      phone: `+1555${digits(rng, 7)}`,
      email: `${emailLocalPart(n)}${digits(rng, 2)}@${pick(rng, CUSTOMER_EMAIL_DOMAINS)}`,
    });
  }
  return pool;
}

/** Skewed towards the front of the pool: a few supporters call far more often than most. */
export function pickCustomer(rng: Rng, pool: readonly Customer[]): Customer {
  const u = rng.next();
  return pool[Math.floor(u * u * pool.length)];
}

export interface MediaItem {
  readonly type: 'VoiceRecording' | 'ChatTranscript' | 'Referenced';
  readonly url?: string;
  readonly sid?: string;
  readonly title?: string;
  readonly start_time?: number;
  readonly channels?: readonly string[];
}

export interface Conversations {
  conversation_id?: string;
  media?: MediaItem[];
}

/** Flex task attributes: the fields Flex and Flex Insights read, plus the line's own. */
export interface TaskAttributes {
  from: string;
  to?: string;
  direction: 'inbound';
  name: string;
  channelType: 'voice' | 'web' | 'sms';
  call_sid?: string;
  conversationSid?: string;
  support_type: SupportType;
  platform: Platform;
  customers: { name: string; phone?: string; email?: string };
  conversations: Conversations;
  reservation_attributes?: Record<string, { media: MediaItem[] }>;
  spam_suspected?: boolean;
  transferTargetType?: 'queue';
  transferQueueName?: string;
}

export interface ConversationIds {
  readonly callSid?: string;
  readonly conversationSid?: string;
}

export function newConversationIds(rng: Rng, channel: Channel): ConversationIds {
  return channel === 'voice' ? { callSid: `CA${hex32(rng)}` } : { conversationSid: `CH${hex32(rng)}` };
}

export function initialAttributes(
  channel: Channel,
  platform: Platform,
  supportType: SupportType,
  customer: Customer,
  ids: ConversationIds,
): TaskAttributes {
  if (channel === 'voice') {
    return {
      from: customer.phone,
      to: VOICE_LINE_NUMBER,
      direction: 'inbound',
      name: customer.name,
      channelType: 'voice',
      call_sid: ids.callSid,
      support_type: supportType,
      platform,
      customers: { name: customer.name, phone: customer.phone },
      conversations: {},
    };
  }
  if (channel === 'sms') {
    return {
      from: customer.phone,
      to: SMS_LINE_NUMBER,
      direction: 'inbound',
      name: customer.name,
      channelType: 'sms',
      conversationSid: ids.conversationSid,
      support_type: supportType,
      platform,
      customers: { name: customer.name, phone: customer.phone },
      conversations: {},
    };
  }
  return {
    from: customer.name,
    direction: 'inbound',
    name: customer.name,
    channelType: 'web',
    conversationSid: ids.conversationSid,
    support_type: supportType,
    platform,
    customers: { name: customer.name, email: customer.email },
    conversations: {},
  };
}

/** The attributes of the new task a cold transfer creates: same conversation, new queue. */
export function transferAttributes(original: TaskAttributes, originalTaskSid: string, target: SupportType, queueName: string): TaskAttributes {
  const next: TaskAttributes = {
    ...original,
    support_type: target,
    customers: { ...original.customers },
    conversations: { conversation_id: originalTaskSid },
    transferTargetType: 'queue',
    transferQueueName: queueName,
  };
  // Reservation-level media belongs to the first agent's leg, not to the new task.
  delete next.reservation_attributes;
  return next;
}

export function recordingMedia(rng: Rng, startMs: number): MediaItem {
  return {
    url: `${RECORDINGS_BASE}/RE${hex32(rng)}`,
    type: 'VoiceRecording',
    start_time: startMs,
    channels: ['customer', 'others'],
  };
}

export function transcriptMedia(conversationSid: string): MediaItem {
  return { type: 'ChatTranscript', sid: conversationSid };
}

export function ticketMedia(rng: Rng): MediaItem {
  const id = digits(rng, 6);
  return { url: `${TICKETS_BASE}/CASE-${id}`, type: 'Referenced', title: `Case ${id}` };
}

export function withConversationMedia(attrs: TaskAttributes, item: MediaItem): TaskAttributes {
  const media = [...(attrs.conversations.media ?? []), item];
  return { ...attrs, conversations: { ...attrs.conversations, media } };
}

export function withReservationMedia(attrs: TaskAttributes, reservationSid: string, item: MediaItem): TaskAttributes {
  return { ...attrs, reservation_attributes: { ...attrs.reservation_attributes, [reservationSid]: { media: [item] } } };
}

/** What will happen to a contact, decided when it arrives. */
export interface ContactPlan {
  readonly talkMs: number;
  readonly wrapMs: number;
  readonly transferTo?: SupportType;
  /** When the customer gives up waiting, measured from task creation; Infinity if never. */
  readonly patienceMs: number;
  readonly shortHangup: boolean;
  readonly multiOffer: boolean;
  readonly recording: boolean;
  readonly reservationMedia: boolean;
  readonly transcript: boolean;
  readonly ticket: boolean;
  readonly spam: boolean;
}

function drawTalkMs(rng: Rng, channel: Channel, supportType: SupportType): number {
  const median = TALK_MEDIAN_MIN[supportType] * MINUTE * CHANNEL_TALK_FACTOR[channel];
  return Math.round(clamp(lognormal(rng, median, TALK_SIGMA), TALK_MIN_MS, TALK_MAX_MS));
}

function drawWrapMs(rng: Rng, channel: Channel): number {
  return Math.round(clamp(lognormal(rng, WRAP_MEDIAN_MS[channel], WRAP_SIGMA), WRAP_MIN_MS, WRAP_MAX_MS));
}

function drawTransferTarget(rng: Rng, platform: Platform, from: SupportType, options: readonly SupportType[]): SupportType {
  if (!chance(rng, TRANSFER_RANDOM_TARGET_SHARE)) {
    const usual = TRANSFER_TARGETS[from];
    if (options.includes(usual)) return usual;
  }
  const others = options.filter((t) => t !== from && (platform === 'DIGI' || t !== 'technical_support'));
  return pick(rng, others);
}

function drawPatienceMs(rng: Rng, channel: Channel, shortHangup: boolean): number {
  if (shortHangup) return Math.round(uniform(rng, SHORT_HANGUP_MS.min, SHORT_HANGUP_MS.max));
  const median = PATIENCE_MEDIAN_MS[channel];
  if (!Number.isFinite(median)) return Infinity;
  return Math.round(lognormal(rng, median, PATIENCE_SIGMA));
}

export function drawPlan(
  rng: Rng,
  channel: Channel,
  platform: Platform,
  supportType: SupportType,
  options: readonly SupportType[],
  isTransfer: boolean,
): ContactPlan {
  const transferTo = !isTransfer && chance(rng, TRANSFER_SHARE) ? drawTransferTarget(rng, platform, supportType, options) : undefined;
  const shortHangup = !isTransfer && chance(rng, SHORT_HANGUP_SHARE[channel]);
  return {
    talkMs: drawTalkMs(rng, channel, supportType),
    wrapMs: drawWrapMs(rng, channel),
    transferTo,
    patienceMs: drawPatienceMs(rng, channel, shortHangup),
    shortHangup,
    multiOffer: chance(rng, MULTI_OFFER_SHARE),
    recording: channel === 'voice' && chance(rng, RECORDING_SHARE),
    reservationMedia: chance(rng, RESERVATION_MEDIA_SHARE),
    transcript: channel !== 'voice' && chance(rng, TRANSCRIPT_SHARE),
    ticket: chance(rng, TICKET_LINK_SHARE),
    spam: channel === 'sms' && !isTransfer && chance(rng, SPAM_SMS_SHARE),
  };
}
