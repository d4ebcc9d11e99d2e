/**
 * Every label the dashboards show, as Flex string templates. Flex keeps its strings in
 * `manager.strings`; the plugin adds these defaults there (without overwriting a key a
 * customer already set), so renaming "ISS" or "Support type" is one entry in
 * `manager.strings`. Templates use Flex's `{{name}}` placeholders.
 */

export const STRING_DEFAULTS = {
  SupervisorInsightsTitle: 'Insights',
  SupervisorInsightsCustomer: 'CS',
  SupervisorInsightsAgent: 'ISS',
  SupervisorInsightsAgents: 'ISS',
  SupervisorInsightsTeam: 'Team',
  SupervisorInsightsSupportType: 'Support type',
  SupervisorInsightsPlatform: 'Platform',
  SupervisorInsightsQueue: 'Queue',
  SupervisorInsightsAllPlatforms: 'All platforms',
  SupervisorInsightsSideBySide: 'Side by side',
  SupervisorInsightsConversations: 'Conversations',
  SupervisorInsightsHandled: 'Handled',
  SupervisorInsightsAbandoned: 'Abandoned',
  SupervisorInsightsAbandonedPct: 'Abandoned %',
  SupervisorInsightsAvgHandle: 'Avg handle',
  SupervisorInsightsAvgWait: 'ASA',
  SupervisorInsightsServiceLevel: 'SLA',
  SupervisorInsightsRonaPct: 'RONA %',
  SupervisorInsightsRejectPct: 'Reject %',
  SupervisorInsightsTransferPct: 'Transfer %',
  SupervisorInsightsLoggedStatus: 'Logged status',
  SupervisorInsightsActivity: 'Activity',
  SupervisorInsightsInActivityFor: '{{activity}} for {{duration}}',
  SupervisorInsightsWaitingNow: 'Waiting now',
  SupervisorInsightsLongestWait: 'Longest wait',
  SupervisorInsightsActive: 'Active',
  SupervisorInsightsAgentsAvailable: 'Available',
  SupervisorInsightsPeriod: 'Period',
  SupervisorInsightsToday: 'Today',
  SupervisorInsightsThisWeek: 'This week',
  SupervisorInsightsThisMonth: 'This month',
  SupervisorInsightsRange: 'Date range',
  SupervisorInsightsFrom: 'From',
  SupervisorInsightsTo: 'To',
  SupervisorInsightsInterval: 'Trend by',
  SupervisorInsightsPerDay: 'Day',
  SupervisorInsightsPerMinutes: '{{minutes}} minutes',
  SupervisorInsightsTotal: 'Total',
  SupervisorInsightsSearch: 'Search',
  SupervisorInsightsFilterByName: 'Filter by name',
  SupervisorInsightsAll: 'All',
  SupervisorInsightsDownloadCsv: 'Download CSV',
  SupervisorInsightsLoading: 'Loading…',
  SupervisorInsightsNoData: 'Nothing counted for this selection yet.',
  SupervisorInsightsLiveFailed: 'Live data failed: {{error}}',
  SupervisorInsightsMyStats: 'My stats',
  SupervisorInsightsQueuesSummary: 'All queues now',
  SupervisorInsightsStatusLegend: 'Status',
  SupervisorInsightsStatusGreen: 'OK',
  SupervisorInsightsStatusAmber: 'Watch',
  SupervisorInsightsStatusRed: 'Act',
  SupervisorInsightsStatusLegendDetail: 'Amber from {{waitingAmber}} waiting, a {{waitAmber}} wait or an SLA under {{slaAmber}}; red from {{waitingRed}}, {{waitRed}} or under {{slaRed}}.',
  SupervisorInsightsNoQueues: 'No queue has had a contact today and nobody is waiting.',
  SupervisorInsightsTodayShort: 'Today',
  SupervisorInsightsAvailableOf: '{{available}} of {{loggedIn}} logged in',
  SupervisorInsightsAvailableNote: 'Counted once for all queues: TaskRouter places agents in queues by expressions the live data does not carry.',
  SupervisorInsightsAvailableTeamNote: 'Your team only. Counted once for all queues.',
  SupervisorInsightsMyHandledToday: 'My handled today',
  SupervisorInsightsMyFigures: 'My figures',
  SupervisorInsightsLoggedStatusToday: 'Logged status today',
  SupervisorInsightsTeamAverageOf: 'Average of {{team}}, per ISS who took or were offered contacts: {{today}} today, {{agents}} this week; rates are the team’s own.',
  SupervisorInsightsTeamAverageNoTeam: 'No team average: your profile has no team.',
  SupervisorInsightsTeamAverageNotYet: 'No team average yet: nothing of your team has been seen in this session.',
  SupervisorInsightsTeamAverageAsOf: 'Team figures as of {{time}}, from history as totals: nobody’s individual numbers reach this browser.',
  SupervisorInsightsTeamAverageStale: 'The last refresh failed ({{problem}}); showing the figures as of {{time}}.',
  SupervisorInsightsTeamAverageLoading: 'Loading your team’s average…',
  SupervisorInsightsTeamAverageNeedsHistory: 'No team average: it comes from the history function, and none is configured (historyUrl).',
  SupervisorInsightsTeamAverageFailed: 'No team average: the history function did not answer ({{problem}}). It is asked again every 5 minutes.',
  SupervisorInsightsNoWorker: 'You are not an ISS in this workspace, so there are no own figures to show.',
  SupervisorInsightsNoActivityYet: 'No activity recorded today yet.',
  SupervisorInsightsTeamAverage: 'Team average',
  SupervisorInsightsMe: 'Me',
  SupervisorInsightsStart: 'Start',
  SupervisorInsightsDuration: 'Duration',
  SupervisorInsightsOutcome: 'Outcome',
  SupervisorInsightsTransfers: 'Transfers',
  SupervisorInsightsOpen: 'Open',
  SupervisorInsightsOffered: 'Offered',
  SupervisorInsightsOverviewKpis: 'Key figures',
  SupervisorInsightsBySupportType: 'By support type',
  SupervisorInsightsTrend: 'Trend',
  SupervisorInsightsTrendAsTable: 'Trend as a table',
  SupervisorInsightsCountedOnce: 'A conversation transferred between support types counts in each of them, and once in the total.',
  SupervisorInsightsConversationId: 'Conversation sid',
  SupervisorInsightsTaskSids: 'Task sids',
  // The conversation screen (src/views/drilldown/): CS and ISS are the two labels above.
  SupervisorInsightsBackToInsights: 'Back to Insights',
  SupervisorInsightsUnknownCustomer: 'Unknown customer',
  SupervisorInsightsNone: 'None',
  SupervisorInsightsOtherAgents: 'ISS outside your team',
  SupervisorInsightsOngoing: 'ongoing',
  SupervisorInsightsNow: 'now',
  SupervisorInsightsTimeline: 'Timeline',
  SupervisorInsightsTimelineWait: 'Waited in {{queue}} ({{supportType}}), {{from}} – {{to}}, {{duration}}',
  SupervisorInsightsTimelineWaitOutcome: 'Waited in {{queue}} ({{supportType}}), {{from}} – {{to}}, {{duration}}: {{outcome}}',
  SupervisorInsightsTimelineEngagement: '{{agent}} in {{queue}} ({{supportType}}), {{from}} – {{to}}, {{duration}}',
  SupervisorInsightsUnknownAgent: 'Unknown ISS',
  SupervisorInsightsIdentifiers: 'Identifiers',
  SupervisorInsightsReservationSids: 'Reservation sids',
  SupervisorInsightsChatSids: 'Chat sids',
  SupervisorInsightsCallSids: 'Call sids',
  SupervisorInsightsCopy: 'Copy',
  SupervisorInsightsCopyLabel: 'Copy {{sid}}',
  SupervisorInsightsCopied: 'Copied',
  SupervisorInsightsCopyUnavailable: 'The clipboard is not available here: the sid is selected, copy it with Ctrl+C (⌘C on a Mac).',
  SupervisorInsightsMedia: 'Media',
  SupervisorInsightsNoMedia: 'No media for this conversation.',
  SupervisorInsightsMediaProblems: 'Some media entries could not be shown:',
  SupervisorInsightsMediaLink: 'Link {{n}}',
  SupervisorInsightsMediaPage: 'Page {{n}}',
  SupervisorInsightsMediaRecording: 'Recording {{n}}',
  SupervisorInsightsMediaTranscript: 'Transcript {{n}}',
  SupervisorInsightsMediaRefused: 'Refused link {{n}}',
  SupervisorInsightsMediaNotOpened: '{{label}}: this {{type}} link was not opened ({{reason}}).',
  SupervisorInsightsRecordingStarts: 'Starts {{time}}',
  SupervisorInsightsRecordingChannels: 'Channels: {{channels}}',
  SupervisorInsightsRecordingNotPlayed: '(only the first recording plays here)',
  SupervisorInsightsTranscript: 'Chat transcript',
  SupervisorInsightsTranscriptLoading: 'Loading the transcript…',
  SupervisorInsightsTranscriptNoClient: 'The transcript cannot be loaded: the Conversations client is not available.',
  SupervisorInsightsTranscriptNotFound: 'This chat can no longer be read: its conversation was closed and removed from Twilio Conversations, or never existed in this account.',
  SupervisorInsightsTranscriptForbidden: 'You have no access to this chat’s transcript: Twilio Conversations does not let your Flex user read this conversation.',
  SupervisorInsightsTranscriptFailed: 'The transcript could not be loaded: {{error}}',
  SupervisorInsightsTranscriptFailedUnknown: 'The transcript could not be loaded.',
  SupervisorInsightsMessages: 'Messages',
  SupervisorInsightsNoMessages: 'No messages',
  SupervisorInsightsNoMessagesInPage: 'No messages in this page',
  SupervisorInsightsMessagesShown: 'Messages {{from}}–{{to}} of {{loaded}} loaded',
  SupervisorInsightsShowEarlier: 'Show earlier messages',
  SupervisorInsightsLoadEarlier: 'Load earlier messages',
  SupervisorInsightsLoadingEarlier: 'Loading earlier messages…',
  SupervisorInsightsShowLater: 'Show later messages',
  SupervisorInsightsUnknownAuthor: 'Unknown author',
  SupervisorInsightsSystemAuthor: 'System',
  SupervisorInsightsAttachmentNotOpened: '{{label}} not opened ({{reason}}): {{text}}',
  SupervisorInsightsConversationList: 'Conversation list',
  SupervisorInsightsSearchConversations: 'Search by name or sid',
  SupervisorInsightsOpenConversation: 'Open conversation with {{name}}',
  SupervisorInsightsConversationCount: '{{shown}} of {{total}} conversations',
  SupervisorInsightsNoConversations: 'No conversations in this period yet.',
  SupervisorInsightsNoConversationsMatch: 'No conversations match these filters.',
  SupervisorInsightsOutcomeWaiting: 'Waiting',
  SupervisorInsightsOutcomeInProgress: 'In progress',
  SupervisorInsightsOutcomeTimedOut: 'Timed out',
  SupervisorInsightsOutcomeEnded: 'Ended',
  SupervisorInsightsAgentsTable: 'ISS and teams',
  SupervisorInsightsAgentsAvailableOfTotal: 'available of {{total}} agents',
  SupervisorInsightsAgentsShown: '{{shown}} of {{total}} ISS shown',
  SupervisorInsightsAgentsNoneMatch: 'No agents match',
  SupervisorInsightsAgentsNone: 'No ISS with activity or contacts in this period yet.',
  SupervisorInsightsAllTeams: 'All teams',
  SupervisorInsightsAllSupportTypes: 'All support types',
  SupervisorInsightsGroupByTeam: 'Group by team',
  SupervisorInsightsActivityNow: '{{activity}} · {{duration}}',
  SupervisorInsightsTeamAvailableNow: '{{available}} of {{total}} available',
  SupervisorInsightsTeamMembers: '{{count}} ISS',
  SupervisorInsightsRow: 'Row',
  SupervisorInsightsLoggedStatusOf: 'Logged status: {{shares}}',
  SupervisorInsightsLoggedStatusNote: 'Logged status: share of logged-in time per activity (Offline left out).',
  SupervisorInsightsLoggedInTime: 'Logged in',
  SupervisorInsightsTimeInActivity: 'Time in activity',
  // Opening a conversation the live data does not hold, and finding one.
  SupervisorInsightsLookupSearching: 'Looking for this conversation in the last 30 days…',
  SupervisorInsightsLookupSearchedBack: 'Looking for this conversation: searched back to {{date}}…',
  SupervisorInsightsLookupForbidden: 'That conversation is not yours to open.',
  SupervisorInsightsLookupNotFound: 'No conversation with {{id}} in the last 30 days.',
  SupervisorInsightsLookupUnavailable: 'That conversation is not in the live data, and history is not set up, so it cannot be opened here.',
  SupervisorInsightsLookupFailed: 'The conversation could not be loaded: {{error}}',
  SupervisorInsightsLookupBack: 'Back to Insights',
  SupervisorInsightsFind: 'Find a conversation',
  SupervisorInsightsFindHint: 'A task, reservation, conversation or call sid, or a CS name',
  SupervisorInsightsFindButton: 'Find',
  SupervisorInsightsFindClear: 'Clear',
  SupervisorInsightsFindResults: '{{count}} conversations match “{{query}}” in the days loaded',
  SupervisorInsightsFindMore: 'The first {{shown}} of {{count}} conversations matching “{{query}}” in the days loaded',
  SupervisorInsightsFindNone: 'No conversation in the days loaded matches “{{query}}”.',
  SupervisorInsightsFindSid: 'Opening {{id}}…',
  // Issue 16, periods and fit: presets, the per-tab period line, days not held, user wording.
  SupervisorInsightsYesterday: 'Yesterday',
  SupervisorInsightsLastWeek: 'Last week',
  SupervisorInsightsLastMonth: 'Last month',
  SupervisorInsightsPeriodDay: '{{period}}, {{day}}',
  SupervisorInsightsPeriodDays: '{{period}}, {{from}} to {{to}}',
  SupervisorInsightsAsOf: 'as of {{time}}',
  SupervisorInsightsDaysLoading: '{{count}} days still loading',
  SupervisorInsightsDayLoading: '1 day still loading',
  SupervisorInsightsTodayLoading: "today's history still loading",
  SupervisorInsightsDaysTooOld: '{{count}} days are older than the {{retention}} days history keeps',
  SupervisorInsightsDayTooOld: '1 day is older than the {{retention}} days history keeps',
  SupervisorInsightsDaysNoHistory: '{{count}} days cannot be shown: history is not set up for this account',
  SupervisorInsightsDayNoHistory: '1 day cannot be shown: history is not set up for this account',
  SupervisorInsightsDaysFailed: '{{count}} days could not be loaded',
  SupervisorInsightsDayFailed: '1 day could not be loaded',
  SupervisorInsightsFiguresCover: 'the figures are of {{from}} to {{to}} only',
  SupervisorInsightsFiguresCoverDay: 'the figures are of {{day}} only',
  SupervisorInsightsNoDaysHeld: 'No figures for this period: none of its days can be shown.',
  SupervisorInsightsTableWaits: 'The table fills in once every day of the period is loaded.',
  SupervisorInsightsGapLoading: 'still loading',
  SupervisorInsightsGapTooOld: 'older than history keeps',
  SupervisorInsightsGapUnavailable: 'not available',
  SupervisorInsightsTimesIn: 'Times in {{zone}}',
  SupervisorInsightsPeriodShown: 'Period shown',
} as const;

export type StringKey = keyof typeof STRING_DEFAULTS;
export type Strings = Readonly<Record<string, string>>;

/** Fills `{{name}}` placeholders (Flex's template syntax, without helpers). A missing value stays empty. */
export function fillTemplate(template: string, vars?: Readonly<Record<string, string | number>>): string {
  if (!vars || !template.includes('{{')) return template;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_m, name: string) => (vars[name] === undefined ? '' : String(vars[name])));
}

/** A lookup over Flex's strings with our defaults under them. */
export interface Translate {
  (key: StringKey, vars?: Readonly<Record<string, string | number>>): string;
  /**
   * A support type as people read it: the Flex string `SupervisorInsightsSupportType_<key>`
   * when the customer set one, else the config key in words (`check_in` → `Check in`).
   */
  supportType(type: string): string;
}

/** `check_in` → `Check in`. */
export function humanise(key: string): string {
  const words = key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function translator(strings: Strings | undefined): Translate {
  const t = (key: StringKey, vars?: Readonly<Record<string, string | number>>): string => {
    const own = strings?.[key];
    return fillTemplate(typeof own === 'string' ? own : STRING_DEFAULTS[key], vars);
  };
  return Object.assign(t, {
    supportType(type: string): string {
      const own = strings?.[`SupervisorInsightsSupportType_${type}`];
      return typeof own === 'string' ? own : humanise(type);
    },
  });
}

/** Adds the defaults to Flex's strings, keeping every key the customer already set. */
export function addDefaultStrings(strings: Record<string, string>): void {
  for (const [key, value] of Object.entries(STRING_DEFAULTS)) if (typeof strings[key] !== 'string') strings[key] = value;
}
