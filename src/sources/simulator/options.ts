/**
 * Defaults and validation of simulator options. Errors are RangeErrors with a one-line
 * message, which the CLI prints as is.
 */
import type { ResolvedSimOptions, SimOptions } from './types';
import { DAY } from './tuning';

export const DEFAULT_START = '2026-11-16T00:00:00Z';

export const DEFAULT_SIM_OPTIONS = {
  agents: 40,
  teamSize: 11,
  days: 1,
  seed: 1,
  start: DEFAULT_START,
} as const;

export const MAX_AGENTS = 5000;
export const MAX_DAYS = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

export function parseStart(start: string | number): number {
  if (typeof start === 'number') {
    if (!Number.isFinite(start)) throw new RangeError(`start must be a date, got ${String(start)}`);
    return Math.round(start);
  }
  // A bare date or a time without an offset is read as UTC, so output never depends on the host zone.
  const trimmed = start.trim();
  if (!ISO_DATE.test(trimmed)) throw new RangeError(`start must be an ISO 8601 date-time, got "${start}"`);
  const withZone = /T/.test(trimmed) && !/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const ms = Date.parse(withZone);
  if (!Number.isFinite(ms)) throw new RangeError(`start must be an ISO 8601 date-time, got "${start}"`);
  return ms;
}

export function resolveSimOptions(opts: SimOptions = {}): ResolvedSimOptions {
  const agents = integerIn('agents', opts.agents ?? DEFAULT_SIM_OPTIONS.agents, 1, MAX_AGENTS);
  const teamSize = integerIn('teamSize', opts.teamSize ?? DEFAULT_SIM_OPTIONS.teamSize, 1, MAX_AGENTS);
  const days = integerIn('days', opts.days ?? DEFAULT_SIM_OPTIONS.days, 1, MAX_DAYS);
  const seed = integerIn('seed', opts.seed ?? DEFAULT_SIM_OPTIONS.seed, -2147483648, 4294967295);
  const startMs = parseStart(opts.start ?? DEFAULT_SIM_OPTIONS.start);
  return { agents, teamSize, days, seed, startMs, endMs: startMs + days * DAY };
}
