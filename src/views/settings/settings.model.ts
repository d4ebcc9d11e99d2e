/**
 * The Settings tab's editing model: pure operations on the admin's ordered list of
 * drill-down rules, with the problems `validateRules` finds attached to the row they
 * belong to. Every operation returns a new list and leaves its input alone; an
 * operation that changes nothing (a move past either end, an index out of range)
 * returns the same list, so a caller can compare with `===`.
 */
import {
  DRILL_DOWN_ACTIONS,
  MAX_DRILL_DOWN_RULES,
  actionFor,
  validateRules,
  type DrillDownAction,
  type DrillDownRule,
} from '../../core';

/** What a new row starts as: a pattern to edit and the default action. */
export const NEW_RULE: DrillDownRule = { pattern: 'https://', action: DRILL_DOWN_ACTIONS[0] };

/** How each action reads in the editor. */
export const ACTION_LABELS: Readonly<Record<DrillDownAction, string>> = {
  screen: 'Open in the drill-down screen',
  'new tab': 'Open in a new browser tab',
  'original handler': "Hand to Flex's own handler",
};

function inRange(rules: readonly unknown[], index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < rules.length;
}

/** The list with `rule` appended (a copy of `NEW_RULE` when none is given). */
export function addRule<R extends DrillDownRule>(rules: readonly R[], rule: R): R[];
export function addRule(rules: readonly DrillDownRule[]): DrillDownRule[];
export function addRule(rules: readonly DrillDownRule[], rule: DrillDownRule = { ...NEW_RULE }): DrillDownRule[] {
  return [...rules, rule];
}

/** The list with row `index`'s pattern replaced; the text is kept as typed (trimming happens on `check`). */
export function updatePattern<R extends DrillDownRule>(rules: readonly R[], index: number, pattern: string): readonly R[] {
  if (!inRange(rules, index) || rules[index].pattern === pattern) return rules;
  return rules.map((r, i) => (i === index ? { ...r, pattern } : r));
}

/** The list with row `index`'s action replaced. */
export function updateAction<R extends DrillDownRule>(rules: readonly R[], index: number, action: DrillDownAction): readonly R[] {
  if (!inRange(rules, index) || rules[index].action === action) return rules;
  return rules.map((r, i) => (i === index ? { ...r, action } : r));
}

function swap<R>(rules: readonly R[], a: number, b: number): readonly R[] {
  if (!inRange(rules, a) || !inRange(rules, b)) return rules;
  const next = [...rules];
  [next[a], next[b]] = [next[b], next[a]];
  return next;
}

/** The list with row `index` one place earlier (it wins over the rule it passes). The first row stays. */
export function moveUp<R extends DrillDownRule>(rules: readonly R[], index: number): readonly R[] {
  return swap(rules, index - 1, index);
}

/** The list with row `index` one place later. The last row stays. */
export function moveDown<R extends DrillDownRule>(rules: readonly R[], index: number): readonly R[] {
  return swap(rules, index, index + 1);
}

/** The list without row `index`. */
export function removeRule<R extends DrillDownRule>(rules: readonly R[], index: number): readonly R[] {
  if (!inRange(rules, index)) return rules;
  return rules.filter((_, i) => i !== index);
}

export interface RulesCheck {
  /** The rules as they would be stored: valid rows only, patterns trimmed. */
  readonly rules: DrillDownRule[];
  /** Problems per row, same length as the input; an empty list for a good row. */
  readonly rows: readonly (readonly string[])[];
  /** Problems of the list as a whole (too many rules). */
  readonly general: readonly string[];
  /** True when nothing is wrong, so saving keeps every row. */
  readonly ok: boolean;
}

const ROW_PROBLEM = /^rules\[(\d+)\]: (.*)$/;

// `validateRules` speaks of `rules[2]`; next to a row, an admin reads "rule 3".
function forPeople(text: string): string {
  return text.replace(/rules\[(\d+)\]/g, (_, n: string) => `rule ${Number(n) + 1}`);
}

/** `validateRules` on the rows, with each problem moved next to the row it is about. */
export function check(rules: readonly DrillDownRule[]): RulesCheck {
  const result = validateRules(rules);
  const rows: string[][] = rules.map(() => []);
  const general: string[] = [];
  for (const problem of result.problems) {
    const m = ROW_PROBLEM.exec(problem);
    const row = m ? rows[Number(m[1])] : undefined;
    if (m && row) row.push(forPeople(m[2]));
    else general.push(forPeople(problem));
  }
  return { rules: result.rules, rows, general, ok: result.problems.length === 0 };
}

/** What the "Try a URL" box shows. `rule` is the 0-based row of the editor, not of the stored list. */
export type TryResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'rule'; readonly rule: number; readonly action: DrillDownAction; readonly url: string }
  | { readonly kind: 'fallback'; readonly action: DrillDownAction; readonly url: string };

/**
 * Which rule would decide a click on `url`, with the rules as they would be saved.
 *
 * Edge cases: blank input is `empty`; rows with problems take no part (they would not
 * be saved), so the reported row skips them; a URL `actionFor` refuses is `refused`.
 */
export function tryUrl(url: string, rules: readonly DrillDownRule[]): TryResult {
  if (url.trim() === '') return { kind: 'empty' };
  const { rules: valid, rows } = check(rules);
  // Row numbers of the rules that survive validation, in order.
  const kept = rows.map((p, i) => (p.length === 0 && i < MAX_DRILL_DOWN_RULES ? i : -1)).filter((i) => i >= 0);
  const decision = actionFor(url.trim(), valid);
  if ('unsafe' in decision) return { kind: 'refused', reason: decision.unsafe };
  if (decision.ruleIndex === undefined) return { kind: 'fallback', action: decision.action, url: decision.url };
  return { kind: 'rule', rule: kept[decision.ruleIndex], action: decision.action, url: decision.url };
}

/** One sentence for a `TryResult`. */
export function describeTry(result: TryResult): string {
  switch (result.kind) {
    case 'empty':
      return 'Type a URL to see which rule applies.';
    case 'refused':
      return `Refused (${result.reason}): shown as plain text on the drill-down screen.`;
    case 'rule':
      return `Rule ${result.rule + 1} applies: ${ACTION_LABELS[result.action]}.`;
    case 'fallback':
      return `No rule matches: ${ACTION_LABELS[result.action]} (the default).`;
  }
}
