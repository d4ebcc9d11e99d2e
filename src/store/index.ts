export {
  LIVE_GROUPINGS,
  STORE_STATUSES,
  applyQueued,
  createInsightsStore,
  ingest,
  pendingOf,
  setStatus,
  tick,
} from './insightsStore';
export type { InsightsState, InsightsStore, InsightsStoreOptions, Schedule, StoreStatus } from './insightsStore';
export { OTHER_AGENTS, OTHER_TEAMS, createScopeFilter } from './scope';
export type { ScopeFilter, ScopeFilterOptions } from './scope';
export {
  TODAY_SLICES,
  selectAgentRows,
  selectMyHandledToday,
  selectMyWeek,
  selectTeamRows,
  selectThisWeek,
  selectToday,
  selectTodayBy,
  selectTotalsToday,
  selectWaitingNow,
} from './selectors';
export type { AgentRow, TeamRow, TodaySlice, WaitingContact, WaitingNow, WaitingSummary } from './selectors';
export { CONVERSATION_OUTCOMES, selectConversationDetail, selectConversationList } from './conversations';
export type { ConversationDetail, ConversationOutcome, ConversationRow, ConversationSegment } from './conversations';
