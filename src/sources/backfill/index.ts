/**
 * History from the history function (TaskRouter Events API through a Twilio Function):
 * the wire contract, the client, the fold of past days into frozen days, the browser
 * cache, and the backfill that ties them to the store.
 */
export { Backfill } from './backfill';
export type { BackfillCache, BackfillOptions } from './backfill';
export { HistoryAborted, HistoryClient, HistoryFetchError, describeFailure } from './client';
export type { FetchLike, HistoryClientOptions, RangeFetch, ResponseLike } from './client';
export { DEFAULT_PADDING_MS, HistoryFolder } from './historyFolder';
export type { HistoryFolderOptions, HistoryFolderStats } from './historyFolder';
export { LiveReconciler, isLiveEvent, oneOffFact } from './reconcile';
export type { ReconcilerStats } from './reconcile';
export { snapshotOfEngine } from './snapshot';
export { HISTORY_DEFAULT_PAGE_SIZE, HISTORY_ERROR_CODES, HISTORY_MAX_RANGE_DAYS, HISTORY_PATH } from './protocol';
export type { HistoryError, HistoryErrorCode, HistoryPage, HistoryRequest } from './protocol';
export { CACHE_DB_PREFIX, CACHE_DB_VERSION, CACHE_MAX_AGE_DAYS, openHistoryCache } from './cache';
export type { HistoryCache, HistoryCacheOptions } from './cache';
export { ACCUMULATOR_FIELDS, CODEC_SCHEMA, PackedDayError, packDay, unpackDay } from './snapshotCodec';
export type { PackedCells, PackedDay, PackedRows } from './snapshotCodec';
