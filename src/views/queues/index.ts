export { QueuesTab } from './QueuesTab';
