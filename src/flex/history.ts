/**
 * History for an open Insights view, from the Flex side: where the function is
 * (`historyUrl`), the user's Flex token, the cache key of their scope, and the backfill
 * wired to the store. Without a usable `historyUrl` nothing is fetched and the progress
 * line says history is not configured.
 */
import type * as Flex from '@twilio/flex-ui';
import { LOG_PREFIX, type Access } from '../core';
import { Backfill, HistoryClient, openHistoryCache, type BackfillCache } from '../sources/backfill';
import { setHistoryProgress, setRangeLoader, type InsightsStore } from '../store';
import type { PluginConfig } from './runtimeConfig';
import { historySinkOf } from './sinks';

export const HISTORY_NOT_CONFIGURED = 'History is not configured (historyUrl): the figures are live data only.';

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
  stop(): void;
}

export interface HistoryDeps {
  readonly fetch?: ConstructorParameters<typeof HistoryClient>[0]['fetch'];
  readonly openCache?: (key: string) => Promise<BackfillCache | undefined>;
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
      setHistoryProgress(store, { loading: false, fetched: 0, daysDone: 0, daysTotal: 0, notice: problem ?? HISTORY_NOT_CONFIGURED });
    }
    return { today: Promise.resolve(), stop: () => undefined };
  }
  const client = new HistoryClient({ url, token: () => flexTokenOf(manager), fetch: deps.fetch });
  const key = historyCacheKey(manager, access, url, workerSid);
  const openCache = deps.openCache ?? ((k: string) => openHistoryCache(k, { timeZone: config.timeZone }));
  const cache = openCache(key).catch((err: unknown) => {
    console.error(`${LOG_PREFIX} history cache unavailable; history is fetched without it`, err);
    return undefined;
  });
  // Made at once, while the cache opens: live events wait in its reconciler (the one
  // buffer), and a view that asks for its period as it mounts is queued behind today.
  const backfill = new Backfill({ sink: historySinkOf(store), client, config, access, workerSid, cache });
  setRangeLoader(store, (range) => void backfill.loadRange(range));
  return {
    backfill,
    onLiveEvents: (events) => backfill.live(events),
    today: backfill.today,
    stop: () => {
      backfill.stop();
      setRangeLoader(store, undefined);
    },
  };
}
