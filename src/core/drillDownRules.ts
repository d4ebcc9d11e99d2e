/**
 * Drill-down rules: an admin's ordered list of URL patterns, each saying what a click on
 * a matching drill-down URL does instead of the default (PRODUCT.md, Drill-down). The
 * first matching rule wins.
 *
 * Patterns are globs, never regular expressions: `*` is any run of characters (also
 * none), `?` is exactly one character, everything else is literal, and there is no
 * escape, so `?` in a pattern also matches the `?` of a query string. A pattern is
 * matched against the whole normalised URL (`safeUrl`'s `href`: scheme and host in
 * lower case, a `/` after a bare host, spaces as `%20`), so `https://crm.example.com`
 * does not match `https://crm.example.com/` — write `https://crm.example.com/*`. Scheme
 * and host (with port) compare case-insensitively; path, query and fragment
 * case-sensitively. Matching takes at most (URL length + 1) × (pattern length + 1)
 * character comparisons, whatever the input: there is no backtracking to blow up.
 */

import { safeUrl } from './urlSafety';

export const DRILL_DOWN_ACTIONS = ['screen', 'new tab', 'original handler'] as const;
export type DrillDownAction = (typeof DRILL_DOWN_ACTIONS)[number];

export interface DrillDownRule {
  readonly pattern: string;
  readonly action: DrillDownAction;
}

/** What a click on a drill-down URL does. A refused URL has no `url`: only inert `text`. */
export type DrillDownDecision =
  | {
      readonly action: DrillDownAction;
      /** The normalised URL to open or hand on. */
      readonly url: string;
      /** Index of the rule that matched; absent when the fallback decided. */
      readonly ruleIndex?: number;
    }
  | {
      readonly action: 'screen';
      /** Why the URL was refused. */
      readonly unsafe: string;
      /** The URL as given, to show as plain text. */
      readonly text: string;
    };

export const MAX_DRILL_DOWN_RULES = 100;
export const MAX_PATTERN_LENGTH = 2048;

/** Counts character comparisons, so tests can check the matcher's cost without a clock. */
export interface MatchSteps {
  steps: number;
}

// Where scheme and host end in a URL (0 when the text is not `scheme://…`). No nested
// quantifiers: linear on any input.
const ORIGIN = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

function originEndOf(url: string): number {
  const m = ORIGIN.exec(url);
  return m ? m[0].length : 0;
}

// Does the wildcard-free-of-`*` segment match the url at `start`? `?` matches any one character.
function segmentAt(segment: string, url: string, start: number, originEnd: number, counter: MatchSteps): boolean {
  for (let k = 0; k < segment.length; k++) {
    counter.steps++;
    const p = segment[k];
    if (p === '?') continue;
    const i = start + k;
    const u = url[i];
    if (p === u) continue;
    if (i < originEnd && p.toLowerCase() === u.toLowerCase()) continue;
    return false;
  }
  return true;
}

/**
 * Whether a glob pattern matches the whole URL (see the module comment for the syntax).
 *
 * Edge cases: an empty pattern matches only an empty text; `*` matches everything;
 * consecutive `*` act as one. The first and last `*`-free parts are anchored at the
 * ends, the parts between are placed leftmost one after another, which is exact for
 * globs and needs no backtracking. Pass `counter` to count character comparisons.
 */
export function patternMatches(pattern: string, url: string, counter: MatchSteps = { steps: 0 }): boolean {
  const originEnd = originEndOf(url);
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern.length === url.length && segmentAt(pattern, url, 0, originEnd, counter);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first.length + last.length > url.length) return false;
  if (!segmentAt(first, url, 0, originEnd, counter)) return false;
  const end = url.length - last.length;
  if (!segmentAt(last, url, end, originEnd, counter)) return false;
  let pos = first.length;
  for (let s = 1; s < parts.length - 1; s++) {
    const part = parts[s];
    if (part === '') continue;
    let found = -1;
    for (let i = pos; i + part.length <= end; i++) {
      if (segmentAt(part, url, i, originEnd, counter)) {
        found = i;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + part.length;
  }
  return true;
}

function objectOf(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

// Could a URL starting `http://` or `https://` match? Only the literal start before the
// first wildcard can rule it out.
function mayMatchWebUrl(pattern: string): boolean {
  const wildcard = pattern.search(/[*?]/);
  const prefix = (wildcard < 0 ? pattern : pattern.slice(0, wildcard)).toLowerCase();
  return ['http://', 'https://'].some((web) => web.startsWith(prefix) || prefix.startsWith(web));
}

/**
 * The usable rules of an admin's input, in order, and one line per rule left out.
 *
 * Edge cases: undefined or null is no rules and no problem; anything else that is not a
 * list is one problem. A rule is left out, with its position (`rules[2]: …`), when it is
 * not an object, its pattern is not a non-empty string (after trimming), is longer than
 * `MAX_PATTERN_LENGTH`, holds control characters, or cannot match an http(s) URL
 * (`javascript:*`), when its action is not one of `DRILL_DOWN_ACTIONS`, or when an
 * earlier rule has the same pattern (it would never be reached). Rules past
 * `MAX_DRILL_DOWN_RULES` are reported once and left out. Other fields are ignored.
 */
export function validateRules(input: unknown): { rules: DrillDownRule[]; problems: string[] } {
  const rules: DrillDownRule[] = [];
  const problems: string[] = [];
  if (input === undefined || input === null) return { rules, problems };
  if (!Array.isArray(input)) return { rules, problems: ['rules: not a list'] };
  const seen = new Map<string, number>();
  const count = Math.min(input.length, MAX_DRILL_DOWN_RULES);
  for (let i = 0; i < count; i++) {
    const at = `rules[${i}]`;
    const rule = objectOf(input[i]);
    if (!rule) {
      problems.push(`${at}: not an object`);
      continue;
    }
    const { pattern: rawPattern, action } = rule;
    if (typeof rawPattern !== 'string' || rawPattern.trim() === '') {
      problems.push(`${at}: pattern must be a non-empty text`);
      continue;
    }
    const pattern = rawPattern.trim();
    if (pattern.length > MAX_PATTERN_LENGTH) {
      problems.push(`${at}: pattern longer than ${MAX_PATTERN_LENGTH} characters`);
      continue;
    }
    if (hasControl(pattern)) {
      problems.push(`${at}: pattern holds control characters`);
      continue;
    }
    if (!mayMatchWebUrl(pattern)) {
      problems.push(`${at}: pattern "${pattern}" can never match (only http: and https: URLs are drilled into)`);
      continue;
    }
    if (typeof action !== 'string' || !(DRILL_DOWN_ACTIONS as readonly string[]).includes(action)) {
      problems.push(`${at}: action must be one of ${DRILL_DOWN_ACTIONS.map((a) => `"${a}"`).join(', ')}`);
      continue;
    }
    const earlier = seen.get(pattern);
    if (earlier !== undefined) {
      problems.push(`${at}: same pattern as rules[${earlier}], never reached`);
      continue;
    }
    seen.set(pattern, i);
    rules.push({ pattern, action: action as DrillDownAction });
  }
  if (input.length > MAX_DRILL_DOWN_RULES) {
    problems.push(`rules: ${input.length} rules, only the first ${MAX_DRILL_DOWN_RULES} are used`);
  }
  return { rules, problems };
}

/**
 * What a click on a drill-down URL does: the action of the first rule whose pattern matches, else `fallback`.
 *
 * Edge cases: a URL that `safeUrl` refuses always goes to the screen as inert text with
 * the reason — no rule or fallback can send it to a new tab or to Flex's original
 * handler, which might open it; rules are matched against the normalised URL, and the
 * decision carries that URL; rules are taken as given (run `validateRules` first).
 */
export function actionFor(
  url: string,
  rules: readonly DrillDownRule[],
  fallback: DrillDownAction = 'screen',
): DrillDownDecision {
  const safe = safeUrl(url);
  if (!safe.ok) return { action: 'screen', unsafe: safe.reason, text: typeof url === 'string' ? url : String(url) };
  for (let i = 0; i < rules.length; i++) {
    if (patternMatches(rules[i].pattern, safe.url)) return { action: rules[i].action, url: safe.url, ruleIndex: i };
  }
  return { action: fallback, url: safe.url };
}
