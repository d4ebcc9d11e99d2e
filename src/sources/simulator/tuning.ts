/**
 * The knobs that make the simulated centre behave like a real one. Together they keep the
 * rates `summarize` reports near a real crisis line's: RONA 3–6 % of reservations, rejects
 * 2–4 %, abandons 5–8 % of contacts (a third of them short), busy 50–70 % of logged-in time.
 * Change one and check the others: queueing couples them.
 */
import type { AgentPlatform, Channel, SupportType } from './catalog';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface ShiftTemplate {
  readonly name: string;
  /** Minutes after midnight. */
  readonly startMin: number;
  readonly lengthMin: number;
  readonly weight: number;
}

/** Staggered starts; the night shift is the thinnest so cover drops in the small hours. */
export const SHIFT_TEMPLATES: readonly ShiftTemplate[] = [
  { name: 'night', startMin: 22 * 60, lengthMin: 510, weight: 0.12 },
  { name: 'early-6', startMin: 6 * 60, lengthMin: 510, weight: 0.09 },
  { name: 'early-7', startMin: 7 * 60, lengthMin: 510, weight: 0.1 },
  { name: 'day-8', startMin: 8 * 60, lengthMin: 510, weight: 0.12 },
  { name: 'day-9', startMin: 9 * 60, lengthMin: 510, weight: 0.1 },
  { name: 'day-10', startMin: 10 * 60, lengthMin: 510, weight: 0.07 },
  { name: 'part-10', startMin: 10 * 60, lengthMin: 240, weight: 0.04 },
  { name: 'mid-12', startMin: 12 * 60, lengthMin: 510, weight: 0.07 },
  { name: 'late-14', startMin: 14 * 60, lengthMin: 510, weight: 0.09 },
  { name: 'late-15', startMin: 15 * 60, lengthMin: 510, weight: 0.08 },
  { name: 'evening-16', startMin: 16 * 60, lengthMin: 510, weight: 0.08 },
  { name: 'part-18', startMin: 18 * 60, lengthMin: 240, weight: 0.04 },
];

/** Each agent works five days in seven; their two days off are consecutive. */
export const WORK_DAYS_PER_WEEK = 5;

export const AGENT_PLATFORM_WEIGHTS: Readonly<Record<AgentPlatform, number>> = {
  CISS: 0.5,
  DIGI: 0.25,
  BOTH: 0.25,
};

/** Share of agents skilled for the rarer, harder support types. */
export const IMMINENT_SKILL_SHARE = 0.75;
export const TECH_SKILL_SHARE = 0.35;

/** Concurrent digital conversations an agent can hold; voice is always one. */
export const DIGITAL_CAPACITY = 2;

/**
 * Offered load as a share of available capacity, by hour of day. Arrivals follow staffing
 * times this curve, so the small hours run cool and the evening peak runs past capacity.
 */
export const OCCUPANCY_BY_HOUR: readonly number[] = [
  0.66, 0.62, 0.58, 0.56, 0.56, 0.58, 0.66, 0.75, 0.82, 0.86, 0.88, 0.9,
  0.9, 0.88, 0.86, 0.88, 0.93, 1.0, 1.08, 1.16, 1.2, 1.1, 0.96, 0.78,
];

/** Square-root staffing margin: a pool of n servers runs this over √(n+1) below the curve. */
export const SMALL_POOL_MARGIN = 1.0;

/** Scheduled agents are not all taking work: breaks, wrap-up gaps, RONA penalties. */
export const AVAILABLE_SHARE = 0.86;

/** A trickle of contacts arrives even when no one on a platform is rostered. */
export const CAPACITY_FLOOR = 0.25;

/** Day-to-day wobble of demand, ± this share. */
export const DAILY_LOAD_SPREAD = 0.06;

export const SURGES_PER_DAY = { min: 1, max: 3 } as const;
export const SURGE_WINDOW_HOURS = { from: 8, to: 22 } as const;
export const SURGE_MINUTES = { min: 30, max: 90 } as const;
export const SURGE_FACTOR = { min: 1.15, max: 1.4 } as const;

export const DIGITAL_CHAT_SHARE = 0.62;

export const SUPPORT_TYPE_WEIGHTS: Readonly<Record<SupportType, number>> = {
  check_in: 0.22,
  check_out: 0.2,
  safety: 0.12,
  support: 0.24,
  debrief: 0.13,
  imminent: 0.04,
  technical_support: 0.05,
};

/** Median conversation minutes on a voice call, by support type. */
export const TALK_MEDIAN_MIN: Readonly<Record<SupportType, number>> = {
  check_in: 5,
  check_out: 5.5,
  safety: 13,
  support: 16,
  debrief: 14,
  imminent: 25,
  technical_support: 9,
};

/** Typed conversations run longer than spoken ones. */
export const CHANNEL_TALK_FACTOR: Readonly<Record<Channel, number>> = {
  voice: 1,
  chat: 1.7,
  sms: 2.1,
};

export const TALK_SIGMA = 0.55;
export const TALK_MIN_MS = 30_000;
export const TALK_MAX_MS = 110 * MINUTE;

export const WRAP_MEDIAN_MS: Readonly<Record<Channel, number>> = {
  voice: 70_000,
  chat: 95_000,
  sms: 95_000,
};
export const WRAP_SIGMA = 0.6;
export const WRAP_MIN_MS = 5_000;
export const WRAP_MAX_MS = 15 * MINUTE;

/** Workflow evaluation before the first reservation. */
export const ROUTING_DELAY_MS = { min: 150, max: 900 } as const;

export const ACCEPT_MEDIAN_MS = 5_500;
export const ACCEPT_SIGMA = 0.5;
export const ACCEPT_MIN_MS = 1_200;
export const ACCEPT_MAX_MS = 25_000;

export const RESERVATION_TIMEOUT_MS = 30_000;
export const REJECT_DELAY_MS = { min: 1_500, max: 12_000 } as const;
export const RONA_SHARE = 0.045;
export const REJECT_SHARE = 0.03;
export const MULTI_OFFER_SHARE = 0.07;
/** How long a RONA'd agent takes to notice and make themselves Available again. */
export const RONA_RECOVERY_MS = { min: 40_000, max: 300_000 } as const;

export const TRANSFER_SHARE = 0.068;
/** A cold transfer happens once the first agent has triaged the contact. */
export const TRANSFER_TALK_FACTOR = 0.35;
export const TRANSFER_WRAP_FACTOR = 0.4;

/** Where a cold transfer usually goes, before a share of random redirections. */
export const TRANSFER_TARGETS: Readonly<Record<SupportType, SupportType>> = {
  check_in: 'support',
  check_out: 'debrief',
  safety: 'imminent',
  support: 'safety',
  debrief: 'support',
  imminent: 'safety',
  technical_support: 'support',
};
export const TRANSFER_RANDOM_TARGET_SHARE = 0.3;

/** Customers who give up almost at once (misdials, second thoughts). */
export const SHORT_HANGUP_SHARE: Readonly<Record<Channel, number>> = { voice: 0.028, chat: 0.022, sms: 0 };
export const SHORT_HANGUP_MS = { min: 700, max: 4_900 } as const;

/** Median patience of everyone else; SMS senders never hang up, they wait for the timeout. */
export const PATIENCE_MEDIAN_MS: Readonly<Record<Channel, number>> = { voice: 200_000, chat: 420_000, sms: Infinity };
export const PATIENCE_SIGMA = 1.0;

/** The workflow's task timeout, per channel. */
export const WORKFLOW_TIMEOUT_MS: Readonly<Record<Channel, number>> = {
  voice: 10 * MINUTE,
  chat: 12 * MINUTE,
  sms: 5 * MINUTE,
};

/** Workflow escalation: a task still waiting this long moves to the wider queue. */
export const ESCALATIONS: Readonly<Partial<Record<SupportType, { readonly to: SupportType; readonly afterMs: number }>>> = {
  check_in: { to: 'support', afterMs: 120_000 },
  check_out: { to: 'support', afterMs: 120_000 },
  debrief: { to: 'support', afterMs: 135_000 },
  technical_support: { to: 'support', afterMs: 150_000 },
};

/** The intake flow flags the odd spam SMS; the workflow parks it and a supervisor deletes it. */
export const SPAM_SMS_SHARE = 0.006;
export const SPAM_DELETE_MS = { min: 15_000, max: 90_000 } as const;

/** Chats are live conversations; an SMS can wait a little longer behind them. */
export const CHANNEL_PRIORITY: Readonly<Record<Channel, number>> = { voice: 1, chat: 1, sms: 0 };

export const PRIORITY: Readonly<Record<SupportType, number>> = {
  check_in: 0,
  check_out: 0,
  safety: 20,
  support: 0,
  debrief: 0,
  imminent: 50,
  technical_support: 0,
};

/** Media attached to tasks. */
export const RECORDING_SHARE = 0.7;
export const RESERVATION_MEDIA_SHARE = 0.12;
export const TRANSCRIPT_SHARE = 0.55;
export const TICKET_LINK_SHARE = 0.09;

/** Supporters contact the line repeatedly; the pool is this many per agent. */
export const CUSTOMERS_PER_AGENT = 30;

export const TRAINING_SHARE = 0.1;
export const ATTRIBUTE_UPDATE_SHARE = 0.025;
