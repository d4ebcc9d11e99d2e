/**
 * The first live figure of each tab, derived from the store state (the dashboards issue
 * replaces them with full tabs). Pure: the tests reach them without rendering.
 */
import type { Tab } from '../core';
import {
  selectAgentRows,
  selectMyHandledToday,
  selectTotalsToday,
  selectWaitingNow,
  type InsightsState,
} from '../store';

export interface Figure {
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
}

const count = (n: number): string => n.toLocaleString('en-US');
const mmss = (sec: number): string => `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, '0')}`;

/** The figure a tab shows, or undefined for a tab without one yet. */
export function figureOf(tab: Tab, state: InsightsState): Figure | undefined {
  switch (tab) {
    case 'overview': {
      const t = selectTotalsToday(state);
      // Until history is loaded, "today" is what the live indexes hold: say so.
      return { label: 'Handled today', value: count(t.handled), detail: `${count(t.conversations)} conversations · live data` };
    }
    case 'queues': {
      const w = selectWaitingNow(state);
      return { label: 'Waiting now', value: count(w.waiting), detail: `longest wait ${mmss(w.longestWaitSec)}` };
    }
    case 'agents': {
      const rows = selectAgentRows(state);
      const available = rows.filter((r) => r.activity === 'Available').length;
      return { label: 'Agents available', value: count(available), detail: `of ${count(rows.length)} agents` };
    }
    case 'conversations': {
      const t = selectTotalsToday(state);
      return { label: 'Conversations today', value: count(t.conversations), detail: `${count(t.abandoned)} abandoned` };
    }
    case 'myStats': {
      const mine = selectMyHandledToday(state);
      return { label: 'My handled today', value: count(mine?.handled ?? 0) };
    }
    default:
      return undefined;
  }
}
