import * as React from 'react';
import { useStore } from 'zustand';
import type { InsightsStore } from '../../store';
import { formatSeconds } from '../common';
import { useStrings } from '../common/StringsContext';

export interface ActivityCellProps {
  readonly store: InsightsStore;
  readonly activity?: string;
  readonly since?: number;
  readonly colour?: string;
  /** On a contact now: said after the activity, so an agent on a call never reads as free. */
  readonly onContact?: boolean;
}

/**
 * "Break · 12:04": the agent's activity now and for how long ("Available · 3:10 · on a
 * contact" while an engagement is in progress). Only this cell follows the
 * clock (`now` ticks every second), so the rows are not rebuilt each second.
 */
export function ActivityCell({ store, activity, since, colour, onContact }: ActivityCellProps): React.ReactElement | null {
  const t = useStrings();
  const now = useStore(store, (s) => s.now);
  if (activity === undefined) return null;
  const text = since === undefined ? activity : t('SupervisorInsightsActivityNow', { activity, duration: formatSeconds((now - since) / 1000) });
  return (
    <>
      <span aria-hidden="true" style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6, backgroundColor: colour ?? 'transparent' }} />
      {text}
      {onContact ? (
        <>
          {' · '}
          <strong>{t('SupervisorInsightsOnContactNote')}</strong>
        </>
      ) : null}
    </>
  );
}

/** The same words for the CSV, at a given instant. */
export function activityText(activity: string | undefined, since: number | undefined, now: number, template: (vars: { activity: string; duration: string }) => string): string {
  if (activity === undefined) return '';
  return since === undefined ? activity : template({ activity, duration: formatSeconds((now - since) / 1000) });
}
