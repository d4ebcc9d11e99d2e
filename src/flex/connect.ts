/**
 * Live data for one open Insights view: the live source on `manager.insightsClient`
 * feeds the store; `stop()` closes every live query and the clock when the view goes.
 */
import type * as Flex from '@twilio/flex-ui';
import type { Access } from '../core';
import { LiveSource, type InsightsClientLike } from '../sources/live';
import { createInsightsStore, ingest, setStatus, tick, type InsightsStore } from '../store';
import { LOG_PREFIX } from './log';
import type { PluginConfig } from './runtimeConfig';


export interface LiveConnection {
  readonly store: InsightsStore<PluginConfig>;
  stop(): void;
}

/** Starts live data for a user's access; the store says `loading`, then `ready` or `error`. */
export function connectLive(manager: Flex.Manager, access: Access, config: PluginConfig, workerSid?: string): LiveConnection {
  const store = createInsightsStore({ access, config, workerSid });
  const client = manager.insightsClient as unknown as InsightsClientLike | undefined;
  if (!client || access.scope === 'none') {
    setStatus(store, access.scope === 'none' ? 'ready' : 'error', client ? undefined : 'Live data is not available (no insights client).');
    return { store, stop: () => undefined };
  }
  const source = new LiveSource({
    client,
    onEvents: (events) => ingest(store, events),
    onError: (error, context) => console.error(`${LOG_PREFIX} live data: ${context}`, error),
  });
  source.start().then(
    () => setStatus(store, 'ready'),
    (error: unknown) => {
      console.error(`${LOG_PREFIX} live data could not start`, error);
      setStatus(store, 'error', 'Live data could not be opened.');
    },
  );
  // "Now" moves even when no event comes: waits grow, days end.
  const clock = setInterval(() => tick(store), 1000);
  return {
    store,
    stop: () => {
      clearInterval(clock);
      source.stop();
    },
  };
}
