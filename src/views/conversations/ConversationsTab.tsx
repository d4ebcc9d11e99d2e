import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { selectFoundConversations, selectToday } from '../../store';
import { CsvButton } from '../common/CsvButton';
import { formatCount } from '../common/format';
import { periodLabel } from '../common/period';
import { PeriodPicker, usePeriod } from '../common/PeriodPicker';
import { PeriodStatus } from '../common/PeriodStatus';
import { ScopeNote, scopeWords } from '../common/ScopeNote';
import { useViewState, viewKey } from '../common/viewState';
import { LIST_START, type ListPlace } from '../common/virtualRows';
import { useStrings } from '../common/StringsContext';
import type { TabProps } from '../common/tabProps';
import { ConversationFiltersBar } from './ConversationFiltersBar';
import { ConversationTable } from './ConversationTable';
import { FindConversation } from './FindConversation';
import {
  NO_FILTERS,
  conversationColumns,
  conversationCsvColumns,
  selectConversationsBetween,
  selectFilterOptions,
  selectShownConversations,
  type ConversationFilters,
} from './conversationsTab.selectors';

/** The filters, the name being found and the list's scroll, kept while a conversation is open (Back returns to them). */
const FILTERS = viewKey<ConversationFilters>('conversations.filters', NO_FILTERS);
const FINDING = viewKey<string>('conversations.finding', '');
/** Where the list was scrolled to, so Back returns to the rows being read. */
const LIST_SCROLL = viewKey<ListPlace>('conversations.listScroll', LIST_START);

export interface ConversationsTabProps extends TabProps {
  /** Opens a conversation (InsightsRoot sends it through Flex's drill-down action). */
  readonly onOpen: (conversationId: string) => void;
}

/**
 * Conversations for incident review: the period's list newest first, searchable by name
 * or sid and filtered by support type, platform and outcome; each row opens the
 * drill-down. Contacts come masked from the store for roles without export.
 */
export function ConversationsTab({ store, access, timeZone, onOpen }: ConversationsTabProps): React.ReactElement {
  const t = useStrings();
  const { period, setPeriod, range } = usePeriod(store);
  const today = useStore(store, selectToday);
  // Re-render when the rows can have changed (a batch, a frozen day) or the status did.
  useStore(store, (s) => s.version);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const historyLoading = useStore(store, (s) => s.history?.progress?.loading === true);
  const [filters, setFilters] = useViewState(FILTERS);
  // A name found across every day loaded, shown instead of the period's list ('' for none).
  const [finding, setFinding] = useViewState(FINDING);

  const state = store.getState();
  const all = selectConversationsBetween(state, range);
  const found = finding === '' ? undefined : selectFoundConversations(state, finding);
  const rows = found ? found.rows : selectShownConversations(state, range, filters);
  const options = selectFilterOptions(state.config, all);
  const zone = timeZone ?? state.config.timeZone;
  const withDate = found !== undefined || range.from !== today || range.to !== today;
  const columns = React.useMemo(() => conversationColumns(t, { timeZone: zone, withDate }), [t, zone, withDate]);
  const csvColumns = React.useMemo(() => conversationCsvColumns(t, { timeZone: zone, withDate }), [t, zone, withDate]);
  const suffix = found ? 'found' : periodLabel(period, state.live.engine.calendar, state.now);

  let empty: string | undefined;
  if (found) {
    if (rows.length === 0) empty = t('SupervisorInsightsFindNone', { query: finding });
  } else if (rows.length === 0) {
    if (all.length > 0) empty = t('SupervisorInsightsNoConversationsMatch');
    else if (status === 'loading' || historyLoading) empty = t('SupervisorInsightsLoading');
    else empty = t('SupervisorInsightsNoConversations');
  }
  const count = found
    ? found.total > found.rows.length
      ? t('SupervisorInsightsFindMore', { shown: formatCount(found.rows.length), count: formatCount(found.total), query: finding })
      : t('SupervisorInsightsFindResults', { count: formatCount(found.total), query: finding })
    : t('SupervisorInsightsConversationCount', { shown: formatCount(rows.length), total: formatCount(all.length) });

  return (
    <Box display="flex" flexDirection="column" rowGap="space50" paddingTop="space40">
      <FindConversation query={finding} onFind={setFinding} onOpen={onOpen} />
      {found ? null : (
        <Box display="flex" flexDirection="column" rowGap="space30">
          {/* One row at 1440 px, a range's two day pickers included: the search field gives way first. */}
          <Box display="flex" columnGap="space40" alignItems="flex-end" flexWrap={['wrap', 'wrap', 'nowrap']}>
            <PeriodPicker id="conversations-period" period={period} onChange={setPeriod} today={today} />
            <ConversationFiltersBar filters={filters} options={options} onChange={setFilters} />
          </Box>
          <PeriodStatus store={store} period={period} range={range} timeZone={timeZone} />
          <ScopeNote scope={t(scopeWords(access, 'conversations'))} />
        </Box>
      )}
      {/* What was found is the same centre's: the scope line stays when the period line gives way. */}
      {found ? <ScopeNote scope={t(scopeWords(access, 'conversations'))} /> : null}
      {status === 'error' ? (
        <Box role="alert">
          <Text as="p" color="colorTextError">
            {t('SupervisorInsightsLiveFailed', { error: error ?? '' })}
          </Text>
        </Box>
      ) : null}
      <Box display="flex" alignItems="center" justifyContent="space-between" columnGap="space40">
        <Text as="p" color="colorTextWeak">
          {count}
        </Text>
        <CsvButton access={access} table="conversations" suffix={suffix} columns={csvColumns} rows={() => rows} />
      </Box>
      {empty !== undefined ? (
        <Text as="p" role="status">
          {empty}
        </Text>
      ) : (
        <ConversationTable rows={rows} columns={columns} onOpen={onOpen} withDate={withDate} scrollKey={LIST_SCROLL} />
      )}
    </Box>
  );
}
