/**
 * Engine configuration. The plugin's defaults live in `flex-plugin.config.js`;
 * the core only ever sees a resolved `EngineConfig` passed in as an argument.
 */

export const DEFAULT_SUPPORT_TYPES: Readonly<Record<string, readonly string[]>> = {
  check_in: ['check_in'],
  check_out: ['check_out'],
  safety: ['safety'],
  support: ['support'],
  debrief: ['debrief'],
  imminent: ['imminent'],
  technical_support: ['technical_support'],
};

export interface PlatformConfig {
  /** Platform for any channel not named in `byChannel`. */
  readonly default: string;
  /** TaskRouter channel unique name → platform. */
  readonly byChannel: Readonly<Record<string, string>>;
}

export interface EngineConfig {
  /** IANA zone for day, week, month and interval keys. */
  readonly timeZone: string;
  /** Support type → queue-name patterns (normalised substring match, longest wins). */
  readonly supportTypes: Readonly<Record<string, readonly string[]>>;
  readonly platforms: PlatformConfig;
  /** A queue segment accepted within this many seconds meets the service level. */
  readonly serviceLevelSec: number;
  /** A customer who leaves within this many seconds is a short abandon (out of the SLA). */
  readonly shortAbandonSec: number;
  /** How late an event may arrive; the fold is order-independent, this bounds the live buffer. */
  readonly reorderWindowMs: number;
}

export const DEFAULT_CONFIG: EngineConfig = {
  timeZone: 'UTC',
  supportTypes: DEFAULT_SUPPORT_TYPES,
  platforms: { default: 'DIGI Central', byChannel: { voice: 'CISS Central' } },
  serviceLevelSec: 60,
  shortAbandonSec: 5,
  reorderWindowMs: 300_000,
};

/** Problems in a config object, one line each; empty when it is usable. */
export function configProblems(config: EngineConfig): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(config.timeZone)) problems.push(`timeZone "${config.timeZone}" is not an IANA time zone`);
  for (const key of ['serviceLevelSec', 'shortAbandonSec', 'reorderWindowMs'] as const) {
    const v = config[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${key} must be a number ≥ 0`);
  }
  if (typeof config.supportTypes !== 'object' || config.supportTypes === null) {
    problems.push('supportTypes must map support types to lists of queue-name patterns');
  } else {
    for (const [type, patterns] of Object.entries(config.supportTypes)) {
      if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string')) {
        problems.push(`supportTypes.${type} must be a list of strings`);
      }
    }
  }
  const p = config.platforms;
  if (!p || typeof p.default !== 'string' || typeof p.byChannel !== 'object' || p.byChannel === null) {
    problems.push('platforms must be { default: string, byChannel: { channel: platform } }');
  }
  return problems;
}

/** Merges a partial config (e.g. from a file or Flex ui_attributes) over the defaults. */
export function resolveConfig(partial: Partial<EngineConfig> | undefined, base: EngineConfig = DEFAULT_CONFIG): EngineConfig {
  if (!partial) return base;
  return {
    timeZone: partial.timeZone ?? base.timeZone,
    supportTypes: partial.supportTypes ?? base.supportTypes,
    platforms: {
      default: partial.platforms?.default ?? base.platforms.default,
      byChannel: partial.platforms?.byChannel ?? base.platforms.byChannel,
    },
    serviceLevelSec: partial.serviceLevelSec ?? base.serviceLevelSec,
    shortAbandonSec: partial.shortAbandonSec ?? base.shortAbandonSec,
    reorderWindowMs: partial.reorderWindowMs ?? base.reorderWindowMs,
  };
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
