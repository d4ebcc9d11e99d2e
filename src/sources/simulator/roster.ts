/**
 * The agents (in-shift supervisors) of one run: who they are, which platform they work,
 * their team, skills and shift pattern. Drawn from the seed, fixed for the whole run.
 */
import { AGENT_PLATFORMS, PLATFORM_SUPPORT_TYPES, type AgentPlatform, type SupportType } from './catalog';
import {
  EMAIL_DOMAIN,
  LOCATION_WEIGHTS,
  LOCATIONS,
  TEAM_NAMES,
  emailLocalPart,
  uniqueName,
  type PersonName,
} from './names';
import { chance, createRng, hex32, intBetween, pickIndexWeighted, shuffle, type Rng } from './prng';
import {
  AGENT_PLATFORM_WEIGHTS,
  IMMINENT_SKILL_SHARE,
  SHIFT_TEMPLATES,
  TECH_SKILL_SHARE,
  WORK_DAYS_PER_WEEK,
  type ShiftTemplate,
} from './tuning';

export interface WorkerProfile {
  readonly full_name: string;
  readonly email: string;
  readonly team: string;
  readonly department: string;
  readonly location: string;
  readonly manager: string;
  readonly platform: AgentPlatform;
  readonly routing: { readonly skills: readonly string[] };
}

export interface Agent {
  readonly index: number;
  readonly sid: string;
  readonly name: string;
  readonly platform: AgentPlatform;
  readonly skills: ReadonlySet<SupportType>;
  readonly shift: ShiftTemplate;
  /** Day-of-cycle offset of the two consecutive days off. */
  readonly restOffset: number;
  readonly profile: WorkerProfile;
}

export interface Team {
  readonly name: string;
  readonly manager: string;
}

export interface Roster {
  readonly agents: readonly Agent[];
  readonly teams: readonly Team[];
}

const DEPARTMENTS: Readonly<Record<AgentPlatform, string>> = {
  CISS: 'Voice Crisis Support',
  DIGI: 'Digital Crisis Support',
  BOTH: 'Integrated Crisis Support',
};

/** Teams of about `teamSize` agents (eleven by default, so sizes land between eight and fifteen). */
function teamCount(agents: number, teamSize: number): number {
  return Math.max(1, Math.min(TEAM_NAMES.length, Math.round(agents / teamSize)));
}

function buildTeams(rng: Rng, count: number, taken: Set<string>): Team[] {
  return TEAM_NAMES.slice(0, count).map((name) => ({ name, manager: uniqueName(rng, taken).full }));
}

/**
 * Quotas by largest remainder then shuffled: every template and platform gets its share
 * even in a small roster, where independent draws could leave the night uncovered.
 */
function apportion<T>(rng: Rng, items: readonly T[], weights: readonly number[], count: number): T[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * count);
  const quota = exact.map(Math.floor);
  let left = count - quota.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) quota[order[k].i]++;
  const out: T[] = [];
  quota.forEach((q, i) => {
    for (let n = 0; n < q; n++) out.push(items[i]);
  });
  return shuffle(rng, out);
}

function skillsFor(rng: Rng, platform: AgentPlatform): Set<SupportType> {
  const skills = new Set<SupportType>(['check_in', 'check_out', 'safety', 'support', 'debrief']);
  if (chance(rng, IMMINENT_SKILL_SHARE)) skills.add('imminent');
  if (platform !== 'CISS' && chance(rng, TECH_SKILL_SHARE)) skills.add('technical_support');
  return skills;
}

function routingSkills(platform: AgentPlatform, skills: ReadonlySet<SupportType>): string[] {
  const platforms = platform === 'BOTH' ? ['CISS', 'DIGI'] : [platform];
  const all = PLATFORM_SUPPORT_TYPES.DIGI.filter((t) => skills.has(t));
  return [...platforms, ...all];
}

interface AgentDraft {
  readonly index: number;
  readonly name: PersonName;
  readonly platform: AgentPlatform;
  readonly shift: ShiftTemplate;
  readonly team: Team;
}

function makeAgent(rng: Rng, d: AgentDraft): Agent {
  const skills = skillsFor(rng, d.platform);
  const email = `${emailLocalPart(d.name)}@${EMAIL_DOMAIN}`;
  const profile: WorkerProfile = {
    full_name: d.name.full,
    email,
    team: d.team.name,
    department: DEPARTMENTS[d.platform],
    location: LOCATIONS[pickIndexWeighted(rng, LOCATION_WEIGHTS)],
    manager: d.team.manager,
    platform: d.platform,
    routing: { skills: routingSkills(d.platform, skills) },
  };
  return {
    index: d.index,
    sid: `WK${hex32(rng)}`,
    name: d.name.full,
    platform: d.platform,
    skills,
    shift: d.shift,
    restOffset: intBetween(rng, 0, 6),
    profile,
  };
}

export function buildRoster(agentCount: number, seed: number, teamSize = 11): Roster {
  const rng = createRng(seed, 'roster');
  const taken = new Set<string>();
  const teams = buildTeams(rng, teamCount(agentCount, teamSize), taken);
  const platforms = apportion(rng, AGENT_PLATFORMS, AGENT_PLATFORMS.map((p) => AGENT_PLATFORM_WEIGHTS[p]), agentCount);
  const shifts = apportion(rng, SHIFT_TEMPLATES, SHIFT_TEMPLATES.map((s) => s.weight), agentCount);
  const agents: Agent[] = [];
  for (let index = 0; index < agentCount; index++) {
    const team = teams[Math.floor((index * teams.length) / agentCount)];
    agents.push(makeAgent(rng, { index, name: uniqueName(rng, taken), platform: platforms[index], shift: shifts[index], team }));
  }
  return { agents, teams };
}

/** Whether the agent is rostered on the given day (day 0 is the first simulated day). */
export function worksOn(agent: Agent, dayIndex: number): boolean {
  const cycle = (((dayIndex + agent.restOffset) % 7) + 7) % 7;
  return cycle < WORK_DAYS_PER_WEEK;
}
