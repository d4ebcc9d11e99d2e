export { MyStatsTab } from './MyStatsTab';
