/**
 * The session's live alerts: a small vanilla store beside the insights store, fed by it.
 * After each batch (`onBatch`, one animation frame) the core's `AlertWatch` looks at what
 * the batch touched; on each clock tick of the insights store (`tick`, every second) it
 * moves the clock, so a wait crossing its limit raises with no new event. Nothing is
 * evaluated while the insights store is `loading` (today's history comes in parts): the
 * changes wait and are looked at once, when it is in. The user
 * acknowledges an alert for themselves; the shift's log keeps each raise, acknowledgement
 * and clear, with who acknowledged.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { AlertWatch, changesOf, LOG_PREFIX, type ActiveAlert, type AlertRule, type AlertSeverity, type GatheredChanges } from '../core';
import { foldedEventsOf, onBatch, type InsightsStore } from './insightsStore';

export const ALERT_LOG_TYPES = ['raised', 'acknowledged', 'cleared'] as const;
export type AlertLogType = (typeof ALERT_LOG_TYPES)[number];

export interface AlertLogEntry {
  readonly type: AlertLogType;
  /** Epoch ms: the moment of the raise or clear on the clock, or of the acknowledgement. */
  readonly at: number;
  readonly key: string;
  readonly ruleId: string;
  readonly label: string;
  readonly subject: string;
  readonly severity: AlertSeverity;
  /** Who acknowledged (acknowledgements only). */
  readonly by?: string;
}

/** The user's choice of a sound and a browser notification on each raise (both off at Flex start). */
export interface AlertNoticeChoice {
  readonly sound: boolean;
  readonly browser: boolean;
}

export interface Acknowledgement {
  readonly by: string;
  readonly at: number;
}

export interface AlertsState {
  /** Raised now, oldest first. */
  readonly active: readonly ActiveAlert[];
  /** This user's acknowledgements of alerts raised now. */
  readonly acknowledged: Readonly<Record<string, Acknowledgement>>;
  /** The shift's log, oldest first (at most `MAX_LOG` entries). */
  readonly log: readonly AlertLogEntry[];
  /** Raises since the store began, for the Flex notification (one per raise). */
  readonly raisedCount: number;
  readonly rules: readonly AlertRule[];
  /** The user acknowledging (their identity). */
  readonly user: string;
  /** Sound and browser notification on a raise: kept with the store (the Flex session), never stored. */
  readonly notice: AlertNoticeChoice;
}

export type AlertStore = StoreApi<AlertsState>;

/** The log keeps the shift's last entries; older ones go first. */
export const MAX_LOG = 5000;

interface AlertRuntime {
  /** Replaced when new rules come in force (`setAlertRules`). */
  watch: AlertWatch;
  readonly insights: InsightsStore;
  stop: () => void;
}
const runtimes = new WeakMap<object, AlertRuntime>();

export interface AlertStoreOptions {
  readonly rules: readonly AlertRule[];
  /** The signed-in user's identity, written into the log on acknowledge. */
  readonly user: string;
}

/** An alert store fed by this insights store (live engine, access, clock). */
export function createAlertStore(insights: InsightsStore, options: AlertStoreOptions): AlertStore {
  const initial = insights.getState();
  const rt: AlertRuntime = { watch: new AlertWatch(options.rules, initial.access), insights, stop: () => undefined };
  const store = createStore<AlertsState>()(() => ({ active: [], acknowledged: {}, log: [], raisedCount: 0, rules: options.rules, user: options.user, notice: { sound: false, browser: false } }));
  const apply = (): void => {
    const transitions = rt.watch.takeTransitions();
    if (transitions.length === 0) return;
    const before = store.getState();
    const log = [...before.log];
    const acknowledged = { ...before.acknowledged };
    let raisedCount = before.raisedCount;
    for (const t of transitions) {
      const a = t.alert;
      log.push({ type: t.type, at: t.at, key: a.key, ruleId: a.ruleId, label: a.label, subject: a.subject, severity: a.severity });
      if (t.type === 'raised') raisedCount++;
      else delete acknowledged[a.key];
    }
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    store.setState({ active: rt.watch.active(), log, acknowledged, raisedCount });
  };
  const guard = (f: () => void) => (): void => {
    try {
      f();
      apply();
    } catch (err) {
      console.error(`${LOG_PREFIX} alert evaluation failed:`, err);
    }
  };
  // While the store loads, today's history comes in parts (a chunk, a frame): a contact
  // whose answer is in a later part would look waiting at `now`, hours after it was
  // answered, and raise (a notification) that no later part takes back on a frozen clock.
  // So the batches' changes are gathered and observed once, on the whole fold.
  let gathered: GatheredChanges | undefined = initial.status === 'loading' ? changesOf([]) : undefined;
  const offBatch = onBatch(insights, (events) => {
    if (gathered) changesOf(events, gathered);
    else guard(() => rt.watch.update(insights.getState().live.engine, changesOf(events), insights.getState().now))();
  });
  let lastNow = initial.now;
  const offTick = insights.subscribe((s) => {
    if (gathered && s.status !== 'loading') {
      const changes = gathered;
      gathered = undefined;
      lastNow = s.now;
      guard(() => rt.watch.update(s.live.engine, changes, s.now))();
      return;
    }
    if (gathered || s.now === lastNow) return;
    lastNow = s.now;
    guard(() => rt.watch.tick(s.live.engine, s.now))();
  });
  rt.stop = () => (offBatch(), offTick());
  runtimes.set(store, rt);
  return store;
}

/**
 * Puts rules in force now (a save in the Settings tab), over the live engine as it is now
 * (after a `reconfigure`, the re-sliced one): a new watch looks at every task and worker
 * of the events the live store folded (`keepEvents`; else the contacts waiting, the
 * engagements and agents the engine knows, with no RONA history) and takes over. An alert
 * raised before and after keeps its acknowledgement and logs nothing; one no longer raised
 * is logged cleared now; one newly raised is logged raised now (the log stays in order;
 * the strip's "held" time still counts from the moment its condition was reached) and notified.
 */
export function setAlertRules(store: AlertStore, rules: readonly AlertRule[]): void {
  const rt = runtimes.get(store);
  if (!rt) return;
  const s = rt.insights.getState();
  const engine = s.live.engine;
  const watch = new AlertWatch(rules, s.access);
  const events = foldedEventsOf(rt.insights);
  const changes = events
    ? changesOf(events)
    : { tasks: [...engine.waitingNow().map((w) => w.taskSid), ...engine.activeNow().map((e) => e.taskSid)], workers: engine.agents().map((a) => a.sid), ronas: [] };
  try {
    watch.update(engine, changes, s.now);
  } catch (err) {
    console.error(`${LOG_PREFIX} alert rules not applied in this session:`, err);
    return;
  }
  // The new watch's own transitions are its view of the past; the log says what changed now.
  watch.takeTransitions();
  rt.watch = watch;
  const before = store.getState();
  const active = watch.active();
  const now = new Set(active.map((a) => a.key));
  const was = new Map(before.active.map((a) => [a.key, a]));
  const log = [...before.log];
  const acknowledged: Record<string, Acknowledgement> = {};
  let raisedCount = before.raisedCount;
  for (const a of before.active) {
    if (now.has(a.key)) {
      if (before.acknowledged[a.key]) acknowledged[a.key] = before.acknowledged[a.key];
    } else log.push({ type: 'cleared', at: s.now, key: a.key, ruleId: a.ruleId, label: a.label, subject: a.subject, severity: a.severity });
  }
  for (const a of active) {
    if (was.has(a.key)) continue;
    log.push({ type: 'raised', at: s.now, key: a.key, ruleId: a.ruleId, label: a.label, subject: a.subject, severity: a.severity });
    raisedCount++;
  }
  if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  store.setState({ active, log, acknowledged, raisedCount, rules });
}

/** Stops feeding the alert store (the view closed). */
export function stopAlerts(store: AlertStore): void {
  runtimes.get(store)?.stop();
}

/** The user acknowledges a raised alert: kept until it clears, and written to the log. */
export function acknowledgeAlert(store: AlertStore, key: string, at: number): void {
  const s = store.getState();
  const alert = s.active.find((a) => a.key === key);
  if (!alert || s.acknowledged[key]) return;
  store.setState({
    acknowledged: { ...s.acknowledged, [key]: { by: s.user, at } },
    log: [...s.log, { type: 'acknowledged', at, key, ruleId: alert.ruleId, label: alert.label, subject: alert.subject, severity: alert.severity, by: s.user }],
  });
}

/**
 * Calls `notice` for each raise from now on, oldest first; returns the unsubscribe. Raises
 * are counted by `raisedCount`, not by the log's length: the log stops growing at
 * `MAX_LOG` while raises go on.
 */
export function onRaise(alerts: AlertStore, notice: (entry: AlertLogEntry) => void): () => void {
  let seen = alerts.getState().raisedCount;
  return alerts.subscribe((s) => {
    let fresh = s.raisedCount - seen;
    if (fresh <= 0) return;
    seen = s.raisedCount;
    // The new raises are the last `fresh` raised entries of the log (those it still holds).
    const found: AlertLogEntry[] = [];
    for (let i = s.log.length - 1; i >= 0 && fresh > 0; i--) {
      if (s.log[i].type !== 'raised') continue;
      found.push(s.log[i]);
      fresh--;
    }
    for (let i = found.length - 1; i >= 0; i--) notice(found[i]);
  });
}

/** The user turns the sound or the browser notification on or off. */
export function setAlertNotice(store: AlertStore, notice: Partial<AlertNoticeChoice>): void {
  store.setState({ notice: { ...store.getState().notice, ...notice } });
}

/** Alerts raised now and not acknowledged by this user (the badge). */
export function unacknowledgedCount(s: AlertsState): number {
  let n = 0;
  for (const a of s.active) if (!s.acknowledged[a.key]) n++;
  return n;
}
