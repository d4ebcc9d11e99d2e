/**
 * What the Conversations tab shows: the conversations of a period, newest first, from two
 * layers (the frozen days of history and the live engine; a conversation in both is the
 * engine's, which is newer), filtered by search, support type, platform and outcome; the
 * filter choices; and the columns, which the table and the CSV both read so the file
 * holds exactly what the table shows. Pure and memoised: the same inputs give the same
 * array, so the virtualised table re-renders only when its rows changed.
 */
import {
  CONVERSATION_OUTCOMES,
  OTHER_AGENTS,
  identifierOf,
  maskingOf,
  newestConversationFirst as newestFirst,
  rangeBounds,
  sidsByKind,
  type Access,
  type ConversationOutcome,
  type ConversationRow,
  type DayRange,
  type DaySnapshot,
  type EngineConfig,
  type SidsByKind,
} from '../../core';
import { selectConversationList, type InsightsState } from '../../store';
import { NO_VALUE, formatClock, formatDayTime, formatSeconds } from '../common/format';
import { csvHeader, csvInstant, csvSeconds, type CsvColumn } from '../common/csv';
import type { StringKey, Translate } from '../common/strings';

/** A filter left at "All". */
export const ANY = '';

export interface ConversationFilters {
  /** A customer or agent name, a conversation id or a task sid (part of one, any case). */
  readonly search: string;
  readonly supportType: string;
  readonly platform: string;
  readonly outcome: ConversationOutcome | typeof ANY;
}

export const NO_FILTERS: ConversationFilters = { search: '', supportType: ANY, platform: ANY, outcome: ANY };

/** The label of each outcome (Flex strings, so a customer can rename them). */
export const OUTCOME_LABELS: Readonly<Record<ConversationOutcome, StringKey>> = {
  Handled: 'SupervisorInsightsHandled',
  Abandoned: 'SupervisorInsightsAbandoned',
  Waiting: 'SupervisorInsightsOutcomeWaiting',
  'In progress': 'SupervisorInsightsOutcomeInProgress',
  'Timed out': 'SupervisorInsightsOutcomeTimedOut',
  Ended: 'SupervisorInsightsOutcomeEnded',
};

/** A one-entry cache: the last inputs (compared by identity) and what they gave. */
function lastOf<A extends readonly unknown[], T>(compute: (...args: A) => T): (...args: A) => T {
  let last: { args: A; value: T } | undefined;
  return (...args) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.value;
    const value = compute(...args);
    last = { args, value };
    return value;
  };
}

/**
 * The frozen days' conversations in a range, newest first. Names are masked again for
 * this access (idempotent): a day frozen earlier, or read from the browser cache, must not
 * show more than this session may.
 */
const frozenBetween = lastOf((days: ReadonlyMap<string, DaySnapshot> | undefined, from: string, to: string, access: Access): ConversationRow[] => {
  const out: ConversationRow[] = [];
  if (!days) return out;
  const mask = maskingOf(access);
  for (const [day, snap] of days) {
    if (day < from || day > to) continue;
    for (const row of mask.rows(snap.conversations)) out.push(row);
  }
  return out.sort(newestFirst);
});

/** The engine's conversations (already newest first) that start inside [start, end). */
const liveBetween = lastOf((all: readonly ConversationRow[], start: number, end: number): ConversationRow[] =>
  all.filter((r) => r.start >= start && r.start < end),
);

/** Two newest-first lists as one; frozen rows whose id the engine holds are left out. */
const merged = lastOf((frozen: readonly ConversationRow[], live: readonly ConversationRow[]): readonly ConversationRow[] => {
  if (frozen.length === 0) return live;
  const liveIds = new Set(live.map((r) => r.id));
  const out: ConversationRow[] = [];
  let i = 0;
  let j = 0;
  while (i < frozen.length || j < live.length) {
    if (i < frozen.length && liveIds.has(frozen[i].id)) {
      i++;
      continue;
    }
    if (j >= live.length || (i < frozen.length && newestFirst(frozen[i], live[j]) <= 0)) out.push(frozen[i++]);
    else out.push(live[j++]);
  }
  return out;
});

let engineCache: { engine: object; version: number; rows: readonly ConversationRow[] } | undefined;

/** The engine's whole list, computed once per version (a clock tick is a new state, not new rows). */
function engineList(state: InsightsState): readonly ConversationRow[] {
  const engine = state.live.engine;
  if (engineCache?.engine !== engine || engineCache.version !== state.version) {
    engineCache = { engine, version: state.version, rows: selectConversationList(state) };
  }
  return engineCache.rows;
}

/**
 * Every conversation whose first segment is inside the range (local days of the
 * configured zone), newest first: frozen history days and the live engine merged, the
 * engine's row kept when both hold a conversation.
 */
export function selectConversationsBetween(state: InsightsState, range: DayRange): readonly ConversationRow[] {
  const { start, end } = rangeBounds(state.live.engine.calendar, range);
  const live = liveBetween(engineList(state), start, end);
  const frozen = frozenBetween(state.history?.days, range.from, range.to, state.access);
  return merged(frozen, live);
}

/** Does the row match the search (customer or agent name, conversation id, task sid)? */
export function matchesSearch(row: ConversationRow, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (q === '') return true;
  return (
    row.id.toLowerCase().includes(q) ||
    row.taskSids.some((t) => t.toLowerCase().includes(q)) ||
    (row.customerName ?? '').toLowerCase().includes(q) ||
    row.agentNames.some((n) => n.toLowerCase().includes(q))
  );
}

/** The rows that pass every filter, in the same order. */
export function filterConversations(rows: readonly ConversationRow[], filters: ConversationFilters): readonly ConversationRow[] {
  const { supportType, platform, outcome } = filters;
  if (filters.search.trim() === '' && supportType === ANY && platform === ANY && outcome === ANY) return rows;
  return rows.filter(
    (r) =>
      (supportType === ANY || r.supportTypes.includes(supportType)) &&
      (platform === ANY || r.platform === platform) &&
      (outcome === ANY || r.outcome === outcome) &&
      matchesSearch(r, filters.search),
  );
}

const filtered = lastOf(
  (rows: readonly ConversationRow[], search: string, supportType: string, platform: string, outcome: ConversationFilters['outcome']) =>
    filterConversations(rows, { search, supportType, platform, outcome }),
);

/** The rows the table shows: the period's conversations with the filters applied (memoised). */
export function selectShownConversations(state: InsightsState, range: DayRange, filters: ConversationFilters): readonly ConversationRow[] {
  return filtered(selectConversationsBetween(state, range), filters.search, filters.supportType, filters.platform, filters.outcome);
}

export interface FilterOptions {
  readonly supportTypes: readonly string[];
  readonly platforms: readonly string[];
  readonly outcomes: readonly ConversationOutcome[];
}

/**
 * The choices of each filter: the configured support types (and `other`) and platforms,
 * then any other value the rows hold (a frozen day read under an older configuration).
 */
export const selectFilterOptions = lastOf((config: EngineConfig, rows: readonly ConversationRow[]): FilterOptions => {
  const supportTypes = new Set([...Object.keys(config.supportTypes), 'other']);
  const platforms = new Set([...Object.values(config.platforms.byChannel), config.platforms.default]);
  const extraTypes = new Set<string>();
  const extraPlatforms = new Set<string>();
  for (const r of rows) {
    for (const s of r.supportTypes) if (!supportTypes.has(s)) extraTypes.add(s);
    if (!platforms.has(r.platform)) extraPlatforms.add(r.platform);
  }
  return {
    supportTypes: [...supportTypes, ...[...extraTypes].sort()],
    platforms: [...[...platforms].sort(), ...[...extraPlatforms].sort()],
    outcomes: CONVERSATION_OUTCOMES,
  };
});

export interface ConversationColumn extends CsvColumn<ConversationRow> {
  readonly id: string;
  readonly value: (row: ConversationRow) => string | number;
}

export interface ColumnOptions {
  readonly timeZone?: string;
  /** Show the day with the time (any period but today). */
  readonly withDate: boolean;
}

/**
 * The ISS of a row in the view's words: a team leader's session folds other teams' agents
 * as one anonymous `(other agents)`, which reads "ISS outside your team" (the list, its CSV
 * and the conversation screen alike).
 */
export function issNames(names: readonly string[], t: Translate): string[] {
  return names.map((name) => (name === OTHER_AGENTS ? t('SupervisorInsightsOtherAgents') : name));
}

/** The list's columns, in order: the table renders `value`, and the CSV writes the same text. */
export function conversationColumns(t: Translate, { timeZone, withDate }: ColumnOptions): readonly ConversationColumn[] {
  return [
    { id: 'start', header: t('SupervisorInsightsStart'), value: (r) => (withDate ? formatDayTime(r.start, timeZone) : formatClock(r.start, timeZone)) },
    { id: 'customer', header: t('SupervisorInsightsCustomer'), value: (r) => r.customerName ?? NO_VALUE },
    { id: 'agents', header: t('SupervisorInsightsAgent'), value: (r) => issNames(r.agentNames, t).join(', ') || NO_VALUE },
    { id: 'supportTypes', header: t('SupervisorInsightsSupportType'), value: (r) => r.supportTypes.map((type) => t.supportType(type)).join(', ') || NO_VALUE },
    { id: 'platform', header: t('SupervisorInsightsPlatform'), value: (r) => r.platform },
    { id: 'duration', header: t('SupervisorInsightsDuration'), value: (r) => formatSeconds(r.durationSec) },
    { id: 'outcome', header: t('SupervisorInsightsOutcome'), value: (r) => t(OUTCOME_LABELS[r.outcome]) },
    { id: 'transfers', header: t('SupervisorInsightsTransfers'), value: (r) => r.transfers },
  ];
}

/** The columns after the task sids, by kind, with the conversation screen's labels; then what is no sid of a known kind. */
const SID_COLUMNS = [
  ['reservations', 'reservation', 'SupervisorInsightsReservationSids'],
  ['chats', 'conversation', 'SupervisorInsightsChatSids'],
  ['calls', 'call', 'SupervisorInsightsCallSids'],
  ['otherIds', 'other', 'SupervisorInsightsOtherIdentifiers'],
] as const;

/**
 * The CSV's columns: the table's, then the identifiers the table has no room for (what an
 * incident review or the lakehouse joins on; the table finds them by search): the
 * conversation sid, then one column per kind of sid the row holds (task, reservation, chat,
 * call; grouped by `sidsByKind` as the conversation screen groups them), then the row's
 * other identifiers (a conversation id of the customer's own, which the screen leaves out),
 * each a space-separated list. Each column is whole for its kind: the conversation sid is
 * listed again under its kind (a call sid key in Call sids), so a join on one column finds every
 * row. No media links: a list row holds none (only the conversation screen's detail does).
 */
export function conversationCsvColumns(t: Translate, options: ColumnOptions): readonly ConversationColumn[] {
  const plain: Record<string, Partial<ConversationColumn>> = {
    // The instant with its zone's offset, whatever the period: a spreadsheet reads it as a date and time.
    start: { csv: (r) => csvInstant(r.start, options.timeZone), csvHeader: t('SupervisorInsightsStart') },
    duration: { csv: (r) => csvSeconds(r.durationSec), csvHeader: csvHeader(t('SupervisorInsightsDuration'), 's') },
  };
  // One grouping per row, shared by its columns (the CSV reads a row's columns in turn).
  let last: { row: ConversationRow; sids: SidsByKind } | undefined;
  const sidsOf = (r: ConversationRow): SidsByKind => {
    // The id under its kind too when it is a sid; otherwise it is in its own column only.
    if (last?.row !== r) last = { row: r, sids: sidsByKind('', r.taskSids, identifierOf(r.id) ? [r.id, ...r.sids] : r.sids) };
    return last.sids;
  };
  return [
    ...conversationColumns(t, options).map((c) => ({ ...c, ...plain[c.id] })),
    { id: 'conversation', header: t('SupervisorInsightsConversationId'), value: (r) => r.id },
    // Every task sid the row has, as given, then any other task sid its identifiers name.
    { id: 'tasks', header: t('SupervisorInsightsTaskSids'), value: (r) => sidsOf(r).task.join(' ') },
    ...SID_COLUMNS.map(([id, kind, label]): ConversationColumn => ({ id, header: t(label), value: (r) => sidsOf(r)[kind].join(' ') })),
  ];
}
