export { AlertStrip } from './AlertStrip';
export type { AlertStripProps } from './AlertStrip';
export { AlertLog, LOG_ROWS_SHOWN } from './AlertLog';
export { LOG_EVENT_LABELS, formatLogTime, logColumns, selectLogRows, selectStripRows } from './alerts.selectors';
export type { StripRow } from './alerts.selectors';
export { watchAlertNotices } from './browserNotice';
