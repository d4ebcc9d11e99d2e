/**
 * Live alert rules and their evaluation, pure.
 *
 * A rule watches one kind of subject (a waiting contact, a queue, a support type, a
 * platform, an agent). The caller tells the evaluator what a subject looks like now
 * (`observe`) whenever something about it changed, and moves the clock (`tick`). Each
 * (rule, subject) pair has a tracker: the condition as an interval of time in which it
 * holds given what is known (a contact waiting since `t` is over a 120 s limit from
 * `t + 120 s` on, with no further event), the moment it turned false, and whether the
 * alert is raised. A tracker raises once the condition has held for `holdSec` and clears
 * once it has been false for `clearSec`; each future moment at which that could happen
 * is a deadline in one heap, so `tick` only touches trackers that are due, never every
 * subject. Rules are indexed by subject kind and target (`queue:Imminent`, `queue:*`), so
 * an observation only reaches the rules that watch it.
 *
 * Raise and clear times are the exact moments on the given clock (hold reached, clear
 * reached), not the moment `tick` ran, so a full re-evaluation and an incremental one
 * agree to the millisecond.
 */
import { mayViewAgent, type Access } from './roles';

export const ALERT_SEVERITIES = ['info', 'warning', 'error'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_KINDS = ['contactWait', 'waitingCount', 'serviceLevel', 'noAgentAvailable', 'agentActivity', 'agentWrapup', 'agentRona'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

interface RuleBase {
  /** Unique among the rules: the alert log and acknowledgements name it. */
  readonly id: string;
  readonly severity: AlertSeverity;
  /** The condition must hold this long before the alert raises (0: at once). */
  readonly holdSec: number;
  /** The condition must be false this long before a raised alert clears (no flapping). */
  readonly clearSec: number;
  /** Shown in the strip and the log; a default is made from the rule otherwise. */
  readonly label?: string;
}

/** A contact of this support type (or any) waiting longer than `seconds` in its queue. */
export interface ContactWaitRule extends RuleBase {
  readonly kind: 'contactWait';
  readonly supportType?: string;
  readonly seconds: number;
}
/** At least `count` contacts waiting now in a queue or a support type (neither: any queue). */
export interface WaitingCountRule extends RuleBase {
  readonly kind: 'waitingCount';
  readonly queue?: string;
  readonly supportType?: string;
  readonly count: number;
}
/** Today's service level (0..1) below `below` in a queue or platform (neither: any queue). */
export interface ServiceLevelRule extends RuleBase {
  readonly kind: 'serviceLevel';
  readonly queue?: string;
  readonly platform?: string;
  readonly below: number;
}
/** Contacts waiting on a platform or support type (neither: any platform) and no agent Available. */
export interface NoAgentAvailableRule extends RuleBase {
  readonly kind: 'noAgentAvailable';
  readonly platform?: string;
  readonly supportType?: string;
}
/** An agent in this activity (e.g. Break) longer than `minutes`. */
export interface AgentActivityRule extends RuleBase {
  readonly kind: 'agentActivity';
  readonly activity: string;
  readonly minutes: number;
}
/** An agent in wrap-up on an engagement longer than `minutes`. */
export interface AgentWrapupRule extends RuleBase {
  readonly kind: 'agentWrapup';
  readonly minutes: number;
}
/** An agent with at least `count` reservations timed out (RONA) in the last hour. */
export interface AgentRonaRule extends RuleBase {
  readonly kind: 'agentRona';
  readonly count: number;
}

export type AlertRule = ContactWaitRule | WaitingCountRule | ServiceLevelRule | NoAgentAvailableRule | AgentActivityRule | AgentWrapupRule | AgentRonaRule;

/** A waiting contact (a task); `waitingSince` undefined once it waits no more. */
export interface ContactSubject {
  readonly kind: 'contact';
  readonly key: string;
  readonly queue: string;
  readonly supportType: string;
  readonly platform: string;
  readonly waitingSince?: number;
}
export interface QueueSubject {
  readonly kind: 'queue';
  readonly key: string;
  readonly waiting: number;
  /** Today's service level, null when nothing was eligible yet. */
  readonly serviceLevel: number | null;
}
export interface SupportTypeSubject {
  readonly kind: 'supportType';
  readonly key: string;
  readonly waiting: number;
  readonly available: number;
}
export interface PlatformSubject {
  readonly kind: 'platform';
  readonly key: string;
  readonly waiting: number;
  readonly available: number;
  readonly serviceLevel: number | null;
}
export interface AgentSubject {
  readonly kind: 'agent';
  /** The worker sid. */
  readonly key: string;
  readonly name?: string;
  readonly team?: string;
  readonly activity?: string;
  readonly activitySince?: number;
  /** The earliest wrap-up in progress. */
  readonly wrapupSince?: number;
  /** When the agent's reservations timed out, ascending (the last hour is enough). */
  readonly ronas: readonly number[];
}
export type AlertSubject = ContactSubject | QueueSubject | SupportTypeSubject | PlatformSubject | AgentSubject;
export type SubjectKind = AlertSubject['kind'];

/** What kind of subject each rule kind watches, and the rule's target key (`*`: any). */
function watchesOf(rule: AlertRule): { kind: SubjectKind; target: string }[] {
  switch (rule.kind) {
    case 'contactWait':
      return [{ kind: 'contact', target: rule.supportType ?? '*' }];
    case 'waitingCount':
      return rule.supportType !== undefined ? [{ kind: 'supportType', target: rule.supportType }] : [{ kind: 'queue', target: rule.queue ?? '*' }];
    case 'serviceLevel':
      return rule.platform !== undefined ? [{ kind: 'platform', target: rule.platform }] : [{ kind: 'queue', target: rule.queue ?? '*' }];
    case 'noAgentAvailable':
      return rule.supportType !== undefined ? [{ kind: 'supportType', target: rule.supportType }] : [{ kind: 'platform', target: rule.platform ?? '*' }];
    case 'agentActivity':
    case 'agentWrapup':
    case 'agentRona':
      return [{ kind: 'agent', target: '*' }];
  }
}

/** The key a subject is matched on for a targeted rule: a contact by its support type, others by their own key. */
const targetKeyOf = (s: AlertSubject): string => (s.kind === 'contact' ? s.supportType : s.key);

/** Whether the rule watches this subject: its kind, and its target or any. */
function watchesSubject(rule: AlertRule, s: AlertSubject): boolean {
  const [w] = watchesOf(rule);
  return w.kind === s.kind && (w.target === '*' || w.target === targetKeyOf(s));
}

const HOUR_MS = 3_600_000;
/** Condition true in [from, until); `from` -Infinity: true while observed so (a state, not a time). */
interface Condition {
  readonly from: number;
  readonly until: number;
}
const STATE: Condition = { from: -Infinity, until: Infinity };

/**
 * When the rule's condition holds for this subject, given what the subject is now; null:
 * not at all, and never for a subject the rule does not watch (another kind, or another
 * target: a contact now of another support type than the rule's).
 */
export function conditionOf(rule: AlertRule, s: AlertSubject): Condition | null {
  if (!watchesSubject(rule, s)) return null;
  switch (rule.kind) {
    case 'contactWait':
      return s.kind === 'contact' && s.waitingSince !== undefined ? { from: s.waitingSince + rule.seconds * 1000, until: Infinity } : null;
    case 'waitingCount':
      return (s.kind === 'queue' || s.kind === 'supportType') && s.waiting >= rule.count ? STATE : null;
    case 'serviceLevel':
      return (s.kind === 'queue' || s.kind === 'platform') && s.serviceLevel !== null && s.serviceLevel < rule.below ? STATE : null;
    case 'noAgentAvailable':
      return (s.kind === 'platform' || s.kind === 'supportType') && s.waiting > 0 && s.available === 0 ? STATE : null;
    case 'agentActivity':
      return s.kind === 'agent' && s.activity === rule.activity && s.activitySince !== undefined ? { from: s.activitySince + rule.minutes * 60_000, until: Infinity } : null;
    case 'agentWrapup':
      return s.kind === 'agent' && s.wrapupSince !== undefined ? { from: s.wrapupSince + rule.minutes * 60_000, until: Infinity } : null;
    case 'agentRona': {
      if (s.kind !== 'agent' || s.ronas.length < rule.count || rule.count < 1) return null;
      // At least `count` in (t - 1 h, t]: from the latest RONA until the count-th latest
      // leaves the hour; earlier windows that run into it move the start back.
      const r = s.ronas;
      const n = rule.count;
      const until = r[r.length - n] + HOUR_MS;
      let from = r[r.length - 1];
      if (from >= until) return null;
      for (let j = r.length - 2; j - n + 1 >= 0; j--) {
        const end = r[j - n + 1] + HOUR_MS;
        if (end >= from && r[j] < end) from = r[j];
        else break;
      }
      return { from, until };
    }
  }
}

/**
 * The rule's label, or one made from it. For a team leader (`access` of scope team) "no
 * agent available" counts their team's agents only, and its label says so (an admin's own
 * label gets "(your team)").
 */
export function ruleLabel(rule: AlertRule, access?: Access): string {
  const ofTeam = rule.kind === 'noAgentAvailable' && access?.scope === 'team';
  if (rule.label) return ofTeam ? `${rule.label} (your team)` : rule.label;
  switch (rule.kind) {
    case 'contactWait':
      return `${rule.supportType ? rule.supportType.charAt(0).toUpperCase() + rule.supportType.slice(1).replace(/_/g, ' ') : 'Any'} contact waiting over ${rule.seconds} s`;
    case 'waitingCount':
      return `${rule.count}+ waiting in ${rule.supportType ?? rule.queue ?? 'a queue'}`;
    case 'serviceLevel':
      return `Service level today below ${Math.round(rule.below * 100)}% in ${rule.platform ?? rule.queue ?? 'a queue'}`;
    case 'noAgentAvailable':
      // "In Available", not "available": the rule asks whether a contact can be routed at all
      // (TaskRouter's Available activity, on a contact or not), while the tabs' "available"
      // means free for the next contact (`agentStates.ts`).
      return `Nobody ${ofTeam ? 'of your team ' : ''}in Available for ${rule.supportType ?? rule.platform ?? 'a platform'} while contacts wait`;
    case 'agentActivity':
      return `Agent in ${rule.activity} over ${rule.minutes} min`;
    case 'agentWrapup':
      return `Agent in wrap-up over ${rule.minutes} min`;
    case 'agentRona':
      return `Agent with ${rule.count}+ RONA in the last hour`;
  }
}

/** What is shown of a subject: a contact's queue, an agent's name (never a customer's details). */
export function subjectLabel(s: AlertSubject): string {
  switch (s.kind) {
    case 'contact':
      return `${s.queue} (${s.key})`;
    case 'agent':
      return s.name ?? s.key;
    default:
      return s.key;
  }
}

/** An alert raised now. */
export interface ActiveAlert {
  /** `ruleId|kind:subject`: unique per rule and subject. */
  readonly key: string;
  readonly ruleId: string;
  readonly severity: AlertSeverity;
  readonly label: string;
  readonly subjectKind: SubjectKind;
  readonly subject: string;
  /** When the hold was reached (epoch ms). */
  readonly raisedAt: number;
  /** When the condition began to hold (state rules: when it was first seen to). */
  readonly since: number;
}

export interface AlertTransition {
  readonly type: 'raised' | 'cleared';
  readonly at: number;
  readonly alert: ActiveAlert;
}

interface Tracker {
  readonly key: string;
  readonly rule: AlertRule;
  subject: AlertSubject;
  /** The condition's interval; undefined: false. */
  from?: number;
  until: number;
  falseSince?: number;
  raised?: ActiveAlert;
  /** The deadline scheduled for this tracker (a heap entry with another value is stale). */
  deadline?: number;
}

interface HeapEntry {
  readonly at: number;
  readonly tracker: Tracker;
}

/** A binary min-heap on `at`. */
class DeadlineHeap {
  private readonly items: HeapEntry[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): HeapEntry | undefined {
    return this.items[0];
  }
  push(e: HeapEntry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].at <= a[i].at) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): HeapEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].at < a[m].at) m = l;
        if (r < a.length && a[r].at < a[m].at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The evaluator of one session: its rules, its access (an agent subject the access may
 * not view is never evaluated, so a team leader is alerted about their team's agents and
 * every queue), the trackers and the deadlines.
 */
export class AlertEvaluator {
  private readonly index = new Map<string, AlertRule[]>();
  private readonly byKind = new Map<SubjectKind, AlertRule[]>();
  private readonly trackers = new Map<string, Tracker>();
  private readonly heap = new DeadlineHeap();
  private readonly out: AlertTransition[] = [];
  private readonly raised = new Map<string, ActiveAlert>();

  constructor(
    readonly rules: readonly AlertRule[],
    private readonly access: Access,
  ) {
    for (const rule of rules) {
      for (const w of watchesOf(rule)) {
        const k = `${w.kind}:${w.target}`;
        const list = this.index.get(k);
        if (list) list.push(rule);
        else this.index.set(k, [rule]);
        const ofKind = this.byKind.get(w.kind);
        if (ofKind) ofKind.push(rule);
        else this.byKind.set(w.kind, [rule]);
      }
    }
  }

  /** Which subject kinds some rule watches (a caller skips building the others). */
  watches(kind: SubjectKind): boolean {
    for (const k of this.index.keys()) if (k.startsWith(`${kind}:`)) return true;
    return false;
  }

  /** A subject as it is now, seen at `now`: the rules that watch it are evaluated, no others. */
  observe(s: AlertSubject, now: number): void {
    if (!this.inScope(s)) return;
    const any = this.index.get(`${s.kind}:*`);
    const own = this.index.get(`${s.kind}:${targetKeyOf(s)}`);
    if (any) for (const rule of any) this.update(rule, s, now);
    if (own) for (const rule of own) this.update(rule, s, now);
  }

  /**
   * A subject as it is now, seen by every rule of its kind, each deciding by its own target
   * (`conditionOf`): what `observe` does, plus the rules of a target the subject has left,
   * which see it false (a contact moved to a queue of another support type no longer waits
   * for its old type's rules). Also the full evaluation the indexed one must equal.
   */
  observeFully(s: AlertSubject, now: number): void {
    if (!this.inScope(s)) return;
    for (const rule of this.byKind.get(s.kind) ?? []) this.update(rule, s, now);
  }

  /** False for an agent the access may not view (another team): whatever was tracked of them is dropped without a transition. */
  private inScope(s: AlertSubject): boolean {
    if (s.kind !== 'agent' || mayViewAgent(this.access, { sid: s.key, team: s.team })) return true;
    for (const rule of this.index.get('agent:*') ?? []) this.drop(`${rule.id}|agent:${s.key}`);
    return false;
  }

  /** Moves the clock: every tracker due by `now` raises or clears, no others are looked at. */
  tick(now: number): void {
    for (;;) {
      const top = this.heap.peek();
      if (!top || top.at > now) break;
      this.heap.pop();
      if (top.tracker.deadline !== top.at || this.trackers.get(top.tracker.key) !== top.tracker) continue;
      top.tracker.deadline = undefined;
      this.advance(top.tracker, now);
      this.schedule(top.tracker);
    }
  }

  /** Raises and clears since the last call, in order. */
  takeTransitions(): AlertTransition[] {
    return this.out.splice(0, this.out.length);
  }

  /** The alerts raised now, oldest first. */
  active(): ActiveAlert[] {
    return [...this.raised.values()].sort((a, b) => a.raisedAt - b.raisedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Trackers kept (for tests and benchmarks: they must not grow with every subject ever seen). */
  get trackerCount(): number {
    return this.trackers.size;
  }

  private drop(key: string): void {
    const t = this.trackers.get(key);
    if (!t) return;
    this.trackers.delete(key);
    if (t.raised) this.raised.delete(key);
  }

  private update(rule: AlertRule, s: AlertSubject, now: number): void {
    const key = `${rule.id}|${s.kind}:${s.key}`;
    const cond = conditionOf(rule, s);
    let t = this.trackers.get(key);
    if (!t) {
      if (!cond) return;
      t = { key, rule, subject: s, until: Infinity };
      this.trackers.set(key, t);
    }
    this.advance(t, now);
    t.subject = s;
    const wasTrue = t.from !== undefined && t.from <= now && now < t.until;
    if (!cond) {
      t.from = undefined;
      t.until = Infinity;
      if (wasTrue) t.falseSince = now;
    } else {
      t.from = cond.from === -Infinity ? (wasTrue ? t.from : now) : cond.from;
      t.until = cond.until;
      const trueNow = (t.from as number) <= now && now < t.until;
      if (trueNow) t.falseSince = undefined;
      else if (wasTrue) t.falseSince = now;
    }
    this.advance(t, now);
    this.schedule(t);
  }

  /** Applies every raise, end of interval and clear of this tracker due by `now`. */
  private advance(t: Tracker, now: number): void {
    for (;;) {
      if (!t.raised) {
        if (t.from === undefined) return;
        if (t.until <= now && t.from + t.rule.holdSec * 1000 >= t.until) {
          // Ended before the hold was reached: a brief spike.
          t.from = undefined;
          t.until = Infinity;
          return;
        }
        const at = t.from + t.rule.holdSec * 1000;
        if (at > now || at >= t.until) return;
        const alert: ActiveAlert = {
          key: t.key,
          ruleId: t.rule.id,
          severity: t.rule.severity,
          label: ruleLabel(t.rule, this.access),
          subjectKind: t.subject.kind,
          subject: subjectLabel(t.subject),
          raisedAt: at,
          since: t.from,
        };
        t.raised = alert;
        t.falseSince = undefined;
        this.raised.set(t.key, alert);
        this.out.push({ type: 'raised', at, alert });
        continue;
      }
      if (t.falseSince === undefined) {
        if (t.from !== undefined && t.until <= now) {
          t.falseSince = t.until;
          continue;
        }
        if (t.from !== undefined && t.from > now) t.falseSince = now;
        return;
      }
      const clearAt = t.falseSince + t.rule.clearSec * 1000;
      if (t.from !== undefined && t.from >= t.falseSince && t.from < t.until && t.from < clearAt) {
        if (t.from > now) return;
        // True again before the clear time: stays raised.
        t.falseSince = undefined;
        continue;
      }
      if (clearAt > now) return;
      const alert = t.raised;
      t.raised = undefined;
      t.falseSince = undefined;
      if (t.from !== undefined && (t.from <= clearAt || t.until <= clearAt)) {
        t.from = undefined;
        t.until = Infinity;
      }
      this.raised.delete(t.key);
      this.out.push({ type: 'cleared', at: clearAt, alert });
    }
  }

  /** The tracker's next moment of change in the heap, or the tracker dropped when it has none and nothing raised. */
  private schedule(t: Tracker): void {
    const next = nextDeadline(t);
    if (next === undefined) {
      t.deadline = undefined;
      if (!t.raised && t.from === undefined) this.trackers.delete(t.key);
      return;
    }
    if (t.deadline === next) return;
    t.deadline = next;
    this.heap.push({ at: next, tracker: t });
  }
}

function nextDeadline(t: Tracker): number | undefined {
  if (!t.raised) {
    if (t.from === undefined) return undefined;
    const at = t.from + t.rule.holdSec * 1000;
    return at < t.until ? at : t.until;
  }
  if (t.falseSince === undefined) {
    if (t.from === undefined) return undefined;
    return t.until !== Infinity ? t.until : undefined;
  }
  const clearAt = t.falseSince + t.rule.clearSec * 1000;
  if (t.from !== undefined && t.from >= t.falseSince && t.from < clearAt && t.from < t.until) return t.from;
  return clearAt;
}

/** One problem of a rule list: the field (`alertRules[2].holdSec`) and what is wrong. */
export interface AlertRuleProblem {
  readonly field: string;
  readonly message: string;
}

const NUMBER_FIELDS: Readonly<Record<AlertKind, readonly string[]>> = {
  contactWait: ['seconds'],
  waitingCount: ['count'],
  serviceLevel: ['below'],
  noAgentAvailable: [],
  agentActivity: ['minutes'],
  agentWrapup: ['minutes'],
  agentRona: ['count'],
};
const STRING_FIELDS: Readonly<Record<AlertKind, readonly string[]>> = {
  contactWait: ['supportType'],
  waitingCount: ['queue', 'supportType'],
  serviceLevel: ['queue', 'platform'],
  noAgentAvailable: ['platform', 'supportType'],
  agentActivity: ['activity'],
  agentWrapup: [],
  agentRona: [],
};
const COMMON_FIELDS = ['id', 'kind', 'severity', 'holdSec', 'clearSec', 'label'];

/** A rule's subject fields: which one it names, if any (`queue`, `supportType`, `platform`, `activity`). */
export type AlertSubjectField = 'queue' | 'supportType' | 'platform' | 'activity';
/** A rule's number: a wait or a count it alerts from, or the service level it alerts below. */
export type AlertFigureField = 'seconds' | 'count' | 'below' | 'minutes';

/**
 * The fields a rule of this kind has beside the common ones: the subject fields it may
 * name (at most one of them; none: any queue, platform or agent; `agentActivity` must name
 * its activity) and its number, if it has one. For editors: the checks stay in `validateAlertRules`.
 */
export function alertRuleFieldsOf(kind: AlertKind): { readonly subjects: readonly AlertSubjectField[]; readonly figure?: AlertFigureField; readonly subjectRequired: boolean } {
  const figure = NUMBER_FIELDS[kind][0] as AlertFigureField | undefined;
  return { subjects: STRING_FIELDS[kind] as readonly AlertSubjectField[], ...(figure ? { figure } : {}), subjectRequired: kind === 'agentActivity' };
}

const kindOfValue = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${/^[aeiou]/.test(typeof v) ? 'an' : 'a'} ${typeof v}`);

/**
 * The rules of a value as given (any shape): each well-formed rule kept, each other left
 * out with its problems, one per field, so one bad rule never costs the others.
 */
export function validateAlertRules(input: unknown, where = 'alertRules'): { rules: AlertRule[]; problems: AlertRuleProblem[] } {
  const problems: AlertRuleProblem[] = [];
  const rules: AlertRule[] = [];
  if (input === undefined) return { rules, problems };
  if (!Array.isArray(input)) return { rules, problems: [{ field: where, message: `must be a list of rules, not ${kindOfValue(input)}` }] };
  const ids = new Set<string>();
  input.forEach((raw, i) => {
    const at = `${where}[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ field: at, message: `must be an object, not ${kindOfValue(raw)}` });
      return;
    }
    const r = raw as Record<string, unknown>;
    const before = problems.length;
    const add = (field: string, message: string): void => void problems.push({ field: `${at}.${field}`, message });
    if (typeof r.id !== 'string' || r.id.trim() === '') add('id', 'must be a non-empty name');
    else if (ids.has(r.id)) add('id', `"${r.id}" is used by an earlier rule`);
    else ids.add(r.id);
    const kind = r.kind as AlertKind;
    if (!ALERT_KINDS.includes(kind)) {
      add('kind', `must be one of ${ALERT_KINDS.join(', ')}`);
      return;
    }
    if (!ALERT_SEVERITIES.includes(r.severity as AlertSeverity)) add('severity', `must be one of ${ALERT_SEVERITIES.join(', ')}`);
    for (const f of ['holdSec', 'clearSec']) {
      const v = r[f];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) add(f, 'must be a number of seconds ≥ 0');
    }
    if (r.label !== undefined && typeof r.label !== 'string') add('label', `must be text, not ${kindOfValue(r.label)}`);
    for (const f of NUMBER_FIELDS[kind]) {
      const v = r[f];
      if (f === 'below') {
        if (typeof v !== 'number' || !(v > 0 && v <= 1)) add(f, 'must be a fraction above 0 and at most 1 (0.8 for 80%)');
      } else if (f === 'count') {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) add(f, 'must be a whole number ≥ 1');
      } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) add(f, `must be a number ≥ 0`);
    }
    for (const f of STRING_FIELDS[kind]) {
      const v = r[f];
      const required = kind === 'agentActivity';
      if (v === undefined && !required) continue;
      if (typeof v !== 'string' || v.trim() === '') add(f, required ? 'must name an activity (e.g. Break)' : 'must be a non-empty name, or left out for any');
    }
    const targets = STRING_FIELDS[kind].filter((f) => r[f] !== undefined);
    if (kind !== 'agentActivity' && kind !== 'contactWait' && targets.length > 1) add(targets[1], `give ${targets[0]} or ${targets[1]}, not both`);
    const known = new Set([...COMMON_FIELDS, ...NUMBER_FIELDS[kind], ...STRING_FIELDS[kind]]);
    for (const f of Object.keys(r)) if (!known.has(f)) add(f, `is not a field of a ${kind} rule`);
    if (problems.length === before) rules.push({ ...(r as object) } as AlertRule);
  });
  return { rules, problems };
}
