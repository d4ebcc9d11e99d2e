import { handleDrillDown, drillDownTarget, type DrillDownDeps, type OpenResult } from '../../src/flex/drilldown';

function deps(known: Record<string, OpenResult>, rules = [] as { pattern: string; action: 'screen' | 'new tab' | 'original handler' }[]) {
  const calls = { opened: [] as string[], newTab: [] as string[], refused: [] as string[], byIdentifier: [] as boolean[] };
  const d: DrillDownDeps = {
    rules: () => rules,
    open: (id, byIdentifier) => {
      calls.byIdentifier.push(byIdentifier);
      for (const [k, r] of Object.entries(known)) if (id.includes(k)) return (calls.opened.push(k), r);
      return 'unknown';
    },
    openInNewTab: (url) => void calls.newTab.push(url),
    refuse: (text, reason) => void calls.refused.push(`${text}: ${reason}`),
  };
  return { d, calls };
}

describe('the HistoricalReportingView action', () => {
  it('asks for a history lookup only when the payload names a conversation, never for a URL', async () => {
    const named = deps({ WT11: 'screen' });
    await handleDrillDown({ taskSid: 'WT11' }, async () => undefined, named.d);
    expect(named.calls.byIdentifier).toEqual([true]);
    const url = deps({ WT11: 'screen' });
    await handleDrillDown('https://flex.example/insights?task=WT11', async () => undefined, url.d);
    expect(url.calls.byIdentifier).toEqual([false]);
  });

  it.each([
    ['a URL string', 'https://x.example/a', { url: 'https://x.example/a' }],
    ['an object with a url', { url: 'https://x.example/a', other: 1 }, { url: 'https://x.example/a', conversationId: undefined }],
    ['our conversation id', { conversationId: 'CH10' }, { url: undefined, conversationId: 'CH10' }],
    ['a task sid', { taskSid: ' WT11 ' }, { url: undefined, conversationId: 'WT11' }],
    ['a conversation sid', { conversationSid: 'CH12' }, { url: undefined, conversationId: 'CH12' }],
    ['a sid', { sid: 'CA13' }, { url: undefined, conversationId: 'CA13' }],
    ['nothing usable', { foo: 'bar' }, undefined],
    ['an empty string', '  ', undefined],
    ['a number', 42, undefined],
  ])('accepts %s', (_name, payload, target) => {
    expect(drillDownTarget(payload)).toEqual(target);
  });

  it.each([
    // payload, known conversations, rules, outcome, original called
    ['our id, known', { conversationId: 'CH10' }, { CH10: 'screen' }, [], 'screen', false],
    ['our id, Raw first', { conversationId: 'CH10' }, { CH10: 'raw' }, [], 'new tab', false],
    ['our id, unknown', { conversationId: 'CH99' }, {}, [], 'original', true],
    ['a Flex URL naming a known task', 'https://flex.example/insights?task=WT11', { WT11: 'screen' }, [], 'screen', false],
    ['a Flex URL we cannot resolve', 'https://flex.example/insights?task=WTzz', {}, [], 'original', true],
    ['a rule sends it to a new tab', 'https://crm.example/r/1', {}, [{ pattern: 'https://crm.example/*', action: 'new tab' }], 'new tab', false],
    ['a rule hands it to Flex', 'https://flex.example/x?task=WT11', { WT11: 'screen' }, [{ pattern: 'https://flex.example/*', action: 'original handler' }], 'original', true],
    ['an unsafe URL is refused whatever the rules', 'javascript:alert(1)', {}, [{ pattern: '*', action: 'new tab' }], 'refused', false],
    ['a payload we cannot read', 17, {}, [], 'original', true],
  ] as const)('%s', async (_name, payload, known, rules, outcome, originalCalled) => {
    const original = jest.fn();
    const { d, calls } = deps(known as Record<string, OpenResult>, [...rules]);
    expect(await handleDrillDown(payload, original, d)).toBe(outcome);
    expect(original).toHaveBeenCalledTimes(originalCalled ? 1 : 0);
    if (outcome === 'new tab' && rules.length > 0) expect(calls.newTab).toEqual(['https://crm.example/r/1']);
    if (outcome === 'refused') expect(calls.refused[0]).toMatch(/^javascript:alert\(1\): /);
  });
});
