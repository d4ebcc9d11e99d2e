export { NowTab } from './NowTab';
export { AGENT_STATES, platformsOf, selectMissedOffers, selectNowView } from './nowTab.selectors';
export type { AgentState, MissedOffer, NowAgent, NowCell, NowContact, NowGroup, NowView } from './nowTab.selectors';
