export { VIEW_NAME, guarded, registerInsights, userOf } from './register';
export type { HostOptions, Registration } from './register';
export { DRILL_DOWN_ACTION, drillDownTarget, handleDrillDown } from './drilldown';
export type { DrillDownDeps, DrillDownOutcome, DrillDownTarget, OpenResult } from './drilldown';
export { UI_ATTRIBUTES_KEY, runtimeConfig } from './runtimeConfig';
export type { PluginConfig } from './runtimeConfig';
