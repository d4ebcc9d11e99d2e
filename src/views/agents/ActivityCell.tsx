import * as React from 'react';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
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
 * "Break · 12:04": the agent's activity now and for how long, and under it "on a contact"
 * while an engagement is in progress (read as "Available · 3:10 · on a contact"). Only
 * this cell follows the clock (`now` ticks every second), so the rows are not rebuilt
 * each second.
 */
export function ActivityCell({ store, activity, since, colour, onContact }: ActivityCellProps): React.ReactElement | null {
  const t = useStrings();
  const now = useStore(store, (s) => s.now);
  if (activity === undefined) return null;
  const text = activityText(activity, since, now, (vars) => t('SupervisorInsightsActivityNow', vars));
  const dot = <span aria-hidden="true" style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6, backgroundColor: colour ?? 'transparent' }} />;
  if (!onContact) {
    return (
      <>
        {dot}
        {text}
      </>
    );
  }
  // Two short lines in the row's height, so the time is never cut for the words.
  return (
    <>
      <span style={LINE}>
        {dot}
        {text}
      </span>
      <span style={CONTACT_LINE}>
        <ScreenReaderOnly> · </ScreenReaderOnly>
        {t('SupervisorInsightsOnContactNote')}
      </span>
    </>
  );
}

const LINE: React.CSSProperties = { display: 'block', lineHeight: '16px', overflow: 'hidden', textOverflow: 'ellipsis' };
const CONTACT_LINE: React.CSSProperties = { display: 'block', lineHeight: '13px', fontSize: 11, fontWeight: 600, paddingLeft: 14, overflow: 'hidden', textOverflow: 'ellipsis' };

/** "Break · 12:04": the activity and the time in it at `now`. */
function activityText(activity: string | undefined, since: number | undefined, now: number, template: (vars: { activity: string; duration: string }) => string): string {
  if (activity === undefined) return '';
  return since === undefined ? activity : template({ activity, duration: formatSeconds((now - since) / 1000) });
}
