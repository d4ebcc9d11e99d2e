import { createHash } from 'node:crypto';
import {
  DEFAULT_CONFIG,
  HistoryFolder,
  OTHER_AGENTS,
  accessOf,
  addDays,
  conversationDetailsOf,
  conversationIndexOf,
  conversationRowOf,
  createCalendar,
  findConversations,
  normalisedName,
  type Access,
  type ConversationRow,
  type DaySnapshot,
  type IdentifierKind,
  type TrEvent,
} from '../../src/core';
import { BASE, aContactArrives, aTaskEvent, anEngagement, engineFor, type TaskShape } from '../fixtures/builders';

/** A sid as Twilio writes it, the same for the same prefix and number. */
const sid = (prefix: 'WT' | 'WR' | 'CH' | 'CA', n: number): string => prefix + createHash('md5').update(`${prefix}${n}`).digest('hex');
const DAY = 86_400;

const ann = { worker: 'WKann', name: 'Ann Lee', team: 'Team Blue' };
const bob = { worker: 'WKbob', name: 'Bob Stroud', team: 'Team Green' };

/**
 * A call taken by one agent. Its attributes name the task as the conversation (Flex
 * Insights' `conversation_id`) and carry the call sid: id `WT n`, sids `WR n`, `CA n`.
 */
function aCall(n: number, sec: number, customer: string, agent = ann): TrEvent[] {
  const t: TaskShape = { task: sid('WT', n), queue: 'CISS Safety', channel: 'voice', attributes: { call_sid: sid('CA', n), conversations: { conversation_id: sid('WT', n) }, customers: { name: customer } } };
  return [
    ...aContactArrives(t, sec),
    ...anEngagement({ ...t, reservation: sid('WR', n), ...agent }, { created: sec + 5, accepted: sec + 10, wrapup: sec + 300, completed: sec + 320 }),
    aTaskEvent('task.completed', t, sec + 320),
  ];
}

/**
 * A chat Ann cold-transfers to Bob: conversation `CH n` (also on its channel `CH n+1`),
 * tasks `WT n`, `WT n+1`, reservations `WR n` (Ann), `WR n+1` (Bob).
 */
function aTransferredChat(n: number, sec: number, customer: string): TrEvent[] {
  const first: TaskShape = { task: sid('WT', n), queue: 'DIGI Check In', channel: 'chat', attributes: { conversationSid: sid('CH', n), channelSid: sid('CH', n + 1), customers: { name: customer } } };
  const second: TaskShape = {
    task: sid('WT', n + 1),
    queue: 'DIGI Safety',
    channel: 'chat',
    attributes: { conversationSid: sid('CH', n), conversations: { conversation_id: sid('WT', n) }, customers: { name: customer } },
  };
  return [
    ...aContactArrives(first, sec),
    ...anEngagement({ ...first, reservation: sid('WR', n), ...ann }, { created: sec + 2, accepted: sec + 6, wrapup: sec + 66, completed: sec + 76 }),
    aTaskEvent('task.completed', first, sec + 76),
    ...aContactArrives(second, sec + 66),
    ...anEngagement({ ...second, reservation: sid('WR', n + 1), ...bob }, { created: sec + 70, accepted: sec + 80, wrapup: sec + 380, completed: sec + 400 }),
    aTaskEvent('task.completed', second, sec + 400),
  ];
}

const ADMIN = accessOf({ roles: ['admin'] }); // sees contacts
const SUPERVISOR = accessOf({ roles: ['supervisor'] }); // all scope, contacts masked
const TEAM_BLUE = accessOf({ roles: ['wfo.team_leader'], workerSid: 'WKann', team: 'Team Blue' });

const TODAY = createCalendar('UTC').dayKey(BASE);
const CUSTOMERS = ['Hiroshi Tanaka', 'Priya Ramaswamy', 'Oskar Lindqvist', 'Marisol Quintero', 'Farid Haddad'];
/** Day d before today: a call at 10:00 (n = 100 d) and a transferred chat at 11:00 (n = 100 d + 2). */
const customerOf = (d: number, kind: 'call' | 'chat'): string => {
  if (kind === 'call' && (d === 3 || d === 20)) return 'Zoë Ødegård';
  if (kind === 'chat' && d === 29) return 'Renée Müller';
  if (kind === 'chat' && d === 12) return '+61 400 111 222'; // a number standing in for a name
  return CUSTOMERS[(d * 2 + (kind === 'chat' ? 1 : 0)) % CUSTOMERS.length];
};
const history: TrEvent[] = [];
for (let d = 30; d >= 1; d--) history.push(...aCall(100 * d, -d * DAY, customerOf(d, 'call')), ...aTransferredChat(100 * d + 2, -d * DAY + 3600, customerOf(d, 'chat')));

/** The frozen days of these events, as the history folder makes them for an access. */
function frozen(events: readonly TrEvent[], access: Access, from = addDays(TODAY, -30), to = addDays(TODAY, -1)): DaySnapshot[] {
  const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access, range: { from, to } });
  folder.add(events);
  return folder.finish();
}

/** The live list: rows newest first, as the store's selector gives them. */
function liveRowsOf(events: readonly TrEvent[], access: Access): ConversationRow[] {
  return [...conversationDetailsOf(engineFor(events), access, DEFAULT_CONFIG).values()].map(conversationRowOf).sort((a, b) => b.start - a.start);
}

const adminDays = frozen(history, ADMIN);
// Today: Zoë calls again (n = 1), and yesterday's call (n = 100) is still in the live engine,
// where its customer has been renamed: the live row is the one that counts.
const today = [...aCall(1, 0, 'Zoe Odegard'), ...aCall(100, -DAY, 'Yusuf Yilmaz')];
const live = liveRowsOf(today, ADMIN);
const find = (query: string, options: { access?: Access; limit?: number; days?: readonly DaySnapshot[]; live?: readonly ConversationRow[] } = {}) =>
  findConversations(options.days ?? adminDays, options.live ?? live, query, { access: options.access ?? ADMIN, limit: options.limit });
const ids = (rows: readonly ConversationRow[]): string[] => rows.map((r) => r.id);

describe('conversation rows carry the identifiers a review starts from', () => {
  it('a call: its reservation and call sids besides the task that names it', () => {
    const row = adminDays.find((d) => d.day === addDays(TODAY, -5))?.conversations.find((r) => r.id === sid('WT', 500));
    expect(row).toMatchObject({ taskSids: [sid('WT', 500)], sids: [sid('WR', 500), sid('CA', 500)] });
  });

  it('a transferred chat: both reservations and the channel sid; the id and task sids are not repeated', () => {
    const row = adminDays.find((d) => d.day === addDays(TODAY, -5))?.conversations.find((r) => r.id === sid('CH', 502));
    expect(row).toMatchObject({ taskSids: [sid('WT', 502), sid('WT', 503)], sids: [sid('WR', 502), sid('WR', 503), sid('CH', 503)] });
  });

  it("a team leader's rows: the team's reservations only, and of a task no team member touched only its key", () => {
    const events = [...aTransferredChat(2, -DAY, 'Priya Ramaswamy'), ...aCall(4, -DAY + 600, 'Oskar Lindqvist', bob)];
    const [day] = frozen(events, TEAM_BLUE, addDays(TODAY, -1));
    const chat = day.conversations.find((r) => r.id === sid('CH', 2));
    // Bob's reservation WR 3 is another team's; the channel sid comes with Ann's task
    expect(chat?.sids).toEqual([sid('WR', 2), sid('CH', 3)]);
    const bobsCall = day.conversations.find((r) => r.id === sid('WT', 4));
    expect(bobsCall?.agentNames).toEqual([OTHER_AGENTS]);
    // no reservation sid, and no call sid: the task's attributes reached the session as its key alone
    expect(bobsCall?.sids).toEqual([]);
    // the same call for a supervisor
    const [all] = frozen(events, SUPERVISOR, addDays(TODAY, -1));
    expect(all.conversations.find((r) => r.id === sid('WT', 4))?.sids).toEqual([sid('WR', 4), sid('CA', 4)]);
  });
});

describe('normalisedName', () => {
  it.each([
    ['Zoë', 'zoe'],
    ['  ZOË   Ødegård ', 'zoe odegard'],
    ['Renée\tMüller', 'renee muller'],
    ['Straße', 'strasse'],
    ['Łukasz Øster', 'lukasz oster'],
    ['Ｚｏｅ', 'zoe'], // full-width letters, as some keyboards type them
    ['Zoe\u0308', 'zoe'], // already decomposed
  ])('%j reads %j', (name, expected) => {
    expect(normalisedName(name)).toBe(expected);
  });
});

describe('findConversations over 30 frozen days and the live list', () => {
  it('holds 30 frozen days of two conversations each', () => {
    expect(adminDays.map((d) => d.day).sort()).toEqual(Array.from({ length: 30 }, (_, i) => addDays(TODAY, i - 30)));
    expect(adminDays.every((d) => d.conversations.length === 2)).toBe(true);
  });

  const cases: [string, IdentifierKind, string, string][] = [
    ['a task sid (first task)', 'task', sid('WT', 1702), sid('CH', 1702)],
    ['a task sid (the transfer)', 'task', sid('WT', 1703), sid('CH', 1702)],
    ['a task sid naming a call', 'task', sid('WT', 2500), sid('WT', 2500)],
    ['a reservation sid (engagement)', 'reservation', sid('WR', 2900), sid('WT', 2900)],
    ['a reservation sid (after a transfer)', 'reservation', sid('WR', 803), sid('CH', 802)],
    ['a conversation sid', 'conversation', sid('CH', 802), sid('CH', 802)],
    ['a channel sid', 'conversation', sid('CH', 1203), sid('CH', 1202)],
    ['a call sid, 30 days ago', 'call', sid('CA', 3000), sid('WT', 3000)],
    ['a call sid, today (live)', 'call', sid('CA', 1), sid('WT', 1)],
    ['a reservation sid, today (live)', 'reservation', sid('WR', 1), sid('WT', 1)],
  ];
  it.each(cases)('%s is looked up exactly', (_what, kind, query, id) => {
    const found = find(query);
    expect(found.identifier).toEqual({ kind, sid: query });
    expect(ids(found.rows)).toEqual([id]);
    expect(found.total).toBe(1);
    // as pasted from a ticket: spaces around it, in another case
    expect(ids(find(`  ${query.toLowerCase()} `).rows)).toEqual([id]);
    expect(ids(find(query.slice(0, 2) + query.slice(2).toUpperCase()).rows)).toEqual([id]);
  });

  it('a sid no day holds: nothing found, and the identifier named (to ask the history function)', () => {
    expect(find(sid('WT', 999_999))).toEqual({ rows: [], total: 0, identifier: { kind: 'task', sid: sid('WT', 999_999) } });
  });

  it.each(['zoe', 'ZOE', 'Zoë', 'ZOË', 'odegard', 'ØDEGÅRD', 'zoe ode', 'ode zoe', '  zoë   ødegård '])('finds Zoë Ødegård by %j, newest first', (query) => {
    const found = find(query);
    // today (live, typed without accents there), 3 days ago, 20 days ago
    expect(ids(found.rows)).toEqual([sid('WT', 1), sid('WT', 300), sid('WT', 2000)]);
    expect(found.total).toBe(3);
    expect(found.identifier).toBeUndefined();
  });

  it('finds by part of a name, customer or agent', () => {
    expect(ids(find('ren').rows)).toEqual([sid('CH', 2902)]);
    expect(ids(find('MULL').rows)).toEqual([sid('CH', 2902)]);
    expect(ids(find('yilm').rows)).toEqual([sid('WT', 100)]);
    // Bob took the second half of every chat: 30 of them
    expect(find('stroud').total).toBe(30);
    // Ann: every call (30 frozen, one of them live, and today's) and every chat
    expect(find('ann lee').total).toBe(61);
    expect(find('nobody at all')).toEqual({ rows: [], total: 0 });
    expect(find('   ')).toEqual({ rows: [], total: 0 });
  });

  it('every word of the query must be in the same name', () => {
    // Zoë is a customer, Ann an agent of the same call: not one name
    expect(find('zoe ann').total).toBe(0);
  });

  it('finds by part of a sid (a digit, four characters or more)', () => {
    const wr = sid('WR', 1503);
    expect(ids(find(wr.slice(10, 22)).rows)).toEqual([sid('CH', 1502)]);
    expect(ids(find(wr.slice(0, 14).toLowerCase()).rows)).toEqual([sid('CH', 1502)]);
    expect(ids(find(wr.slice(2, 14).toUpperCase()).rows)).toEqual([sid('CH', 1502)]);
  });

  it('at most `limit` rows, newest first, with the total of all', () => {
    const found = find('stroud', { limit: 5 });
    expect(found.total).toBe(30);
    expect(ids(found.rows)).toEqual([1, 2, 3, 4, 5].map((d) => sid('CH', 100 * d + 2)));
    expect(find('stroud', { limit: 0 })).toEqual({ rows: [], total: 30 });
  });

  it('a conversation the live list holds is the live one, even when only the frozen one matches', () => {
    // yesterday's call, frozen with its first customer name, live with the new one
    const frozenRow = adminDays.find((d) => d.day === addDays(TODAY, -1))?.conversations.find((r) => r.id === sid('WT', 100));
    expect(frozenRow?.customerName).not.toBe('Yusuf Yilmaz');
    const bySid = find(sid('CA', 100));
    expect(bySid.rows).toHaveLength(1);
    expect(bySid.rows[0].customerName).toBe('Yusuf Yilmaz');
    expect(bySid.rows[0]).toBe(live.find((r) => r.id === sid('WT', 100)));
    expect(find(frozenRow?.customerName as string).rows.map((r) => r.id)).not.toContain(sid('WT', 100));
    // without the live list, the frozen row is found
    expect(find(sid('CA', 100), { live: [] }).rows).toEqual([frozenRow]);
  });

  it('rows masked for an access without contacts stay masked, and cannot be found by what the mask hides', () => {
    const supervisorDays = frozen(history, SUPERVISOR);
    const chat = (days: readonly DaySnapshot[]) => days.find((d) => d.day === addDays(TODAY, -12))?.conversations.find((r) => r.id === sid('CH', 1202));
    expect(chat(supervisorDays)?.customerName).toBe('•••22');
    expect(find(sid('CH', 1202), { days: supervisorDays, live: [], access: SUPERVISOR }).rows[0].customerName).toBe('•••22');
    // a day frozen by a session that sees contacts, read by one that does not: masked again
    expect(chat(adminDays)?.customerName).toBe('+61 400 111 222');
    expect(find(sid('CH', 1202), { live: [], access: SUPERVISOR }).rows[0].customerName).toBe('•••22');
    expect(find('400 111 222', { access: SUPERVISOR }).total).toBe(0);
    expect(find('+61 400', { access: SUPERVISOR }).total).toBe(0);
    // the session that sees contacts finds it
    expect(ids(find('400 111 222').rows)).toEqual([sid('CH', 1202)]);
    // names that are no contact are found by both
    expect(find('zoe', { access: SUPERVISOR }).total).toBe(3);
  });

  it('indexes a list once, on its first search', () => {
    const day = adminDays[0];
    expect(conversationIndexOf(day.conversations, ADMIN)).toBe(conversationIndexOf(day.conversations, ADMIN));
    expect(conversationIndexOf(day.conversations, ADMIN).rows.map((r) => r.start)).toEqual(day.conversations.map((r) => r.start).sort((a, b) => b - a));
  });
});
