export { AgentsTab } from './AgentsTab';
export { agentTableRows, selectAgentsModel } from './agentsTab.selectors';
export type { AgentFilter, AgentTableRow, AgentsModel, SortColumn, SortState } from './agentsTab.selectors';
