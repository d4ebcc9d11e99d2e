/**
 * What "available", "logged in" and "agents" mean, once for every tab (Agents, Queues,
 * Now) so no count contradicts another:
 *
 * - agents: the agents the access may view (`mayViewAgent`) that the live data knows,
 *   whatever their activity (the `(other agents)` roll-up is nobody);
 * - logged in: an agent whose current activity is known and is not `Offline`;
 * - available: logged in, in the `Available` activity, and on no contact (no engagement
 *   in progress, wrap-up included). An agent in `Available` while on a chat has capacity
 *   in TaskRouter's eyes, but a team leader reads "available" as "free to take the next
 *   contact", so that agent counts as on a contact, not available.
 *
 * The live alert "no agent available" keeps TaskRouter's reading (the `Available`
 * activity, on a contact or not): it asks whether a waiting contact can be routed at all.
 */
import type { AlertRule } from './alerts';
import type { Engine } from './engine';
import { mayViewAgent, type Access } from './roles';
import { OTHER_AGENTS } from './scopeFilter';

/** The activity in which TaskRouter offers an agent contacts (the default of TaskRouter workspaces). */
export const AVAILABLE_ACTIVITY = 'Available';
/** The activity that is not logged in. */
export const OFFLINE_ACTIVITY = 'Offline';

/** Logged in: a known activity other than `Offline`. */
export function isLoggedIn(activity: string | undefined): boolean {
  return activity !== undefined && activity !== OFFLINE_ACTIVITY;
}

/** Available: in the `Available` activity and on no contact (wrap-up is on a contact). */
export function isAvailable(activity: string | undefined, onContact: boolean): boolean {
  return activity === AVAILABLE_ACTIVITY && !onContact;
}

export interface AgentCounts {
  /** Agents in scope, whatever their activity. */
  readonly agents: number;
  readonly loggedIn: number;
  readonly available: number;
  /** Agents with an engagement in progress (wrap-up included). */
  readonly onContact: number;
}

/** The counts of some agents' current activities and whether each is on a contact. */
export function countAgents(agents: Iterable<{ readonly activity?: string; readonly onContact: boolean }>): AgentCounts {
  let n = 0;
  let loggedIn = 0;
  let available = 0;
  let onContact = 0;
  for (const a of agents) {
    n++;
    if (isLoggedIn(a.activity)) loggedIn++;
    if (isAvailable(a.activity, a.onContact)) available++;
    if (a.onContact) onContact++;
  }
  return { agents: n, loggedIn, available, onContact };
}

/** The workers with an engagement in progress now (accepted, not completed; wrap-up included). */
export function workersOnContact(engine: Engine): ReadonlySet<string> {
  const out = new Set<string>();
  for (const e of engine.activeNow()) out.add(e.workerSid);
  return out;
}

/** The agents the access may view among those the live data knows (the `(other agents)` roll-up left out). */
export function agentsInScope(engine: Engine, access: Access): { sid: string; name?: string; team: string }[] {
  return engine.agents().filter((a) => a.sid !== OTHER_AGENTS && mayViewAgent(access, a));
}

/** Agents, logged in, available and on a contact now, for the agents the access may view. */
export function agentCountsOf(engine: Engine, access: Access, onContact: ReadonlySet<string> = workersOnContact(engine)): AgentCounts {
  return countAgents(agentsInScope(engine, access).map((a) => ({ activity: engine.currentActivity(a.sid)?.activity, onContact: onContact.has(a.sid) })));
}

/** How long an agent may stay in an activity or in wrap-up before the Now tab marks it. */
export interface AgentLimits {
  /** Activity → minutes (`Break` → 30). */
  readonly activityMinutes: Readonly<Record<string, number>>;
  /** Minutes in wrap-up on one engagement; undefined: no limit. */
  readonly wrapupMinutes?: number;
}

/** Used when the alert rules set none: the bundled alert rules' limits (`flex-plugin.config.js`). */
export const DEFAULT_AGENT_LIMITS: AgentLimits = { activityMinutes: { Break: 30 }, wrapupMinutes: 10 };

/**
 * The limits the alert rules set (`agentActivity`, `agentWrapup`; the lowest where several
 * name the same activity), so the Now tab marks what the alerts raise. Rules with neither
 * kind: `DEFAULT_AGENT_LIMITS`; rules with only one kind: that kind's, and no limit for the other.
 */
export function agentLimitsOf(rules: readonly AlertRule[]): AgentLimits {
  const activityMinutes: Record<string, number> = {};
  let wrapupMinutes: number | undefined;
  let any = false;
  for (const r of rules) {
    if (r.kind === 'agentActivity') {
      any = true;
      const had = activityMinutes[r.activity];
      activityMinutes[r.activity] = had === undefined ? r.minutes : Math.min(had, r.minutes);
    } else if (r.kind === 'agentWrapup') {
      any = true;
      wrapupMinutes = wrapupMinutes === undefined ? r.minutes : Math.min(wrapupMinutes, r.minutes);
    }
  }
  return any ? { activityMinutes, ...(wrapupMinutes !== undefined ? { wrapupMinutes } : {}) } : DEFAULT_AGENT_LIMITS;
}
