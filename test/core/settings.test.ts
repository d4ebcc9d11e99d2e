import pluginConfig from '../../flex-plugin.config.js';
import {
  mappingPreview,
  parseSettingsJson,
  resolvePluginConfig,
  savedStampOf,
  settingsJson,
  settingsFunctionProblem,
  settingsOf,
  settingsUrlBeside,
  thresholdsFor,
  validateSettings,
  type Settings,
  type SettingsProblem,
} from '../../src/core';

/** The bundled settings: valid as they ship. */
const BASE: Settings = settingsOf(resolvePluginConfig({}, pluginConfig));
const QUEUES = ['CISS Safety', 'DIGI Check-In', 'DIGI Technical Support', 'DIGI Support', 'Imminent Risk', 'Spanish Line'];

function problemsOf(patch: Record<string, unknown>, queues: readonly string[] = QUEUES): readonly SettingsProblem[] {
  const result = validateSettings({ ...BASE, ...patch }, { queues });
  return result.problems;
}

describe('validateSettings', () => {
  it('takes the bundled settings as they are', () => {
    const result = validateSettings(BASE, { queues: QUEUES });
    expect(result).toEqual({ ok: true, settings: BASE, problems: [] });
  });

  it('refuses what is not an object, and names each missing or unknown field', () => {
    expect(validateSettings([]).problems).toEqual([{ field: 'settings', message: expect.stringMatching(/must be an object/) }]);
    const { timeZone: _, ...noZone } = BASE;
    expect(validateSettings({ ...noZone, timezone: 'UTC' }).problems).toEqual([
      { field: 'timezone', message: expect.stringMatching(/is not a setting/) },
      { field: 'timeZone', message: 'is missing' },
    ]);
  });

  it('ignores the stamp fields (the function writes them)', () => {
    expect(validateSettings({ ...BASE, version: 4, savedBy: 'x', savedAt: 'y' }).ok).toBe(true);
  });

  describe('support-type map', () => {
    it.each([
      ['not an object', ['x'], 'supportTypes', /must map support types/],
      ['no type', {}, 'supportTypes', /at least one support type/],
      ['"other" as a type', { other: ['misc'] }, 'supportTypes.other', /cannot have patterns/],
      ['a type with capitals', { Safety: ['safety'] }, 'supportTypes.Safety', /lower-case letters/],
      ['patterns not a list', { safety: 'safety' }, 'supportTypes.safety', /must be a list/],
      ['no pattern', { safety: [] }, 'supportTypes.safety', /no queue would ever map/],
      ['an empty pattern', { safety: ['  '] }, 'supportTypes.safety[0]', /is empty/],
      ['a pattern of separators only', { safety: [' - '] }, 'supportTypes.safety[0]', /is empty/],
      ['a wildcard', { safety: ['safe*'] }, 'supportTypes.safety[0]', /not wildcards/],
      ['a number', { safety: [7] }, 'supportTypes.safety[0]', /must be text/],
      ['a pattern too long', { safety: ['s'.repeat(101)] }, 'supportTypes.safety[0]', /longer than 100/],
      ['the same pattern twice', { safety: ['safety', 'Safety'] }, 'supportTypes.safety[1]', /listed twice/],
      // `DIGI Support` normalises to `digi_support`: the same text in two types is always a tie.
      ['one pattern in two types', { support: ['digi support'], technical_support: ['DIGI-Support'] }, 'supportTypes.technical_support[0]', /also a pattern of support/],
    ])('refuses %s', (_, supportTypes, field, message) => {
      expect(problemsOf({ supportTypes, thresholds: { ...BASE.thresholds } })).toContainEqual({ field, message: expect.stringMatching(message) });
    });

    it('refuses a queue two types claim with patterns of the same length, naming the queue', () => {
      // "spanish_line" holds `spanis` and `h_line`, six characters each: neither is longer.
      const supportTypes = { language: ['spanis'], phone: ['h_line'] };
      expect(problemsOf({ supportTypes, alertRules: [] })).toEqual([
        { field: 'supportTypes', message: expect.stringMatching(/queue "Spanish Line" is claimed equally by language \("spanis"\) and phone \("h_line"\)/) },
      ]);
      // Without that queue seen, nothing can be said.
      expect(problemsOf({ supportTypes, alertRules: [] }, ['CISS Safety'])).toEqual([]);
    });

    it('takes a longer pattern over a shorter one (no tie)', () => {
      expect(problemsOf({ supportTypes: { support: ['support'], technical_support: ['technical_support'] }, alertRules: [] })).toEqual([]);
    });
  });

  describe('platforms', () => {
    it.each([
      ['not an object', 'DIGI', 'platforms', /must be \{ default, byChannel \}/],
      ['no default', { byChannel: {} }, 'platforms.default', /needs a name/],
      ['a blank platform', { default: 'DIGI', byChannel: { voice: ' ' } }, 'platforms.byChannel.voice', /needs a name/],
      ['a long name', { default: 'D'.repeat(61), byChannel: {} }, 'platforms.default', /at most 60/],
      ['a channel with spaces', { default: 'DIGI', byChannel: { 'web chat': 'X' } }, 'platforms.byChannel.web chat', /unique name/],
      ['byChannel a list', { default: 'DIGI', byChannel: [] }, 'platforms.byChannel', /must map channels/],
    ])('refuses %s', (_, platforms, field, message) => {
      expect(problemsOf({ platforms })).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it('trims names', () => {
      const r = validateSettings({ ...BASE, platforms: { default: ' DIGI ', byChannel: { sms: ' Text ' } } });
      expect(r.ok && r.settings.platforms).toEqual({ default: 'DIGI', byChannel: { sms: 'Text' } });
    });
  });

  describe('thresholds', () => {
    const t = BASE.thresholds;
    it.each([
      ['amber beyond red (waits)', { ...t, longestWaitSec: { amber: 200, red: 180 } }, 'thresholds.longestWaitSec', /amber \(200 s\) must be below red \(180 s\)/],
      ['amber equal to red', { ...t, waitingNow: { amber: 5, red: 5 } }, 'thresholds.waitingNow', /must be below red/],
      ['service level amber below red', { ...t, serviceLevel: { amber: 0.6, red: 0.8 } }, 'thresholds.serviceLevel', /must be above red .*lower service level is worse/],
      ['a service level of 80 (not a share)', { ...t, serviceLevel: { amber: 80, red: 0.6 } }, 'thresholds.serviceLevel.amber', /from 0 to 1 \(a share/],
      ['half a contact', { ...t, waitingNow: { amber: 2.5, red: 6 } }, 'thresholds.waitingNow.amber', /whole number/],
      ['zero seconds', { ...t, longestWaitSec: { amber: 0, red: 180 } }, 'thresholds.longestWaitSec.amber', /from 1 to 86400 s/],
      ['text for a number', { ...t, longestWaitSec: { amber: '60', red: 180 } }, 'thresholds.longestWaitSec.amber', /must be a number, not a string/],
      ['a missing threshold', { waitingNow: t.waitingNow, longestWaitSec: t.longestWaitSec }, 'thresholds.serviceLevel', /must be \{ amber, red \}/],
      ['an unknown threshold', { ...t, queueSize: { amber: 1, red: 2 } }, 'thresholds.queueSize', /is not a threshold/],
      ['a type not in the map', { ...t, bySupportType: { urgent: { longestWaitSec: { amber: 10, red: 20 } } } }, 'thresholds.bySupportType.urgent', /not a support type of the map/],
      ['a type amber beyond red', { ...t, bySupportType: { imminent: { longestWaitSec: { amber: 30, red: 20 } } } }, 'thresholds.bySupportType.imminent.longestWaitSec', /amber \(30 s\) must be below red \(20 s\)/],
      ['a type unknown threshold', { ...t, bySupportType: { imminent: { wait: { amber: 1, red: 2 } } } }, 'thresholds.bySupportType.imminent.wait', /is not a threshold/],
    ])('refuses %s', (_, thresholds, field, message) => {
      expect(problemsOf({ thresholds })).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it('keeps per support type thresholds, and `other` may have its own', () => {
      const bySupportType = { imminent: { longestWaitSec: { amber: 10, red: 30 } }, other: { waitingNow: { amber: 10, red: 20 } } };
      const r = validateSettings({ ...BASE, thresholds: { ...t, bySupportType } });
      expect(r.ok && r.settings.thresholds.bySupportType).toEqual(bySupportType);
    });

    it('thresholdsFor gives a type its own and the general ones for the rest', () => {
      const thresholds = { ...t, bySupportType: { imminent: { longestWaitSec: { amber: 10, red: 30 } } } };
      expect(thresholdsFor(thresholds, 'imminent')).toEqual({ waitingNow: t.waitingNow, longestWaitSec: { amber: 10, red: 30 }, serviceLevel: t.serviceLevel });
      expect(thresholdsFor(thresholds, 'check_in').longestWaitSec).toEqual(t.longestWaitSec);
      // A type named like an Object property is no threshold.
      expect(thresholdsFor(thresholds, 'constructor').longestWaitSec).toEqual(t.longestWaitSec);
    });
  });

  describe('seconds, zone and history URL', () => {
    it.each([
      ['service level of 0 s', { serviceLevelSec: 0 }, 'serviceLevelSec', /from 1 to 3600/],
      ['service level of 20.5 s', { serviceLevelSec: 20.5 }, 'serviceLevelSec', /whole seconds/],
      ['service level as text', { serviceLevelSec: '60' }, 'serviceLevelSec', /not a string/],
      ['a negative short abandon', { shortAbandonSec: -1 }, 'shortAbandonSec', /from 0 to 600/],
      ['an unknown zone', { timeZone: 'Europe/Londres' }, 'timeZone', /"Europe\/Londres" is not an IANA time zone/],
      ['an empty zone', { timeZone: '' }, 'timeZone', /must be an IANA time zone/],
      ['a javascript: history URL', { historyUrl: 'javascript:alert(1)' }, 'historyUrl', /is refused: .*scheme/],
      ['a relative history URL', { historyUrl: '/insights-history' }, 'historyUrl', /is refused: relative URL/],
      ['credentials in the URL', { historyUrl: 'https://a@b.example/insights-history' }, 'historyUrl', /is refused/],
      ['a history URL that is a number', { historyUrl: 3 }, 'historyUrl', /must be text/],
    ])('refuses %s', (_, patch, field, message) => {
      expect(problemsOf(patch)).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it.each([
      ['a zone with an offset name', { timeZone: 'America/Argentina/Buenos_Aires' }],
      ['no short abandons', { shortAbandonSec: 0 }],
      ['no history', { historyUrl: '  ' }],
      ['an https history URL', { historyUrl: 'https://insights-1234.twil.io/insights-history' }],
    ])('takes %s', (_, patch) => {
      expect(problemsOf(patch)).toEqual([]);
    });
  });

  describe('drill-down rules', () => {
    it('names the rule by its index under drillDownRules', () => {
      expect(problemsOf({ drillDownRules: [{ pattern: 'https://crm.example/*', action: 'new tab' }, { pattern: 'ftp://x/*', action: 'screen' }] })).toEqual([
        { field: 'drillDownRules[1]', message: expect.stringMatching(/can never match/) },
      ]);
      expect(problemsOf({ drillDownRules: {} })).toEqual([{ field: 'drillDownRules', message: expect.stringMatching(/must be a list/) }]);
    });
  });

  describe('alert rules', () => {
    const wait = { id: 'imminent-wait', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 };
    const sl = { id: 'sl', kind: 'serviceLevel', platform: 'CISS Central', below: 0.6, severity: 'warning', holdSec: 300, clearSec: 300 };
    it.each([
      ['not a list', {}, 'alertRules', /must be a list of alert rules, not an object/],
      ['a rule that is not an object', [3], 'alertRules[0]', /must be an object/],
      ['an unknown kind', [{ ...wait, kind: 'queueWait' }], 'alertRules[0].kind', /must be one of contactWait/],
      ['no id', [{ ...wait, id: ' ' }], 'alertRules[0].id', /non-empty name/],
      ['the same id twice', [wait, { ...wait, supportType: 'safety' }], 'alertRules[1].id', /used by an earlier rule/],
      ['an unknown severity', [{ ...wait, severity: 'critical' }], 'alertRules[0].severity', /one of info, warning, error/],
      ['a negative hold', [{ ...wait, holdSec: -1 }], 'alertRules[0].holdSec', /seconds ≥ 0/],
      ['a clear time as text', [{ ...wait, clearSec: '10' }], 'alertRules[0].clearSec', /seconds ≥ 0/],
      ['a wait with no seconds', [{ ...wait, seconds: undefined }], 'alertRules[0].seconds', /number ≥ 0/],
      ['a count of half a contact', [{ id: 'q', kind: 'waitingCount', count: 2.5, severity: 'info', holdSec: 0, clearSec: 0 }], 'alertRules[0].count', /whole number ≥ 1/],
      ['a service level of 60 (not a share)', [{ ...sl, below: 60 }], 'alertRules[0].below', /fraction above 0 and at most 1/],
      ['both a queue and a platform', [{ ...sl, queue: 'Imminent Risk' }], 'alertRules[0].platform', /not both/],
      ['an activity rule with no activity', [{ id: 'b', kind: 'agentActivity', minutes: 30, severity: 'info', holdSec: 0, clearSec: 0 }], 'alertRules[0].activity', /must name an activity/],
      ['a field of another kind', [{ ...wait, count: 3 }], 'alertRules[0].count', /not a field of a contactWait rule/],
      ['a support type not in the map', [{ ...wait, supportType: 'imminnent' }], 'alertRules[0].supportType', /"imminnent" is not a support type of the map: the rule would never alert/],
      ['a platform not in the platforms', [{ ...sl, platform: 'CISS' }], 'alertRules[0].platform', /"CISS" is not a platform \(DIGI Central, CISS Central\)/],
    ])('refuses %s', (_, alertRules, field, message) => {
      expect(problemsOf({ alertRules })).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it('refuses more than 50 rules', () => {
      const many = Array.from({ length: 51 }, (_, i) => ({ ...wait, id: `r${i}` }));
      expect(problemsOf({ alertRules: many })).toEqual([{ field: 'alertRules', message: 'has 51 rules; at most 50' }]);
    });

    it('takes the bundled rules, no rule at all, and a rule on "other" or on a platform a channel maps to', () => {
      expect(BASE.alertRules.length).toBeGreaterThan(0);
      expect(problemsOf({ alertRules: [] })).toEqual([]);
      const rules = [{ ...wait, supportType: 'other' }, sl];
      const r = validateSettings({ ...BASE, alertRules: rules }, { queues: QUEUES });
      expect(r.ok && r.settings.alertRules).toEqual(rules);
    });

    it('checks a rule against the map and platforms being saved with it', () => {
      // A new support type, and a rule on it, in one save.
      expect(problemsOf({ supportTypes: { ...BASE.supportTypes, welfare: ['welfare'] }, alertRules: [{ ...wait, supportType: 'welfare' }] })).toEqual([]);
      expect(problemsOf({ platforms: { default: 'DIGI', byChannel: {} }, alertRules: [sl] })).toEqual([
        { field: 'alertRules[0].platform', message: expect.stringMatching(/"CISS Central" is not a platform \(DIGI\)/) },
      ]);
    });
  });

  it('reports every problem at once and returns no settings', () => {
    const r = validateSettings({ ...BASE, timeZone: 'Mars/Base', serviceLevelSec: -5, platforms: null });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.field)).toEqual(['platforms', 'serviceLevelSec', 'timeZone']);
    expect('settings' in r).toBe(false);
  });
});

describe('mappingPreview', () => {
  it('maps each queue as the engine does, with the deciding pattern; unmatched queues are other', () => {
    expect(mappingPreview(BASE.supportTypes, QUEUES)).toEqual([
      { queue: 'CISS Safety', supportType: 'safety', pattern: 'safety' },
      { queue: 'DIGI Check-In', supportType: 'check_in', pattern: 'check_in' },
      { queue: 'DIGI Support', supportType: 'support', pattern: 'support' },
      { queue: 'DIGI Technical Support', supportType: 'technical_support', pattern: 'technical_support' },
      { queue: 'Imminent Risk', supportType: 'imminent', pattern: 'imminent' },
      { queue: 'Spanish Line', supportType: 'other' },
    ]);
  });

  it('shows a tie and which type the engine would pick (the first listed)', () => {
    const rows = mappingPreview({ language: ['spanis'], phone: ['h_line'] }, ['Spanish Line']);
    expect(rows).toEqual([{ queue: 'Spanish Line', supportType: 'language', pattern: 'spanis', tiedWith: ['language', 'phone'] }]);
  });
});

describe('export and import', () => {
  it('round-trips the settings through JSON, the stamp kept for review and ignored on import', () => {
    const text = settingsJson(BASE, { version: 3, savedBy: 'admin@example', savedAt: '2026-11-20T10:00:00.000Z' });
    expect(JSON.parse(text)).toMatchObject({ version: 3, savedBy: 'admin@example', alertRules: BASE.alertRules });
    expect(parseSettingsJson(text)).toEqual({ ok: true, settings: BASE, problems: [] });
  });

  it('says where a file stops being JSON, and checks an imported value like a save', () => {
    const bad = parseSettingsJson('{"timeZone": ');
    expect(bad.problems).toEqual([{ field: 'settings', message: expect.stringMatching(/^the file is not JSON \(/) }]);
    const wrong = parseSettingsJson(settingsJson({ ...BASE, thresholds: { ...BASE.thresholds, waitingNow: { amber: 9, red: 3 } } }));
    expect(wrong.problems).toEqual([{ field: 'thresholds.waitingNow', message: expect.stringMatching(/must be below red/) }]);
    // A file from before alert rules were a setting names what it lacks.
    const { alertRules: _, ...older } = BASE;
    expect(parseSettingsJson(JSON.stringify(older)).problems).toEqual([{ field: 'alertRules', message: 'is missing' }]);
  });
});

describe('the Settings function after a save', () => {
  const beside = (historyUrl: string) => settingsUrlBeside(historyUrl.trim() === '' ? undefined : historyUrl.trim());
  const NOW = 'https://x-1.twil.io/insights-settings';

  it('refuses a history URL that would leave the next start with no Settings function', () => {
    for (const url of ['', 'https://x-1.twil.io/history', 'https://x-1.twil.io/insights-history/v2']) {
      expect(settingsFunctionProblem(url, { now: NOW, after: beside })).toEqual({
        field: 'historyUrl',
        message: expect.stringMatching(/Insights would find no Settings function at its next start .* set settingsUrl in flex-plugin.config.js first$/),
      });
    }
  });

  it('lets the URL change when the next start still finds one (beside the new URL, or bundled), or when there is none now', () => {
    expect(settingsFunctionProblem('https://y-2.twil.io/insights-history', { now: NOW, after: beside })).toBeUndefined();
    expect(settingsFunctionProblem('', { now: NOW, after: () => 'https://bundled.example/insights-settings' })).toBeUndefined();
    expect(settingsFunctionProblem('', { after: beside })).toBeUndefined();
  });
});

describe('the stored value', () => {
  it('reads the stamp, a bad version counting as none', () => {
    expect(savedStampOf({ version: 2, savedBy: 'a', savedAt: 'b' })).toEqual({ version: 2, savedBy: 'a', savedAt: 'b' });
    expect(savedStampOf({ version: -1 })).toEqual({ version: 0 });
    expect(savedStampOf({ version: '2' })).toEqual({ version: 0 });
    expect(savedStampOf(undefined)).toEqual({ version: 0 });
    expect(resolvePluginConfig({ supervisorInsights: { version: 5, savedBy: 'x' } }, pluginConfig).saved).toEqual({ version: 5, savedBy: 'x' });
  });

  it('resolves per support type thresholds from ui_attributes, dropping malformed ones', () => {
    const config = resolvePluginConfig(
      { supervisorInsights: { thresholds: { bySupportType: { imminent: { longestWaitSec: { amber: 10, red: 20 }, waitingNow: 'x' }, check_in: 3 } } } },
      pluginConfig,
    );
    expect(config.thresholds.bySupportType).toEqual({ imminent: { longestWaitSec: { amber: 10, red: 20 } } });
  });

  it('puts the Settings function beside the history function', () => {
    expect(settingsUrlBeside('https://x-1.twil.io/insights-history')).toBe('https://x-1.twil.io/insights-settings');
    expect(settingsUrlBeside('http://127.0.0.1:5173/insights-history?agents=40&seed=1')).toBe('http://127.0.0.1:5173/insights-settings');
    expect(settingsUrlBeside('https://x-1.twil.io/other')).toBeUndefined();
    expect(resolvePluginConfig({ supervisorInsights: { historyUrl: 'https://x.twil.io/insights-history' } }, pluginConfig).settingsUrl).toBe('https://x.twil.io/insights-settings');
    expect(resolvePluginConfig({}, pluginConfig).settingsUrl).toBeUndefined();
  });
});
