/**
 * The conversations of the live engine for the list and the drill-down screen, built by
 * the core (`conversationDetailsOf`) once per store version.
 */
import { conversationDetailsOf, type ConversationDetail, type ConversationRow } from '../core';
import type { InsightsState } from './insightsStore';
import { memo } from './memo';

const details = memo<ReadonlyMap<string, ConversationDetail>>();

function build(state: InsightsState): ReadonlyMap<string, ConversationDetail> {
  return conversationDetailsOf(state.live.engine, state.access, state.config);
}

/** Conversations newest first, optionally filtered by a customer or agent name, a conversation id or a task sid. */
export function selectConversationList(state: InsightsState, search = ''): ConversationRow[] {
  const all = [...details(state, '', () => build(state)).values()].sort((a, b) => b.start - a.start);
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
