/**
 * @jest-environment jsdom
 */
/**
 * The alert strip over a real store: the raised alerts one line per rule with how long
 * they have held, Acknowledge for the line, the log folded below with who acknowledged, and
 * its CSV.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf, type AlertRule } from '../../../src/core';
import { applyQueued, createAlertStore, createInsightsStore, ingest, setAlertRules, setStatus, tick } from '../../../src/store';
import { AlertStrip, STRIP_ROWS_SHOWN, logColumns, selectLogRows, watchAlertNotices } from '../../../src/views/alerts';
import { toCsv } from '../../../src/views/common';
import { aContactArrives, aReservation, at } from '../../fixtures/builders';

const rules: AlertRule[] = [
  { id: 'imminent', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'backlog', kind: 'waitingCount', count: 2, severity: 'warning', holdSec: 0, clearSec: 10 },
];

function setup() {
  let clock = at(0);
  const insights = createInsightsStore({ access: accessOf({ roles: ['wfo.team_leader'], team: 'Team Blue', workerSid: 'WKlead' }), config: DEFAULT_CONFIG, now: () => clock, schedule: () => undefined });
  const alerts = createAlertStore(insights, { rules, user: 'lead@example.org' });
  // Today's history is in: batches are evaluated as they come.
  setStatus(insights, 'ready');
  const setClock = (sec: number): void =>
    act(() => {
      clock = at(sec);
      tick(insights);
    });
  return { insights, alerts, setClock };
}

describe('AlertStrip', () => {
  it("shows each rule's alerts on one line with how long they have held, acknowledges them, and logs it all", () => {
    const { insights, alerts, setClock } = setup();
    render(<AlertStrip alerts={alerts} store={insights} timeZone="UTC" />);
    expect(screen.getByText('No alerts now.')).toBeTruthy();
    act(() => {
      ingest(insights, [...aContactArrives({ task: 'WT1', queue: 'Imminent Risk' }, 0), ...aContactArrives({ task: 'WT2', queue: 'Imminent Risk' }, 0)]);
      applyQueued(insights);
    });
    setClock(150);
    const items = screen.getAllByRole('alert');
    // Most severe first: the two imminent waits on one line (error, raised at 120 s, held 30 s), then the backlog (warning, held 150 s).
    expect(items.map((i) => i.textContent?.replace(/Acknowledge.*$/, ''))).toEqual([
      'UrgentImminent contact waiting over 120 s (2)Imminent Risk (WT1), Imminent Risk (WT2)held up to 0:30',
      'Warning2+ waiting in a queueImminent Riskheld 2:30',
    ]);
    // One click acknowledges the line's two alerts; the acknowledged line goes below the open one.
    fireEvent.click(within(items[0]).getByRole('button', { name: /Acknowledge all 2/ }));
    const after = screen.getAllByRole('alert');
    expect(after.map((i) => i.textContent?.replace(/Acknowledge( all \d+)? .*$/, ''))).toEqual([
      'Warning2+ waiting in a queueImminent Riskheld 2:30',
      'UrgentImminent contact waiting over 120 s (2)Imminent Risk (WT1), Imminent Risk (WT2)held up to 0:30Acknowledged by lead@example.org',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Show the alert log (5)' }));
    const table = screen.getByRole('table', { name: 'Alert log' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    // Each time with its zone; the severity in the strip's words. The clock starts at 20 Nov 10:00 UTC.
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      ['20 Nov, 10:02:30 UTC', 'Acknowledged', 'Urgent', 'Imminent Risk (WT2)', 'lead@example.org'],
      ['20 Nov, 10:02:30 UTC', 'Acknowledged', 'Urgent', 'Imminent Risk (WT1)', 'lead@example.org'],
      ['20 Nov, 10:02:00 UTC', 'Raised', 'Urgent', 'Imminent Risk (WT2)', ''],
      ['20 Nov, 10:02:00 UTC', 'Raised', 'Urgent', 'Imminent Risk (WT1)', ''],
      ['20 Nov, 10:00:00 UTC', 'Raised', 'Warning', 'Imminent Risk', ''],
    ]);

    // The queue empties: each alert clears 10 s after.
    act(() => {
      ingest(insights, [
        aReservation('reservation.accepted', { task: 'WT1', queue: 'Imminent Risk', reservation: 'WR1', worker: 'WK1' }, 160),
        aReservation('reservation.accepted', { task: 'WT2', queue: 'Imminent Risk', reservation: 'WR2', worker: 'WK2' }, 160),
      ]);
      setClock(160);
      applyQueued(insights);
    });
    setClock(170);
    expect(screen.queryAllByRole('alert')).toEqual([]);
    const csv = toCsv(logColumns('UTC'), selectLogRows(alerts.getState()));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Time,Event,Severity,Alert,About,By');
    expect(lines.slice(1).map((l) => /,(Raised|Acknowledged|Cleared),/.exec(l)?.[1])).toEqual(['Cleared', 'Cleared', 'Cleared', 'Acknowledged', 'Acknowledged', 'Raised', 'Raised', 'Raised']);
  });
});

describe('the alert log CSV', () => {
  it("writes each time as an ISO 8601 instant with the zone's offset and the severity as a word", () => {
    const { insights, alerts, setClock } = setup();
    act(() => {
      ingest(insights, [...aContactArrives({ task: 'WT1', queue: 'Imminent Risk' }, 0), ...aContactArrives({ task: 'WT2', queue: 'Imminent Risk' }, 0)]);
      applyQueued(insights);
    });
    setClock(150);
    const entries = selectLogRows(alerts.getState());
    const [header, ...lines] = toCsv(logColumns('Australia/Sydney'), entries).split('\r\n');
    expect(header).toBe('Time,Event,Severity,Alert,About,By');
    const cells = lines.map((l) => l.split(','));
    expect(cells).toHaveLength(entries.length);
    // Sydney is 11 h ahead in November: the imminent raise at 10:02 UTC is 21:02 there.
    expect(cells.map((c) => [c[0], c[2]])).toEqual([
      ['2026-11-20T21:02:00+11:00', 'Urgent'],
      ['2026-11-20T21:02:00+11:00', 'Urgent'],
      ['2026-11-20T21:00:00+11:00', 'Warning'],
    ]);
    // A spreadsheet (or Date.parse) reads each back as the instant logged.
    expect(cells.map((c) => Date.parse(c[0]))).toEqual(entries.map((e) => e.at));
    // The table beside it reads the same instants in the eye's format, the zone named.
    expect(logColumns('Australia/Sydney')[0].value(entries[0])).toBe('20 Nov, 21:02:00 GMT+11');
  });
});

describe('the strip with many rules raised', () => {
  it(`shows ${STRIP_ROWS_SHOWN} lines, the most urgent, and counts the alerts of the rest`, () => {
    const many: AlertRule[] = ['Imminent', 'Safety', 'Support', 'Debrief', 'Check In'].map((q, i) => ({
      id: `wait-${i}`,
      kind: 'contactWait',
      supportType: q.toLowerCase().replace(' ', '_'),
      seconds: 60 + i * 10,
      severity: i < 2 ? 'error' : 'warning',
      holdSec: 0,
      clearSec: 10,
    }));
    const { insights, alerts, setClock } = setup();
    setAlertRules(alerts, many);
    render(<AlertStrip alerts={alerts} store={insights} timeZone="UTC" />);
    act(() => {
      // One contact in each of five queues, two in Debrief: every rule raises.
      ingest(insights, [
        ...['Imminent Risk', 'Safety', 'Support', 'Debrief', 'Check In'].map((queue, i) => aContactArrives({ task: `WT${i}`, queue }, 0)).flat(),
        ...aContactArrives({ task: 'WT9', queue: 'Debrief' }, 0),
      ]);
      applyQueued(insights);
    });
    setClock(200);
    const lines = screen.getAllByRole('alert');
    expect(lines).toHaveLength(STRIP_ROWS_SHOWN);
    // The two errors first, then the warning held longest (Support's rule, 80 s, raised first).
    expect(lines.map((l) => /contact waiting over (\d+) s/.exec(l.textContent ?? '')?.[1])).toEqual(['60', '70', '80']);
    // Left out: Debrief's line (2 alerts) and Check In's (1).
    expect(screen.getByText(/^and 3 more alerts/)).toBeTruthy();
  });
});

describe('the browser notification', () => {
  it('asks the permission only when turned on, and notifies a raise while the tab is hidden', async () => {
    const shown: { title: string; body?: string }[] = [];
    const requestPermission = jest.fn(async () => 'granted');
    class FakeNotification {
      static permission = 'default';
      static requestPermission = async () => {
        FakeNotification.permission = await requestPermission();
        return FakeNotification.permission;
      };
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    Object.assign(globalThis, { Notification: FakeNotification });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      const { insights, alerts, setClock } = setup();
      // As the Flex edge does for the session (`watchAlerts`).
      const stop = watchAlertNotices(alerts);
      render(<AlertStrip alerts={alerts} store={insights} timeZone="UTC" />);
      expect(requestPermission).not.toHaveBeenCalled();
      await act(async () => {
        fireEvent.click(screen.getByRole('checkbox', { name: /Browser notification/ }));
      });
      expect(requestPermission).toHaveBeenCalledTimes(1);
      expect((screen.getByRole('checkbox', { name: /Browser notification/ }) as HTMLInputElement).checked).toBe(true);
      act(() => {
        ingest(insights, aContactArrives({ task: 'WT1', queue: 'Imminent Risk' }, 0));
        applyQueued(insights);
      });
      setClock(120);
      expect(shown).toEqual([{ title: 'Insights alert', body: 'Imminent contact waiting over 120 s · Imminent Risk (WT1)' }]);
      stop();
    } finally {
      delete (globalThis as { Notification?: unknown }).Notification;
      delete (document as { hidden?: boolean }).hidden;
    }
  });
});
