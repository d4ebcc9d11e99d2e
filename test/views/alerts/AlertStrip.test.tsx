/**
 * @jest-environment jsdom
 */
/**
 * The alert strip over a real store: every raised alert with how long it has held, the
 * Acknowledge button, the log folded below with who acknowledged, and its CSV.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_CONFIG, accessOf, type AlertRule } from '../../../src/core';
import { applyQueued, createAlertStore, createInsightsStore, ingest, setStatus, tick } from '../../../src/store';
import { AlertStrip, logColumns, selectLogRows, watchAlertNotices } from '../../../src/views/alerts';
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
  it('shows each alert with how long it has held, acknowledges it, and logs it all', () => {
    const { insights, alerts, setClock } = setup();
    render(<AlertStrip alerts={alerts} store={insights} timeZone="UTC" />);
    expect(screen.getByText('No alerts now.')).toBeTruthy();
    act(() => {
      ingest(insights, [...aContactArrives({ task: 'WT1', queue: 'Imminent Risk' }, 0), ...aContactArrives({ task: 'WT2', queue: 'Imminent Risk' }, 0)]);
      applyQueued(insights);
    });
    setClock(150);
    const items = screen.getAllByRole('alert');
    // Most severe first: the two imminent waits (error, raised at 120 s, held 30 s), then the backlog (warning, held 150 s).
    expect(items.map((i) => i.textContent?.replace(/Acknowledge.*$/, ''))).toEqual([
      'errorImminent contact waiting over 120 sImminent Risk (WT1)held 0:30',
      'errorImminent contact waiting over 120 sImminent Risk (WT2)held 0:30',
      'warning2+ waiting in a queueImminent Riskheld 2:30',
    ]);
    fireEvent.click(within(items[0]).getByRole('button', { name: /Acknowledge/ }));
    expect(within(screen.getAllByRole('alert')[2]).getByText('Acknowledged by lead@example.org')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show the alert log (4)' }));
    const table = screen.getByRole('table', { name: 'Alert log' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows.map((r) => [r[1], r[4], r[5]])).toEqual([
      ['Acknowledged', 'Imminent Risk (WT1)', 'lead@example.org'],
      ['Raised', 'Imminent Risk (WT2)', ''],
      ['Raised', 'Imminent Risk (WT1)', ''],
      ['Raised', 'Imminent Risk', ''],
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
    expect(lines.slice(1).map((l) => /,(Raised|Acknowledged|Cleared),/.exec(l)?.[1])).toEqual(['Cleared', 'Cleared', 'Cleared', 'Acknowledged', 'Raised', 'Raised', 'Raised']);
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
