/**
 * Metric accumulators and the metric definitions of MODEL.md §4. An accumulator holds
 * sums and counts only, so a conversation's contribution can be added and later taken
 * back (sign -1) when one of its events changes it, and cells merge by addition.
 */

/** Sums and counts behind every metric of one cell (a slice in a period). */
export interface Accumulator {
  /** Distinct conversations first seen in this cell. */
  conversations: number;
  /** Queue segments. */
  offered: number;
  /** Agent engagements (accepted reservations). */
  handled: number;
  /** Conversations with no engagement whose last queue segment ended `Customer Left`. */
  abandoned: number;
  /** Reservations created (and never-accepted reservations first seen at their end). */
  invitations: number;
  rona: number;
  rejected: number;
  revoked: number;
  transfers: number;
  /** Wait of queue segments that ended `Accepted`. */
  waitSum: number;
  waitN: number;
  /** Accepted within the service level / accepted + long abandons. */
  slMet: number;
  slEligible: number;
  talkSum: number;
  talkN: number;
  wrapSum: number;
  wrapN: number;
  handleSum: number;
  handleN: number;
}

export function emptyAccumulator(): Accumulator {
  return {
    conversations: 0, offered: 0, handled: 0, abandoned: 0, invitations: 0, rona: 0, rejected: 0, revoked: 0,
    transfers: 0, waitSum: 0, waitN: 0, slMet: 0, slEligible: 0, talkSum: 0, talkN: 0, wrapSum: 0, wrapN: 0,
    handleSum: 0, handleN: 0,
  };
}

const ACC_KEYS = Object.keys(emptyAccumulator()) as (keyof Accumulator)[];

/** Adds `b` into `a` (roll an agent's cells up into a team or a day into a week). */
export function mergeAccumulator(a: Accumulator, b: Accumulator): Accumulator {
  for (const k of ACC_KEYS) a[k] += b[k];
  return a;
}

/** True when nothing was counted: such a cell is a slice with no data, left out of reports. */
export function isEmptyAccumulator(a: Accumulator): boolean {
  for (const k of ACC_KEYS) if (a[k] !== 0) return false;
  return true;
}

/** Rate rounded to 4 places; `null` for a zero denominator, never NaN. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator, 4) : null;
}

/** Mean of milliseconds in seconds rounded to 1 place; `null` when nothing ended. */
export function meanSec(sumMs: number, n: number): number | null {
  return n > 0 ? round(sumMs / n / 1000, 1) : null;
}

export function round(value: number, places: number): number {
  const f = 10 ** places;
  // Nudging by EPSILON makes 0.125 → 0.13 as people round, despite binary floating point.
  return Math.round((value + Math.sign(value) * Number.EPSILON * Math.abs(value)) * f) / f;
}

/** The metric set of a queue, support type, platform, period or the totals. */
export interface MetricSet {
  conversations: number;
  offered: number;
  handled: number;
  abandoned: number;
  abandonRate: number | null;
  invitations: number;
  rona: number;
  ronaRate: number | null;
  rejected: number;
  rejectRate: number | null;
  revoked: number;
  transfers: number;
  transferRate: number | null;
  avgWaitSec: number | null;
  serviceLevel: number | null;
  avgTalkSec: number | null;
  avgWrapSec: number | null;
  avgHandleSec: number | null;
}

/** The metric set of an agent or a team: the queue-only metrics are left out. */
export type AgentMetricSet = Omit<MetricSet, 'offered' | 'abandoned' | 'abandonRate' | 'avgWaitSec' | 'serviceLevel'>;

/** `abandonRate` = abandoned / conversations. */
export const abandonRate = (a: Accumulator): number | null => rate(a.abandoned, a.conversations);
/** `ronaRate` = reservations that timed out / invitations. */
export const ronaRate = (a: Accumulator): number | null => rate(a.rona, a.invitations);
/** `rejectRate` = rejected invitations / invitations. */
export const rejectRate = (a: Accumulator): number | null => rate(a.rejected, a.invitations);
/** `transferRate` = engagements followed by another segment of the conversation / handled. */
export const transferRate = (a: Accumulator): number | null => rate(a.transfers, a.handled);
/** `serviceLevel` = accepted within serviceLevelSec / (accepted + customer left after shortAbandonSec). */
export const serviceLevel = (a: Accumulator): number | null => rate(a.slMet, a.slEligible);
/** `avgWaitSec` (ASA) = mean wait of queue segments that ended Accepted. */
export const avgWaitSec = (a: Accumulator): number | null => meanSec(a.waitSum, a.waitN);
/** `avgTalkSec` = mean accepted → wrapup (or → completed without wrapup) of ended engagements. */
export const avgTalkSec = (a: Accumulator): number | null => meanSec(a.talkSum, a.talkN);
/** `avgWrapSec` = mean wrapup → completed, over engagements that had a wrapup. */
export const avgWrapSec = (a: Accumulator): number | null => meanSec(a.wrapSum, a.wrapN);
/** `avgHandleSec` = mean talk + wrap-up of ended engagements. */
export const avgHandleSec = (a: Accumulator): number | null => meanSec(a.handleSum, a.handleN);

export function metricSet(a: Accumulator): MetricSet {
  return {
    conversations: a.conversations,
    offered: a.offered,
    handled: a.handled,
    abandoned: a.abandoned,
    abandonRate: abandonRate(a),
    invitations: a.invitations,
    rona: a.rona,
    ronaRate: ronaRate(a),
    rejected: a.rejected,
    rejectRate: rejectRate(a),
    revoked: a.revoked,
    transfers: a.transfers,
    transferRate: transferRate(a),
    avgWaitSec: avgWaitSec(a),
    serviceLevel: serviceLevel(a),
    avgTalkSec: avgTalkSec(a),
    avgWrapSec: avgWrapSec(a),
    avgHandleSec: avgHandleSec(a),
  };
}

export function agentMetricSet(a: Accumulator): AgentMetricSet {
  const { offered: _o, abandoned: _a, abandonRate: _r, avgWaitSec: _w, serviceLevel: _s, ...agent } = metricSet(a);
  return agent;
}

/**
 * `loggedStatusPct`: share of logged-in time (every activity but `Offline`) in each
 * activity, 0–100 rounded to 2 places. No logged-in time gives an empty object.
 */
export function loggedStatusPct(activitySec: Readonly<Record<string, number>>, offline = 'Offline'): Record<string, number> {
  let logged = 0;
  for (const [name, sec] of Object.entries(activitySec)) if (name !== offline) logged += sec;
  const out: Record<string, number> = {};
  if (logged <= 0) return out;
  for (const [name, sec] of Object.entries(activitySec)) {
    if (name !== offline) out[name] = round((sec / logged) * 100, 2);
  }
  return out;
}
