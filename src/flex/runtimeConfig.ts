/**
 * The plugin's configuration at run time: `flex-plugin.config.js` (bundled defaults),
 * with what an admin stored in the Flex configuration's `ui_attributes` under the key
 * `supervisorInsights` merged over it, key by key (the core's `resolvePluginConfig`).
 */
import defaults from '../../flex-plugin.config.js';
import { resolvePluginConfig, type PluginConfig } from '../core';

export { UI_ATTRIBUTES_KEY } from '../core';
export type { PluginConfig } from '../core';

/** Merges `ui_attributes.supervisorInsights` (if any) over the bundled defaults. */
export function runtimeConfig(uiAttributes: unknown): PluginConfig {
  return resolvePluginConfig(uiAttributes, defaults);
}
