/**
 * History from the history function (TaskRouter Events API through a Twilio Function):
 * the client, the browser cache and its codec, the reconciler of live and history events,
 * and the backfill that ties them together and writes through a `HistorySink`. The wire
 * contract and the fold of past days into frozen days are the core's.
 */
export { Backfill } from './backfill';
export type { BackfillCache, BackfillOptions, HistorySink } from './backfill';
export { HistoryAborted, HistoryClient, HistoryFetchError, NOT_HISTORY, REDIRECT_REFUSED, UNEXPECTED_FAILURE, describeFailure, failureTexts, technicalCause } from './client';
export type { ConversationLookup, FetchLike, HistoryClientOptions, LookupOptions, LookupProgress, RangeFetch, ResponseLike } from './client';
export { LiveReconciler, isLiveEvent, oneOffFact } from './reconcile';
export type { ReconcilerStats } from './reconcile';
export {
  CACHE_DB_PREFIX,
  CACHE_DB_VERSION,
  cacheMarkerOf,
  deleteHistoryDatabases,
  digestOf,
  historyCacheCleanup,
  historyDatabaseNames,
  historyDbName,
  openHistoryCache,
} from './cache';
export type { CacheCleanup, CacheCleanupInput, HistoryCache, HistoryCacheOptions } from './cache';
export { ACCUMULATOR_FIELDS, CODEC_SCHEMA, PackedDayError, packDay, unpackDay } from './snapshotCodec';
export type { PackedCells, PackedDay, PackedRows } from './snapshotCodec';
