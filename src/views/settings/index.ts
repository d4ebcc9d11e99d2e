export { SettingsTab } from './SettingsTab';
export type { SettingsTabProps } from './SettingsTab';
export type { SaveOutcome, SettingsSaver } from './persistence';
export { checkDraft, describeProblem, draftOf } from './settingsDraft';
export type { Draft, DraftCheck } from './settingsDraft';
export { selectKnownQueues } from './knownQueues';
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
