export { MyStatsTab } from './MyStatsTab';
export { MY_STATS_METRICS, PER_AGENT_METRICS, figuresOf, selectMyStats, teamAverageOf } from './myStats.selectors';
export type { Figures, MyStats, MyStatsMetric, MyStatsPeriod, SupportTypeLine, TeamAverageSource } from './myStats.selectors';
