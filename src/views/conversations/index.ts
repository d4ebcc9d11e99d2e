export { ConversationsTab } from './ConversationsTab';
export type { ConversationsTabProps } from './ConversationsTab';
export {
  ANY,
  NO_FILTERS,
  OUTCOME_LABELS,
  conversationColumns,
  conversationCsvColumns,
  filterConversations,
  issNames,
  matchesSearch,
  selectConversationsBetween,
  selectFilterOptions,
  selectShownConversations,
} from './conversationsTab.selectors';
export type { ColumnOptions, ConversationColumn, ConversationFilters, FilterOptions } from './conversationsTab.selectors';
