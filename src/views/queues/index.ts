export { QueuesTab } from './QueuesTab';
export { DEFAULT_THRESHOLDS, TILE_STATUSES, selectQueuesView, statusOf, thresholdsOf, worstOf } from './queuesTab.selectors';
export type { QueueGroup, QueueTile, QueuesView, Threshold, Thresholds, TileStatus } from './queuesTab.selectors';
