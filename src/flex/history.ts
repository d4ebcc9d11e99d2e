/**
 * History for an open Insights view, from the Flex side: where the function is
 * (`historyUrl`), the user's Flex token, the cache key of their scope, the browser cache's
 * cleanup, and the backfill wired to the store. Without a usable `historyUrl` nothing is
 * fetched, the progress line says history is not configured, and every cached database is
 * deleted. An agent's session also asks for the team average (`teamAverage.ts`).
 *
 * The browser cache outlives nothing it should not: when Insights opens, the databases of
 * other scopes, users and accounts are deleted, and all of them when the user's roles or
 * team changed since the last open (a marker in localStorage holds a digest, never a role
 * name or customer data); on Flex logout every one is deleted (`forgetHistoryCaches`).
 */
import type * as Flex from '@twilio/flex-ui';
import { LOG_PREFIX, accessOf, conversationOfEvents, type Access, type TrEvent, type User } from '../core';
import {
  Backfill,
  HistoryAborted,
  HistoryClient,
  HistoryFetchError,
  cacheMarkerOf,
  deleteHistoryDatabases,
  failureTexts,
  historyCacheCleanup,
  historyDatabaseNames,
  historyDbName,
  openHistoryCache,
  type BackfillCache,
} from '../sources/backfill';
import { setHistoryProgress, setRangeLoader, setTeamAverage, type InsightsStore } from '../store';
import type { ConversationLookup } from '../views/drillDownState';
import type { ExportEventsLoader } from '../views/export';
import type { PluginConfig } from './runtimeConfig';
import { historySinkOf } from './sinks';
import { startTeamAverage, type TeamAverageTimers } from './teamAverage';
import { userOf } from './user';

/** The localStorage entry that marks who wrote the cache: `{ marker, database }`, both digests. */
export const CACHE_MARKER_KEY = 'supervisor-insights-history-marker';

/** Where the marker is kept (localStorage; tests give a map). */
export type MarkerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Ends with the Flex session: once `ended`, no cache is opened or written. */
export interface HistoryCacheSession {
  ended: boolean;
}

export const HISTORY_NOT_CONFIGURED = "Only today's live data is shown: history is not set up for this account. Ask your Flex admin to set up history in Insights settings.";
/** What a person reads when the configured history address cannot be used (the detail goes to the console). */
export const HISTORY_URL_UNUSABLE = "Only today's live data is shown: the history address in Insights settings cannot be used. Ask your Flex admin to correct it.";

/** The Flex token: the session's SSO token payload, else `manager.user.token`. Read at each request (Flex refreshes it). */
export function flexTokenOf(manager: Flex.Manager): string | undefined {
  try {
    const state = manager.store?.getState() as { flex?: { session?: { ssoTokenPayload?: { token?: unknown } } } } | undefined;
    const token = state?.flex?.session?.ssoTokenPayload?.token;
    if (typeof token === 'string' && token !== '') return token;
  } catch {
    // No store yet (or a host without one): fall through to the user's token.
  }
  const token = (manager.user as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** The history URL if usable: absolute http(s), or a path on the page's host. */
export function usableHistoryUrl(url: string | undefined): { url?: string; problem?: string } {
  if (url === undefined) return {};
  if (url.startsWith('/') && !url.startsWith('//')) return { url };
  if (/^https?:\/\/[^/\s]+/i.test(url)) return { url };
  return { problem: `historyUrl ${JSON.stringify(url)} is not an http(s) URL; the figures are live data only.` };
}

/**
 * Whose history a cache entry holds: the account (or the function's URL) and the
 * caller's scope, so two users of one browser never read each other's days.
 */
export function historyCacheKey(manager: Flex.Manager, access: Access, url: string, workerSid?: string): string {
  const payload = (() => {
    try {
      return (manager.store?.getState() as { flex?: { session?: { ssoTokenPayload?: { accountSid?: unknown } } } } | undefined)?.flex?.session
        ?.ssoTokenPayload;
    } catch {
      return undefined;
    }
  })();
  const account =
    (typeof payload?.accountSid === 'string' ? payload.accountSid : undefined) ??
    ((manager.serviceConfiguration as { account_sid?: unknown } | undefined)?.account_sid as string | undefined) ??
    url;
  // Rows are masked when days freeze: a session that sees contacts must not share days with one that does not.
  return [account, access.scope, access.team ?? '', access.workerSid ?? workerSid ?? '', access.seesContacts ? 'contacts' : 'masked'].join('|');
}

export interface HistoryConnection {
  readonly backfill?: Backfill;
  /** Live events go through here (held in the backfill's reconciler while today's history loads). */
  readonly onLiveEvents?: (events: Parameters<Backfill['live']>[0]) => void;
  /** Settles when today's history is in or failed (at once without history). */
  readonly today: Promise<void>;
  /** Looks up one conversation of the last 30 days by a sid (absent without history). */
  readonly lookup?: ConversationLookup;
  /** The events of a span for the Export tab (roles with export, with history only). */
  readonly exportEvents?: ExportEventsLoader;
  stop(): void;
}

/**
 * A failed history request on its way to a view: the console gets the precise cause
 * (`historyUrl`, the status, the function's message), the view the user's words; a stop
 * passes as it is.
 */
function inUserWords(what: string, err: unknown): unknown {
  if (err instanceof HistoryAborted) return err;
  const { message, technical } = failureTexts(err);
  console.warn(`${LOG_PREFIX} ${what}: ${technical}`);
  return err instanceof HistoryFetchError ? err : new Error(message);
}

/**
 * One conversation by a sid through the history function, folded by the core as the live
 * data folds it (`conversationOfEvents`), for the drill-down screen. The range ends at this
 * session's now (the sandbox's simulated clock; Flex's real one). Stopped with the view.
 */
export function lookupThrough(client: HistoryClient, access: Access, config: PluginConfig, signal: AbortSignal): ConversationLookup {
  return async (sid, onProgress) => {
    try {
      const found = await client.lookupConversation(sid, { to: Date.now(), signal, onProgress: (p) => onProgress?.(p.searchedBackTo) });
      if (found.status !== 'found') return { status: found.status };
      const detail = conversationOfEvents(found.events, access, config, found.taskSids);
      return detail ? { status: 'found', detail } : { status: 'not_found' };
    } catch (err) {
      throw inUserWords('conversation lookup', err);
    }
  };
}

/**
 * Every event of a span through the history function's pages, for the Export tab: held
 * until the tab has folded them. Stopped with the view.
 */
export function exportEventsThrough(client: HistoryClient, stopped: AbortSignal): ExportEventsLoader {
  return async (span, options = {}) => {
    const events: TrEvent[] = [];
    const signal = options.signal ? anySignal([stopped, options.signal]) : stopped;
    try {
      await client.fetchRange(
        span.from,
        span.to,
        (page) => {
          for (const e of page.events) events.push(e);
          options.onProgress?.(events.length);
        },
        signal,
      );
    } catch (err) {
      throw inUserWords('export events', err);
    }
    return events;
  };
}

/** Aborts when any of the signals does. */
function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort();
    else s.addEventListener('abort', () => controller.abort(), { once: true });
  }
  return controller.signal;
}

export interface HistoryDeps {
  readonly fetch?: ConstructorParameters<typeof HistoryClient>[0]['fetch'];
  readonly openCache?: (key: string) => Promise<BackfillCache | undefined>;
  /** The user as Flex has them now (default: read from the manager when Insights opens). */
  readonly user?: User;
  /** The Flex session (logout ends it). */
  readonly session?: HistoryCacheSession;
  /** Where the marker is kept (default localStorage, when there is one). */
  readonly storage?: MarkerStorage;
  /** The team average's clock and timers (default the real ones). */
  readonly timers?: TeamAverageTimers;
}

/** localStorage, or undefined where it is missing or refused (private modes, sandboxed frames). */
function browserStorage(): MarkerStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

interface StoredMarker {
  readonly marker?: string;
  readonly database?: string;
}

function readMarker(storage: MarkerStorage | undefined): StoredMarker {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(CACHE_MARKER_KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { marker, database } = parsed as Record<string, unknown>;
    return { marker: typeof marker === 'string' ? marker : undefined, database: typeof database === 'string' ? database : undefined };
  } catch {
    return {};
  }
}

function writeMarker(storage: MarkerStorage | undefined, marker: StoredMarker | undefined): void {
  try {
    if (marker === undefined) storage?.removeItem(CACHE_MARKER_KEY);
    else storage?.setItem(CACHE_MARKER_KEY, JSON.stringify(marker));
  } catch {
    // A full or refused storage: the next open finds no marker and still deletes other scopes.
  }
}

export interface PrepareCacheOptions {
  /** This session's cache key; undefined: no cache is kept (every database is deleted). */
  readonly key?: string;
  /** `cacheMarkerOf` the key and the user as Flex has them now. */
  readonly marker: string;
  readonly open: (key: string) => Promise<BackfillCache | undefined>;
  readonly session?: HistoryCacheSession;
  readonly storage?: MarkerStorage;
}

/**
 * The cleanup when Insights opens, then the cache of this session's key: databases of other
 * scopes deleted; all of them when the marker changed or no cache is kept. Never rejects.
 */
export async function prepareHistoryCache(options: PrepareCacheOptions): Promise<BackfillCache | undefined> {
  const { key, marker, session, storage } = options;
  const stored = readMarker(storage);
  const plan = historyCacheCleanup({ key, marker, storedMarker: stored.marker, storedDatabase: stored.database, databases: await historyDatabaseNames() });
  if (plan.delete.length > 0) {
    console.warn(`${LOG_PREFIX} history cache: ${plan.delete.length} database(s) deleted (${plan.reason})`);
    await deleteHistoryDatabases(plan.delete);
  }
  if (key === undefined || session?.ended) {
    writeMarker(storage, undefined);
    return undefined;
  }
  writeMarker(storage, { marker, database: historyDbName(key) });
  const cache = await options.open(key);
  if (session?.ended) {
    // Logged out while it opened: it must not stay.
    (cache as { close?: () => void } | undefined)?.close?.();
    await deleteHistoryDatabases([historyDbName(key)]);
    return undefined;
  }
  return cache;
}

/**
 * Deletes every history database of this origin and the marker (on Flex logout). Ends
 * `session` first, so a view still open writes nothing after. Never rejects; a delete
 * another tab blocks is not waited for longer than `timeoutMs`.
 */
export async function forgetHistoryCaches(session?: HistoryCacheSession, storage: MarkerStorage | undefined = browserStorage(), timeoutMs = 3000): Promise<void> {
  if (session) session.ended = true;
  const stored = readMarker(storage);
  writeMarker(storage, undefined);
  const plan = historyCacheCleanup({ marker: '', storedDatabase: stored.database, databases: await historyDatabaseNames() });
  await deleteHistoryDatabases(plan.delete, timeoutMs);
}

/** Starts the backfill for a store, when a history function is configured. */
export function connectHistory(
  manager: Flex.Manager,
  store: InsightsStore,
  access: Access,
  config: PluginConfig,
  workerSid?: string,
  deps: HistoryDeps = {},
): HistoryConnection {
  const { url, problem } = usableHistoryUrl(config.historyUrl);
  if (!url || access.scope === 'none') {
    if (access.scope !== 'none') {
      if (problem) console.warn(`${LOG_PREFIX} ${problem}`);
      setHistoryProgress(store, { loading: false, fetched: 0, daysDone: 0, daysTotal: 0, notice: problem ? HISTORY_URL_UNUSABLE : HISTORY_NOT_CONFIGURED });
    }
    if (access.scope === 'self') setTeamAverage(store, { status: 'needsHistory' });
    // No history, no cache: whatever an earlier configuration or scope left goes.
    void forgetHistoryCaches(undefined, deps.storage ?? browserStorage());
    return { today: Promise.resolve(), stop: () => undefined };
  }
  const client = new HistoryClient({ url, token: () => flexTokenOf(manager), fetch: deps.fetch });
  const key = historyCacheKey(manager, access, url, workerSid);
  const retentionDays = config.historyCacheDays;
  const openCache = deps.openCache ?? ((k: string) => openHistoryCache(k, { timeZone: config.timeZone, retentionDays }));
  // The user as Flex has them now: roles or a team changed since Flex loaded (the view's
  // access is fixed at registration) means a scope this session no longer matches, so no
  // cache is kept, and every database goes.
  const now = deps.user ?? userOf(manager);
  const keyNow = historyCacheKey(manager, accessOf(now), url, now.workerSid);
  const keep = retentionDays > 0 && keyNow === key;
  const cache = prepareHistoryCache({
    key: keep ? key : undefined,
    marker: cacheMarkerOf(key, now),
    open: openCache,
    session: deps.session,
    storage: deps.storage ?? browserStorage(),
  }).catch((err: unknown) => {
    console.error(`${LOG_PREFIX} history cache unavailable; history is fetched without it`, err);
    return undefined;
  });
  // Made at once, while the cache opens: live events wait in its reconciler (the one
  // buffer), and a view that asks for its period as it mounts is queued behind today.
  const backfill = new Backfill({ sink: historySinkOf(store), client, config, access, workerSid, cache });
  setRangeLoader(store, (range) => void backfill.loadRange(range));
  // An agent's team average: the team's day cells, never the team's events.
  const team = access.scope === 'self' ? startTeamAverage(client, store, config.timeZone, deps.timers) : undefined;
  const lookups = new AbortController();
  return {
    backfill,
    onLiveEvents: (events) => backfill.live(events),
    today: backfill.today,
    lookup: lookupThrough(client, access, config, lookups.signal),
    ...(access.mayExport ? { exportEvents: exportEventsThrough(client, lookups.signal) } : {}),
    stop: () => {
      lookups.abort();
      backfill.stop();
      team?.stop();
      setRangeLoader(store, undefined);
    },
  };
}
