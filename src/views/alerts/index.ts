export { AlertStrip, STRIP_ROWS_SHOWN } from './AlertStrip';
export type { AlertStripProps } from './AlertStrip';
export { AlertLog, LOG_ROWS_SHOWN } from './AlertLog';
export { LOG_EVENT_LABELS, SEVERITY_WORDS, formatLogTime, groupStripRows, logColumns, selectLogRows, selectStripRows } from './alerts.selectors';
export type { StripGroup, StripRow } from './alerts.selectors';
export { watchAlertNotices } from './browserNotice';
