/**
 * Alert rules: raise after the hold, clear after the clear time, no raise on a brief
 * spike, the scope of a team leader, the time-based rules on the clock alone, and the
 * per-field messages of a bad rule list.
 */
import { AlertEvaluator, ruleLabel, validateAlertRules, type AlertRule, type AlertSubject } from '../../src/core/alerts';
import { accessOf } from '../../src/core/roles';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const s = (sec: number): number => T0 + sec * 1000;
const supervisor = accessOf({ roles: ['supervisor'] });
const teamLeader = accessOf({ roles: ['wfo.team_leader'], team: 'Team Blue', workerSid: 'WKlead' });

const queue = (waiting: number, serviceLevel: number | null = null): AlertSubject => ({ kind: 'queue', key: 'Imminent Risk', waiting, serviceLevel });
const contact = (waitingSince?: number): AlertSubject => ({ kind: 'contact', key: 'WT1', queue: 'Imminent Risk', supportType: 'imminent', platform: 'CISS Central', waitingSince });
const agent = (over: Partial<Extract<AlertSubject, { kind: 'agent' }>> = {}): AlertSubject => ({ kind: 'agent', key: 'WK1', name: 'Ana', team: 'Team Blue', ronas: [], ...over });

function run(rule: AlertRule, steps: [sec: number, subject: AlertSubject | 'tick'][], access = supervisor) {
  const ev = new AlertEvaluator([rule], access);
  for (const [sec, subject] of steps) {
    if (subject === 'tick') ev.tick(s(sec));
    else ev.observe(subject, s(sec));
  }
  return { ev, log: ev.takeTransitions().map((t) => `${t.type}@${(t.at - T0) / 1000}`) };
}

const waiting3: AlertRule = { id: 'w3', kind: 'waitingCount', count: 3, severity: 'warning', holdSec: 10, clearSec: 30 };

describe('state rules: hold and clear times', () => {
  it.each<[string, [number, AlertSubject | 'tick'][], string[]]>([
    // 3 waiting at 0 s, still at the 10 s tick → raised at 10 s
    ['raises once the condition held for holdSec', [[0, queue(3)], [10, 'tick']], ['raised@10']],
    // 3 waiting at 0 s, the tick at 9 s is before the hold
    ['not before the hold', [[0, queue(3)], [9, 'tick']], []],
    // 3 waiting for 5 s only: a brief spike
    ['no raise on a brief spike', [[0, queue(3)], [5, queue(2)], [60, 'tick']], []],
    // raised at 10, false from 20, clear time 30 s → cleared at 50
    ['clears once false for clearSec', [[0, queue(4)], [10, 'tick'], [20, queue(1)], [49, 'tick'], [50, 'tick']], ['raised@10', 'cleared@50']],
    // false from 20, true again at 40 (< 50): stays raised, no flapping
    ['stays raised when true again within the clear time', [[0, queue(4)], [10, 'tick'], [20, queue(1)], [40, queue(5)], [100, 'tick']], ['raised@10']],
    // a late tick still gives the exact moments
    ['reports the exact moments on a late tick', [[0, queue(3)], [20, queue(0)], [500, 'tick']], ['raised@10', 'cleared@50']],
  ])('%s', (_name, steps, expected) => {
    expect(run(waiting3, steps).log).toEqual(expected);
  });
});

describe('labels', () => {
  const nobody: AlertRule = { id: 'n', kind: 'noAgentAvailable', supportType: 'imminent', severity: 'error', holdSec: 0, clearSec: 0 };
  it.each<[string, AlertRule, string, string]>([
    ['made from the rule', nobody, 'Nobody in Available for imminent while contacts wait', 'Nobody of your team in Available for imminent while contacts wait'],
    ["an admin's own", { ...nobody, label: 'Nobody free for imminent' }, 'Nobody free for imminent', 'Nobody free for imminent (your team)'],
    ['other kinds are the same for both', waiting3, '3+ waiting in a queue', '3+ waiting in a queue'],
  ])('"no agent available" says "your team" to a team leader: %s', (_name, rule, forSupervisor, forTeamLeader) => {
    expect(ruleLabel(rule, supervisor)).toBe(forSupervisor);
    expect(ruleLabel(rule, teamLeader)).toBe(forTeamLeader);
  });
});

describe('time rules fire on the clock alone', () => {
  const wait: AlertRule = { id: 'imm', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 5 };
  it('a contact waiting since 0 s crosses 120 s with no new event', () => {
    const { ev, log } = run(wait, [[0, contact(s(0))], [119, 'tick'], [120, 'tick']]);
    expect(log).toEqual(['raised@120']);
    expect(ev.active()[0]).toMatchObject({ ruleId: 'imm', severity: 'error', subjectKind: 'contact', raisedAt: s(120) });
  });
  it('answered before the limit: nothing', () => {
    expect(run(wait, [[0, contact(s(0))], [100, contact(undefined)], [300, 'tick']]).log).toEqual([]);
  });
  it('answered after: clears after the clear time', () => {
    expect(run(wait, [[0, contact(s(0))], [130, contact(undefined)], [134, 'tick'], [135, 'tick']]).log).toEqual(['raised@120', 'cleared@135']);
  });
  it('another support type is not watched by a targeted rule', () => {
    const other: AlertSubject = { ...(contact(s(0)) as Extract<AlertSubject, { kind: 'contact' }>), supportType: 'check_in' };
    expect(run(wait, [[0, other], [500, 'tick']]).log).toEqual([]);
  });
  it('a contact seen by every rule (observeFully) as another support type leaves the targeted rule: it clears', () => {
    const ev = new AlertEvaluator([wait], supervisor);
    ev.observe(contact(s(0)), s(0));
    ev.tick(s(130));
    // Moved to check_in at 130 s, still waiting there: the imminent rule sees it false from then on.
    ev.observeFully({ ...(contact(s(130)) as Extract<AlertSubject, { kind: 'contact' }>), supportType: 'check_in' }, s(130));
    ev.tick(s(200));
    expect(ev.takeTransitions().map((t) => `${t.type}@${(t.at - T0) / 1000}`)).toEqual(['raised@120', 'cleared@135']);
  });
  it('RONA in the last hour: 2 within the hour raise, the hour passing clears', () => {
    const rona: AlertRule = { id: 'r2', kind: 'agentRona', count: 2, severity: 'warning', holdSec: 0, clearSec: 0 };
    // RONAs at 0 s and 600 s → 2 in the hour from 600 s; the first leaves the hour at 3600 s
    const { log } = run(rona, [[0, agent({ ronas: [s(0)] })], [600, agent({ ronas: [s(0), s(600)] })], [3599, 'tick'], [3600, 'tick']]);
    expect(log).toEqual(['raised@600', 'cleared@3600']);
  });
  it('an agent on Break longer than 15 min, and in wrap-up longer than 5 min', () => {
    const onBreak: AlertRule = { id: 'b', kind: 'agentActivity', activity: 'Break', minutes: 15, severity: 'info', holdSec: 0, clearSec: 0 };
    expect(run(onBreak, [[0, agent({ activity: 'Break', activitySince: s(0) })], [900, 'tick'], [960, agent({ activity: 'Available', activitySince: s(960) })]]).log).toEqual([
      'raised@900',
      'cleared@960',
    ]);
    const wrap: AlertRule = { id: 'wu', kind: 'agentWrapup', minutes: 5, severity: 'info', holdSec: 0, clearSec: 0 };
    expect(run(wrap, [[0, agent({ wrapupSince: s(0) })], [299, 'tick']]).log).toEqual([]);
    expect(run(wrap, [[0, agent({ wrapupSince: s(0) })], [300, 'tick']]).log).toEqual(['raised@300']);
  });
  it('service level below x, and no agent available while contacts wait', () => {
    const sl: AlertRule = { id: 'sl', kind: 'serviceLevel', below: 0.8, severity: 'warning', holdSec: 0, clearSec: 0 };
    expect(run(sl, [[0, queue(0, 0.9)], [10, queue(0, 0.7)], [20, queue(0, null)]]).log).toEqual(['raised@10', 'cleared@20']);
    const none: AlertRule = { id: 'na', kind: 'noAgentAvailable', severity: 'error', holdSec: 0, clearSec: 0 };
    const platform = (waiting: number, available: number): AlertSubject => ({ kind: 'platform', key: 'CISS Central', waiting, available, serviceLevel: null });
    expect(run(none, [[0, platform(0, 0)], [5, platform(2, 0)], [9, platform(2, 1)]]).log).toEqual(['raised@5', 'cleared@9']);
  });
});

describe('scope', () => {
  const onBreak: AlertRule = { id: 'b', kind: 'agentActivity', activity: 'Break', minutes: 1, severity: 'info', holdSec: 0, clearSec: 0 };
  it('a team leader is alerted about their team and not about another team', () => {
    const mine = run(onBreak, [[0, agent({ activity: 'Break', activitySince: s(0) })], [60, 'tick']], teamLeader);
    expect(mine.log).toEqual(['raised@60']);
    const theirs = run(onBreak, [[0, agent({ team: 'Team Red', activity: 'Break', activitySince: s(0) })], [60, 'tick']], teamLeader);
    expect(theirs.log).toEqual([]);
    expect(theirs.ev.trackerCount).toBe(0);
  });
  it('a team leader is alerted about every queue', () => {
    expect(run(waiting3, [[0, queue(3)], [10, 'tick']], teamLeader).log).toEqual(['raised@10']);
  });
  it('a raised agent alert goes when the agent moves to another team', () => {
    const { ev } = run(onBreak, [[0, agent({ activity: 'Break', activitySince: s(0) })], [60, 'tick'], [70, agent({ team: 'Team Red', activity: 'Break', activitySince: s(0) })]], teamLeader);
    expect(ev.active()).toEqual([]);
  });
});

describe('validateAlertRules', () => {
  it('keeps good rules and names each bad field of the others', () => {
    const { rules, problems } = validateAlertRules([
      { id: 'ok', kind: 'contactWait', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
      { id: 'ok', kind: 'waitingCount', count: 0, severity: 'loud', holdSec: -1, clearSec: 10, queue: 'A', supportType: 'b', colour: 'red' },
      { id: 'sl', kind: 'serviceLevel', below: 80, severity: 'warning', holdSec: 0, clearSec: 0 },
      { id: 'x', kind: 'nope' },
      'text',
    ]);
    expect(rules.map((r) => r.id)).toEqual(['ok']);
    expect(problems).toEqual([
      { field: 'alertRules[1].id', message: '"ok" is used by an earlier rule' },
      { field: 'alertRules[1].severity', message: 'must be one of info, warning, error' },
      { field: 'alertRules[1].holdSec', message: 'must be a number of seconds ≥ 0' },
      { field: 'alertRules[1].count', message: 'must be a whole number ≥ 1' },
      { field: 'alertRules[1].supportType', message: 'give queue or supportType, not both' },
      { field: 'alertRules[1].colour', message: 'is not a field of a waitingCount rule' },
      { field: 'alertRules[2].below', message: 'must be a fraction above 0 and at most 1 (0.8 for 80%)' },
      { field: 'alertRules[3].kind', message: 'must be one of contactWait, waitingCount, serviceLevel, noAgentAvailable, agentActivity, agentWrapup, agentRona' },
      { field: 'alertRules[4]', message: 'must be an object, not a string' },
    ]);
  });
  it('refuses what is not a list', () => {
    expect(validateAlertRules({}).problems).toEqual([{ field: 'alertRules', message: 'must be a list of rules, not an object' }]);
  });
});
