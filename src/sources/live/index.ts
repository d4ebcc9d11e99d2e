/**
 * The live source: Flex live queries (`manager.insightsClient`) to canonical events.
 * What the public documentation says about live queries, and what this source relies
 * on, is written at the top of `liveSource.ts`.
 */
export { LIVE_QUERY_CAP, LiveSource } from './liveSource';
export type {
  InsightsClientLike,
  LiveQueryLike,
  LiveSourceOptions,
  LiveSourceStats,
  ShardInfo,
  ShardState,
} from './liveSource';
export { LIVE_INDEXES, SID_FIELD, SID_PREFIX } from './items';
export type { ItemDate, LiveIndex, ReservationItem, TaskItem, WorkerItem } from './items';
export { MAX_PREFIXES_PER_SHARD, planSplit, shardExpression } from './shards';
export type { Vanished } from './translate';
export {
  MAX_IN_VALUES, MAX_OPERATORS, chunked, equals, fixedGroups, followingGroup, liveScopeOf, operatorCount, ownTasksExpression,
  prefixesPerShard, quoted, rechunk, teamWorkersExpression, within,
} from './plan';
export type { LiveScope, QueryGroup } from './plan';
