import type { EngineConfig } from './config';

export const OTHER_SUPPORT_TYPE = 'other';
export const NO_TEAM = '(no team)';

/** `DIGI Technical-Support` → `digi_technical_support`: the form support-type patterns match. */
export function normaliseQueueName(name: string): string {
  return name.toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * A function from queue name to support type for one support-type map: the type whose
 * pattern is the longest substring of the normalised name (so `DIGI Technical Support`
 * is `technical_support`, not `support`); `other` when none matches or the queue is unknown.
 * Ties in length go to the type listed first. Results are cached per queue name.
 */
export function supportTypeResolver(map: EngineConfig['supportTypes']): (queueName: string | undefined) => string {
  const patterns: { type: string; pattern: string }[] = [];
  for (const [type, list] of Object.entries(map)) {
    for (const p of list) {
      const pattern = normaliseQueueName(p);
      if (pattern !== '') patterns.push({ type, pattern });
    }
  }
  const cache = new Map<string, string>();
  return (queueName) => {
    if (queueName === undefined || queueName === '') return OTHER_SUPPORT_TYPE;
    let hit = cache.get(queueName);
    if (hit === undefined) {
      const name = normaliseQueueName(queueName);
      let best = '';
      hit = OTHER_SUPPORT_TYPE;
      for (const { type, pattern } of patterns) {
        if (pattern.length > best.length && name.includes(pattern)) {
          best = pattern;
          hit = type;
        }
      }
      cache.set(queueName, hit);
    }
    return hit;
  };
}

/** Platform of a TaskRouter channel: the config's `byChannel` entry, else its default. */
const resolvers = new WeakMap<EngineConfig, (queue: string | undefined) => string>();

/** The support type of a queue under a config (one resolver per config object, built once). */
export function supportTypeOf(config: EngineConfig, queue: string | undefined): string {
  let resolve = resolvers.get(config);
  if (!resolve) resolvers.set(config, (resolve = supportTypeResolver(config.supportTypes)));
  return resolve(queue);
}

export function platformOf(channel: string | undefined, platforms: EngineConfig['platforms']): string {
  if (channel !== undefined && Object.prototype.hasOwnProperty.call(platforms.byChannel, channel)) {
    return platforms.byChannel[channel];
  }
  return platforms.default;
}

/** The worker attributes that name a worker's team, in the order `teamOf` reads them. */
export const TEAM_ATTRIBUTE_KEYS = ['team', 'team_name', 'agent_team'] as const;

/** Team from worker attributes (`team`, then `team_name`, then `agent_team`), or `(no team)`. */
export function teamOf(attributes: Readonly<Record<string, unknown>> | undefined): string {
  if (!attributes) return NO_TEAM;
  for (const key of TEAM_ATTRIBUTE_KEYS) {
    const v = attributes[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return NO_TEAM;
}
