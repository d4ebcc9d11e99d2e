export { AgentsTab } from './AgentsTab';
