import {
  DRILL_DOWN_ACTIONS,
  MAX_DRILL_DOWN_RULES,
  MAX_PATTERN_LENGTH,
  actionFor,
  patternMatches,
  validateRules,
  type DrillDownRule,
  type MatchSteps,
} from '../../src/core/drillDownRules';

describe('patternMatches: globs over the whole normalised URL', () => {
  it.each([
    // pattern, url, matches
    ['https://crm.example.com/*', 'https://crm.example.com/r/1', true],
    ['https://crm.example.com/*', 'https://crm.example.com/', true], // * may be empty
    ['https://crm.example.com', 'https://crm.example.com/', false], // whole URL: the slash counts
    ['https://crm.example.com/*', 'https://crm.example.com.evil.example/x', false], // the slash pins the host
    ['https://*.example.com/*', 'https://eu.crm.example.com/x', true],
    ['https://*.example.com/*', 'https://example.com/x', false],
    ['*', 'https://anything.example/at/all?q#f', true],
    ['**', 'https://anything.example/', true], // consecutive stars are one
    ['*/tickets/*', 'https://company.com/tickets/42', true],
    ['*/tickets/*', 'https://company.com/ticket/42', false],
    ['https://company.com/r/?', 'https://company.com/r/7', true],
    ['https://company.com/r/?', 'https://company.com/r/42', false], // ? is exactly one character
    ['https://company.com/r/??', 'https://company.com/r/42', true],
    ['https://company.com/search?q=*', 'https://company.com/search?q=x', true], // ? also matches the literal ?
    ['https://company.com/a.b', 'https://company.com/aXb', false], // . is literal, not a regex
    ['https://company.com/(a|b)', 'https://company.com/(a|b)', true], // regex syntax is just text
    ['https://company.com/a+', 'https://company.com/aaa', false],
    ['HTTPS://CRM.EXAMPLE.COM/*', 'https://crm.example.com/r/1', true], // scheme and host: any case
    ['https://Crm.Example.Com:8443/*', 'https://crm.example.com:8443/x', true],
    ['https://crm.example.com/Record/*', 'https://crm.example.com/record/1', false], // path: case matters
    ['https://crm.example.com/r?id=A*', 'https://crm.example.com/r?id=a1', false], // query: case matters
    ['*#section', 'https://x.example/page#section', true],
    ['https://x.example/*/edit', 'https://x.example/a/b/c/edit', true],
    ['https://x.example/*a*b*c', 'https://x.example/cba', false],
    ['https://x.example/*a*b*c', 'https://x.example/xaybzc', true],
    ['*ab*ab*', 'https://x.example/aab', false], // the two "ab" may not overlap
    ['*ab*ab*', 'https://x.example/abab', true],
    ['', 'https://x.example/', false],
  ])('%j ~ %j -> %s', (pattern, url, matches) => {
    expect(patternMatches(pattern, url)).toBe(matches);
  });

  it('stays within (URL length + 1) × (pattern length + 1) comparisons on hostile input', () => {
    const url = `https://x.example/${'a'.repeat(8000)}`;
    const cases = [
      `https://x.example/${'*a'.repeat(50)}b`, // a backtracking matcher tries ~n^50 ways
      `https://x.example/${'*a'.repeat(50)}`,
      `${'*a'.repeat(50)}*b*`,
      `*${'a'.repeat(100)}b*`,
      `*${'a?'.repeat(200)}b`,
      `${'*'.repeat(1000)}b`,
    ];
    for (const pattern of cases) {
      const counter: MatchSteps = { steps: 0 };
      patternMatches(pattern, url, counter);
      expect(counter.steps).toBeLessThanOrEqual((url.length + 1) * (pattern.length + 1));
    }
  });

  it('the 50 × "*a" pattern is linear in the URL', () => {
    const url = `https://x.example/${'a'.repeat(8000)}`;
    const counter: MatchSteps = { steps: 0 };
    // no b at the end: a backtracking matcher would try every way to split the a's
    expect(patternMatches(`https://x.example/${'*a'.repeat(50)}b`, url, counter)).toBe(false);
    expect(counter.steps).toBeLessThan(100); // the anchored end fails at once
    const counter2: MatchSteps = { steps: 0 };
    expect(patternMatches(`https://x.example/${'*a'.repeat(50)}*`, url, counter2)).toBe(true);
    expect(counter2.steps).toBeLessThan(200); // each "a" found at the next position
  });

  it('a hostile rule list against a long URL finishes (would hang on an exponential matcher)', () => {
    const url = `https://x.example/${'a'.repeat(8000)}`;
    const rules: DrillDownRule[] = Array.from({ length: 100 }, (_, i) => ({
      pattern: `https://x.example/${'*a'.repeat(50 + i)}*b`,
      action: 'new tab',
    }));
    expect(actionFor(url, rules)).toEqual({ action: 'screen', url });
  });
});

describe('validateRules', () => {
  it('keeps good rules in order', () => {
    const input = [
      { pattern: 'https://crm.example.com/*', action: 'new tab' },
      { pattern: '  *  ', action: 'original handler', note: 'ignored' },
      { pattern: 'https://wiki.example.com/*', action: 'screen' },
    ];
    expect(validateRules(input)).toEqual({
      rules: [
        { pattern: 'https://crm.example.com/*', action: 'new tab' },
        { pattern: '*', action: 'original handler' },
        { pattern: 'https://wiki.example.com/*', action: 'screen' },
      ],
      problems: [],
    });
  });

  it.each<[string, unknown, string]>([
    // name, bad rule, problem
    ['not an object', 'https://x/*', 'rules[1]: not an object'],
    ['null', null, 'rules[1]: not an object'],
    ['no pattern', { action: 'screen' }, 'rules[1]: pattern must be a non-empty text'],
    ['blank pattern', { pattern: '   ', action: 'screen' }, 'rules[1]: pattern must be a non-empty text'],
    ['pattern not a string', { pattern: /https:.*/, action: 'screen' }, 'rules[1]: pattern must be a non-empty text'],
    [
      'pattern too long',
      { pattern: `https://x/${'a'.repeat(MAX_PATTERN_LENGTH)}`, action: 'screen' },
      `rules[1]: pattern longer than ${MAX_PATTERN_LENGTH} characters`,
    ],
    ['control character', { pattern: 'https://x/\u0000*', action: 'screen' }, 'rules[1]: pattern holds control characters'],
    [
      'javascript pattern',
      { pattern: 'javascript:*', action: 'new tab' },
      'rules[1]: pattern "javascript:*" can never match (only http: and https: URLs are drilled into)',
    ],
    [
      'relative pattern',
      { pattern: '/tickets/*', action: 'new tab' },
      'rules[1]: pattern "/tickets/*" can never match (only http: and https: URLs are drilled into)',
    ],
    [
      'unknown action',
      { pattern: 'https://x/*', action: 'popup' },
      'rules[1]: action must be one of "screen", "new tab", "original handler"',
    ],
    [
      'action in another spelling',
      { pattern: 'https://x/*', action: 'new-tab' },
      'rules[1]: action must be one of "screen", "new tab", "original handler"',
    ],
    ['no action', { pattern: 'https://x/*' }, 'rules[1]: action must be one of "screen", "new tab", "original handler"'],
    [
      'same pattern as an earlier rule',
      { pattern: 'https://crm.example.com/*', action: 'screen' },
      'rules[1]: same pattern as rules[0], never reached',
    ],
  ])('%s is reported and left out', (_name, bad, problem) => {
    const good = { pattern: 'https://crm.example.com/*', action: 'new tab' };
    const last = { pattern: 'https://*.example.org/*', action: 'original handler' };
    expect(validateRules([good, bad, last])).toEqual({ rules: [good, last], problems: [problem] });
  });

  it.each<[string, unknown, string[]]>([
    ['undefined: no rules', undefined, []],
    ['null: no rules', null, []],
    ['an object', { pattern: '*', action: 'screen' }, ['rules: not a list']],
    ['a string', '*', ['rules: not a list']],
  ])('%s', (_name, input, problems) => {
    expect(validateRules(input)).toEqual({ rules: [], problems });
  });

  it.each([
    ['?ttps://x/*'], // wildcards before the scheme: may match
    ['http*'],
    ['HTTP://X/*'],
    ['https:*'],
  ])('%j may match a web URL and is kept', (pattern) => {
    expect(validateRules([{ pattern, action: 'screen' }]).problems).toEqual([]);
  });

  it('uses at most MAX_DRILL_DOWN_RULES rules', () => {
    const input = Array.from({ length: MAX_DRILL_DOWN_RULES + 1 }, (_, i) => ({ pattern: `https://x/${i}`, action: 'screen' }));
    const { rules, problems } = validateRules(input);
    expect(rules).toHaveLength(MAX_DRILL_DOWN_RULES);
    expect(problems).toEqual([`rules: ${MAX_DRILL_DOWN_RULES + 1} rules, only the first ${MAX_DRILL_DOWN_RULES} are used`]);
  });

  it('every action is accepted', () => {
    const input = DRILL_DOWN_ACTIONS.map((action, i) => ({ pattern: `https://x/${i}`, action }));
    expect(validateRules(input).rules.map((r) => r.action)).toEqual([...DRILL_DOWN_ACTIONS]);
  });
});

describe('actionFor: the first matching rule wins', () => {
  const rules: DrillDownRule[] = [
    { pattern: 'https://crm.example.com/private/*', action: 'screen' },
    { pattern: 'https://crm.example.com/*', action: 'new tab' },
    { pattern: 'https://*.twilio.com/*', action: 'original handler' },
  ];

  it.each([
    // url, fallback, action, rule index (precedence: the narrow rule is listed first)
    ['https://crm.example.com/private/1', undefined, 'screen', 0],
    ['https://crm.example.com/r/1', undefined, 'new tab', 1],
    ['HTTPS://CRM.EXAMPLE.COM/r/1', undefined, 'new tab', 1],
    ['https://analytics.twilio.com/drill?x=1', undefined, 'original handler', 2],
    ['https://other.example/', undefined, 'screen', undefined],
    ['https://other.example/', 'original handler', 'original handler', undefined],
    ['https://other.example/', 'new tab', 'new tab', undefined],
  ] as const)('%j (fallback %s) -> %s', (url, fallback, action, ruleIndex) => {
    const decision = actionFor(url, rules, fallback);
    expect(decision.action).toBe(action);
    expect(decision).toHaveProperty('url', new URL(url).href);
    expect('ruleIndex' in decision ? decision.ruleIndex : undefined).toBe(ruleIndex);
  });

  it('order decides between two matching rules', () => {
    const wide: DrillDownRule = { pattern: '*', action: 'original handler' };
    const narrow: DrillDownRule = { pattern: 'https://crm.example.com/*', action: 'new tab' };
    expect(actionFor('https://crm.example.com/1', [wide, narrow]).action).toBe('original handler');
    expect(actionFor('https://crm.example.com/1', [narrow, wide]).action).toBe('new tab');
  });

  it.each([
    ['javascript:alert(1)', /scheme "javascript:"/],
    ['JaVaScRiPt:alert(1)', /scheme "javascript:"/],
    ['data:text/html,x', /scheme "data:"/],
    ['//crm.example.com/r/1', /protocol-relative/],
    ['https://user:pw@crm.example.com/r/1', /credentials/],
    ['java\tscript:alert(1)', /control character/],
  ])('an unsafe url %j goes to the screen as inert text, whatever the rules say', (url, reason) => {
    const everything: DrillDownRule[] = [{ pattern: '*', action: 'new tab' }];
    for (const fallback of DRILL_DOWN_ACTIONS) {
      const decision = actionFor(url, everything, fallback);
      expect(decision).toEqual({ action: 'screen', unsafe: expect.stringMatching(reason), text: url });
      expect(decision).not.toHaveProperty('url');
    }
  });
});
