/**
 * The admin's settings (the Settings tab, the Settings function, export and import): one
 * value with every field an admin edits, checked here and only here, so the tab, the
 * function and an imported file refuse the same things with the same words.
 *
 * A value is saved whole or not at all: `validateSettings` gives either the checked value
 * or every problem, each with the field it is about (`supportTypes.imminent[1]`,
 * `thresholds.bySupportType.imminent.longestWaitSec`) and one sentence saying why.
 * Stored under `ui_attributes.supervisorInsights` with a stamp (`version`, `savedBy`,
 * `savedAt`) the Settings function writes; a save made on an older version is stale.
 */
import { validateAlertRules, type AlertRule } from './alerts';
import { isValidTimeZone, type PlatformConfig } from './config';
import { OTHER_SUPPORT_TYPE, normaliseQueueName, supportTypeResolver } from './dimensions';
import { validateRules, type DrillDownRule } from './drillDownRules';
import { THRESHOLD_KEYS, type PluginConfig, type SavedStamp, type SupportTypeThresholds, type Threshold, type ThresholdKey, type Thresholds } from './pluginConfig';
import { safeUrl } from './urlSafety';

/** The Settings function's path (`serverless/functions/insights-settings.js`). */
export const SETTINGS_PATH = '/insights-settings';

/** The fields of a settings value, in the order of the tab's sections. */
export const SETTINGS_FIELDS = [
  'drillDownRules',
  'supportTypes',
  'platforms',
  'thresholds',
  'alertRules',
  'serviceLevelSec',
  'shortAbandonSec',
  'timeZone',
  'historyUrl',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** The stamp's fields: written by the function, ignored in what is sent or imported. */
export const STAMP_FIELDS = ['version', 'savedBy', 'savedAt'] as const;

export interface Settings {
  readonly drillDownRules: readonly DrillDownRule[];
  /** Support type → queue-name patterns (normalised substring match, longest wins). */
  readonly supportTypes: Readonly<Record<string, readonly string[]>>;
  readonly platforms: PlatformConfig;
  readonly thresholds: Thresholds;
  /** The live alert rules (`alerts.ts`): the whole list in force. */
  readonly alertRules: readonly AlertRule[];
  readonly serviceLevelSec: number;
  readonly shortAbandonSec: number;
  readonly timeZone: string;
  /** The history function's URL; empty: no history (live data only). */
  readonly historyUrl: string;
}

export type StoredSettings = Settings & SavedStamp;

export interface SettingsProblem {
  /** Where: a field, with a path inside it (`supportTypes.safety[0]`). */
  readonly field: string;
  /** Why, in one sentence. */
  readonly message: string;
}

export type SettingsCheck =
  | { readonly ok: true; readonly settings: Settings; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

export const MAX_SUPPORT_TYPES = 50;
export const MAX_PATTERNS_PER_TYPE = 50;
export const MAX_QUEUE_PATTERN_LENGTH = 100;
export const MAX_PLATFORM_NAME_LENGTH = 60;
export const MAX_CHANNELS = 50;
/** Service level target: at most an hour. */
export const MAX_SERVICE_LEVEL_SEC = 3600;
/** Short abandons: at most ten minutes. */
export const MAX_SHORT_ABANDON_SEC = 600;
/** A threshold of seconds: at most a day. */
export const MAX_THRESHOLD_SEC = 86_400;
/** A threshold of contacts waiting: at most this many. */
export const MAX_THRESHOLD_CONTACTS = 10_000;
/** Alert rules: at most this many (each is watched on every live batch). */
export const MAX_ALERT_RULES = 50;

const SUPPORT_TYPE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const CHANNEL_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const quoted = (s: string, max = 60): string => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

/** The settings in force under a resolved config: what the tab opens with and what export writes. */
export function settingsOf(config: PluginConfig): Settings {
  const { drillDownRules } = config;
  return {
    drillDownRules: validateRules(drillDownRules).rules,
    supportTypes: config.supportTypes,
    platforms: config.platforms,
    thresholds: config.thresholds,
    alertRules: config.alertRules,
    serviceLevelSec: config.serviceLevelSec,
    shortAbandonSec: config.shortAbandonSec,
    timeZone: config.timeZone,
    historyUrl: config.historyUrl ?? '',
  };
}

/** Which problem list a field path belongs to: `thresholds.bySupportType.x` → `thresholds`. */
export function fieldOf(path: string): SettingsField | undefined {
  const head = /^[A-Za-z]+/.exec(path)?.[0];
  return (SETTINGS_FIELDS as readonly string[]).includes(head ?? '') ? (head as SettingsField) : undefined;
}

interface Claim {
  readonly type: string;
  readonly pattern: string;
}

/** The types whose longest matching pattern is as long as the longest any type has: more than one is a tie. */
function claimsOf(map: Readonly<Record<string, readonly string[]>>, queue: string): Claim[] {
  const name = normaliseQueueName(queue);
  let best = 0;
  let claims: Claim[] = [];
  for (const [type, patterns] of Object.entries(map)) {
    let own = '';
    for (const p of patterns) {
      const n = normaliseQueueName(p.trim());
      if (n !== '' && n.length > own.length && name.includes(n)) own = n;
    }
    if (own === '') continue;
    if (own.length > best) {
      best = own.length;
      claims = [{ type, pattern: own }];
    } else if (own.length === best) claims.push({ type, pattern: own });
  }
  return claims;
}

export interface MappingRow {
  readonly queue: string;
  readonly supportType: string;
  /** The normalised pattern that decided (absent for `other`). */
  readonly pattern?: string;
  /** More than one type claims the queue with patterns of the same length (invalid). */
  readonly tiedWith?: readonly string[];
}

/**
 * Each queue and the support type it maps to under a support-type map, as the engine
 * would map it (`supportTypeResolver`), with the deciding pattern and any tie. Queues
 * in name order; unreadable maps (not an object) map everything to `other`.
 */
export function mappingPreview(map: unknown, queues: Iterable<string>): MappingRow[] {
  const usable: Record<string, string[]> = {};
  if (isRecord(map)) {
    for (const [type, list] of Object.entries(map)) {
      if (Array.isArray(list)) usable[type] = list.filter((p): p is string => typeof p === 'string');
    }
  }
  const resolve = supportTypeResolver(usable);
  const names = [...new Set(queues)].filter((q) => q !== '').sort((a, b) => a.localeCompare(b));
  return names.map((queue) => {
    const supportType = resolve(queue);
    const claims = claimsOf(usable, queue);
    const pattern = claims.find((c) => c.type === supportType)?.pattern;
    const tied = claims.length > 1 ? claims.map((c) => c.type) : undefined;
    return { queue, supportType, ...(pattern ? { pattern } : {}), ...(tied ? { tiedWith: tied } : {}) };
  });
}

function checkSupportTypes(input: unknown, queues: readonly string[], out: SettingsProblem[]): Record<string, string[]> | undefined {
  const field = 'supportTypes';
  if (!isRecord(input)) {
    out.push({ field, message: `must map support types to lists of queue-name patterns, not ${kindOf(input)}` });
    return undefined;
  }
  const entries = Object.entries(input);
  if (entries.length === 0) out.push({ field, message: `needs at least one support type (every queue would be "${OTHER_SUPPORT_TYPE}")` });
  if (entries.length > MAX_SUPPORT_TYPES) out.push({ field, message: `has ${entries.length} support types; at most ${MAX_SUPPORT_TYPES}` });
  const before = out.length;
  const map: Record<string, string[]> = {};
  const owner = new Map<string, { type: string; at: string }>();
  for (const [type, list] of entries) {
    const at = `${field}.${type}`;
    if (type === OTHER_SUPPORT_TYPE) {
      out.push({ field: at, message: `"${OTHER_SUPPORT_TYPE}" is what a queue matching no pattern is; it cannot have patterns` });
      continue;
    }
    if (!SUPPORT_TYPE_NAME.test(type)) {
      out.push({ field: at, message: `support type ${quoted(type)} must be lower-case letters, digits and _ (starting with a letter, at most 40)` });
      continue;
    }
    if (!Array.isArray(list)) {
      out.push({ field: at, message: `must be a list of queue-name patterns, not ${kindOf(list)}` });
      continue;
    }
    if (list.length === 0) out.push({ field: at, message: 'has no pattern: no queue would ever map to it' });
    if (list.length > MAX_PATTERNS_PER_TYPE) out.push({ field: at, message: `has ${list.length} patterns; at most ${MAX_PATTERNS_PER_TYPE}` });
    const kept: string[] = [];
    list.forEach((raw, i) => {
      const pat = `${at}[${i}]`;
      if (typeof raw !== 'string') {
        out.push({ field: pat, message: `a pattern must be text, not ${kindOf(raw)}` });
        return;
      }
      const text = raw.trim();
      const norm = normaliseQueueName(text);
      if (norm === '' || norm.replace(/_/g, '') === '') {
        out.push({ field: pat, message: 'is empty: it would match every queue' });
        return;
      }
      if (norm.length > MAX_QUEUE_PATTERN_LENGTH) {
        out.push({ field: pat, message: `is longer than ${MAX_QUEUE_PATTERN_LENGTH} characters` });
        return;
      }
      if (/[*?]/.test(text)) {
        out.push({ field: pat, message: `${quoted(text)} holds * or ?: patterns are plain text found inside the queue name, not wildcards` });
        return;
      }
      if (/[\u0000-\u001f\u007f]/.test(text)) {
        out.push({ field: pat, message: 'holds control characters' });
        return;
      }
      const earlier = owner.get(norm);
      if (earlier && earlier.type === type) {
        out.push({ field: pat, message: `${quoted(text)} is listed twice (as ${earlier.at})` });
        return;
      }
      if (earlier) {
        out.push({ field: pat, message: `${quoted(text)} is also a pattern of ${earlier.type} (${earlier.at}): a queue matching it would be claimed by both equally` });
        return;
      }
      owner.set(norm, { type, at: pat });
      kept.push(text);
    });
    map[type] = kept;
  }
  if (out.length > before) return undefined;
  for (const queue of new Set(queues)) {
    const claims = claimsOf(map, queue);
    if (claims.length > 1) {
      out.push({
        field,
        message: `queue ${quoted(queue)} is claimed equally by ${claims.map((c) => `${c.type} ("${c.pattern}")`).join(' and ')}: make one pattern longer or remove one`,
      });
    }
  }
  return out.length > before ? undefined : map;
}

function checkPlatforms(input: unknown, out: SettingsProblem[]): PlatformConfig | undefined {
  const field = 'platforms';
  if (!isRecord(input)) {
    out.push({ field, message: `must be { default, byChannel }, not ${kindOf(input)}` });
    return undefined;
  }
  const before = out.length;
  const name = (v: unknown, at: string): string | undefined => {
    if (typeof v !== 'string' || v.trim() === '') out.push({ field: at, message: 'a platform needs a name' });
    else if (v.trim().length > MAX_PLATFORM_NAME_LENGTH) out.push({ field: at, message: `a platform name is at most ${MAX_PLATFORM_NAME_LENGTH} characters` });
    else return v.trim();
    return undefined;
  };
  const fallback = name(input.default, `${field}.default`);
  const byChannel: Record<string, string> = {};
  if (!isRecord(input.byChannel)) out.push({ field: `${field}.byChannel`, message: `must map channels to platforms, not ${kindOf(input.byChannel)}` });
  else {
    const entries = Object.entries(input.byChannel);
    if (entries.length > MAX_CHANNELS) out.push({ field: `${field}.byChannel`, message: `has ${entries.length} channels; at most ${MAX_CHANNELS}` });
    for (const [channel, platform] of entries) {
      const at = `${field}.byChannel.${channel}`;
      if (!CHANNEL_NAME.test(channel)) {
        out.push({ field: at, message: `channel ${quoted(channel)} must be a TaskRouter channel's unique name (letters, digits, _ . -)` });
        continue;
      }
      const p = name(platform, at);
      if (p !== undefined) byChannel[channel] = p;
    }
  }
  if (out.length > before || fallback === undefined) return undefined;
  return { default: fallback, byChannel };
}

/** What each threshold counts, for its limits and its words. */
const THRESHOLD_KINDS: Readonly<Record<ThresholdKey, { whole: boolean; min: number; max: number; unit: string; lowerIsWorse: boolean }>> = {
  waitingNow: { whole: true, min: 1, max: MAX_THRESHOLD_CONTACTS, unit: ' contacts', lowerIsWorse: false },
  longestWaitSec: { whole: true, min: 1, max: MAX_THRESHOLD_SEC, unit: ' s', lowerIsWorse: false },
  serviceLevel: { whole: false, min: 0, max: 1, unit: '', lowerIsWorse: true },
};

function checkThreshold(key: ThresholdKey, input: unknown, at: string, out: SettingsProblem[]): Threshold | undefined {
  if (!isRecord(input)) {
    out.push({ field: at, message: `must be { amber, red }, not ${kindOf(input)}` });
    return undefined;
  }
  const kind = THRESHOLD_KINDS[key];
  const before = out.length;
  const value = (name: 'amber' | 'red'): number | undefined => {
    const v = input[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ field: `${at}.${name}`, message: `${name} must be a number, not ${kindOf(v)}` });
    else if (kind.whole && !Number.isInteger(v)) out.push({ field: `${at}.${name}`, message: `${name} must be a whole number` });
    else if (v < kind.min || v > kind.max) {
      out.push({ field: `${at}.${name}`, message: `${name} must be from ${kind.min} to ${kind.max}${kind.unit}${key === 'serviceLevel' ? ' (a share: 0.8 is 80 %)' : ''}` });
    } else return v;
    return undefined;
  };
  const amber = value('amber');
  const red = value('red');
  if (amber === undefined || red === undefined || out.length > before) return undefined;
  if (kind.lowerIsWorse && !(amber > red)) {
    out.push({ field: at, message: `amber (${amber}) must be above red (${red}): a lower service level is worse` });
    return undefined;
  }
  if (!kind.lowerIsWorse && !(amber < red)) {
    out.push({ field: at, message: `amber (${amber}${kind.unit}) must be below red (${red}${kind.unit})` });
    return undefined;
  }
  return { amber, red };
}

function checkThresholds(input: unknown, types: readonly string[] | undefined, out: SettingsProblem[]): Thresholds | undefined {
  const field = 'thresholds';
  if (!isRecord(input)) {
    out.push({ field, message: `must be an object of thresholds, not ${kindOf(input)}` });
    return undefined;
  }
  const before = out.length;
  const general: Partial<Record<ThresholdKey, Threshold>> = {};
  for (const key of THRESHOLD_KEYS) {
    const t = checkThreshold(key, input[key], `${field}.${key}`, out);
    if (t) general[key] = t;
  }
  const bySupportType: Record<string, SupportTypeThresholds> = {};
  const given = input.bySupportType;
  if (given !== undefined && !isRecord(given)) out.push({ field: `${field}.bySupportType`, message: `must map support types to thresholds, not ${kindOf(given)}` });
  else if (given) {
    for (const [type, own] of Object.entries(given)) {
      const at = `${field}.bySupportType.${type}`;
      if (types && type !== OTHER_SUPPORT_TYPE && !types.includes(type)) {
        out.push({ field: at, message: `${quoted(type)} is not a support type of the map` });
        continue;
      }
      if (!isRecord(own)) {
        out.push({ field: at, message: `must be an object of thresholds, not ${kindOf(own)}` });
        continue;
      }
      const kept: Partial<Record<ThresholdKey, Threshold>> = {};
      for (const key of Object.keys(own)) {
        if (!(THRESHOLD_KEYS as readonly string[]).includes(key)) {
          out.push({ field: `${at}.${key}`, message: `is not a threshold (${THRESHOLD_KEYS.join(', ')})` });
          continue;
        }
        const t = checkThreshold(key as ThresholdKey, own[key], `${at}.${key}`, out);
        if (t) kept[key as ThresholdKey] = t;
      }
      if (Object.keys(kept).length > 0) bySupportType[type] = kept;
    }
  }
  for (const key of Object.keys(input)) {
    if (key !== 'bySupportType' && !(THRESHOLD_KEYS as readonly string[]).includes(key)) out.push({ field: `${field}.${key}`, message: 'is not a threshold' });
  }
  if (out.length > before) return undefined;
  const { waitingNow, longestWaitSec, serviceLevel } = general as Record<ThresholdKey, Threshold>;
  return { waitingNow, longestWaitSec, serviceLevel, ...(Object.keys(bySupportType).length > 0 ? { bySupportType } : {}) };
}

/**
 * The alert rules, each field checked by the core's `validateAlertRules` (the same words
 * the plugin logs for a stored list), then against the rest of the value: a support type
 * the map does not have, or a platform the platforms do not name, would never alert.
 */
function checkAlertRules(input: unknown, types: readonly string[] | undefined, platforms: PlatformConfig | undefined, out: SettingsProblem[]): AlertRule[] | undefined {
  const field = 'alertRules';
  if (!Array.isArray(input)) {
    out.push({ field, message: `must be a list of alert rules, not ${kindOf(input)}` });
    return undefined;
  }
  const before = out.length;
  if (input.length > MAX_ALERT_RULES) out.push({ field, message: `has ${input.length} rules; at most ${MAX_ALERT_RULES}` });
  const checked = validateAlertRules(input, field);
  out.push(...checked.problems);
  const platformNames = platforms ? [platforms.default, ...Object.values(platforms.byChannel)] : undefined;
  input.forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const type = raw.supportType;
    if (types && typeof type === 'string' && type.trim() !== '' && type !== OTHER_SUPPORT_TYPE && !types.includes(type)) {
      out.push({ field: `${field}[${i}].supportType`, message: `${quoted(type)} is not a support type of the map: the rule would never alert` });
    }
    const platform = raw.platform;
    if (platformNames && typeof platform === 'string' && platform.trim() !== '' && !platformNames.includes(platform)) {
      out.push({ field: `${field}[${i}].platform`, message: `${quoted(platform)} is not a platform (${platformNames.join(', ')}): the rule would never alert` });
    }
  });
  return out.length > before ? undefined : checked.rules;
}

function checkSeconds(field: 'serviceLevelSec' | 'shortAbandonSec', input: unknown, min: number, max: number, out: SettingsProblem[]): number | undefined {
  if (typeof input !== 'number' || !Number.isFinite(input)) out.push({ field, message: `must be a number of seconds, not ${kindOf(input)}` });
  else if (!Number.isInteger(input)) out.push({ field, message: 'must be whole seconds' });
  else if (input < min || input > max) out.push({ field, message: `must be from ${min} to ${max} seconds` });
  else return input;
  return undefined;
}

/**
 * The settings if every field is good, else every problem found (nothing half-checked is
 * returned). `queues` are the queues the centre has seen: a queue two support types claim
 * with patterns of the same length is a problem (the engine would give it to the type
 * listed first). Stamp fields (`version`, `savedBy`, `savedAt`) are ignored; any other
 * unknown field is a problem (a typo in an imported file must not pass unnoticed).
 */
export function validateSettings(input: unknown, options: { readonly queues?: Iterable<string> } = {}): SettingsCheck {
  const out: SettingsProblem[] = [];
  if (!isRecord(input)) return { ok: false, problems: [{ field: 'settings', message: `must be an object with ${SETTINGS_FIELDS.join(', ')}, not ${kindOf(input)}` }] };
  for (const key of Object.keys(input)) {
    if (!(SETTINGS_FIELDS as readonly string[]).includes(key) && !(STAMP_FIELDS as readonly string[]).includes(key)) {
      out.push({ field: key, message: `is not a setting (${SETTINGS_FIELDS.join(', ')})` });
    }
  }
  for (const key of SETTINGS_FIELDS) if (!has(input, key)) out.push({ field: key, message: 'is missing' });
  const queues = [...(options.queues ?? [])];

  const rules = validateRules(input.drillDownRules);
  if (input.drillDownRules !== undefined && !Array.isArray(input.drillDownRules)) {
    out.push({ field: 'drillDownRules', message: `must be a list of rules, not ${kindOf(input.drillDownRules)}` });
  } else {
    for (const p of rules.problems) {
      const m = /^rules\[(\d+)\]: (.*)$/.exec(p);
      out.push(m ? { field: `drillDownRules[${m[1]}]`, message: m[2] } : { field: 'drillDownRules', message: p.replace(/^rules: /, '') });
    }
  }
  const supportTypes = has(input, 'supportTypes') ? checkSupportTypes(input.supportTypes, queues, out) : undefined;
  const platforms = has(input, 'platforms') ? checkPlatforms(input.platforms, out) : undefined;
  const types = isRecord(input.supportTypes) ? Object.keys(input.supportTypes) : undefined;
  const thresholds = has(input, 'thresholds') ? checkThresholds(input.thresholds, types, out) : undefined;
  const alertRules = has(input, 'alertRules') ? checkAlertRules(input.alertRules, types, platforms, out) : undefined;
  const serviceLevelSec = has(input, 'serviceLevelSec') ? checkSeconds('serviceLevelSec', input.serviceLevelSec, 1, MAX_SERVICE_LEVEL_SEC, out) : undefined;
  const shortAbandonSec = has(input, 'shortAbandonSec') ? checkSeconds('shortAbandonSec', input.shortAbandonSec, 0, MAX_SHORT_ABANDON_SEC, out) : undefined;

  let timeZone: string | undefined;
  if (has(input, 'timeZone')) {
    const z = input.timeZone;
    if (typeof z !== 'string' || z.trim() === '') out.push({ field: 'timeZone', message: 'must be an IANA time zone such as Europe/London' });
    else if (!isValidTimeZone(z.trim())) out.push({ field: 'timeZone', message: `${quoted(z)} is not an IANA time zone this browser knows (such as Europe/London)` });
    else timeZone = z.trim();
  }

  let historyUrl: string | undefined;
  if (has(input, 'historyUrl')) {
    const u = input.historyUrl;
    if (typeof u !== 'string') out.push({ field: 'historyUrl', message: `must be text (empty for no history), not ${kindOf(u)}` });
    else if (u.trim() === '') historyUrl = '';
    else {
      const safe = safeUrl(u.trim());
      if (!safe.ok) out.push({ field: 'historyUrl', message: `is refused: ${safe.reason}` });
      else historyUrl = safe.url;
    }
  }

  if (
    out.length > 0 ||
    !supportTypes ||
    !platforms ||
    !thresholds ||
    !alertRules ||
    serviceLevelSec === undefined ||
    shortAbandonSec === undefined ||
    timeZone === undefined ||
    historyUrl === undefined
  ) {
    return { ok: false, problems: out };
  }
  return {
    ok: true,
    settings: { drillDownRules: rules.rules, supportTypes, platforms, thresholds, alertRules, serviceLevelSec, shortAbandonSec, timeZone, historyUrl },
    problems: [],
  };
}

/**
 * Where the Settings function is, for the check below: the one this session saves through
 * and the one the next start would find with a given history URL stored (the bundled
 * `settingsUrl`, else beside the history function: `settingsUrlBeside`).
 */
export interface SettingsFunctionUrls {
  /** The Settings function this session saves through; absent: none (Save is off anyway). */
  readonly now?: string;
  /** The one the next start would use with this history URL stored (empty: the bundled history URL applies). */
  readonly after: (historyUrl: string) => string | undefined;
}

/**
 * A history URL that would lock Save out: the session saves through a Settings function
 * found only beside the history function, and with this URL (empty, or not ending in
 * `/insights-history`) the next start would find none, so nobody could save from the tab
 * again (only a hand edit of `ui_attributes` or a rebuild would). Undefined when the next
 * start still has a Settings function (the same or another).
 */
export function settingsFunctionProblem(historyUrl: string, urls: SettingsFunctionUrls): SettingsProblem | undefined {
  if (urls.now === undefined || urls.after(historyUrl) !== undefined) return undefined;
  const what = historyUrl.trim() === '' ? 'with no history URL' : 'with this URL';
  return {
    field: 'historyUrl',
    message: `the Settings function is found beside the history function (…/insights-history → …/insights-settings) and the plugin has no settingsUrl of its own: ${what}, Insights would find no Settings function at its next start and settings could not be saved again from this tab. Keep a URL ending in /insights-history, or set settingsUrl in flex-plugin.config.js first`,
  };
}

/** The settings as the JSON file export writes: every field, and the stamp when given (for review). */
export function settingsJson(settings: Settings, stamp?: SavedStamp): string {
  const value: Record<string, unknown> = {};
  for (const key of SETTINGS_FIELDS) value[key] = settings[key];
  if (stamp) {
    value.version = stamp.version;
    if (stamp.savedBy !== undefined) value.savedBy = stamp.savedBy;
    if (stamp.savedAt !== undefined) value.savedAt = stamp.savedAt;
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** An imported file's text, checked like any save: not JSON is one problem, with where the parser stopped. */
export function parseSettingsJson(text: string, options: { readonly queues?: Iterable<string> } = {}): SettingsCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ field: 'settings', message: `the file is not JSON (${err instanceof Error ? err.message : String(err)})` }] };
  }
  return validateSettings(parsed, options);
}

/**
 * The Settings function's wire contract (`POST /insights-settings`): the request is
 * `{ Token, baseVersion, settings }` (the version the change was made on, 0 when none was
 * saved); the answer a `SettingsSaved` (200) or a `SettingsError`: 400 `bad_request` /
 * `invalid_settings` (with `problems`), 401 `missing_token` / `invalid_token`, 403
 * `forbidden`, 405 `method_not_allowed`, 409 `stale` (with the `current` stamp), 5xx
 * `upstream_failed`.
 */
export const SETTINGS_ERROR_CODES = [
  'bad_request',
  'invalid_settings',
  'missing_token',
  'invalid_token',
  'forbidden',
  'stale',
  'method_not_allowed',
  'upstream_failed',
] as const;
export type SettingsErrorCode = (typeof SETTINGS_ERROR_CODES)[number];

export interface SettingsError {
  readonly error: {
    readonly code: SettingsErrorCode;
    readonly message: string;
    /** `invalid_settings`: every problem, by field. */
    readonly problems?: readonly SettingsProblem[];
    /** `stale`: the stamp of the value stored now. */
    readonly current?: SavedStamp;
  };
}

/** A save that took effect: the whole `supervisorInsights` value as written, and its stamp. */
export interface SettingsSaved {
  readonly stored: Readonly<Record<string, unknown>>;
  readonly saved: SavedStamp;
}
