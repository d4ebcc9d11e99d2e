export { ExportTab } from './ExportTab';
export type { ExportTabProps } from './ExportTab';
export { exportCsv, exportFileName, exportTooLong } from './exportTab.selectors';
export type { ExportEventsLoader } from './exportLoader';
