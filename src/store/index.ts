export {
  DAY_GROUPINGS,
  LIVE_GROUPINGS,
  STORE_STATUSES,
  TEAM_GROUPINGS,
  TEAMMATES,
  applyQueued,
  createInsightsStore,
  ingest,
  pendingOf,
  setStatus,
  tick,
} from './insightsStore';
export type { HistoryProgress, HistoryState, InsightsState, InsightsStore, InsightsStoreOptions, Schedule, StoreStatus, TeamState } from './insightsStore';
export { OTHER_AGENTS, OTHER_TEAMS, createScopeFilter } from './scope';
export type { ScopeFilter, ScopeFilterOptions } from './scope';
export {
  TODAY_SLICES,
  maskedName,
  selectAgentRows,
  selectMyHandledToday,
  selectMyWeek,
  selectTeamRows,
  selectToday,
  selectTodayBy,
  selectTotalsToday,
  selectWaitingNow,
} from './selectors';
export { memo } from './selectors';
export type { Memo } from './selectors';
export type { AgentRow, TeamRow, TodaySlice, WaitingContact, WaitingNow, WaitingSummary } from './selectors';
export {
  CONVERSATION_OUTCOMES,
  conversationDetailsOf,
  conversationRowOf,
  selectConversationDetail,
  selectConversationList,
} from './conversations';
export type { ConversationDetail, ConversationOutcome, ConversationRow, ConversationSegment } from './conversations';
export { addDays, cellsBetween, dayOfPeriod, daysOf, inRange, oneDay, rangeBounds, totalBetween, totalsBetween, weekUpTo } from './cells';
export type { DayPeriod, DayRange, DaySnapshot } from './cells';
export { addFrozenDays, frozenDays, hasRangeLoader, requestRange, setHistoryProgress, setRangeLoader } from './history';
export type { RangeLoader } from './history';
