export { QueuesTab } from './QueuesTab';
export { TILE_STATUSES, selectQueuesView, statusOf, worstOf } from './queuesTab.selectors';
export type { QueueGroup, QueueTile, QueuesView, TileStatus } from './queuesTab.selectors';
export { STATUS_TEXT_COLOURS, StatusBadge } from './StatusBadge';
