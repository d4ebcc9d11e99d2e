import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { acknowledgeAlert, setAlertNotice, type AlertStore, type InsightsStore } from '../../store';
import { formatSeconds } from '../common';
import { AlertLog } from './AlertLog';
import { selectStripRows, type StripRow } from './alerts.selectors';
import { askNotificationPermission } from './browserNotice';

export interface AlertStripProps {
  readonly alerts: AlertStore;
  /** The insights store: its clock moves the "held for" times. */
  readonly store: InsightsStore;
  readonly timeZone?: string;
}

const COLOURS: Readonly<Record<StripRow['severity'], { background: string; border: string }>> = {
  error: { background: '#FEECEC', border: '#D61F1F' },
  warning: { background: '#FEF5EE', border: '#E46D0C' },
  info: { background: '#EBF4FF', border: '#0263E0' },
};

/** Alerts shown in the strip at most, most urgent first; the rest are counted (and in the log). */
export const STRIP_ROWS_SHOWN = 8;

/**
 * The raised alerts, most urgent first, and how long each has held, with Acknowledge; the
 * shift's log below, folded. It redraws when an alert changes and once a second for the
 * "held" times, not on every live batch.
 */
export function AlertStrip({ alerts, store, timeZone }: AlertStripProps): React.ReactElement {
  const state = useStore(alerts);
  const second = useStore(store, (s) => Math.floor(s.now / 1000));
  const all = React.useMemo(() => selectStripRows(state, second * 1000), [state, second]);
  const rows = all.length > STRIP_ROWS_SHOWN ? all.slice(0, STRIP_ROWS_SHOWN) : all;
  const more = all.length - rows.length;
  // The choice is the alert store's, so the sound and notification go on while the view is closed (`watchAlertNotices`).
  const notice = state.notice;
  const toggleBrowser = (on: boolean): void => {
    if (!on) return setAlertNotice(alerts, { browser: false });
    // The permission is asked only now, after the user turned it on.
    void askNotificationPermission().then((granted) => setAlertNotice(alerts, { browser: granted }));
  };
  return (
    <Box as="section" aria-label="Alerts" marginBottom="space50">
      {rows.length === 0 ? (
        <Text as="p" color="colorTextWeak" fontSize="fontSize20">
          No alerts now.
        </Text>
      ) : (
        <Box as="ul" margin="space0" padding="space0" display="flex" flexDirection="column" rowGap="space20" style={{ listStyle: 'none' }}>
          {rows.map((r) => (
            <li
              key={r.key}
              role="alert"
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 12,
                padding: '6px 12px',
                background: COLOURS[r.severity].background,
                borderLeft: `4px solid ${COLOURS[r.severity].border}`,
                borderRadius: 4,
                opacity: r.acknowledgedBy ? 0.7 : 1,
              }}
            >
              <Text as="span" fontWeight="fontWeightSemibold" textTransform="uppercase" fontSize="fontSize20">
                {r.severity}
              </Text>
              <Text as="span" fontWeight="fontWeightSemibold">
                {r.label}
              </Text>
              <Text as="span">{r.subject}</Text>
              <Text as="span" color="colorTextWeak">
                held {formatSeconds(r.heldSec)}
              </Text>
              <Box marginLeft="auto">
                {r.acknowledgedBy ? (
                  <Text as="span" color="colorTextWeak" fontSize="fontSize20">
                    Acknowledged by {r.acknowledgedBy}
                  </Text>
                ) : (
                  <Button variant="secondary" size="small" onClick={() => acknowledgeAlert(alerts, r.key, store.getState().now)}>
                    Acknowledge<span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}> {r.label}, {r.subject}</span>
                  </Button>
                )}
              </Box>
            </li>
          ))}
          {more > 0 ? (
            <li>
              <Text as="span" color="colorTextWeak" fontSize="fontSize20">
                and {more} more {more === 1 ? 'alert' : 'alerts'}, less urgent or held for less time (every one is in the log)
              </Text>
            </li>
          ) : null}
        </Box>
      )}
      <Box display="flex" columnGap="space50" marginTop="space20">
        <label style={{ fontSize: 12 }}>
          <input type="checkbox" checked={notice.sound} onChange={(e) => setAlertNotice(alerts, { sound: e.target.checked })} /> Sound on a new alert
        </label>
        <label style={{ fontSize: 12 }}>
          <input type="checkbox" checked={notice.browser} onChange={(e) => toggleBrowser(e.target.checked)} /> Browser notification when this tab is hidden
        </label>
      </Box>
      <AlertLog state={state} timeZone={timeZone} />
    </Box>
  );
}
