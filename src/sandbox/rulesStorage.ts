/**
 * The sandbox keeps the admin's drill-down rules in localStorage, so an edit in the
 * Settings tab survives a reload without a Flex configuration to write to.
 */
import { LOG_PREFIX, validateRules, type DrillDownRule } from '../core';
import { rulesJson, type RulesPersistence } from '../views/settings';

export const RULES_STORAGE_KEY = 'supervisorInsights.drillDownRules';

/**
 * Rules in `storage` under `key`. What is stored is checked like any admin input:
 * text that is not JSON, or JSON that is not a list, is removed with a console warning;
 * rules `validateRules` rejects are left out with a warning.
 */
export function localStoragePersistence(
  storage: Storage = window.localStorage,
  key: string = RULES_STORAGE_KEY,
): RulesPersistence {
  return {
    load() {
      let text: string | null;
      try {
        text = storage.getItem(key);
      } catch (err) {
        console.warn(`${LOG_PREFIX} stored drill-down rules could not be read`, err);
        return undefined;
      }
      if (text === null) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (_) {
        parsed = undefined;
      }
      if (!Array.isArray(parsed)) {
        console.warn(`${LOG_PREFIX} stored drill-down rules under "${key}" are not a JSON list; dropped them`);
        try {
          storage.removeItem(key);
        } catch (_) {
          // Nothing more to do: the next load drops them again.
        }
        return undefined;
      }
      const { rules, problems } = validateRules(parsed);
      if (problems.length > 0) console.warn(`${LOG_PREFIX} stored drill-down rules: left out ${problems.join('; ')}`);
      return rules;
    },
    async save(rules: readonly DrillDownRule[]) {
      storage.setItem(key, rulesJson(rules));
      return { kind: 'saved' } as const;
    },
  };
}
