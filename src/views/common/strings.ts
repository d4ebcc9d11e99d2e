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
  SupervisorInsightsTeamAverage: 'Team average',
  SupervisorInsightsMe: 'Me',
  SupervisorInsightsStart: 'Start',
  SupervisorInsightsDuration: 'Duration',
  SupervisorInsightsOutcome: 'Outcome',
  SupervisorInsightsTransfers: 'Transfers',
  SupervisorInsightsOpen: 'Open',
} as const;

export type StringKey = keyof typeof STRING_DEFAULTS;
export type Strings = Readonly<Record<string, string>>;

/** Fills `{{name}}` placeholders (Flex's template syntax, without helpers). A missing value stays empty. */
export function fillTemplate(template: string, vars?: Readonly<Record<string, string | number>>): string {
  if (!vars || !template.includes('{{')) return template;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_m, name: string) => (vars[name] === undefined ? '' : String(vars[name])));
}

/** A lookup over Flex's strings with our defaults under them. */
export type Translate = (key: StringKey, vars?: Readonly<Record<string, string | number>>) => string;

export function translator(strings: Strings | undefined): Translate {
  return (key, vars) => {
    const own = strings?.[key];
    return fillTemplate(typeof own === 'string' ? own : STRING_DEFAULTS[key], vars);
  };
}

/** Adds the defaults to Flex's strings, keeping every key the customer already set. */
export function addDefaultStrings(strings: Record<string, string>): void {
  for (const [key, value] of Object.entries(STRING_DEFAULTS)) if (typeof strings[key] !== 'string') strings[key] = value;
}
