/**
 * The Now tab: the live picture a team leader reads first.
 *
 * - Per support type, most urgent first (`byUrgency`: the config's `urgency`, default
 *   `imminent`, `safety`, then the others in config order), contacts waiting now and the
 *   longest wait per platform (the config's platforms: those named by channel, then the
 *   default), coloured by the Queues tab's thresholds (`thresholdsFor`, a support type's
 *   own where it has them). Every configured support type is listed, waiting or not.
 * - The agents the access may view, by state (`agentStates.ts`): on a contact, available,
 *   another logged-in activity, offline; with the time in their activity, and for those on
 *   a contact its support type, channel and age. Time in an activity or in wrap-up past
 *   the alert rules' limits (`agentLimitsOf`) is marked.
 * - Today's offers the agents let ring out (RONA) or rejected, as counts and as a list
 *   (agent, support type, time), latest first. An offer counts on the day it was made, as
 *   the agent day cells count it, so the counts equal the Agents tab's today.
 */
import {
  agentLimitsOf,
  agentsInScope,
  byUrgency,
  countAgents,
  invitationOutcome,
  isAvailable,
  isLoggedIn,
  mayViewAgent,
  platformOf,
  supportTypeOf,
  thresholdsFor,
  thresholdsOf,
  workersOnContact,
  type ActiveEngagement,
  type AgentCounts,
  type AgentLimits,
  type AlertRule,
  type EngineConfig,
  type Thresholds,
} from '../../core';
import { memo, selectWaitingNow, type InsightsState } from '../../store';
import { statusOf, worstOf, type TileStatus } from '../queues/queuesTab.selectors';

/** States in the order the agent list shows them. */
export const AGENT_STATES = ['onContact', 'available', 'away', 'offline'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export interface NowCell {
  readonly platform: string;
  readonly waiting: number;
  readonly longestWaitSec: number;
  readonly statuses: { readonly waiting: TileStatus; readonly longestWait: TileStatus };
  readonly status: TileStatus;
}

export interface NowGroup {
  readonly supportType: string;
  /** One per platform, in the view's platform order. */
  readonly cells: readonly NowCell[];
  readonly waiting: number;
  readonly longestWaitSec: number;
  readonly status: TileStatus;
}

/** The contact an agent is on (the one accepted first when several). */
export interface NowContact {
  readonly conversationId: string;
  readonly queue: string;
  readonly supportType: string;
  readonly platform: string;
  readonly channel?: string;
  /** Since the agent accepted it. */
  readonly ageSec: number;
  /** In wrap-up: seconds since the wrap-up began. */
  readonly wrapupSec?: number;
}

export interface NowAgent {
  readonly sid: string;
  readonly name: string;
  readonly team: string;
  readonly state: AgentState;
  readonly activity?: string;
  /** Seconds in the current activity (0 when unknown). */
  readonly inActivitySec: number;
  readonly contact?: NowContact;
  /** Other contacts in progress besides `contact`. */
  readonly moreContacts: number;
  /** Past a limit: the activity's (a long break) or wrap-up's; with the limit in minutes. */
  readonly over?: { readonly kind: 'activity' | 'wrapup'; readonly minutes: number };
}

export interface MissedOffer {
  /** The reservation sid. */
  readonly key: string;
  readonly workerSid: string;
  readonly agent: string;
  readonly supportType: string;
  readonly queue: string;
  /** When the offer was made (epoch ms). */
  readonly at: number;
  readonly outcome: 'RONA' | 'Rejected';
}

export interface NowView {
  readonly platforms: readonly string[];
  readonly groups: readonly NowGroup[];
  /** Logged-in agents: those past a limit first, then on a contact, available, away; longest in their activity first. */
  readonly agents: readonly NowAgent[];
  /** Agents in scope who are offline (or whose activity is unknown), by name. */
  readonly offline: readonly NowAgent[];
  readonly counts: AgentCounts;
  readonly limits: AgentLimits;
  readonly thresholds: Thresholds;
  readonly rona: number;
  readonly rejected: number;
  /** Today's missed and rejected offers, latest first. */
  readonly missed: readonly MissedOffer[];
}

type NowConfig = EngineConfig & { readonly thresholds?: Thresholds; readonly urgency?: readonly string[]; readonly alertRules?: readonly AlertRule[] };

/** The config's platforms: those named by channel (in config order), then the default. */
export function platformsOf(config: EngineConfig): string[] {
  const out: string[] = [];
  for (const p of Object.values(config.platforms.byChannel)) if (!out.includes(p)) out.push(p);
  if (!out.includes(config.platforms.default)) out.push(config.platforms.default);
  return out;
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const STATE_RANK: Readonly<Record<AgentState, number>> = { onContact: 0, available: 1, away: 2, offline: 3 };
const secondsBetween = (from: number, to: number): number => Math.max(0, Math.floor((to - from) / 1000));

const missedToday = memo<{ readonly rona: number; readonly rejected: number; readonly missed: readonly MissedOffer[] }>();

/**
 * Today's RONA and rejected offers of the agents in scope: every reservation the live data
 * holds whose outcome is `RONA` or `Rejected`, made today (created, else ended) up to now.
 * Changes with the data and the day only.
 */
export function selectMissedOffers(state: InsightsState): { readonly rona: number; readonly rejected: number; readonly missed: readonly MissedOffer[] } {
  const engine = state.live.engine;
  const today = engine.calendar.dayKey(state.now);
  return missedToday(state, today, () => {
    const missed: MissedOffer[] = [];
    let rona = 0;
    let rejected = 0;
    for (const c of engine.conversationRecords()) {
      for (const task of c.tasks) {
        for (const r of task.derived?.reservations ?? []) {
          const outcome = invitationOutcome(r);
          if (outcome !== 'RONA' && outcome !== 'Rejected') continue;
          const at = r.created ?? r.endTs;
          if (at === undefined || engine.calendar.dayKey(at) !== today) continue;
          const agent = engine.agentOf(r.workerSid);
          if (!mayViewAgent(state.access, { sid: r.workerSid, team: agent?.team ?? r.team })) continue;
          if (outcome === 'RONA') rona++;
          else rejected++;
          missed.push({
            key: r.sid,
            workerSid: r.workerSid,
            agent: agent?.name ?? r.workerSid,
            supportType: supportTypeOf(engine.config, r.queue),
            queue: r.queue ?? '(unknown queue)',
            at,
            outcome,
          });
        }
      }
    }
    missed.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : 1));
    return { rona, rejected, missed };
  });
}

/** The waiting contacts per support type and platform, coloured; support types most urgent first. */
function groupsOf(state: InsightsState, config: NowConfig, platforms: readonly string[]): NowGroup[] {
  const thresholds = thresholdsOf(config);
  const waiting = new Map<string, { waiting: number; longestWaitSec: number }>();
  const seen = new Set<string>();
  for (const c of selectWaitingNow(state).contacts) {
    seen.add(c.supportType);
    const key = `${c.supportType}\u0000${c.platform}`;
    const w = waiting.get(key) ?? { waiting: 0, longestWaitSec: 0 };
    waiting.set(key, { waiting: w.waiting + 1, longestWaitSec: Math.max(w.longestWaitSec, c.waitSec) });
  }
  return byUrgency(config, seen).map((supportType) => {
    const own = thresholdsFor(thresholds, supportType);
    const cells = platforms.map((platform): NowCell => {
      const w = waiting.get(`${supportType}\u0000${platform}`) ?? { waiting: 0, longestWaitSec: 0 };
      const statuses = { waiting: statusOf(w.waiting, own.waitingNow) as TileStatus, longestWait: statusOf(w.longestWaitSec, own.longestWaitSec) as TileStatus };
      return { platform, ...w, statuses, status: worstOf([statuses.waiting, statuses.longestWait]) };
    });
    return {
      supportType,
      cells,
      waiting: cells.reduce((n, c) => n + c.waiting, 0),
      longestWaitSec: cells.reduce((n, c) => Math.max(n, c.longestWaitSec), 0),
      status: worstOf(cells.map((c) => c.status)),
    };
  });
}

/** Each agent in scope now: state, time in activity, contact, and whether past a limit. */
function agentsOf(state: InsightsState, config: NowConfig, limits: AgentLimits): NowAgent[] {
  const engine = state.live.engine;
  const now = state.now;
  const engaged = new Map<string, ActiveEngagement[]>();
  for (const e of engine.activeNow()) {
    const list = engaged.get(e.workerSid);
    if (list) list.push(e);
    else engaged.set(e.workerSid, [e]);
  }
  return agentsInScope(engine, state.access).map((a): NowAgent => {
    const current = engine.currentActivity(a.sid);
    const list = (engaged.get(a.sid) ?? []).sort((x, y) => x.accepted - y.accepted);
    const onContact = list.length > 0;
    const activity = current?.activity;
    const state: AgentState = !isLoggedIn(activity) ? 'offline' : onContact ? 'onContact' : isAvailable(activity, false) ? 'available' : 'away';
    const inActivitySec = current ? secondsBetween(current.since, now) : 0;
    let wrapupSince: number | undefined;
    for (const e of list) if (e.wrapup !== undefined && (wrapupSince === undefined || e.wrapup < wrapupSince)) wrapupSince = e.wrapup;
    const first = list[0];
    const contact: NowContact | undefined = first
      ? {
          conversationId: first.conversationId,
          queue: first.queue,
          supportType: supportTypeOf(config, first.queue),
          platform: platformOf(first.channel, config.platforms),
          channel: first.channel,
          ageSec: secondsBetween(first.accepted, now),
          ...(first.wrapup !== undefined ? { wrapupSec: secondsBetween(first.wrapup, now) } : {}),
        }
      : undefined;
    const activityLimit = activity !== undefined && state !== 'offline' ? limits.activityMinutes[activity] : undefined;
    let over: NowAgent['over'];
    if (wrapupSince !== undefined && limits.wrapupMinutes !== undefined && now - wrapupSince >= limits.wrapupMinutes * 60_000) over = { kind: 'wrapup', minutes: limits.wrapupMinutes };
    else if (activityLimit !== undefined && current && now - current.since >= activityLimit * 60_000) over = { kind: 'activity', minutes: activityLimit };
    return { sid: a.sid, name: a.name ?? a.sid, team: a.team, state, activity, inActivitySec, contact, moreContacts: Math.max(0, list.length - 1), over };
  });
}

const view = memo<NowView>();

/** The Now tab's figures at the store's `now`. */
export function selectNowView(state: InsightsState): NowView {
  return view(state, String(state.now), () => {
    const config = state.live.engine.config as NowConfig;
    // Thresholds, urgency and rules are the session's config (the engine's carries the engine's part only).
    const session = state.config as NowConfig;
    const platforms = platformsOf(config);
    const limits = agentLimitsOf(session.alertRules ?? []);
    const everyone = agentsOf(state, config, limits);
    const onContact = workersOnContact(state.live.engine);
    const counts = countAgents(everyone.map((a) => ({ activity: a.activity, onContact: onContact.has(a.sid) })));
    const agents = everyone
      .filter((a) => a.state !== 'offline')
      .sort((x, y) => Number(y.over !== undefined) - Number(x.over !== undefined) || STATE_RANK[x.state] - STATE_RANK[y.state] || y.inActivitySec - x.inActivitySec || byName.compare(x.name, y.name));
    const offline = everyone.filter((a) => a.state === 'offline').sort((x, y) => byName.compare(x.name, y.name));
    return {
      platforms,
      groups: groupsOf(state, { ...config, thresholds: session.thresholds, urgency: session.urgency }, platforms),
      agents,
      offline,
      counts,
      limits,
      thresholds: thresholdsOf(session),
      ...selectMissedOffers(state),
    };
  });
}
