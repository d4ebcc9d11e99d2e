/**
 * The fixed shape of the simulated contact centre: workspace, channels, queues and
 * activities. Sids derive from names only, so every seed shares them and a sandbox or a
 * test can refer to a queue by sid without running the simulator first.
 */
import { stableSid } from './prng';

export const PLATFORMS = ['CISS', 'DIGI'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** An agent works one platform or both. */
export const AGENT_PLATFORMS = ['CISS', 'DIGI', 'BOTH'] as const;
export type AgentPlatform = (typeof AGENT_PLATFORMS)[number];

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  CISS: 'CISS Central',
  DIGI: 'DIGI Central',
};

export const CHANNELS = ['voice', 'chat', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_PLATFORM: Readonly<Record<Channel, Platform>> = {
  voice: 'CISS',
  chat: 'DIGI',
  sms: 'DIGI',
};

export const SUPPORT_TYPES = [
  'check_in',
  'check_out',
  'safety',
  'support',
  'debrief',
  'imminent',
  'technical_support',
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

export const SUPPORT_TYPE_LABELS: Readonly<Record<SupportType, string>> = {
  check_in: 'Check In',
  check_out: 'Check Out',
  safety: 'Safety',
  support: 'Support',
  debrief: 'Debrief',
  imminent: 'Imminent',
  technical_support: 'Technical Support',
};

/** Technical support is a digital-only service. */
export const PLATFORM_SUPPORT_TYPES: Readonly<Record<Platform, readonly SupportType[]>> = {
  CISS: SUPPORT_TYPES.filter((t) => t !== 'technical_support'),
  DIGI: SUPPORT_TYPES,
};

export const ACTIVITIES = ['Offline', 'Available', 'Unavailable', 'Break', 'Lunch', 'Training'] as const;
export type ActivityName = (typeof ACTIVITIES)[number];

export interface QueueDef {
  readonly sid: string;
  readonly name: string;
  readonly platform: Platform;
  readonly supportType: SupportType;
}

export interface Workspace {
  readonly accountSid: string;
  readonly workspaceSid: string;
  readonly workspaceName: string;
  readonly workflowSid: string;
  readonly workflowName: string;
}

export const WORKSPACE: Workspace = {
  accountSid: stableSid('AC', 'account'),
  workspaceSid: stableSid('WS', 'workspace'),
  workspaceName: 'Crisis Line',
  workflowSid: stableSid('WW', 'workflow:Crisis Line Routing'),
  workflowName: 'Crisis Line Routing',
};

export const CHANNEL_SIDS: Readonly<Record<Channel, string>> = {
  voice: stableSid('TC', 'channel:voice'),
  chat: stableSid('TC', 'channel:chat'),
  sms: stableSid('TC', 'channel:sms'),
};

export const ACTIVITY_SIDS: Readonly<Record<ActivityName, string>> = {
  Offline: stableSid('WA', 'activity:Offline'),
  Available: stableSid('WA', 'activity:Available'),
  Unavailable: stableSid('WA', 'activity:Unavailable'),
  Break: stableSid('WA', 'activity:Break'),
  Lunch: stableSid('WA', 'activity:Lunch'),
  Training: stableSid('WA', 'activity:Training'),
};

/** Whether TaskRouter may offer work in this activity. */
export const ACTIVITY_AVAILABLE: Readonly<Record<ActivityName, boolean>> = {
  Offline: false,
  Available: true,
  Unavailable: false,
  Break: false,
  Lunch: false,
  Training: false,
};

function queueDef(platform: Platform, supportType: SupportType): QueueDef {
  const name = `${platform} ${SUPPORT_TYPE_LABELS[supportType]}`;
  return { sid: stableSid('WQ', `queue:${name}`), name, platform, supportType };
}

/** The 13 queues: six support types on CISS, seven on DIGI. */
export const QUEUES: readonly QueueDef[] = PLATFORMS.flatMap((p) => PLATFORM_SUPPORT_TYPES[p].map((t) => queueDef(p, t)));

const QUEUE_INDEX = new Map<string, QueueDef>(QUEUES.map((q) => [`${q.platform}:${q.supportType}`, q]));

/** The queue of a support type on a platform; undefined for technical support on CISS. */
export function findQueue(platform: Platform, supportType: SupportType): QueueDef | undefined {
  return QUEUE_INDEX.get(`${platform}:${supportType}`);
}

export function queueFor(platform: Platform, supportType: SupportType): QueueDef {
  const q = findQueue(platform, supportType);
  if (!q) throw new RangeError(`no ${supportType} queue on ${platform}`);
  return q;
}

/** Agent platform → the platforms that agent can take work from. */
export function servesPlatform(agentPlatform: AgentPlatform, platform: Platform): boolean {
  return agentPlatform === 'BOTH' || agentPlatform === platform;
}
