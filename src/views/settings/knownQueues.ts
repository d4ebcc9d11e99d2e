/**
 * The queues the centre has shown this session, for the Settings tab's preview: every
 * queue with a cell today (live) or on a frozen day, and every queue someone waits in now.
 */
import { groupingId } from '../../core';
import { memo, selectWaitingNow, type InsightsState } from '../../store';

const QUEUE_DAY = groupingId({ slice: 'queue', period: 'day' });
const known = memo<readonly string[]>();

/** Queue names, sorted; memoised on the store's version. */
export function selectKnownQueues(state: InsightsState): readonly string[] {
  return known(state, '', () => {
    const names = new Set<string>();
    for (const cell of state.live.engine.cellsOf({ slice: 'queue', period: 'day' })) if (cell.slice !== '') names.add(cell.slice);
    for (const snap of state.history?.days.values() ?? []) for (const q of Object.keys(snap.cells[QUEUE_DAY] ?? {})) if (q !== '') names.add(q);
    for (const q of Object.keys(selectWaitingNow(state).byQueue)) names.add(q);
    return [...names].sort((a, b) => a.localeCompare(b));
  });
}
