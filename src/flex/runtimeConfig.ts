/**
 * The plugin's configuration at run time: `flex-plugin.config.js` (bundled defaults),
 * with what an admin stored in the Flex configuration's `ui_attributes` under the key
 * `supervisorInsights` merged over it, key by key.
 */
import defaults from '../../flex-plugin.config.js';
import { resolveConfig, type EngineConfig } from '../core';

/** The documented `ui_attributes` key. */
export const UI_ATTRIBUTES_KEY = 'supervisorInsights';

export interface PluginConfig extends EngineConfig {
  readonly thresholds: Readonly<Record<string, { readonly amber: number; readonly red: number }>>;
  readonly drillDownRules: readonly unknown[];
  /** The history function's URL; empty or absent: no backfill, live data only. */
  readonly historyUrl?: string;
}


/** Merges `ui_attributes.supervisorInsights` (if any) over the bundled defaults. */
export function runtimeConfig(uiAttributes: unknown): PluginConfig {
  const stored =
    typeof uiAttributes === 'object' && uiAttributes !== null
      ? ((uiAttributes as Record<string, unknown>)[UI_ATTRIBUTES_KEY] as Partial<PluginConfig> | undefined)
      : undefined;
  const engine = resolveConfig(stored, resolveConfig(defaults));
  return {
    ...engine,
    thresholds: { ...defaults.thresholds, ...(stored?.thresholds ?? {}) },
    drillDownRules: stored?.drillDownRules ?? defaults.drillDownRules,
    historyUrl: historyUrlOf(stored?.historyUrl) ?? historyUrlOf(defaults.historyUrl),
  };
}

/** The configured history URL, trimmed (stored over bundled); undefined when neither sets one. */
function historyUrlOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
