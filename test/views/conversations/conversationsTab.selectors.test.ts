import { DEFAULT_CONFIG, type ConversationRow } from '../../../src/core';
import { applyQueued, ingest } from '../../../src/store';
import Papa from 'papaparse';
import { toCsv, translator } from '../../../src/views/common';
import {
  NO_FILTERS,
  conversationColumns,
  conversationCsvColumns,
  filterConversations,
  selectConversationsBetween,
  selectFilterOptions,
  selectShownConversations,
} from '../../../src/views/conversations';
import { Handled } from '../../fixtures/scenarios';
import { DAY_MS, ROLES, TODAY, YESTERDAY, frozenDay, storeWith, todayEvents, withFrozen, yesterdayEvents } from './fixtures';

const today = { from: TODAY, to: TODAY };
const both = { from: YESTERDAY, to: TODAY };
const ids = (rows: readonly ConversationRow[]): string[] => rows.map((r) => r.id);

describe('the conversations of a period', () => {
  it("today's list is the engine's conversations that start today, newest first", () => {
    const state = storeWith(ROLES.supervisor, [...todayEvents, ...yesterdayEvents]).getState();
    // CH10 starts 10:03:20, CA09 10:01:40, CA01 10:00; CA21 is yesterday's
    expect(ids(selectConversationsBetween(state, today))).toEqual(['CH10', 'CA09', 'CA01']);
    expect(ids(selectConversationsBetween(state, { from: YESTERDAY, to: YESTERDAY }))).toEqual(['CA21']);
    expect(ids(selectConversationsBetween(state, both))).toEqual(['CH10', 'CA09', 'CA01', 'CA21']);
  });

  it('merges frozen history days with the live rows, newest first', () => {
    const store = withFrozen(storeWith(ROLES.supervisor, todayEvents), [frozenDay(YESTERDAY, yesterdayEvents, ROLES.supervisor)]);
    const state = store.getState();
    expect(ids(selectConversationsBetween(state, today))).toEqual(['CH10', 'CA09', 'CA01']);
    expect(ids(selectConversationsBetween(state, both))).toEqual(['CH10', 'CA09', 'CA01', 'CA21']);
    const sam = selectConversationsBetween(state, both).find((r) => r.id === 'CA21');
    expect(sam?.customerName).toBe('Sam');
    expect(sam?.agentNames).toEqual(['Ann']);
  });

  it('a conversation in a frozen day and in the engine is listed once, as the engine has it', () => {
    // The frozen day caught the call mid-talk; the engine has seen it end since.
    const midCall = yesterdayEvents.filter((e) => e.ts < yesterdayEvents[0].ts + 100_000);
    const frozen = frozenDay(YESTERDAY, midCall, ROLES.supervisor);
    expect(frozen.conversations.map((r) => [r.id, r.outcome])).toEqual([['CA21', 'In progress']]);
    const state = withFrozen(storeWith(ROLES.supervisor, [...todayEvents, ...yesterdayEvents]), [frozen]).getState();
    const rows = selectConversationsBetween(state, both);
    expect(ids(rows)).toEqual(['CH10', 'CA09', 'CA01', 'CA21']);
    expect(rows[3].outcome).toBe('Handled');
    expect(rows[3].durationSec).toBeDefined();
  });

  it('gives the same array for the same state and range (memoised), a new one after a batch', () => {
    const store = storeWith(ROLES.supervisor, todayEvents);
    const first = selectShownConversations(store.getState(), today, NO_FILTERS);
    expect(selectShownConversations(store.getState(), today, NO_FILTERS)).toBe(first);
    store.setState({ now: store.getState().now + 1000 }); // a clock tick is no new data
    expect(selectShownConversations(store.getState(), today, NO_FILTERS)).toBe(first);
    ingest(store, Handled.map((e) => ({ ...e, sid: `${e.sid}n`, ts: e.ts + 600_000, taskSid: 'WT05', taskAttributes: { call_sid: 'CA05' } })));
    applyQueued(store);
    const next = selectShownConversations(store.getState(), today, NO_FILTERS);
    expect(next).not.toBe(first);
    expect(ids(next)).toEqual(['CA05', 'CH10', 'CA09', 'CA01']);
  });
});

describe('search and filters', () => {
  const state = storeWith(ROLES.supervisor, todayEvents).getState();
  const rows = selectConversationsBetween(state, today);
  const shown = (f: Partial<typeof NO_FILTERS>): string[] => ids(filterConversations(rows, { ...NO_FILTERS, ...f }));

  it.each([
    ['a customer name, any case', 'casey', ['CH10']],
    ['an agent name', 'BOB', ['CH10']],
    ['an agent in several conversations', 'ann', ['CH10', 'CA01']],
    ['a conversation id', 'ca01', ['CA01']],
    ['a task sid of a transfer', 'WT11', ['CH10']],
    ['part of a sid', 'wt0', ['CA09', 'CA01']],
    ['nothing that matches', 'nobody', []],
    ['blank', '   ', ['CH10', 'CA09', 'CA01']],
  ])('search by %s', (_what, search, expected) => {
    expect(shown({ search })).toEqual(expected);
  });

  it('filters by support type (any segment), platform and outcome, and combines them', () => {
    // CH10 went through check_in then safety on DIGI; CA01 and CA09 are CISS safety calls
    expect(shown({ supportType: 'check_in' })).toEqual(['CH10']);
    expect(shown({ supportType: 'safety' })).toEqual(['CH10', 'CA09', 'CA01']);
    expect(shown({ supportType: 'debrief' })).toEqual([]);
    expect(shown({ platform: 'CISS Central' })).toEqual(['CA09', 'CA01']);
    expect(shown({ platform: 'DIGI Central' })).toEqual(['CH10']);
    expect(shown({ outcome: 'Abandoned' })).toEqual(['CA09']);
    expect(shown({ outcome: 'Handled', platform: 'CISS Central' })).toEqual(['CA01']);
    expect(shown({ outcome: 'Handled', search: 'casey' })).toEqual(['CH10']);
    expect(filterConversations(rows, NO_FILTERS)).toBe(rows);
  });

  it('offers the configured support types and platforms, then any other the rows hold', () => {
    const options = selectFilterOptions(DEFAULT_CONFIG, [...rows, { ...rows[0], id: 'X', supportTypes: ['legacy_type'], platform: 'Old Platform' }]);
    expect(options.supportTypes).toEqual([...Object.keys(DEFAULT_CONFIG.supportTypes), 'other', 'legacy_type']);
    expect(options.platforms).toEqual(['CISS Central', 'DIGI Central', 'Old Platform']);
    expect(options.outcomes).toContain('Abandoned');
  });
});

describe('masking', () => {
  it('a role without export sees a phone number standing in for a name masked, live and frozen', () => {
    // Yesterday's caller gave only a phone number; the day was frozen by an exporter's session (say, the browser cache).
    const phoneYesterday = yesterdayEvents.map((e) => ({ ...e, taskAttributes: { call_sid: 'CA21', from: '+61400999888' } }));
    const frozen = frozenDay(YESTERDAY, phoneYesterday, ROLES.analyst);
    expect(frozen.conversations[0].customerName).toBe('+61400999888');

    const supervisor = withFrozen(storeWith(ROLES.supervisor, todayEvents), [frozen]).getState();
    const masked = selectConversationsBetween(supervisor, both);
    expect(masked.find((r) => r.id === 'CA09')?.customerName).toBe('•••22');
    expect(masked.find((r) => r.id === 'CA21')?.customerName).toBe('•••88');
    expect(masked.find((r) => r.id === 'CH10')?.customerName).toBe('Casey');
    // Searching the number finds nothing: the session never holds it.
    expect(ids(filterConversations(masked, { ...NO_FILTERS, search: '61400' }))).toEqual([]);

    const analyst = withFrozen(storeWith(ROLES.analyst, todayEvents), [frozen]).getState();
    const clear = selectConversationsBetween(analyst, both);
    expect(clear.find((r) => r.id === 'CA09')?.customerName).toBe('+61400111222');
    expect(clear.find((r) => r.id === 'CA21')?.customerName).toBe('+61400999888');
  });

  it("a team leader's list names only their team's agents", () => {
    const rows = selectConversationsBetween(storeWith(ROLES.teamLeader, todayEvents).getState(), today);
    // Ann (Team Blue) handed CH10 to Bob (Team Green): Bob's part is there, his name is not
    expect(rows.find((r) => r.id === 'CH10')?.agentNames).toEqual(['Ann', '(other agents)']);
    expect(rows.flatMap((r) => r.agentNames)).not.toContain('Bob');
  });

  it("a conversation only another team handled reads as handled, for as long as it took, by nobody named", () => {
    const bobsCall = Handled.map((e) => (e.workerSid ? { ...e, workerSid: 'WKbob', workerName: 'bob', workerAttributes: { full_name: 'Bob', team: 'Team Green' } } : e));
    const teamLeader = selectConversationsBetween(storeWith(ROLES.teamLeader, bobsCall).getState(), today)[0];
    const supervisor = selectConversationsBetween(storeWith(ROLES.supervisor, bobsCall).getState(), today)[0];
    expect(supervisor.agentNames).toEqual(['Bob']);
    expect(teamLeader.agentNames).toEqual(['(other agents)']);
    expect([teamLeader.outcome, teamLeader.durationSec]).toEqual([supervisor.outcome, supervisor.durationSec]);
    expect(teamLeader.outcome).toBe('Handled');
  });
});

describe('columns and CSV', () => {
  const t = translator({ SupervisorInsightsAgent: 'Supervisor' });
  const rows = selectConversationsBetween(storeWith(ROLES.supervisor, [...todayEvents, ...yesterdayEvents]).getState(), both);

  it('write the list as shown, for a spreadsheet: labels from the strings, ISO times with the zone offset, seconds', () => {
    const columns = conversationCsvColumns(t, { timeZone: 'Australia/Sydney', withDate: true });
    const lines = toCsv(columns, rows).split('\r\n');
    expect(lines[0]).toBe('Start,CS,Supervisor,Support type,Platform,Duration (s),Outcome,Transfers,Conversation sid,Task sids,Reservation sids,Chat sids,Call sids,Other identifiers');
    expect(columns.slice(0, -6)).toEqual(conversationColumns(t, { timeZone: 'Australia/Sydney', withDate: true }).map((c) => expect.objectContaining({ id: c.id, header: c.header })));
    expect(lines).toHaveLength(rows.length + 1);
    const ca01 = rows.find((r) => r.id === 'CA01') as ConversationRow;
    // 10:00Z is 21:00 in Sydney (UTC+11 in November); Handled lasts 380 s
    const iso = new Date(ca01.start + 11 * 3_600_000).toISOString().slice(0, 19) + '+11:00';
    // The fixtures' sids are short ('WR01' is no sid of a known kind): under Other identifiers.
    const expected = [iso, 'Robin', 'Ann', 'Safety', 'CISS Central', String(Math.round(ca01.durationSec!)), 'Handled', '0', 'CA01', 'WT01', '', '', '', 'WR01'];
    expect(lines[1 + rows.indexOf(ca01)]).toBe(expected.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
    expect(lines[1 + rows.indexOf(ca01)]).toContain('T21:00');
    expect(Date.parse(iso)).toBe(Math.floor(ca01.start / 1000) * 1000);
    const ch10 = lines[1 + rows.findIndex((r) => r.id === 'CH10')];
    expect(ch10).toContain('"Ann, Bob"');
    expect(ch10).toContain('"Check in, Safety"');
    expect(ch10.split(',').slice(-7)).toEqual(['1', 'CH10', 'WT10 WT11', '', '', '', 'WR10 WR11']);
  });

  it('write every identifier the row holds, one column per kind, and the ISS outside a team leader\'s team in words', () => {
    const sid = (prefix: string, n: number): string => `${prefix}${n.toString(16).padStart(32, '0')}`;
    const row: ConversationRow = {
      id: sid('CA', 1),
      agentNames: ['Ann', '(other agents)'],
      supportTypes: ['safety'],
      platform: 'CISS Central',
      start: Date.parse('2026-11-20T10:00:00Z'),
      outcome: 'Handled',
      transfers: 1,
      taskSids: [sid('WT', 1), sid('WT', 2)],
      // Two reservations, the chat channel (prefix in lower case), the call again (the key), a task the key names, a customer's own id.
      sids: [sid('WR', 1), sid('WR', 2), `ch${sid('CH', 1).slice(2)}`, sid('CA', 1), sid('WT', 3), 'order-42'],
    };
    const [header, line] = Papa.parse<string[]>(toCsv(conversationCsvColumns(translator(undefined), { timeZone: 'UTC', withDate: false }), [row]), { skipEmptyLines: true }).data;
    const cell = (name: string): string => line[header.indexOf(name)];
    expect(cell('ISS')).toBe('Ann, ISS outside your team');
    expect(cell('Conversation sid')).toBe(sid('CA', 1));
    expect(cell('Task sids')).toBe([sid('WT', 1), sid('WT', 2), sid('WT', 3)].join(' '));
    expect(cell('Reservation sids')).toBe(`${sid('WR', 1)} ${sid('WR', 2)}`);
    expect(cell('Chat sids')).toBe(sid('CH', 1));
    // Whole for its kind: the call sid that keys the conversation is in Call sids too, once.
    expect(cell('Call sids')).toBe(sid('CA', 1));
    expect(cell('Other identifiers')).toBe('order-42');
  });

  it('show the time alone for today, and the outcome as the strings name it', () => {
    const columns = conversationColumns(translator({ SupervisorInsightsAbandoned: 'Left the queue' }), { timeZone: 'UTC', withDate: false });
    const ca09 = rows.find((r) => r.id === 'CA09') as ConversationRow;
    const cell = (id: string): string | number => columns.find((c) => c.id === id)!.value(ca09);
    expect(cell('start')).toBe('10:01');
    expect(cell('outcome')).toBe('Left the queue');
    expect(cell('agents')).toBe('—');
  });

  it('an open conversation has no duration yet', () => {
    const open = Handled.filter((e) => e.ts < Handled[0].ts + 100_000);
    const row = selectConversationsBetween(storeWith(ROLES.supervisor, open).getState(), today)[0];
    expect(row.outcome).toBe('In progress');
    expect(conversationColumns(t, { withDate: false }).find((c) => c.id === 'duration')!.value(row)).toBe('—');
  });
});

// Keep the day arithmetic honest: yesterday's fixture is a whole day (and an hour) before today's.
it('the fixtures straddle midnight as described', () => {
  expect(new Date(yesterdayEvents[0].ts + DAY_MS).toISOString().slice(0, 10)).toBe(TODAY);
});
