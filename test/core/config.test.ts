import { DEFAULT_CONFIG, configProblems, resolveConfig, supportTypeResolver, platformOf } from '../../src/core';

// The plugin's defaults live in flex-plugin.config.js; the core keeps the same values for
// callers that pass none. This keeps the two from drifting apart.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pluginConfig = require('../../flex-plugin.config.js') as Record<string, unknown>;

describe('configuration', () => {
  it("the core's defaults are flex-plugin.config.js's", () => {
    for (const key of Object.keys(DEFAULT_CONFIG) as (keyof typeof DEFAULT_CONFIG)[]) {
      expect(pluginConfig[key]).toEqual(DEFAULT_CONFIG[key]);
    }
  });

  it.each([
    ['CISS Safety', 'safety'],
    ['DIGI Technical Support', 'technical_support'],
    ['DIGI Technical-Support', 'technical_support'],
    ['digi check in', 'check_in'],
    ['CISS Check-Out', 'check_out'],
    ['Imminent Risk', 'imminent'],
    ['Debrief Line', 'debrief'],
    // 'support' and 'debrief' match with the same length: the type listed first wins
    ['Supportive Debrief', 'support'],
    ['Everything Else', 'other'],
    ['', 'other'],
  ])('support type of queue %j is %s', (queue, type) => {
    expect(supportTypeResolver(DEFAULT_CONFIG.supportTypes)(queue)).toBe(type);
  });

  it('platform by channel, with a default', () => {
    expect(platformOf('voice', DEFAULT_CONFIG.platforms)).toBe('CISS Central');
    expect(platformOf('chat', DEFAULT_CONFIG.platforms)).toBe('DIGI Central');
    expect(platformOf(undefined, DEFAULT_CONFIG.platforms)).toBe('DIGI Central');
    const custom = resolveConfig({ platforms: { default: 'Other', byChannel: { sms: 'SMS Line' } } });
    expect(platformOf('sms', custom.platforms)).toBe('SMS Line');
    expect(platformOf('voice', custom.platforms)).toBe('Other');
  });

  it('problems are named, one per line', () => {
    const bad = resolveConfig({ timeZone: 'Nowhere/Land', serviceLevelSec: -1, supportTypes: { x: 'y' as unknown as string[] } });
    expect(configProblems(bad)).toEqual([
      'timeZone "Nowhere/Land" is not an IANA time zone',
      'serviceLevelSec must be a number ≥ 0',
      'supportTypes.x must be a list of strings',
    ]);
    expect(configProblems(DEFAULT_CONFIG)).toEqual([]);
  });
});
