/** The people the sandbox can be: each a set of Flex and Insights roles and a worker. */
export const PERSONAS = {
  agent: { label: 'Agent (ISS)', roles: ['agent'] },
  stl: { label: 'Shift team leader', roles: ['agent', 'wfo.team_leader'] },
  sdl: { label: 'Service delivery lead', roles: ['supervisor', 'wfo.full_access'] },
  analyst: { label: 'Analyst', roles: ['wfo.data_analyst'] },
  admin: { label: 'Admin', roles: ['admin'] },
} as const;

export type PersonaId = keyof typeof PERSONAS;

export function personaOf(id: string | null): PersonaId {
  return id !== null && id in PERSONAS ? (id as PersonaId) : 'sdl';
}
