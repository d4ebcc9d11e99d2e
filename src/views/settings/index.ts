export { SettingsTab } from './SettingsTab';
export type { SettingsTabProps } from './SettingsTab';
export { RULES_CONFIG_PATH, copyJsonPersistence, rulesJson } from './persistence';
export type { RulesPersistence, SaveResult } from './persistence';
export {
  ACTION_LABELS,
  NEW_RULE,
  addRule,
  check,
  describeTry,
  moveDown,
  moveUp,
  removeRule,
  tryUrl,
  updateAction,
  updatePattern,
} from './settings.model';
export type { RulesCheck, TryResult } from './settings.model';
