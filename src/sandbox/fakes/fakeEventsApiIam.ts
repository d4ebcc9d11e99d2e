/**
 * A stand-in for the endpoint `twilio-flex-token-validator` asks
 * (`POST /v1/Accounts/{AC}/Tokens/validate`, body `{ "token": … }`, Basic auth with the
 * account sid and auth token), answering as its README documents:
 * `{ valid, code, message, expiration, realm_user_id, identity, roles, worker_sid }`.
 * Pure; served over HTTP by `fakeEventsApiServer.ts`.
 */
import type { FakeRequest, FakeResponse } from './fakeEventsApi';

/** What a token stands for. */
export interface FakeFlexUser {
  readonly identity: string;
  readonly roles: readonly string[];
  readonly workerSid?: string;
}

export interface FakeIamOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Token → user; any other token is invalid. */
  readonly users: Readonly<Record<string, FakeFlexUser>>;
  /** Expiry written into answers (ISO); a token's validity does not depend on it here. */
  readonly expiration?: string;
}

export interface FakeIam {
  /** Answers a validate request; `body` is the raw request body text. */
  handle(request: FakeRequest, body: string): FakeResponse;
  /** Validations answered so far. */
  readonly calls: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export function createFakeIam(options: FakeIamOptions): FakeIam {
  let calls = 0;
  const path = `/v1/Accounts/${options.accountSid}/Tokens/validate`;
  const expected = `Basic ${btoa(`${options.accountSid}:${options.authToken}`)}`;
  return {
    get calls() {
      return calls;
    },
    handle(request, body) {
      calls++;
      const url = new URL(request.url, 'http://fake.invalid');
      if (request.method.toUpperCase() !== 'POST' || url.pathname !== path) {
        return { status: 404, headers: JSON_HEADERS, body: { code: 20404, message: 'Not found', status: 404 } };
      }
      const auth = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
      if (auth !== expected) {
        return { status: 401, headers: JSON_HEADERS, body: { valid: false, code: 20003, message: 'Authentication Error - invalid username', status: 401 } };
      }
      let token: unknown;
      try {
        token = (JSON.parse(body) as { token?: unknown }).token;
      } catch {
        return { status: 400, headers: JSON_HEADERS, body: { valid: false, code: 20001, message: 'Request body is not JSON', status: 400 } };
      }
      const user = typeof token === 'string' ? options.users[token] : undefined;
      if (!user || !Object.prototype.hasOwnProperty.call(options.users, token as string)) {
        return { status: 200, headers: JSON_HEADERS, body: { valid: false, code: 20101, message: 'Invalid Access Token' } };
      }
      return {
        status: 200,
        headers: JSON_HEADERS,
        body: {
          valid: true,
          code: 0,
          message: null,
          expiration: options.expiration ?? '2099-01-01T00:00:00.000Z',
          realm_user_id: user.identity,
          identity: user.identity,
          roles: [...user.roles],
          ...(user.workerSid ? { worker_sid: user.workerSid } : {}),
        },
      };
    },
  };
}
