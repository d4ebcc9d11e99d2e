// Default configuration of the Supervisor Insights plugin (CommonJS on purpose).
module.exports = {
  // IANA time zone used to bucket intervals (hours, days) in reports.
  timeZone: 'UTC',

  // A call answered within this many seconds counts towards the service level.
  serviceLevelSec: 60,

  // A call abandoned within this many seconds is a short abandon (excluded from abandon rates).
  shortAbandonSec: 5,

  // How long (ms) out-of-order events are held back and re-sorted before they are final.
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

  // Amber / red thresholds for the live tiles (used by later work).
  thresholds: {
    waitingNow: { amber: 3, red: 6 }, // contacts waiting right now
    longestWaitSec: { amber: 60, red: 180 }, // longest current wait, in seconds
    serviceLevel: { amber: 0.8, red: 0.6 }, // fraction answered within serviceLevelSec (lower is worse)
  },

  // Which roles see which queues / support types. Placeholder: filled by later work.
  roleScopes: {},

  // Rules for drilling down from a report cell to its contacts. Placeholder: filled by later work.
  drillDownRules: [],
};
