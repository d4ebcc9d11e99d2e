// Default configuration of the Supervisor Insights plugin (CommonJS on purpose).
module.exports = {
  // IANA time zone for days, ISO weeks, months and 15/30/60-minute intervals.
  timeZone: 'UTC',

  // A contact accepted within this many seconds (at most) meets the service level.
  serviceLevelSec: 60,

  // A customer who leaves within this many seconds is a short abandon: still abandoned,
  // but left out of the service level's denominator.
  shortAbandonSec: 5,

  // How late (ms) an event may arrive. The engine's result never depends on arrival order;
  // live sources use this to decide how long to wait for stragglers.
  reorderWindowMs: 300000,

  // Support type -> queue-name patterns. A queue belongs to a support type when its name,
  // lower-cased with spaces and dashes turned into '_', contains one of the patterns;
  // the longest matching pattern wins; a queue matching none is 'other'.
  supportTypes: {
    check_in: ['check_in'],
    check_out: ['check_out'],
    safety: ['safety'],
    support: ['support'],
    debrief: ['debrief'],
    imminent: ['imminent'],
    technical_support: ['technical_support'],
  },

  // Platform a contact is reported under: `byChannel` by task channel, else `default`.
  platforms: {
    default: 'DIGI Central',
    byChannel: { voice: 'CISS Central' },
  },

  // Support types most urgent first: the Now tab lists them in this order, the others
  // follow in supportTypes order.
  urgency: ['imminent', 'safety'],

  // Amber / red thresholds for the live tiles (used by later work).
  thresholds: {
    waitingNow: { amber: 3, red: 6 }, // contacts waiting right now
    longestWaitSec: { amber: 60, red: 180 }, // longest current wait, in seconds
    serviceLevel: { amber: 0.8, red: 0.6 }, // fraction answered within serviceLevelSec (lower is worse)
  },

  // Which roles see which data scope (all, own team, self). Placeholder: filled by the plugin shell work.
  roleScopes: {},

  // URL of the history function (serverless/, `POST .../insights-history`) that serves up to
  // 30 days of TaskRouter events for the signed-in user's scope. Empty: no history, the
  // dashboards show live data only and say so.
  historyUrl: '',

  // Past days of history the browser keeps (IndexedDB), masked for the user's role and
  // deleted on logout, on a change of roles and when another user opens Insights in the
  // same browser. 0: no browser cache at all (every open fetches again); at most 31.
  historyCacheDays: 7,

  // Live alert rules (docs/model.md "Alerts"). Kinds: contactWait {supportType?, seconds},
  // waitingCount {queue? | supportType?, count}, serviceLevel {queue? | platform?, below},
  // noAgentAvailable {platform? | supportType?}, agentActivity {activity, minutes},
  // agentWrapup {minutes}, agentRona {count} (in the last hour). Each has an id, a severity
  // (info, warning, error), holdSec (held this long before it raises) and clearSec (false
  // this long before it clears). `ui_attributes.supervisorInsights.alertRules` replaces the list.
  alertRules: [
    { id: 'imminent-wait', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
    { id: 'safety-wait', kind: 'contactWait', supportType: 'safety', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
    { id: 'queue-backlog', kind: 'waitingCount', count: 6, severity: 'warning', holdSec: 30, clearSec: 60 },
    { id: 'service-level', kind: 'serviceLevel', below: 0.6, severity: 'warning', holdSec: 300, clearSec: 300 },
    { id: 'nobody-available', kind: 'noAgentAvailable', severity: 'error', holdSec: 30, clearSec: 30 },
    { id: 'long-break', kind: 'agentActivity', activity: 'Break', minutes: 30, severity: 'info', holdSec: 0, clearSec: 0 },
    { id: 'long-wrapup', kind: 'agentWrapup', minutes: 10, severity: 'info', holdSec: 0, clearSec: 0 },
    { id: 'rona', kind: 'agentRona', count: 3, severity: 'warning', holdSec: 0, clearSec: 0 },
  ],

  // Ordered drill-down rules (URL pattern -> open in the screen, a new tab, or Flex's own
  // handler). Placeholder: filled by the drill-down work.
  drillDownRules: [],
};
