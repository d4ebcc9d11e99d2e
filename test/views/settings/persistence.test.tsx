/**
 * @jest-environment jsdom
 */
import type { DrillDownRule } from '../../../src/core';
import { localStoragePersistence, RULES_STORAGE_KEY } from '../../../src/sandbox/rulesStorage';
import { copyJsonPersistence } from '../../../src/views/settings';

const rules: DrillDownRule[] = [
  { pattern: 'https://crm.example.com/*', action: 'new tab' },
  { pattern: 'https://*', action: 'screen' },
];

describe('localStoragePersistence', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(() => jest.restoreAllMocks());

  it('loads nothing when nothing is stored', () => {
    expect(localStoragePersistence().load()).toBeUndefined();
  });

  it('round-trips the rules', async () => {
    const store = localStoragePersistence();
    await expect(store.save(rules)).resolves.toEqual({ kind: 'saved' });
    expect(JSON.parse(window.localStorage.getItem(RULES_STORAGE_KEY) ?? 'null')).toEqual(rules);
    expect(localStoragePersistence().load()).toEqual(rules);
  });

  it.each(['{not json', '{"pattern":"https://*"}', '"text"'])('drops corrupt stored value %s with a warning', (stored) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    window.localStorage.setItem(RULES_STORAGE_KEY, stored);
    expect(localStoragePersistence().load()).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem(RULES_STORAGE_KEY)).toBeNull();
  });

  it('leaves out stored rules that fail validation, with a warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    window.localStorage.setItem(RULES_STORAGE_KEY, JSON.stringify([rules[0], { pattern: 'javascript:*', action: 'screen' }]));
    expect(localStoragePersistence().load()).toEqual([rules[0]]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('uses the storage and key it is given', async () => {
    const custom = localStoragePersistence(window.sessionStorage, 'other');
    await custom.save(rules);
    expect(window.sessionStorage.getItem('other')).not.toBeNull();
    expect(window.localStorage.getItem(RULES_STORAGE_KEY)).toBeNull();
  });
});

describe('copyJsonPersistence', () => {
  it('loads nothing and hands back the JSON to paste', async () => {
    const copy = copyJsonPersistence();
    expect(copy.load()).toBeUndefined();
    const result = await copy.save(rules);
    expect(result.kind).toBe('copy');
    if (result.kind !== 'copy') return;
    expect(JSON.parse(result.json)).toEqual(rules);
    expect(result.instructions).toContain('ui_attributes.supervisorInsights.drillDownRules');
    expect(result.instructions.split('\n')).toHaveLength(1);
  });
});
