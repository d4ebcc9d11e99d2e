import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { acknowledgeAlert, setAlertNotice, type AlertStore, type InsightsStore } from '../../store';
import { formatCount, formatSeconds } from '../common';
import { AlertLog } from './AlertLog';
import { SEVERITY_WORDS, groupStripRows, selectStripRows, type StripGroup } from './alerts.selectors';
import { askNotificationPermission } from './browserNotice';

export interface AlertStripProps {
  readonly alerts: AlertStore;
  /** The insights store: its clock moves the "held for" times. */
  readonly store: InsightsStore;
  readonly timeZone?: string;
}

const COLOURS: Readonly<Record<StripGroup['severity'], { background: string; border: string }>> = {
  error: { background: '#FEECEC', border: '#D61F1F' },
  warning: { background: '#FEF5EE', border: '#E46D0C' },
  info: { background: '#EBF4FF', border: '#0263E0' },
};

/**
 * Lines shown in the strip at most (a line is one rule's alerts); the rest are counted
 * (and in the log). Small, so the strip never pushes the open tab below a 900 px window.
 */
export const STRIP_ROWS_SHOWN = 3;

/** One rule's alerts on one line: severity, rule, what they are about, the longest hold, Acknowledge. */
function StripLine({ group, onAcknowledge }: { group: StripGroup; onAcknowledge: (keys: readonly string[]) => void }): React.ReactElement {
  const many = group.keys.length > 1;
  const subjects = group.subjects.join(', ');
  return (
    <li
      role="alert"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        padding: '4px 12px',
        background: COLOURS[group.severity].background,
        borderLeft: `4px solid ${COLOURS[group.severity].border}`,
        borderRadius: 4,
        opacity: group.acknowledgedBy.length > 0 ? 0.7 : 1,
        minWidth: 0,
      }}
    >
      <Text as="span" fontWeight="fontWeightSemibold" textTransform="uppercase" fontSize="fontSize20" style={{ flexShrink: 0 }}>
        {SEVERITY_WORDS[group.severity]}
      </Text>
      <Text as="span" fontWeight="fontWeightSemibold" whiteSpace="nowrap" style={{ flexShrink: 0 }}>
        {group.label}
        {many ? ` (${formatCount(group.keys.length)})` : ''}
      </Text>
      {/* Many subjects share the line: they are cut to fit, and every one is in the log. */}
      <Text as="span" whiteSpace="nowrap" overflow="hidden" textOverflow="ellipsis" style={{ minWidth: 0 }} title={many ? subjects : undefined}>
        {subjects}
      </Text>
      <Text as="span" color="colorTextWeak" whiteSpace="nowrap" style={{ flexShrink: 0 }}>
        {many ? 'held up to' : 'held'} {formatSeconds(group.heldSec)}
      </Text>
      <Box marginLeft="auto" flexShrink={0}>
        {group.acknowledgedBy.length > 0 ? (
          <Text as="span" color="colorTextWeak" fontSize="fontSize20">
            Acknowledged by {group.acknowledgedBy.join(', ')}
          </Text>
        ) : (
          <Button variant="secondary" size="small" onClick={() => onAcknowledge(group.keys)}>
            {many ? `Acknowledge all ${formatCount(group.keys.length)}` : 'Acknowledge'}
            <ScreenReaderOnly>
              {' '}
              {group.label}, {subjects}
            </ScreenReaderOnly>
          </Button>
        )}
      </Box>
    </li>
  );
}

/**
 * The raised alerts, one line per rule, most urgent first, with how long they have held and
 * Acknowledge; the notice choices and the shift's log toggle on one line above them. It
 * redraws when an alert changes and once a second for the "held" times, not on every live
 * batch.
 */
export function AlertStrip({ alerts, store, timeZone }: AlertStripProps): React.ReactElement {
  const state = useStore(alerts);
  const second = useStore(store, (s) => Math.floor(s.now / 1000));
  const groups = React.useMemo(() => groupStripRows(selectStripRows(state, second * 1000)), [state, second]);
  const [logOpen, setLogOpen] = React.useState(false);
  const shown = groups.length > STRIP_ROWS_SHOWN ? groups.slice(0, STRIP_ROWS_SHOWN) : groups;
  const more = groups.slice(shown.length).reduce((n, g) => n + g.keys.length, 0);
  // The choice is the alert store's, so the sound and notification go on while the view is closed (`watchAlertNotices`).
  const notice = state.notice;
  const toggleBrowser = (on: boolean): void => {
    if (!on) return setAlertNotice(alerts, { browser: false });
    // The permission is asked only now, after the user turned it on.
    void askNotificationPermission().then((granted) => setAlertNotice(alerts, { browser: granted }));
  };
  const acknowledge = (keys: readonly string[]): void => {
    const at = store.getState().now;
    for (const key of keys) acknowledgeAlert(alerts, key, at);
  };
  return (
    <Box as="section" aria-label="Alerts" marginBottom="space30">
      <Box display="flex" flexWrap="wrap" alignItems="center" columnGap="space50" rowGap="space20">
        {groups.length === 0 ? (
          <Text as="p" color="colorTextWeak" fontSize="fontSize20">
            No alerts now.
          </Text>
        ) : null}
        <label style={{ fontSize: 12 }}>
          <input type="checkbox" checked={notice.sound} onChange={(e) => setAlertNotice(alerts, { sound: e.target.checked })} /> Sound on a new alert
        </label>
        <label style={{ fontSize: 12 }}>
          <input type="checkbox" checked={notice.browser} onChange={(e) => toggleBrowser(e.target.checked)} /> Browser notification when this tab is hidden
        </label>
        <Button variant="link" size="small" aria-expanded={logOpen} onClick={() => setLogOpen(!logOpen)}>
          {logOpen ? 'Hide' : 'Show'} the alert log ({state.log.length})
        </Button>
      </Box>
      {shown.length > 0 ? (
        <Box as="ul" margin="space0" marginTop="space20" padding="space0" display="flex" flexDirection="column" rowGap="space20" style={{ listStyle: 'none' }}>
          {shown.map((g) => (
            <StripLine key={g.key} group={g} onAcknowledge={acknowledge} />
          ))}
          {more > 0 ? (
            <li>
              <Text as="span" color="colorTextWeak" fontSize="fontSize20">
                and {formatCount(more)} more {more === 1 ? 'alert' : 'alerts'}, less urgent or held for less time (every one is in the log)
              </Text>
            </li>
          ) : null}
        </Box>
      ) : null}
      {logOpen ? <AlertLog state={state} timeZone={timeZone} /> : null}
    </Box>
  );
}
