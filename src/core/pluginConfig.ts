/**
 * The plugin's configuration beyond the engine's: tile thresholds, drill-down rules,
 * the history function's URL and how many days the browser keeps, resolved once (bundled defaults, then what an admin stored
 * in the Flex configuration's `ui_attributes` under `supervisorInsights`, key by key) so
 * every reader gets checked values and no reader keeps defaults of its own.
 */
import { validateAlertRules, type AlertRule } from './alerts';
import { resolveConfig, type EngineConfig } from './config';

/** The documented `ui_attributes` key. */
export const UI_ATTRIBUTES_KEY = 'supervisorInsights';

export interface Threshold {
  readonly amber: number;
  readonly red: number;
}

/** The figures of a queue tile that have a threshold. */
export const THRESHOLD_KEYS = ['waitingNow', 'longestWaitSec', 'serviceLevel'] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

/** One support type's own thresholds: each one given replaces the general one for its queues. */
export type SupportTypeThresholds = Readonly<Partial<Record<ThresholdKey, Threshold>>>;

export interface Thresholds {
  /** Contacts waiting in the queue: amber / red from this many on. */
  readonly waitingNow: Threshold;
  /** Longest current wait, seconds: amber / red from this many on. */
  readonly longestWaitSec: Threshold;
  /** Service level today (0..1), lower is worse: amber below `amber`, red below `red`. */
  readonly serviceLevel: Threshold;
  /** Support type → its own thresholds (an `imminent` wait turns red sooner than a `check_in` one). */
  readonly bySupportType?: Readonly<Record<string, SupportTypeThresholds>>;
}

/** The thresholds a queue of this support type is coloured by: its type's own, else the general ones. */
export function thresholdsFor(thresholds: Thresholds, supportType: string): Readonly<Record<ThresholdKey, Threshold>> {
  const own = thresholds.bySupportType && Object.prototype.hasOwnProperty.call(thresholds.bySupportType, supportType) ? thresholds.bySupportType[supportType] : undefined;
  return {
    waitingNow: own?.waitingNow ?? thresholds.waitingNow,
    longestWaitSec: own?.longestWaitSec ?? thresholds.longestWaitSec,
    serviceLevel: own?.serviceLevel ?? thresholds.serviceLevel,
  };
}

/** The defaults of `flex-plugin.config.js` (`thresholds`); a test keeps them equal. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  waitingNow: { amber: 3, red: 6 },
  longestWaitSec: { amber: 60, red: 180 },
  serviceLevel: { amber: 0.8, red: 0.6 },
};

export interface PluginConfig extends EngineConfig {
  readonly thresholds: Thresholds;
  /** Support types most urgent first (the Now tab's order); unlisted types follow in config order. */
  readonly urgency?: readonly string[];
  readonly drillDownRules: readonly unknown[];
  /** The live alert rules (`alerts.ts`): the stored list when given, else the bundled one; bad rules left out with a problem each. */
  readonly alertRules: readonly AlertRule[];
  /** The history function's URL; absent: no backfill, live data only. */
  readonly historyUrl?: string;
  /** Past days the browser cache keeps (0: no cache at all; at most `MAX_HISTORY_CACHE_DAYS`). */
  readonly historyCacheDays: number;
  /** The serverless Settings function's URL (`POST /insights-settings`); absent: settings cannot be saved. */
  readonly settingsUrl?: string;
  /** Who saved the stored settings, when, and their version (0: nothing saved through the Settings tab). */
  readonly saved: SavedStamp;
  /** What was given and not used, one line each (where and why; never the value's content beyond its type). */
  readonly problems?: readonly string[];
}

/** The stamp a save through the Settings function writes into the stored value. */
export interface SavedStamp {
  /** Bumped by each save; a save made on an older version is refused (409). */
  readonly version: number;
  /** The identity of the admin who saved. */
  readonly savedBy?: string;
  /** ISO instant of the save. */
  readonly savedAt?: string;
}

/** The stamp of a stored value (any shape): a version that is not a whole number ≥ 0 counts as 0. */
export function savedStampOf(stored: unknown): SavedStamp {
  const o = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const version = typeof o.version === 'number' && Number.isInteger(o.version) && o.version >= 0 ? o.version : 0;
  return {
    version,
    ...(typeof o.savedBy === 'string' ? { savedBy: o.savedBy } : {}),
    ...(typeof o.savedAt === 'string' ? { savedAt: o.savedAt } : {}),
  };
}

/** The default of `historyCacheDays` (`flex-plugin.config.js`; a test keeps them equal). */
export const DEFAULT_HISTORY_CACHE_DAYS = 7;
/** At most this many days are cached: the history function serves 30 days, and today is one more. */
export const MAX_HISTORY_CACHE_DAYS = 31;

/**
 * `historyCacheDays` as given (any shape) over a base: a whole number from 0 to 31 is
 * used; anything else keeps the base and says why. 0 means no cache at all.
 */
export function resolveHistoryCacheDays(given: unknown, base: number = DEFAULT_HISTORY_CACHE_DAYS, where = 'historyCacheDays'): { days: number; problem?: string } {
  if (given === undefined || given === null) return { days: base };
  if (typeof given === 'number' && Number.isInteger(given) && given >= 0 && given <= MAX_HISTORY_CACHE_DAYS) return { days: given };
  const what = typeof given === 'number' ? (Number.isInteger(given) ? 'out of range' : 'not a whole number') : `${/^[aeiou]/.test(typeof given) ? 'an' : 'a'} ${typeof given}`;
  return { days: base, problem: `${where} must be a whole number of days from 0 to ${MAX_HISTORY_CACHE_DAYS} (${what}); ${base} is used` };
}

const isThreshold = (t: unknown): t is Threshold =>
  typeof t === 'object' && t !== null && Number.isFinite((t as Threshold).amber) && Number.isFinite((t as Threshold).red);

/** Per support type thresholds given (any shape): the well-formed thresholds of each type, types with none left out. */
function resolveBySupportType(given: unknown): Record<string, SupportTypeThresholds> | undefined {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return undefined;
  const out: Record<string, SupportTypeThresholds> = {};
  for (const [type, value] of Object.entries(given as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const own: Partial<Record<ThresholdKey, Threshold>> = {};
    for (const key of THRESHOLD_KEYS) {
      const t = (value as Record<string, unknown>)[key];
      if (isThreshold(t)) own[key] = { amber: t.amber, red: t.red };
    }
    if (Object.keys(own).length > 0) out[type] = own;
  }
  return out;
}

/** Thresholds given (any shape) over a base: each well-formed one replaces the base's, anything else keeps it. */
export function resolveThresholds(given: unknown, base: Thresholds = DEFAULT_THRESHOLDS): Thresholds {
  const g = (typeof given === 'object' && given !== null ? given : {}) as Partial<Record<keyof Thresholds, unknown>>;
  const bySupportType = resolveBySupportType(g.bySupportType) ?? base.bySupportType;
  return {
    waitingNow: isThreshold(g.waitingNow) ? g.waitingNow : base.waitingNow,
    longestWaitSec: isThreshold(g.longestWaitSec) ? g.longestWaitSec : base.longestWaitSec,
    serviceLevel: isThreshold(g.serviceLevel) ? g.serviceLevel : base.serviceLevel,
    ...(bySupportType && Object.keys(bySupportType).length > 0 ? { bySupportType } : {}),
  };
}

/** The thresholds a config carries (a resolved `PluginConfig` always does; a bare engine config gets the defaults). */
export function thresholdsOf(config: EngineConfig & { readonly thresholds?: Thresholds }): Thresholds {
  return config.thresholds ?? DEFAULT_THRESHOLDS;
}

/** The default urgency: an imminent contact before a safety one, before every other type. */
export const DEFAULT_URGENCY: readonly string[] = ['imminent', 'safety'];

/** `urgency` as given (any shape): a list of support type keys is used; anything else keeps the base and says why. */
export function resolveUrgency(given: unknown, base: readonly string[] = DEFAULT_URGENCY, where = 'urgency'): { urgency: readonly string[]; problem?: string } {
  if (given === undefined || given === null) return { urgency: base };
  if (Array.isArray(given) && given.every((t) => typeof t === 'string')) return { urgency: given as string[] };
  return { urgency: base, problem: `${where} must be a list of support types, most urgent first; ${JSON.stringify(base)} is used` };
}

/**
 * Support types most urgent first: those `urgency` lists (in its order, if they are
 * support types of the config or seen in the data), then the config's others in config
 * order, then any others seen (by name). `urgency` undefined: `DEFAULT_URGENCY`.
 */
export function byUrgency(config: EngineConfig & { readonly urgency?: readonly string[] }, seen: Iterable<string> = []): string[] {
  const configured = Object.keys(config.supportTypes);
  const known = new Set([...configured, ...seen]);
  const out: string[] = [];
  for (const t of config.urgency ?? DEFAULT_URGENCY) if (known.has(t) && !out.includes(t)) out.push(t);
  for (const t of configured) if (!out.includes(t)) out.push(t);
  const rest = [...known].filter((t) => !out.includes(t)).sort();
  return [...out, ...rest];
}

/** The configured history URL, trimmed; undefined when it is not a non-empty string. */
function historyUrlOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The Settings function beside the history function: both are deployed in one Functions
 * service, so `…/insights-history?x` gives `…/insights-settings` (query dropped).
 */
export function settingsUrlBeside(historyUrl: string | undefined): string | undefined {
  if (historyUrl === undefined) return undefined;
  const m = /^(https?:\/\/[^?#]*\/)insights-history(?:[?#].*)?$/i.exec(historyUrl);
  return m ? `${m[1]}insights-settings` : undefined;
}

const objectOr = (value: unknown): Partial<PluginConfig> | undefined =>
  typeof value === 'object' && value !== null ? (value as Partial<PluginConfig>) : undefined;

/** `ui_attributes.supervisorInsights` (if any) merged over the bundled defaults (`flex-plugin.config.js`). */
export function resolvePluginConfig(uiAttributes: unknown, bundled: unknown): PluginConfig {
  const defaults = objectOr(bundled) ?? {};
  const stored = objectOr(objectOr(uiAttributes)?.[UI_ATTRIBUTES_KEY as keyof PluginConfig]);
  const bundledDays = resolveHistoryCacheDays(defaults.historyCacheDays, DEFAULT_HISTORY_CACHE_DAYS, 'flex-plugin.config.js historyCacheDays');
  const storedDays = resolveHistoryCacheDays(stored?.historyCacheDays, bundledDays.days, `ui_attributes.${UI_ATTRIBUTES_KEY}.historyCacheDays`);
  const bundledUrgency = resolveUrgency(defaults.urgency, DEFAULT_URGENCY, 'flex-plugin.config.js urgency');
  const storedUrgency = resolveUrgency(stored?.urgency, bundledUrgency.urgency, `ui_attributes.${UI_ATTRIBUTES_KEY}.urgency`);
  const problems = [bundledDays.problem, storedDays.problem, bundledUrgency.problem, storedUrgency.problem].filter((p): p is string => p !== undefined);
  const storedRules = stored?.alertRules as unknown;
  const alerts = storedRules !== undefined ? validateAlertRules(storedRules, `ui_attributes.${UI_ATTRIBUTES_KEY}.alertRules`) : validateAlertRules(defaults.alertRules, 'flex-plugin.config.js alertRules');
  for (const p of alerts.problems) problems.push(`${p.field} ${p.message}`);
  const historyUrl = historyUrlOf(stored?.historyUrl) ?? historyUrlOf(defaults.historyUrl);
  // The bundled `settingsUrl`, else the Settings function beside the history function (one
  // Functions service); a stored `settingsUrl` is not read, as with any other function URL than history's.
  const settingsUrl = historyUrlOf(defaults.settingsUrl) ?? settingsUrlBeside(historyUrl);
  return {
    ...resolveConfig(stored, resolveConfig(defaults)),
    thresholds: resolveThresholds(stored?.thresholds, resolveThresholds(defaults.thresholds)),
    urgency: storedUrgency.urgency,
    drillDownRules: stored?.drillDownRules ?? defaults.drillDownRules ?? [],
    alertRules: alerts.rules,
    historyUrl,
    historyCacheDays: storedDays.days,
    ...(settingsUrl ? { settingsUrl } : {}),
    saved: savedStampOf(stored),
    ...(problems.length > 0 ? { problems } : {}),
  };
}
