/**
 * The Settings tab's form: the settings as an admin types them (numbers and pattern lists
 * as text, rows with keys of their own), turned back into a settings value and checked by
 * the core's `validateSettings`, the same check the Settings function makes. Pure.
 */
import {
  SETTINGS_FIELDS,
  THRESHOLD_KEYS,
  alertRuleFieldsOf,
  fieldOf,
  settingsFunctionProblem,
  validateSettings,
  type AlertKind,
  type AlertRule,
  type AlertSeverity,
  type AlertSubjectField,
  type DrillDownRule,
  type Settings,
  type SettingsCheck,
  type SettingsField,
  type SettingsFunctionUrls,
  type SettingsProblem,
  type ThresholdKey,
} from '../../core';

export interface RuleRow extends DrillDownRule {
  readonly key: number;
}

export interface SupportTypeRow {
  readonly key: number;
  readonly type: string;
  /** Patterns as typed, comma-separated. */
  readonly patterns: string;
}

export interface ChannelRow {
  readonly key: number;
  readonly channel: string;
  readonly platform: string;
}

export interface ThresholdText {
  readonly amber: string;
  readonly red: string;
}

/** One support type's own threshold for one figure. */
export interface TypeThresholdRow extends ThresholdText {
  readonly key: number;
  readonly type: string;
  readonly figure: ThresholdKey;
}

/** One alert rule as typed: which subject field it names ('' for any), its number as text. */
export interface AlertRuleRow {
  readonly key: number;
  readonly id: string;
  readonly kind: AlertKind;
  readonly subjectField: AlertSubjectField | '';
  readonly subject: string;
  /** The rule's number (seconds, count, share or minutes, as its kind has); unused by a kind without one. */
  readonly figure: string;
  readonly severity: AlertSeverity;
  readonly holdSec: string;
  readonly clearSec: string;
  /** Empty: the strip makes one from the rule. */
  readonly label: string;
}

export interface Draft {
  readonly rules: readonly RuleRow[];
  readonly supportTypes: readonly SupportTypeRow[];
  readonly platformDefault: string;
  readonly channels: readonly ChannelRow[];
  readonly thresholds: Readonly<Record<ThresholdKey, ThresholdText>>;
  readonly typeThresholds: readonly TypeThresholdRow[];
  readonly alertRules: readonly AlertRuleRow[];
  readonly serviceLevelSec: string;
  readonly shortAbandonSec: string;
  readonly timeZone: string;
  readonly historyUrl: string;
}

/** Words for an alert rule's fields, in problems and on the form. */
export const ALERT_FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'name',
  kind: 'kind',
  severity: 'severity',
  holdSec: 'hold (s)',
  clearSec: 'clear (s)',
  label: 'label',
  queue: 'queue',
  supportType: 'support type',
  platform: 'platform',
  activity: 'activity',
  seconds: 'waiting over (s)',
  count: 'count',
  below: 'service level below (0–1)',
  minutes: 'over (min)',
};

/** Labels of the figures that have thresholds. */
export const FIGURE_LABELS: Readonly<Record<ThresholdKey, string>> = {
  waitingNow: 'Contacts waiting',
  longestWaitSec: 'Longest wait (s)',
  serviceLevel: 'Service level (0–1)',
};

/** Keys for new rows: one counter for the tab's life is enough. */
let nextKey = 1;
export const newKey = (): number => nextKey++;

const text = (n: number): string => String(n);

/** A new rule's number for each kind: the bundled rules' values. */
const FIGURE_DEFAULTS: Readonly<Record<AlertKind, string>> = {
  contactWait: '120',
  waitingCount: '6',
  serviceLevel: '0.6',
  noAgentAvailable: '',
  agentActivity: '30',
  agentWrapup: '10',
  agentRona: '3',
};

/** A rule's row. */
export function alertRuleRowOf(rule: AlertRule): AlertRuleRow {
  const fields = alertRuleFieldsOf(rule.kind);
  const values = rule as unknown as Readonly<Record<string, unknown>>;
  const subjectField = fields.subjects.find((f) => values[f] !== undefined) ?? (fields.subjectRequired ? fields.subjects[0] : '');
  return {
    key: newKey(),
    id: rule.id,
    kind: rule.kind,
    subjectField,
    subject: subjectField === '' ? '' : String(values[subjectField] ?? ''),
    figure: fields.figure ? String(values[fields.figure] ?? '') : '',
    severity: rule.severity,
    holdSec: text(rule.holdSec),
    clearSec: text(rule.clearSec),
    label: rule.label ?? '',
  };
}

/** The row with another kind: its subject and number start again (another kind names other things). */
export function withKind(row: AlertRuleRow, kind: AlertKind): AlertRuleRow {
  if (kind === row.kind) return row;
  const fields = alertRuleFieldsOf(kind);
  return { ...row, kind, subjectField: fields.subjectRequired ? fields.subjects[0] : '', subject: kind === 'agentActivity' ? 'Break' : '', figure: FIGURE_DEFAULTS[kind] };
}

/** A new rule: a contact of any type waiting over 120 s, with a name no other row has. */
export function newAlertRule(rows: readonly AlertRuleRow[]): AlertRuleRow {
  const ids = new Set(rows.map((r) => r.id.trim()));
  let n = rows.length + 1;
  while (ids.has(`rule-${n}`)) n++;
  return { key: newKey(), id: `rule-${n}`, kind: 'contactWait', subjectField: '', subject: '', figure: FIGURE_DEFAULTS.contactWait, severity: 'warning', holdSec: '0', clearSec: '10', label: '' };
}

/** The form for a settings value. */
export function draftOf(settings: Settings): Draft {
  const thresholds = Object.fromEntries(
    THRESHOLD_KEYS.map((k) => [k, { amber: text(settings.thresholds[k].amber), red: text(settings.thresholds[k].red) }]),
  ) as Record<ThresholdKey, ThresholdText>;
  const typeThresholds: TypeThresholdRow[] = [];
  for (const [type, own] of Object.entries(settings.thresholds.bySupportType ?? {})) {
    for (const figure of THRESHOLD_KEYS) {
      const t = own[figure];
      if (t) typeThresholds.push({ key: newKey(), type, figure, amber: text(t.amber), red: text(t.red) });
    }
  }
  return {
    rules: settings.drillDownRules.map((r) => ({ ...r, key: newKey() })),
    supportTypes: Object.entries(settings.supportTypes).map(([type, patterns]) => ({ key: newKey(), type, patterns: patterns.join(', ') })),
    platformDefault: settings.platforms.default,
    channels: Object.entries(settings.platforms.byChannel).map(([channel, platform]) => ({ key: newKey(), channel, platform })),
    thresholds,
    typeThresholds,
    alertRules: settings.alertRules.map(alertRuleRowOf),
    serviceLevelSec: text(settings.serviceLevelSec),
    shortAbandonSec: text(settings.shortAbandonSec),
    timeZone: settings.timeZone,
    historyUrl: settings.historyUrl,
  };
}

/** A number as typed: blank or not a number gives the text back, which the core refuses with its own words. */
function numberOf(typed: string): number | string {
  const t = typed.trim();
  if (t === '') return t;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

const patternsOf = (typed: string): string[] =>
  typed
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The rule a row stands for, as typed: the core's check names what is wrong with it. */
function alertRuleOf(row: AlertRuleRow): Record<string, unknown> {
  const fields = alertRuleFieldsOf(row.kind);
  return {
    id: row.id.trim(),
    kind: row.kind,
    ...(row.subjectField !== '' ? { [row.subjectField]: row.subject.trim() } : {}),
    ...(fields.figure ? { [fields.figure]: numberOf(row.figure) } : {}),
    severity: row.severity,
    holdSec: numberOf(row.holdSec),
    clearSec: numberOf(row.clearSec),
    ...(row.label.trim() !== '' ? { label: row.label.trim() } : {}),
  };
}

export interface DraftCheck {
  readonly check: SettingsCheck;
  /** Problems by the section's field. */
  readonly byField: ReadonlyMap<SettingsField | 'settings', readonly SettingsProblem[]>;
  /** The support-type map as it would be saved (for the live preview, valid or not). */
  readonly supportTypes: Readonly<Record<string, readonly string[]>>;
}

/**
 * The value the form stands for, checked; problems of the form itself (a row twice) join
 * the core's, and so does a history URL that would leave the next start without the
 * Settings function (`urls`, when the host says where it is).
 */
export function checkDraft(draft: Draft, queues: Iterable<string>, urls?: SettingsFunctionUrls): DraftCheck {
  const own: SettingsProblem[] = [];
  const supportTypes: Record<string, string[]> = {};
  draft.supportTypes.forEach((row, i) => {
    const type = row.type.trim();
    if (type === '') own.push({ field: `supportTypes[${i + 1}]`, message: `support type ${i + 1} needs a name` });
    else if (Object.prototype.hasOwnProperty.call(supportTypes, type)) own.push({ field: `supportTypes.${type}`, message: `${type} is listed twice` });
    else supportTypes[type] = patternsOf(row.patterns);
  });
  const byChannel: Record<string, string> = {};
  for (const row of draft.channels) {
    const channel = row.channel.trim();
    if (Object.prototype.hasOwnProperty.call(byChannel, channel)) own.push({ field: `platforms.byChannel.${channel}`, message: `channel ${channel} is listed twice` });
    else byChannel[channel] = row.platform;
  }
  const bySupportType: Record<string, Record<string, unknown>> = {};
  for (const row of draft.typeThresholds) {
    const entry = (bySupportType[row.type] ??= {});
    if (entry[row.figure] !== undefined) own.push({ field: `thresholds.bySupportType.${row.type}.${row.figure}`, message: `${row.type} has two ${FIGURE_LABELS[row.figure].toLowerCase()} thresholds` });
    else entry[row.figure] = { amber: numberOf(row.amber), red: numberOf(row.red) };
  }
  const value = {
    drillDownRules: draft.rules.map(({ pattern, action }) => ({ pattern, action })),
    supportTypes,
    platforms: { default: draft.platformDefault, byChannel },
    thresholds: {
      ...Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, { amber: numberOf(draft.thresholds[k].amber), red: numberOf(draft.thresholds[k].red) }])),
      ...(Object.keys(bySupportType).length > 0 ? { bySupportType } : {}),
    },
    alertRules: draft.alertRules.map(alertRuleOf),
    serviceLevelSec: numberOf(draft.serviceLevelSec),
    shortAbandonSec: numberOf(draft.shortAbandonSec),
    timeZone: draft.timeZone,
    historyUrl: draft.historyUrl,
  };
  const core = validateSettings(value, { queues });
  // Only a URL the core takes can lock Save out (a refused one is not saved at all).
  const lockout = urls && !core.problems.some((p) => p.field === 'historyUrl') ? settingsFunctionProblem(draft.historyUrl, urls) : undefined;
  const problems = [...own, ...core.problems, ...(lockout ? [lockout] : [])];
  const check: SettingsCheck = problems.length === 0 && core.ok ? core : { ok: false, problems };
  const byField = new Map<SettingsField | 'settings', SettingsProblem[]>();
  for (const p of problems) {
    const field = fieldOf(p.field) ?? 'settings';
    const list = byField.get(field);
    if (list) list.push(p);
    else byField.set(field, [p]);
  }
  return { check, byField, supportTypes };
}

/** A problem as a person reads it next to its section: where inside the field, then why. */
export function describeProblem(p: SettingsProblem): string {
  if ((SETTINGS_FIELDS as readonly string[]).includes(p.field) || p.field === 'settings') return p.message;
  const where = p.field
    .replace(/^drillDownRules\[(\d+)\]/, (_, n: string) => `rule ${Number(n) + 1}`)
    .replace(/^alertRules\[(\d+)\]\.?(\w*)/, (_, n: string, f: string) => `alert rule ${Number(n) + 1}${f ? `.${ALERT_FIELD_LABELS[f] ?? f}` : ''}`)
    .replace(/^supportTypes\[(\d+)\]/, (_, n: string) => `row ${n}`)
    .replace(/\[(\d+)\]/g, (_, n: string) => ` pattern ${Number(n) + 1}`)
    .replace(/^(supportTypes|platforms|thresholds)\./, '')
    .replace(/^bySupportType\./, '')
    .replace(/\b(waitingNow|longestWaitSec|serviceLevel)\b/g, (k: string) => FIGURE_LABELS[k as ThresholdKey].toLowerCase())
    .replace(/\./g, ' › ');
  return `${where}: ${p.message}`;
}
