/**
 * What a failed history request says, and to whom. Team leaders, analysts and agents read
 * the message (the progress line, the team average, the conversation screen, the Export
 * tab): what happened, whether live data still works, who can fix it, with no settings
 * field, status code or the function's own text. The admin reads `technical` in the
 * console: `historyUrl`, the status, the function's code and message. Each cause keeps a
 * message of its own.
 */
import { HistoryClient, HistoryFetchError, UNEXPECTED_FAILURE, failureTexts, type FetchLike, type ResponseLike } from '../../../src/sources/backfill';

const DETAIL = 'upstream said: TaskRouter 20003';
const answer = (status: number, code?: string): ResponseLike => ({
  status,
  json: async () => (code ? { error: { code, message: DETAIL } } : { hello: 'a login page' }),
});

const CASES: [name: string, fetch: FetchLike | undefined, user: RegExp, technical: RegExp][] = [
  [
    'a network failure',
    async () => {
      throw new TypeError('fetch failed');
    },
    /could not be reached: the network did not answer\. Live data still works/,
    /^historyUrl: no answer \(network\): fetch failed$/,
  ],
  ['no Flex token', undefined, /did not accept your Flex sign-in\. Sign in to Flex again; live data still works/, /no Flex token to send to historyUrl/],
  ['a refused sign-in', async () => answer(401, 'invalid_token'), /did not accept your Flex sign-in\. Sign in to Flex again/, /^historyUrl: HTTP 401 invalid_token: upstream said/],
  ['a role refused', async () => answer(403, 'forbidden'), /Your role may not load history\. Live data still works\. Ask your Flex admin/, /^historyUrl: HTTP 403 forbidden: upstream said/],
  ['rate limits', async () => answer(429, 'rate_limited'), /History is busy right now\. Try again in a minute; live data still works/, /^historyUrl: HTTP 429 rate_limited: upstream said/],
  ['a failed server', async () => answer(502, 'upstream_failed'), /History failed on the server\. Live data still works\. If this lasts, ask your Flex admin/, /^historyUrl: HTTP 502 upstream_failed: upstream said/],
  ['a refused request', async () => answer(400, 'bad_request'), /History refused the request\. Live data still works\. Ask your Flex admin to check the history address in Insights settings/, /^historyUrl: HTTP 400 bad_request: upstream said/],
  ['an address answering something else', async () => answer(200), /its address answers with something that is not history\. Live data still works\. Ask your Flex admin to check the history address in Insights settings/, /historyUrl answered HTTP 200 with something that is not the history contract's answer/],
  ['a redirect', async () => ({ status: 307, json: async () => null }), /its address sends requests on elsewhere.*Live data still works\. Ask your Flex admin to check the history address in Insights settings/, /historyUrl answered with a redirect \(HTTP 307\)/],
];

async function failureOf(fetch: FetchLike | undefined): Promise<HistoryFetchError> {
  const client = new HistoryClient({
    url: 'https://history.invalid/insights-history',
    token: () => (fetch ? 'flex-token' : undefined),
    fetch: fetch ?? (async () => answer(200)),
    maxAttempts: 1,
    sleep: async () => undefined,
  });
  const error = await client.fetchRange(0, 1000, () => undefined).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HistoryFetchError);
  return error as HistoryFetchError;
}

describe('a failed history request', () => {
  it.each(CASES)('%s: the user is told what happened and who can fix it; the console gets the cause', async (_name, fetch, user, technical) => {
    const error = await failureOf(fetch);
    expect(error.message).toMatch(user);
    expect(error.message).not.toMatch(/historyUrl|settingsUrl|HTTP|\b\d{3}\b|TaskRouter|upstream said|fetch failed/);
    expect(error.technical).toMatch(technical);
  });

  it('keeps every cause apart', async () => {
    const messages = await Promise.all(CASES.map(([, fetch]) => failureOf(fetch).then((e) => e.message)));
    // The two sign-in cases (no token, a refused token) are one cause for the user: sign in again.
    expect(new Set(messages).size).toBe(CASES.length - 1);
  });

  it('says an unexpected failure in the same words, and keeps its cause for the console', () => {
    expect(failureTexts(new RangeError('cells of 2026-11-20 out of order'))).toEqual({ message: UNEXPECTED_FAILURE, technical: 'cells of 2026-11-20 out of order' });
    expect(UNEXPECTED_FAILURE).toMatch(/Live data still works/);
  });
});
