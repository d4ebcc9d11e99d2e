export { DEFAULT_CONFIG, DEFAULT_SUPPORT_TYPES, configProblems, isValidTimeZone, resolveConfig } from './config';
export type { EngineConfig, PlatformConfig } from './config';
export { NO_TEAM, OTHER_SUPPORT_TYPE, TEAM_ATTRIBUTE_KEYS, normaliseQueueName, platformOf, supportTypeOf, supportTypeResolver, teamOf } from './dimensions';
export { Engine } from './engine';
export type { ActiveEngagement, ConversationRecord, EngineOptions, InputError, InputStats, WaitingSegment } from './engine';
export { PERIOD_DIMENSIONS, REPORT_GROUPINGS, SLICE_DIMENSIONS, SLICE_SEPARATOR, groupingId, splitSlice } from './groupings';
export type { Cell, Grouping, PeriodDimension, SliceDimension } from './groupings';
export type { TimeWindow } from './aggregates';
export type { ActivityInterval } from './activity';
export { anonymousTaskAttributes, taskInfoOf } from './taskInfo';
export type { TaskInfo } from './taskInfo';
export {
  RESERVATION_EVENT_TYPES,
  TASK_EVENT_TYPES,
  TRANSFER_MARK,
  WORKER_EVENT_TYPES,
  compareEvents,
  entityKindOf,
  lifecycleRank,
} from './events';
export type { Attributes, KnownEventType, TrEvent } from './events';
export { applyEvent, createEngineState } from './state';
export type { EngineState } from './state';
export { ingestLine, ingestText, ingestValue, parseForm, parseRecordText, type ParsedText } from './ingest';
export * from './metrics';
export { INVITATION_OUTCOMES, QUEUE_OUTCOMES, deriveTask, invitationOutcome, sortStoredEvents } from './model';
export type { DerivedTask, InvitationOutcome, QueueOutcome, QueueSegment, Reservation, StoredEvent } from './model';
export { EventReader, boundedSet, isOutcome, prepareRecord, recordsOf, toEpochMs } from './readers';
export type { Prepared, ReadOutcome } from './readers';
export { REPORT_INTERVALS, buildReport, reportGroupings, reportWindow } from './report';
export type { AgentReport, Report, ReportInterval } from './report';
export { createCalendar, parseInstant } from './time';
export type { Calendar } from './time';
export { splitByQuarterHour, workload } from './workload';
export type { WorkloadBucket } from './workload';
export { initialsOnly, maskAttributes, maskContactsInText, maskEvent, maskEvents, maskedAuthor, maskingOf, replaceContactsInText, rewriteContacts } from './masking';
export type { ContactMasking, ContactRewrite } from './masking';
export { FLEX_ROLES, INSIGHTS_ROLES, SCOPES, TABS, accessOf, isContactAddress, mayViewAgent, maskContact, maskedName } from './roles';
export type { Access, Scope, Tab, User } from './roles';
export { MAX_URL_LENGTH, SAFE_URL_SCHEMES, safeUrl } from './urlSafety';
export type { SafeUrl } from './urlSafety';
export { CHAT_SID, MAX_MEDIA_ITEMS, MAX_UNSAFE_TEXT, MEDIA_LEVELS, MEDIA_TYPES, firstRawUrl, resolveMedia } from './media';
export type {
  ChatTranscriptMedia,
  EmbeddedMedia,
  LinkMedia,
  MediaItem,
  MediaLevel,
  MediaType,
  RawMedia,
  ReferencedMedia,
  ResolvedMedia,
  UnsafeMedia,
  VoiceRecordingMedia,
} from './media';
export {
  DRILL_DOWN_ACTIONS,
  MAX_DRILL_DOWN_RULES,
  MAX_PATTERN_LENGTH,
  actionFor,
  patternMatches,
  validateRules,
} from './drillDownRules';
export type { DrillDownAction, DrillDownDecision, DrillDownRule, MatchSteps } from './drillDownRules';
export { OTHER_AGENTS, OTHER_TEAMS, createScopeFilter } from './scopeFilter';
export type { ScopeFilter, ScopeFilterOptions } from './scopeFilter';
export {
  DAY_GROUPINGS,
  LIVE_GROUPINGS,
  addDays,
  cellsOver,
  dayOfPeriod,
  daysOf,
  inRange,
  oneDay,
  periodCoverage,
  rangeBounds,
  totalsOver,
  weekUpTo,
} from './days';
export type { CoverageInput, DayLayers, DayPeriod, DayRange, DaySnapshot, HistoryProgress, HistorySupply, PeriodCoverage } from './days';
export { CONVERSATION_OUTCOMES, conversationDetailsOf, conversationOfEvents, conversationRowOf } from './conversations';
export type { ConversationDetail, ConversationOutcome, ConversationRow, ConversationSegment } from './conversations';
export { FIND_LIMIT, conversationIndexOf, findConversations, newestConversationFirst, normalisedName } from './conversationIndex';
export type { ConversationIndex, FindOptions, FoundConversations } from './conversationIndex';
export { agentThen, snapshotOfEngine } from './daySnapshot';
export type { SnapshotOptions } from './daySnapshot';
export { DEFAULT_PADDING_MS, MAX_FOLDER_DAYS, HistoryFolder } from './historyFolder';
export type { HistoryFolderOptions, HistoryFolderStats } from './historyFolder';
export * from './historyProtocol';
export { transferMark, transferMarksOf } from './transferMarks';
export { IDENTIFIER_KINDS, flexIdentityOf, identifierOf, identifiersIn, sidsByKind, taskIdentifiersOf, workerIdentityOf, type Identifier, type IdentifierKind, type SidsByKind } from './identifiers';
export { engaged, readTeamDayCell, teamAccumulatorOf, teamAgentsOf, teamDayCellOf } from './teamAverage';
export type { TeamAverage } from './teamAverage';
export { LOG_PREFIX } from './log';
export {
  DEFAULT_HISTORY_CACHE_DAYS,
  DEFAULT_THRESHOLDS,
  DEFAULT_URGENCY,
  MAX_HISTORY_CACHE_DAYS,
  UI_ATTRIBUTES_KEY,
  THRESHOLD_KEYS,
  resolveHistoryCacheDays,
  resolvePluginConfig,
  resolveThresholds,
  resolveUrgency,
  byUrgency,
  savedStampOf,
  settingsUrlBeside,
  thresholdsFor,
  thresholdsOf,
} from './pluginConfig';
export type { PluginConfig, SavedStamp, SupportTypeThresholds, Threshold, ThresholdKey, Thresholds } from './pluginConfig';
export {
  MAX_ALERT_RULES,
  MAX_SERVICE_LEVEL_SEC,
  MAX_SHORT_ABANDON_SEC,
  SETTINGS_ERROR_CODES,
  SETTINGS_FIELDS,
  SETTINGS_PATH,
  STAMP_FIELDS,
  fieldOf,
  mappingPreview,
  parseSettingsJson,
  settingsJson,
  settingsFunctionProblem,
  settingsOf,
  validateSettings,
} from './settings';
export type { MappingRow, Settings, SettingsCheck, SettingsError, SettingsErrorCode, SettingsField, SettingsFunctionUrls, SettingsProblem, SettingsSaved, StoredSettings } from './settings';
export {
  CONTACT_MODES,
  LAKEHOUSE_MODEL_VERSION,
  LAKEHOUSE_TABLES,
  TABLE_COLUMNS,
  contactPolicy,
  daysCovered,
  eventOfRow,
  eventRow,
  forEachModelRow,
  localColumns,
  nextDayStart,
} from './tableRows';
export type { Column, ColumnType, ContactMode, ContactPolicy, LakehouseTable, Row, RowValue, TableRowsOptions } from './tableRows';
export { ALERT_KINDS, ALERT_SEVERITIES, AlertEvaluator, alertRuleFieldsOf, conditionOf, ruleLabel, subjectLabel, validateAlertRules } from './alerts';
export type { ActiveAlert, AlertFigureField, AlertKind, AlertRule, AlertRuleProblem, AlertSeverity, AlertSubject, AlertSubjectField, AlertTransition, SubjectKind } from './alerts';
export { AlertWatch, changesOf } from './alertWatch';
export type { AlertChanges, GatheredChanges } from './alertWatch';
export {
  AVAILABLE_ACTIVITY,
  DEFAULT_AGENT_LIMITS,
  OFFLINE_ACTIVITY,
  agentCountsOf,
  agentLimitsOf,
  agentsInScope,
  countAgents,
  isAvailable,
  isLoggedIn,
  workersOnContact,
} from './agentStates';
export type { AgentCounts, AgentLimits } from './agentStates';
export { EXPORT_MAX_DAYS, EXPORT_TABLES, exportCellOf, exportColumnsOf, exportContactsOf, exportFetchSpan, exportTablesOf } from './exportTables';
export type { ExportTable, ExportTables } from './exportTables';
