import type { DrillDownRule } from '../../../src/core';
import {
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
} from '../../../src/views/settings';

const crm: DrillDownRule = { pattern: 'https://crm.example.com/*', action: 'new tab' };
const wiki: DrillDownRule = { pattern: 'https://wiki.example.com/*', action: 'original handler' };
const any: DrillDownRule = { pattern: 'https://*', action: 'screen' };
// Frozen, so an operation that mutates its input throws.
const THREE: readonly DrillDownRule[] = Object.freeze([crm, wiki, any].map((r) => Object.freeze({ ...r })));

describe('rule list operations', () => {
  it.each<[string, (rules: readonly DrillDownRule[]) => readonly DrillDownRule[], readonly DrillDownRule[]]>([
    ['add appends a new rule', (r) => addRule(r), [crm, wiki, any, NEW_RULE]],
    ['update pattern', (r) => updatePattern(r, 1, 'https://docs.example.com/*'), [crm, { ...wiki, pattern: 'https://docs.example.com/*' }, any]],
    ['update action', (r) => updateAction(r, 2, 'new tab'), [crm, wiki, { ...any, action: 'new tab' }]],
    ['move up', (r) => moveUp(r, 1), [wiki, crm, any]],
    ['move down', (r) => moveDown(r, 1), [crm, any, wiki]],
    ['remove', (r) => removeRule(r, 0), [wiki, any]],
  ])('%s', (_, op, expected) => {
    expect(op(THREE)).toEqual(expected);
    expect(THREE).toEqual([crm, wiki, any]);
  });

  it.each<[string, (rules: readonly DrillDownRule[]) => readonly DrillDownRule[]]>([
    ['first row up', (r) => moveUp(r, 0)],
    ['last row down', (r) => moveDown(r, 2)],
    ['remove out of range', (r) => removeRule(r, 3)],
    ['update out of range', (r) => updatePattern(r, -1, 'x')],
    ['same pattern', (r) => updatePattern(r, 0, crm.pattern)],
    ['same action', (r) => updateAction(r, 0, crm.action)],
  ])('%s returns the same list', (_, op) => {
    expect(op(THREE)).toBe(THREE);
  });

  it('keeps extra fields of a row (the editor keys rows)', () => {
    const rows = [{ ...crm, key: 7 }];
    expect(updatePattern(rows, 0, 'https://a/*')).toEqual([{ key: 7, pattern: 'https://a/*', action: 'new tab' }]);
  });
});

describe('check', () => {
  it('puts each problem next to its row, counting rows from 1', () => {
    const result = check([crm, { pattern: ' ', action: 'screen' }, { pattern: 'https://crm.example.com/*', action: 'screen' }]);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([[], ['pattern must be a non-empty text'], ['same pattern as rule 1, never reached']]);
    expect(result.general).toEqual([]);
    expect(result.rules).toEqual([crm]);
  });

  it('trims patterns for storing', () => {
    const result = check([{ pattern: '  https://a.example.com/*  ', action: 'screen' }]);
    expect(result).toEqual({ ok: true, rows: [[]], general: [], rules: [{ pattern: 'https://a.example.com/*', action: 'screen' }] });
  });

  it('reports a pattern that can never match', () => {
    expect(check([{ pattern: 'javascript:*', action: 'screen' }]).rows[0][0]).toMatch(/can never match/);
  });
});

describe('tryUrl', () => {
  it.each<[string, readonly DrillDownRule[], ReturnType<typeof tryUrl>['kind'], number | undefined]>([
    ['https://crm.example.com/case/1', THREE, 'rule', 0],
    ['https://wiki.example.com/page', THREE, 'rule', 1],
    ['https://elsewhere.example.com/', THREE, 'rule', 2],
    ['https://elsewhere.example.com/', [crm], 'fallback', undefined],
    // Row 1 has a problem and is not saved, so row 2 decides.
    ['https://wiki.example.com/page', [{ pattern: '', action: 'new tab' }, wiki], 'rule', 1],
    ['javascript:alert(1)', THREE, 'refused', undefined],
    ['   ', THREE, 'empty', undefined],
  ])('%s', (url, rules, kind, rule) => {
    const result = tryUrl(url, rules);
    expect(result.kind).toBe(kind);
    if (result.kind === 'rule') expect(result.rule).toBe(rule);
  });

  it('says which action applies', () => {
    expect(describeTry(tryUrl('https://crm.example.com/x', THREE))).toBe('Rule 1 applies: Open in a new browser tab.');
    expect(describeTry(tryUrl('https://x.example.com/', []))).toBe('No rule matches: Open in the drill-down screen (the default).');
  });
});
