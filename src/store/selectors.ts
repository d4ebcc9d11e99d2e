/**
 * Selectors of live state: pure functions of the store state, memoised on the state's
 * `version` (and `now` where they depend on it). "Today" is the day of `now` in the
 * configured time zone. Every customer contact passes the core's masking. Periods are
 * read through `cells.ts`.
 */
import { maskingOf, platformOf, supportTypeOf } from '../core';
import type { InsightsState } from './insightsStore';
import { memo } from './memo';

/** Today's day key (`2026-11-20`) in the configured zone. */
export function selectToday(state: InsightsState): string {
  return state.live.engine.calendar.dayKey(state.now);
}

export interface WaitingContact {
  readonly taskSid: string;
  readonly conversationId: string;
  readonly queue: string;
  readonly supportType: string;
  readonly platform: string;
  /** When the contact entered the queue it waits in (epoch ms). */
  readonly since: number;
  readonly waitSec: number;
  readonly customerName?: string;
  /** Masked unless the access sees contacts. */
  readonly customerContact?: string;
}

export interface WaitingSummary {
  readonly waiting: number;
  readonly longestWaitSec: number;
}

export interface WaitingNow extends WaitingSummary {
  /** Longest wait first. */
  readonly contacts: readonly WaitingContact[];
  readonly byQueue: Readonly<Record<string, WaitingSummary>>;
  readonly bySupportType: Readonly<Record<string, WaitingSummary>>;
  readonly byPlatform: Readonly<Record<string, WaitingSummary>>;
}

type WaitingEntry = Omit<WaitingContact, 'waitSec'>;

const openSegments = memo<readonly WaitingEntry[]>();
const waitingNow = memo<WaitingNow>();

/** Queue segments with no end yet, oldest first: changes only with the data. */
function selectOpenSegments(state: InsightsState): readonly WaitingEntry[] {
  return openSegments(state, '', () => {
    const engine = state.live.engine;
    const mask = maskingOf(state.access);
    const out: WaitingEntry[] = [];
    for (const w of engine.waitingNow()) {
      out.push({
        taskSid: w.taskSid,
        conversationId: w.conversationId,
        queue: w.queue,
        supportType: supportTypeOf(engine.config, w.queue),
        platform: platformOf(w.channel, engine.config.platforms),
        since: w.start,
        customerName: mask.name(w.customerName, w.customerContact),
        customerContact: mask.contact(w.customerContact),
      });
    }
    out.sort((a, b) => a.since - b.since || (a.taskSid < b.taskSid ? -1 : a.taskSid > b.taskSid ? 1 : 0));
    return out;
  });
}

function summarise(into: Record<string, { waiting: number; longestWaitSec: number }>, key: string, waitSec: number): void {
  const s = (into[key] ??= { waiting: 0, longestWaitSec: 0 });
  s.waiting++;
  if (waitSec > s.longestWaitSec) s.longestWaitSec = waitSec;
}

/**
 * Contacts waiting in a queue now: the open queue segments (no end yet), with their wait
 * at `now` in whole seconds (never negative when the clock is behind the events).
 */
export function selectWaitingNow(state: InsightsState): WaitingNow {
  return waitingNow(state, String(state.now), () => {
    const contacts: WaitingContact[] = [];
    const byQueue: Record<string, WaitingSummary> = {};
    const bySupportType: Record<string, WaitingSummary> = {};
    const byPlatform: Record<string, WaitingSummary> = {};
    let longestWaitSec = 0;
    for (const entry of selectOpenSegments(state)) {
      const waitSec = Math.max(0, Math.floor((state.now - entry.since) / 1000));
      contacts.push({ ...entry, waitSec });
      summarise(byQueue, entry.queue, waitSec);
      summarise(bySupportType, entry.supportType, waitSec);
      summarise(byPlatform, entry.platform, waitSec);
      if (waitSec > longestWaitSec) longestWaitSec = waitSec;
    }
    return { waiting: contacts.length, longestWaitSec, contacts, byQueue, bySupportType, byPlatform };
  });
}
