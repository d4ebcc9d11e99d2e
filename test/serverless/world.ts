/**
 * A simulated contact centre served by the fake Events API and the fake token endpoint
 * over HTTP, a real `twilio` client pointed at them, and the real
 * `twilio-flex-token-validator` (its HTTPS call to Twilio's IAM host is redirected to
 * the fake: the validator's own request, auth and parsing code runs unchanged).
 */
import https from 'node:https';
import http from 'node:http';
import type { RequestOptions } from 'node:https';
import { validator } from 'twilio-flex-token-validator';
import { EventReader, type TrEvent } from '../../src/core';
import { createFakeEventsApi, type FakeEventOrder, type FakeEventResource, type FakeEventsApi } from '../../src/sandbox/fakes/fakeEventsApi';
import { createFakeIam, type FakeFlexUser, type FakeIam } from '../../src/sandbox/fakes/fakeEventsApiIam';
import { startFakeTwilio, twilioClientFor, type FakeTwilioServer } from '../../src/sandbox/fakes/fakeEventsApiServer';
import { WORKSPACE, simulate, simulationRoster, toEventsApi } from '../../src/sources/simulator';
import { createHistoryHandler, type HistoryHandler, type HistoryHandlerOptions } from '../../serverless/src/historyHandler';
import { lastRetryAfterSec, twilioWorkspace } from '../../serverless/src/taskRouter';

export const ACCOUNT_SID = WORKSPACE.accountSid;
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const WORKSPACE_SID = WORKSPACE.workspaceSid;
export const SIM = { agents: 24, days: 1, seed: 3, start: '2026-11-16T00:00:00Z' } as const;
export const DAY_START = Date.parse(SIM.start);
/** The clock of every test: the evening of the simulated day. */
export const NOW = DAY_START + 23 * 3_600_000 + 59 * 60_000;
export const FROM = '2026-11-16T00:00:00Z';
export const TO = '2026-11-16T23:59:00Z';

export const RESOURCES: readonly FakeEventResource[] = [...simulate(SIM)].map((e) => toEventsApi(e) as unknown as FakeEventResource);
export const ROSTER = simulationRoster(SIM);

/** Every agent's sid and team. */
export const AGENTS = ROSTER.agents.map((a) => ({ sid: a.sid, team: a.profile.team, name: a.name }));

/** The canonical events of the simulation, read straight from the REST resources. */
export function canonical(resources: readonly unknown[] = RESOURCES): TrEvent[] {
  const reader = new EventReader();
  const out: TrEvent[] = [];
  for (const r of resources) {
    const o = reader.read(r);
    if (o.kind === 'event') out.push(o.event);
  }
  return out;
}

export const TOKENS = {
  supervisor: 'token-supervisor',
  nobody: 'token-no-roles',
  agentWithoutWorker: 'token-agent-no-worker',
  agent: 'token-agent',
  teamLeader: 'token-team-leader',
  teamLeaderWithoutTeam: 'token-team-leader-no-worker-record',
} as const;

/** The agent with the most accepted reservations, and a team leader of another agent's team. */
function pickPeople(): { agent: string; leader: string } {
  const accepted = new Map<string, number>();
  for (const r of RESOURCES) {
    const w = r.event_data?.worker_sid;
    if (r.event_type === 'reservation.accepted' && typeof w === 'string') accepted.set(w, (accepted.get(w) ?? 0) + 1);
  }
  const agent = [...accepted].sort((a, b) => b[1] - a[1])[0][0];
  const agentTeam = AGENTS.find((a) => a.sid === agent)?.team;
  const leader = AGENTS.find((a) => a.team !== agentTeam)?.sid;
  if (!leader) throw new Error('the simulation needs two teams');
  return { agent, leader };
}
export const PEOPLE = pickPeople();

export const USERS: Record<string, FakeFlexUser> = {
  [TOKENS.supervisor]: { identity: 'supervisor_40example_2Eorg', roles: ['supervisor'] },
  [TOKENS.nobody]: { identity: 'guest_40example_2Eorg', roles: [] },
  [TOKENS.agentWithoutWorker]: { identity: 'noworker_40example_2Eorg', roles: ['agent'] },
  [TOKENS.agent]: { identity: 'agent_40example_2Eorg', roles: ['agent'], workerSid: PEOPLE.agent },
  [TOKENS.teamLeader]: { identity: 'lead_40example_2Eorg', roles: ['agent', 'wfo.team_leader'], workerSid: PEOPLE.leader },
  [TOKENS.teamLeaderWithoutTeam]: { identity: 'lead2_40example_2Eorg', roles: ['wfo.team_leader'], workerSid: 'WK00000000000000000000000000000000' },
};

export interface World {
  readonly api: FakeEventsApi;
  readonly iam: FakeIam;
  readonly server: FakeTwilioServer;
  readonly sleeps: number[];
  /** A handler with the real client and validator; options override the defaults. */
  handler(options?: Partial<HistoryHandlerOptions>): HistoryHandler;
  close(): Promise<void>;
}

/** Where IAM requests go: the newest open world's fake (worlds may nest, e.g. one test starts its own). */
const iamTargets: URL[] = [];
const originalHttpsRequest = https.request;

function redirectedRequest(options: RequestOptions, callback?: (res: http.IncomingMessage) => void): http.ClientRequest {
  const target = iamTargets[iamTargets.length - 1];
  if (target && typeof options === 'object' && typeof options.hostname === 'string' && /^iam(\.[a-z0-9-]+)?\.twilio\.com$/.test(options.hostname)) {
    return http.request({ ...options, protocol: 'http:', hostname: target.hostname, port: Number(target.port) }, callback);
  }
  return (originalHttpsRequest as (o: RequestOptions, cb?: (res: http.IncomingMessage) => void) => http.ClientRequest)(options, callback);
}

/**
 * Points the validator's HTTPS request for Twilio's IAM host at the fake, over plain
 * HTTP, until the returned function is called.
 */
export function redirectIamTo(baseUrl: string): () => void {
  const target = new URL(baseUrl);
  iamTargets.push(target);
  https.request = redirectedRequest as unknown as typeof https.request;
  return () => {
    iamTargets.splice(iamTargets.lastIndexOf(target), 1);
    if (iamTargets.length === 0) https.request = originalHttpsRequest;
  };
}

export async function startWorld(resources: readonly FakeEventResource[] = RESOURCES, order: FakeEventOrder = 'newest-first'): Promise<World> {
  const api = createFakeEventsApi(resources, {
    workspaceSid: WORKSPACE_SID,
    order,
    accountSid: ACCOUNT_SID,
    credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN },
    now: () => NOW,
  });
  const iam = createFakeIam({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, users: USERS });
  const server = await startFakeTwilio({ api, iam });
  const restoreIam = redirectIamTo(server.baseUrl);
  const client = twilioClientFor(server.baseUrl, ACCOUNT_SID, AUTH_TOKEN);
  const sleeps: number[] = [];
  return {
    api,
    iam,
    server,
    sleeps,
    handler: (options = {}) => {
      const handle = createHistoryHandler({
        validateToken: (token) => validator(token, ACCOUNT_SID, AUTH_TOKEN),
        workspace: twilioWorkspace(client, WORKSPACE_SID),
        workspaceSid: WORKSPACE_SID,
        cursorSecret: AUTH_TOKEN,
        retryAfterSecOf: () => lastRetryAfterSec(client),
        now: () => NOW,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        options,
      });
      // What a browser's POST carries; a test that asks for another method or origin says so.
      const carriesHeaders = (event: unknown): boolean => typeof event === 'object' && event !== null && 'request' in event;
      return (event, meta) => handle(event, meta ?? (carriesHeaders(event) ? undefined : { method: 'POST' }));
    },
    close: async () => {
      restoreIam();
      await server.close();
    },
  };
}
