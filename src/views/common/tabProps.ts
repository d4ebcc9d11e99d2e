import type { Access } from '../../core';
import type { InsightsStore } from '../../store';

/** What every dashboard tab gets. */
export interface TabProps {
  readonly store: InsightsStore;
  readonly access: Access;
  /** The configured time zone (days, times on screen). */
  readonly timeZone?: string;
}
