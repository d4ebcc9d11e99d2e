/**
 * Where the Settings tab keeps the drill-down rules. A host with a place to write
 * (the sandbox's localStorage) saves them; Flex without a save function gets the JSON
 * back to paste into its configuration by hand.
 */
import { UI_ATTRIBUTES_KEY, type DrillDownRule } from '../../core';

export type SaveResult =
  | { readonly kind: 'saved' }
  | { readonly kind: 'copy'; readonly json: string; readonly instructions: string };

export interface RulesPersistence {
  /** The stored rules, or undefined when nothing usable is stored (the configured rules apply). */
  load(): DrillDownRule[] | undefined;
  /** Stores the rules, or says how the admin stores them. Rejects only when storing failed. */
  save(rules: readonly DrillDownRule[]): Promise<SaveResult>;
}

/** Where the pasted list goes in the Flex configuration. */
export const RULES_CONFIG_PATH = `ui_attributes.${UI_ATTRIBUTES_KEY}.drillDownRules`;

/** The rules as the JSON an admin pastes: only `pattern` and `action`, two-space indented. */
export function rulesJson(rules: readonly DrillDownRule[]): string {
  return JSON.stringify(
    rules.map(({ pattern, action }) => ({ pattern, action })),
    null,
    2,
  );
}

/**
 * For Flex without a save function: nothing is loaded (the rules come from the Flex
 * configuration), and `save` hands back the JSON with one line saying where it goes.
 */
export function copyJsonPersistence(): RulesPersistence {
  return {
    load: () => undefined,
    save: async (rules) => ({
      kind: 'copy',
      json: rulesJson(rules),
      instructions: `Copy this list into the Flex configuration under ${RULES_CONFIG_PATH}, then reload Flex.`,
    }),
  };
}
