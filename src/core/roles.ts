/**
 * Who may see what: the one place that reads role names. Pure functions from a user's
 * Flex roles (`manager.user.roles`: `agent`, `supervisor`, `admin`, and the Flex Insights
 * `wfo.*` roles) and worker attributes to the tabs, the data scope, export and unmasked
 * customer contacts. The views and the store ask here; nothing else checks a role string.
 */

export const FLEX_ROLES = ['agent', 'supervisor', 'admin'] as const;
export const INSIGHTS_ROLES = [
  'wfo.full_access',
  'wfo.team_leader',
  'wfo.data_analyst',
  'wfo.data_auditor',
  'wfo.quality_manager',
  'wfo.quality_process_manager',
  'wfo.dashboard_viewer',
] as const;

export const TABS = ['now', 'overview', 'queues', 'agents', 'conversations', 'myStats', 'export', 'settings'] as const;
export type Tab = (typeof TABS)[number];

/** Whose rows a session may compute and render. */
export const SCOPES = ['all', 'team', 'self', 'none'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Access {
  readonly tabs: readonly Tab[];
  readonly scope: Scope;
  /** For scope `team`: the team; for `self`: the worker sid. */
  readonly team?: string;
  readonly workerSid?: string;
  readonly mayExport: boolean;
  /** Customer phone numbers and emails in clear (otherwise masked, HIPAA). */
  readonly seesContacts: boolean;
  readonly mayEditSettings: boolean;
}

export interface User {
  readonly roles: readonly string[];
  readonly workerSid?: string;
  /** The worker's team attribute, for team leaders limited to their team. */
  readonly team?: string;
}

const DASHBOARDS: readonly Tab[] = ['now', 'overview', 'queues', 'agents', 'conversations'];

/**
 * The access of a user. Roles add up (the widest scope wins); an unknown role grants
 * nothing. A team leader without a team attribute falls back to their own numbers, never
 * to everyone's.
 *
 * Dashboards are Now (first: the live picture), Overview, Queues, Agents & teams and
 * Conversations.
 *
 * | roles | tabs | scope | export, contacts | settings |
 * |---|---|---|---|---|
 * | admin | all | all | yes | yes |
 * | wfo.full_access | dashboards, my stats, export | all | yes | no |
 * | wfo.data_analyst, wfo.data_auditor | dashboards, my stats, export | all | yes | no |
 * | supervisor | dashboards, my stats | all | no | no |
 * | wfo.dashboard_viewer, wfo.quality_manager, wfo.quality_process_manager | dashboards, my stats | all | no | no |
 * | wfo.team_leader | dashboards, my stats | own team | no | no |
 * | agent | my stats | self | no | no |
 */
export function accessOf(user: User): Access {
  const roles = new Set(user.roles);
  const has = (...names: string[]): boolean => names.some((n) => roles.has(n));
  const admin = has('admin');
  const exporter = admin || has('wfo.full_access', 'wfo.data_analyst', 'wfo.data_auditor');
  const seesAll = exporter || has('supervisor', 'wfo.dashboard_viewer', 'wfo.quality_manager', 'wfo.quality_process_manager');
  const teamLeader = has('wfo.team_leader');
  const agent = has('agent');

  let scope: Scope = 'none';
  if (seesAll) scope = 'all';
  else if (teamLeader && user.team) scope = 'team';
  else if ((teamLeader || agent) && user.workerSid) scope = 'self';

  const tabs: Tab[] = [];
  if (scope === 'all' || scope === 'team') tabs.push(...DASHBOARDS);
  if (user.workerSid && scope !== 'none') tabs.push('myStats');
  if (exporter) tabs.push('export');
  if (admin) tabs.push('settings');

  return {
    tabs,
    scope,
    team: scope === 'team' ? user.team : undefined,
    workerSid: scope === 'self' ? user.workerSid : undefined,
    mayExport: exporter,
    seesContacts: exporter,
    mayEditSettings: admin,
  };
}

/** May this access see the numbers of this agent (by sid and team)? */
export function mayViewAgent(access: Access, agent: { sid: string; team?: string }): boolean {
  switch (access.scope) {
    case 'all':
      return true;
    case 'team':
      return agent.team !== undefined && agent.team === access.team;
    case 'self':
      return agent.sid === access.workerSid;
    case 'none':
      return false;
  }
}

/** What `maskContact` makes of a number: three dots and at most the last two digits. */
const MASKED_NUMBER = /^•••\d{0,2}$/;

/** A phone number or email as this access may see it: kept, or masked to its last characters; a masked one stays as it is. */
export function maskContact(access: Access, contact: string | undefined): string | undefined {
  if (contact === undefined || access.seesContacts) return contact;
  // Already masked (a row read back from the cache, masked when it was written): kept, so
  // masking twice gives what masking once gave (`•••67`, not `•••`).
  if (MASKED_NUMBER.test(contact)) return contact;
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}•••${contact.slice(at)}`;
  const digits = contact.replace(/\D/g, '');
  return digits.length >= 4 ? `•••${digits.slice(-2)}` : '•••';
}

/** A name that is really a phone number or an email (`from` stands in for the name) is masked like one. */
const LOOKS_LIKE_CONTACT = /@|^[+\d\s().-]{6,}$/;
/** The channel scheme Flex puts before an address (`whatsapp:+1555…`, `sms:+44…`, `tel:…`). */
const CHANNEL_SCHEME = /^[a-z][a-z0-9+.-]*:(?=[+\d\s(])/i;
/** A phone number inside a longer name: a run of digits and separators (six digits or more are masked). */
const NUMBER_IN_NAME = /\+?\d[\d\s().-]*\d/g;
const MIN_PHONE_DIGITS = 6;

/**
 * Whether a text is itself a phone number or an email (with or without a channel scheme:
 * `whatsapp:+15551234567`, `sms:+44…`, `+61 412 345 678`, `jane@example.org`), not a name
 * or an identity. Edge cases: blank text is not; a name carrying a number
 * (`John Smith (+1 555 123 4567)`) is not.
 */
export function isContactAddress(text: string): boolean {
  const bare = text.trim().replace(CHANNEL_SCHEME, '');
  return bare !== '' && LOOKS_LIKE_CONTACT.test(bare);
}

/**
 * A customer's name for this access: masked as a contact when it is the contact or looks
 * like one (with or without a channel scheme: `whatsapp:+15551234567`); a name that
 * carries a phone number (`John Smith (+1 555 123 4567)`) keeps its words and loses the
 * number's digits. Short numbers in a name (`Flat 12`) stay.
 */
export function maskedName(access: Access, name: string | undefined, contact: string | undefined): string | undefined {
  if (name === undefined || access.seesContacts) return name;
  const bare = name.replace(CHANNEL_SCHEME, '');
  if (name === contact || LOOKS_LIKE_CONTACT.test(bare)) return maskContact(access, bare);
  return name.replace(NUMBER_IN_NAME, (run) => (run.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? (maskContact(access, run) as string) : run));
}
