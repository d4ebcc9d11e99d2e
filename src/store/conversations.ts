/**
 * The conversations of the live engine for the list and the drill-down screen, built by
 * the core (`conversationDetailsOf`) once per store version, and the find box's search
 * over them and every frozen day held.
 */
import {
  FIND_LIMIT,
  conversationDetailsOf,
  findConversations,
  newestConversationFirst,
  type Access,
  type ConversationDetail,
  type ConversationRow,
  type DaySnapshot,
  type FoundConversations,
} from '../core';
import type { InsightsState } from './insightsStore';
import { memo } from './memo';

const details = memo<ReadonlyMap<string, ConversationDetail>>();
const list = memo<readonly ConversationRow[]>();

function build(state: InsightsState): ReadonlyMap<string, ConversationDetail> {
  return conversationDetailsOf(state.live.engine, state.access, state.config);
}

/** The engine's conversations newest first: the same array for the same version (the find box indexes it once). */
function liveRows(state: InsightsState): readonly ConversationRow[] {
  return list(state, '', () => [...details(state, '', () => build(state)).values()].sort(newestConversationFirst));
}

/** Conversations newest first, optionally filtered by a customer or agent name, a conversation id or a task sid. */
export function selectConversationList(state: InsightsState, search = ''): readonly ConversationRow[] {
  const all = liveRows(state);
  const q = search.trim().toLowerCase();
  if (q === '') return all;
  return all.filter(
    (c) =>
      c.id.toLowerCase().includes(q) ||
      c.taskSids.some((t) => t.toLowerCase().includes(q)) ||
      (c.customerName ?? '').toLowerCase().includes(q) ||
      c.agentNames.some((n) => n.toLowerCase().includes(q)),
  );
}

/** One conversation by id or by one of its task sids. */
export function selectConversationDetail(state: InsightsState, idOrTaskSid: string): ConversationDetail | undefined {
  const map = details(state, '', () => build(state));
  const direct = map.get(idOrTaskSid);
  if (direct) return direct;
  for (const c of map.values()) if (c.taskSids.includes(idOrTaskSid)) return c;
  return undefined;
}

const NO_DAYS: ReadonlyMap<string, DaySnapshot> = new Map();

let lastFound:
  | { days: ReadonlyMap<string, DaySnapshot>; live: readonly ConversationRow[]; access: Access; query: string; limit: number; found: FoundConversations }
  | undefined;

/**
 * What the Conversations tab's find box shows for `query`: the conversations of every
 * frozen day held (`state.history.days`, up to the 30 days history serves) and of the live
 * engine, whatever period the tab shows (`findConversations`). An identifier (`WT…`,
 * `WR…`, `CH…`, `CA…`) is looked up exactly and named in `identifier`; with no rows, no
 * loaded day has it and the history function is the place to ask. Any other text finds
 * customer and agent names (accents and case aside) and parts of sids. Newest first, at
 * most `limit` rows masked for the session, `total` counting every match. The same
 * inputs (days, live version, query, limit) give the same object.
 */
export function selectFoundConversations(state: InsightsState, query: string, limit = FIND_LIMIT): FoundConversations {
  const days = state.history?.days ?? NO_DAYS;
  const live = liveRows(state);
  const { access } = state;
  if (lastFound && lastFound.days === days && lastFound.live === live && lastFound.access === access && lastFound.query === query && lastFound.limit === limit) {
    return lastFound.found;
  }
  const found = findConversations(days.values(), live, query, { access, limit });
  lastFound = { days, live, access, query, limit, found };
  return found;
}
