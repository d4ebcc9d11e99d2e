import bundled from '../../flex-plugin.config.js';
import { DEFAULT_HISTORY_CACHE_DAYS, MAX_HISTORY_CACHE_DAYS, resolveHistoryCacheDays, resolvePluginConfig } from '../../src/core';

describe('historyCacheDays', () => {
  it('defaults to 7, as flex-plugin.config.js says', () => {
    expect(DEFAULT_HISTORY_CACHE_DAYS).toBe(7);
    expect(bundled.historyCacheDays).toBe(DEFAULT_HISTORY_CACHE_DAYS);
    expect(resolvePluginConfig({}, bundled).historyCacheDays).toBe(7);
    expect(resolvePluginConfig(undefined, {}).historyCacheDays).toBe(7);
    expect(resolvePluginConfig({}, bundled).problems).toBeUndefined();
  });

  it.each([
    [0, 0],
    [1, 1],
    [14, 14],
    [MAX_HISTORY_CACHE_DAYS, 31],
  ])('ui_attributes %j -> %j days', (given, days) => {
    const config = resolvePluginConfig({ supervisorInsights: { historyCacheDays: given } }, bundled);
    expect(config.historyCacheDays).toBe(days);
    expect(config.problems).toBeUndefined();
  });

  it.each([
    [32, /out of range/],
    [-1, /out of range/],
    [2.5, /not a whole number/],
    [Number.NaN, /not a whole number/],
    ['7', /a string/],
    [{}, /an object/],
  ])('%j is refused with the reason, and the bundled value is used', (given, reason) => {
    const config = resolvePluginConfig({ supervisorInsights: { historyCacheDays: given } }, { ...bundled, historyCacheDays: 3 });
    expect(config.historyCacheDays).toBe(3);
    expect(config.problems).toEqual([expect.stringMatching(/^ui_attributes\.supervisorInsights\.historyCacheDays must be a whole number of days from 0 to 31/)]);
    expect(config.problems?.[0]).toMatch(reason);
  });

  it('a bad bundled value falls back to 7 and says where it was', () => {
    expect(resolveHistoryCacheDays(99, 7, 'flex-plugin.config.js historyCacheDays')).toEqual({ days: 7, problem: expect.stringMatching(/^flex-plugin\.config\.js historyCacheDays/) });
    expect(resolvePluginConfig({}, { historyCacheDays: 99 }).historyCacheDays).toBe(7);
  });
});

describe('alertRules', () => {
  it('the bundled rules are all valid', () => {
    const config = resolvePluginConfig({}, bundled);
    expect(config.problems).toBeUndefined();
    expect(config.alertRules.map((r) => r.id)).toEqual(bundled.alertRules.map((r) => (r as { id: string }).id));
  });
  it('a stored list replaces the bundled one; a bad stored rule is left out and named', () => {
    const config = resolvePluginConfig(
      {
        supervisorInsights: {
          alertRules: [
            { id: 'a', kind: 'agentRona', count: 2, severity: 'warning', holdSec: 0, clearSec: 0 },
            { id: 'b', kind: 'agentRona', count: 2, severity: 'urgent', holdSec: 0, clearSec: 0 },
          ],
        },
      },
      bundled,
    );
    expect(config.alertRules.map((r) => r.id)).toEqual(['a']);
    expect(config.problems).toEqual(['ui_attributes.supervisorInsights.alertRules[1].severity must be one of info, warning, error']);
  });
});
