export { VIEW_NAME, guarded, registerInsights, userOf } from './register';
export type { Registration } from './register';
export { UI_ATTRIBUTES_KEY, runtimeConfig } from './runtimeConfig';
export type { PluginConfig } from './runtimeConfig';
