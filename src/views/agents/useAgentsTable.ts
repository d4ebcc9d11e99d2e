/**
 * The state of the Agents & teams table: the row model of the period (rebuilt when the
 * data changes, at most once a second while live data streams in), the filters, the sort,
 * grouping, and the rows as shown.
 */
import type { DayRange } from '../../core';
import * as React from 'react';
import { useStore } from 'zustand';
import type { InsightsStore } from '../../store';
import { useViewState, viewKey } from '../common/viewState';
import {
  DEFAULT_SORT,
  agentTableRows,
  selectAgentsModel,
  type AgentFilter,
  type AgentTableRow,
  type AgentsModel,
  type SortColumn,
  type SortState,
} from './agentsTab.selectors';

/** The filters, sort and grouping, kept while a conversation is open. */
const AGENT_FILTER = viewKey<AgentFilter>('agents.filter', {});
const AGENT_SORT = viewKey<SortState>('agents.sort', DEFAULT_SORT);
const AGENT_GROUPED = viewKey<boolean>('agents.grouped', true);

/** How often a streaming store may rebuild the model (ms): numbers move, the page stays responsive. */
export const MODEL_REFRESH_MS = 1000;

/** The store's version, passed on at most once per `ms` (the first one at once). */
export function useThrottledVersion(store: InsightsStore, ms: number): number {
  const version = useStore(store, (s) => s.version);
  const [shown, setShown] = React.useState(version);
  const last = React.useRef(0);
  React.useEffect(() => {
    if (version === shown) return undefined;
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(version);
      return undefined;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(version);
    }, wait);
    return () => clearTimeout(timer);
  }, [version, shown, ms]);
  return shown;
}

/** The next sort when a column's heading is clicked: the same column flips, another starts (names A–Z, numbers high first). */
export function nextSort(sort: SortState, column: SortColumn): SortState {
  if (sort.column === column) return { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: column === 'name' || column === 'team' || column === 'activity' ? 'ascending' : 'descending' };
}

export interface AgentsTableState {
  readonly model: AgentsModel;
  readonly rows: readonly AgentTableRow[];
  readonly filter: AgentFilter;
  readonly setFilter: (filter: AgentFilter) => void;
  readonly sort: SortState;
  readonly sortBy: (column: SortColumn) => void;
  readonly grouped: boolean;
  readonly setGrouped: (grouped: boolean) => void;
  /** Agent rows shown (team rows left out). */
  readonly agentsShown: number;
}

export function useAgentsTable(store: InsightsStore, range: DayRange): AgentsTableState {
  const version = useThrottledVersion(store, MODEL_REFRESH_MS);
  const model = React.useMemo(() => selectAgentsModel(store.getState(), range), [store, version, range]);
  const [filter, setFilter] = useViewState(AGENT_FILTER);
  const [sort, setSort] = useViewState(AGENT_SORT);
  const [grouped, setGrouped] = useViewState(AGENT_GROUPED);
  // A team or support type the period no longer has is not a filter any more.
  const effective = React.useMemo<AgentFilter>(
    () => ({
      ...filter,
      team: filter.team !== undefined && model.teams.includes(filter.team) ? filter.team : undefined,
      supportType: filter.supportType !== undefined && model.supportTypes.includes(filter.supportType) ? filter.supportType : undefined,
    }),
    [filter, model],
  );
  const rows = React.useMemo(() => agentTableRows(model, effective, sort, grouped), [model, effective, sort, grouped]);
  const agentsShown = React.useMemo(() => rows.reduce((n, r) => (r.kind === 'agent' ? n + 1 : n), 0), [rows]);
  const sortBy = React.useCallback((column: SortColumn) => setSort(nextSort(sort, column)), [sort, setSort]);
  return { model, rows, filter: effective, setFilter, sort, sortBy, grouped, setGrouped, agentsShown };
}
