/**
 * The rows of the alert strip and the log, from the alert store's state and the clock.
 */
import type { AlertSeverity } from '../../core';
import type { AlertLogEntry, AlertsState } from '../../store';
import { csvInstant, formatZone, type CsvColumn } from '../common';

/**
 * `21 Nov, 14:05:09 UTC`: the log needs seconds (a hold or a clear time is seconds long), and
 * each time carries its own zone name, as the tabs name it (a shift across a clock change
 * reads right row by row).
 */
export function formatLogTime(ms: number, timeZone?: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
  return `${time} ${formatZone(ms, timeZone)}`;
}

/**
 * A severity as a supervisor reads it, in the strip and the log (and its CSV) alike: the
 * rule's `error` is what needs someone now.
 */
export const SEVERITY_WORDS: Readonly<Record<AlertSeverity, string>> = { error: 'Urgent', warning: 'Warning', info: 'Info' };

export interface StripRow {
  readonly key: string;
  readonly severity: AlertSeverity;
  readonly label: string;
  readonly subject: string;
  /** Seconds since the alert raised (never negative). */
  readonly heldSec: number;
  readonly acknowledgedBy?: string;
}

const SEVERITY_ORDER: Readonly<Record<AlertSeverity, number>> = { error: 0, warning: 1, info: 2 };

/** Every raised alert: unacknowledged first, then the most severe, then the oldest. */
export function selectStripRows(s: AlertsState, now: number): StripRow[] {
  return s.active
    .map((a) => ({
      key: a.key,
      severity: a.severity,
      label: a.label,
      subject: a.subject,
      heldSec: Math.max(0, Math.floor((now - a.raisedAt) / 1000)),
      acknowledgedBy: s.acknowledged[a.key]?.by,
    }))
    .sort(
      (a, b) =>
        Number(a.acknowledgedBy !== undefined) - Number(b.acknowledgedBy !== undefined) ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        b.heldSec - a.heldSec,
    );
}

/**
 * One line of the strip: the raised alerts of one rule (same label and severity), split
 * by whether they are acknowledged, so five imminent contacts waiting read as one line with
 * their five subjects rather than five lines pushing the tab below the window.
 */
export interface StripGroup {
  readonly key: string;
  readonly severity: AlertSeverity;
  readonly label: string;
  /** The alerts' keys, for Acknowledge (every one of the line). */
  readonly keys: readonly string[];
  /** What each alert is about, most urgent first. */
  readonly subjects: readonly string[];
  /** The longest any of them has held. */
  readonly heldSec: number;
  /** Who acknowledged them (each name once, in order), when the line is the acknowledged part. */
  readonly acknowledgedBy: readonly string[];
}

/** The strip's rows grouped by rule, in the order of their most urgent alert (`selectStripRows`). */
export function groupStripRows(rows: readonly StripRow[]): StripGroup[] {
  const groups = new Map<string, { severity: AlertSeverity; label: string; keys: string[]; subjects: string[]; heldSec: number; by: string[] }>();
  for (const r of rows) {
    const key = `${r.severity}\u0000${r.label}\u0000${r.acknowledgedBy === undefined ? 'open' : 'acknowledged'}`;
    let g = groups.get(key);
    if (!g) {
      g = { severity: r.severity, label: r.label, keys: [], subjects: [], heldSec: 0, by: [] };
      groups.set(key, g);
    }
    g.keys.push(r.key);
    g.subjects.push(r.subject);
    g.heldSec = Math.max(g.heldSec, r.heldSec);
    if (r.acknowledgedBy !== undefined && !g.by.includes(r.acknowledgedBy)) g.by.push(r.acknowledgedBy);
  }
  return [...groups].map(([key, g]) => ({ key, severity: g.severity, label: g.label, keys: g.keys, subjects: g.subjects, heldSec: g.heldSec, acknowledgedBy: g.by }));
}

export const LOG_EVENT_LABELS: Readonly<Record<AlertLogEntry['type'], string>> = { raised: 'Raised', acknowledged: 'Acknowledged', cleared: 'Cleared' };

/** The log's columns, in the table and in its CSV alike (the CSV's Time is ISO 8601 with the zone's offset). */
export function logColumns(timeZone?: string): CsvColumn<AlertLogEntry>[] {
  return [
    { header: 'Time', value: (e) => formatLogTime(e.at, timeZone), csv: (e) => csvInstant(e.at, timeZone) },
    { header: 'Event', value: (e) => LOG_EVENT_LABELS[e.type] },
    { header: 'Severity', value: (e) => SEVERITY_WORDS[e.severity] },
    { header: 'Alert', value: (e) => e.label },
    { header: 'About', value: (e) => e.subject },
    { header: 'By', value: (e) => e.by ?? '' },
  ];
}

/** Newest first, as the table shows it. */
export function selectLogRows(s: AlertsState): AlertLogEntry[] {
  return [...s.log].reverse();
}
