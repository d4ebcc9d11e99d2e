/**
 * What the Conversations tab tests share: stores of real events (the named scenarios,
 * today and yesterday), and frozen days made the way the backfill makes them.
 */
import { DEFAULT_CONFIG, accessOf, snapshotOfEngine, type Access, type DaySnapshot, type TrEvent } from '../../../src/core';
import { addFrozenDays, applyQueued, createInsightsStore, ingest, type InsightsStore } from '../../../src/store';
import { BASE } from '../../fixtures/builders';
import { Abandon, ColdTransfer, Handled } from '../../fixtures/scenarios';

export const DAY_MS = 86_400_000;
/** BASE is 2026-11-20T10:00Z; the default zone is UTC. */
export const TODAY = '2026-11-20';
export const YESTERDAY = '2026-11-19';
export const NOW = BASE + 3_600_000;

export const ROLES = {
  supervisor: ['supervisor'],
  analyst: ['wfo.data_analyst'],
  teamLeader: ['wfo.team_leader'],
} as const;

export function accessFor(roles: readonly string[]): Access {
  return accessOf({ roles, workerSid: 'WKann', team: 'Team Blue' });
}

const shift =
  (ms: number, tag: string) =>
  (e: TrEvent): TrEvent => ({ ...e, ts: e.ts + ms, sid: `${e.sid}${tag}` });

const withTask =
  (task: string, attributes: Record<string, unknown>) =>
  (e: TrEvent): TrEvent => ({ ...e, taskSid: task, taskAttributes: attributes });

/**
 * Today: Handled (CA01, voice, Robin) at 10:00, a phone-number "name" abandoning (CA09) at
 * 10:01:40, Casey's chat cold-transferred from Ann to Bob (CH10, tasks WT10/WT11) at 10:03:20.
 */
export const todayEvents: readonly TrEvent[] = [
  ...Handled.map(withTask('WT01', { call_sid: 'CA01', customers: { name: 'Robin' } })),
  ...Abandon.map(shift(100_000, 'a')).map(withTask('WT09', { call_sid: 'CA09', from: '+61400111222' })),
  ...ColdTransfer.map(shift(200_000, 'c')),
];

/** Yesterday: the same Handled call shape for another customer (CA21, Sam), 09:00. */
export const yesterdayEvents: readonly TrEvent[] = Handled.map(shift(-DAY_MS - 3_600_000, 'y')).map(
  withTask('WT21', { call_sid: 'CA21', customers: { name: 'Sam' } }),
);

export function storeWith(roles: readonly string[], events: readonly TrEvent[], now = NOW): InsightsStore {
  const store = createInsightsStore({ access: accessFor(roles), config: DEFAULT_CONFIG, now: () => now, schedule: () => undefined });
  ingest(store, events);
  applyQueued(store);
  return store;
}

/** A frozen day as the backfill makes it: its events folded by a short-lived engine, masked for `roles`. */
export function frozenDay(day: string, events: readonly TrEvent[], roles: readonly string[]): DaySnapshot {
  const source = storeWith(roles, events);
  return snapshotOfEngine(source.getState().live.engine, day, source.getState().access);
}

export function withFrozen(store: InsightsStore, days: readonly DaySnapshot[]): InsightsStore {
  addFrozenDays(store, days);
  return store;
}
