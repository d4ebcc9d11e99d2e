/**
 * What the sandbox page and its history function (`historyServer.ts`) agree on: the run
 * the function simulates (in the history URL's query) and the sandbox's sign-in token.
 *
 * The token is sandbox-only: `sandbox.<persona>.<worker sid>`, unsigned, read by the
 * sandbox's token validator in place of Twilio's. It proves nothing and must never be
 * accepted outside the sandbox (the real function validates Flex tokens with Twilio).
 */
import { HISTORY_PATH } from '../../core';
import type { SimOptions } from '../../sources/simulator';
import { PERSONAS, type PersonaId } from '../personas';

const DAY_MS = 86_400_000;

/** The simulator options of the sandbox's run: the page and its history function must agree. */
export function sandboxRun(agents: number, seed: number, todayStartMs: number, historyDays: number, teamSize?: number): SandboxRun {
  return { agents, seed, start: todayStartMs - historyDays * DAY_MS, days: historyDays + 2, ...(teamSize !== undefined ? { teamSize } : {}) };
}

/** The run a page opened at `nowMs` with no other parameters uses (40 agents, seed 1), for warming up. */
export function defaultSandboxRun(nowMs: number): SandboxRun {
  const d = new Date(nowMs);
  const agents = 40;
  return sandboxRun(agents, 1, Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), historyDaysFor(agents, null));
}

/**
 * The instant `?now=` (the page) or `SANDBOX_NOW` (the dev server's warm-up) pins the
 * simulated clock to, or undefined for none. Only an ISO instant with `Z` or an offset is
 * taken: a local time would be read in the browser's zone by one and in Node's by the
 * other, and the two would simulate different runs.
 */
export function pinnedNow(text: string | null | undefined): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The browser simulates the history days to reach today: about 1,200 agent-days at most by default. */
export function historyDaysFor(agents: number, asked: string | null): number {
  const n = asked === null ? NaN : Number(asked);
  if (Number.isInteger(n) && n >= 0) return Math.min(30, n);
  return Math.max(1, Math.min(30, Math.floor(1200 / agents)));
}

/** The history URL of the sandbox: the function's path with the run in its query. */
export function sandboxHistoryUrl(origin: string, run: SimOptions & { start: number }): string {
  const q = new URLSearchParams({ agents: String(run.agents), seed: String(run.seed), start: String(run.start), days: String(run.days) });
  if (run.teamSize !== undefined) q.set('teamSize', String(run.teamSize));
  return `${origin}${HISTORY_PATH}?${q.toString()}`;
}

export interface SandboxRun {
  readonly agents: number;
  readonly seed: number;
  readonly start: number;
  readonly days: number;
  /** About how many agents each team has (`?teamSize=`; the simulator's default when absent). */
  readonly teamSize?: number;
}

/** The run named by a history URL's query, or why it is not one. */
export function runOfQuery(query: URLSearchParams): SandboxRun | string {
  const num = (k: string): number => Number(query.get(k));
  const run = { agents: num('agents'), seed: num('seed'), start: num('start'), days: num('days') };
  if (!Number.isInteger(run.agents) || run.agents < 1 || run.agents > 5000) return 'agents must be 1..5000';
  if (!Number.isInteger(run.seed)) return 'seed must be an integer';
  if (!Number.isInteger(run.start) || run.start <= 0) return 'start must be epoch ms';
  if (!Number.isInteger(run.days) || run.days < 1 || run.days > 40) return 'days must be 1..40';
  if (!query.has('teamSize')) return run;
  const teamSize = num('teamSize');
  if (!Number.isInteger(teamSize) || teamSize < 1 || teamSize > 5000) return 'teamSize must be 1..5000';
  return { ...run, teamSize };
}

export function sandboxToken(persona: PersonaId, workerSid: string): string {
  return `sandbox.${persona}.${workerSid}`;
}

/** What Twilio's token validator would say of a sandbox token: roles and worker, or undefined. */
export function readSandboxToken(token: string): { roles: string[]; workerSid: string; identity: string } | undefined {
  const m = /^sandbox\.([a-z]+)\.(WK[0-9a-f]{32})$/.exec(token);
  if (!m || !(m[1] in PERSONAS)) return undefined;
  const persona = m[1] as PersonaId;
  return { roles: [...PERSONAS[persona].roles], workerSid: m[2], identity: `${persona}@sandbox` };
}
