/**
 * The drill-down's lookup from the Flex side: the history function's answer folded by the
 * core into the screen's detail, the refusals passed on, progress in epoch ms, and the
 * range ending at this session's now.
 */
import { DEFAULT_CONFIG, accessOf, conversationOfEvents } from '../../src/core';
import { lookupThrough } from '../../src/flex/history';
import { runtimeConfig } from '../../src/flex/runtimeConfig';
import { HistoryAborted, HistoryFetchError, UNEXPECTED_FAILURE, describeFailure, type HistoryClient } from '../../src/sources/backfill';
import { ColdTransfer } from '../fixtures/scenarios';

const access = accessOf({ roles: ['wfo.team_leader'], workerSid: 'WKann', team: 'Team Blue' });
const config = runtimeConfig(undefined);
const taskSids = [...new Set(ColdTransfer.map((e) => e.taskSid).filter((t): t is string => t !== undefined))];

function clientAnswering(answer: Awaited<ReturnType<HistoryClient['lookupConversation']>>) {
  const calls: { sid: string; to?: number }[] = [];
  const client = {
    lookupConversation: async (sid: string, options: Parameters<HistoryClient['lookupConversation']>[1] = {}) => {
      calls.push({ sid, to: options.to });
      options.onProgress?.({ searchedBackTo: 1_000, fromMs: 0, toMs: 2_000 });
      return answer;
    },
  } as unknown as HistoryClient;
  return { client, calls };
}

describe('lookupThrough', () => {
  it('folds the answer into the detail the screen shows, as the live data would', async () => {
    const { client, calls } = clientAnswering({ status: 'found', events: ColdTransfer, taskSids, fromMs: 0, toMs: 1 });
    const progress: number[] = [];
    const before = Date.now();
    const outcome = await lookupThrough(client, access, config, new AbortController().signal)(taskSids[1], (ms) => progress.push(ms));
    expect(outcome).toEqual({ status: 'found', detail: conversationOfEvents(ColdTransfer, access, DEFAULT_CONFIG, taskSids) });
    expect(progress).toEqual([1_000]);
    expect(calls[0].sid).toBe(taskSids[1]);
    expect(calls[0].to).toBeGreaterThanOrEqual(before);
  });

  it.each(['forbidden', 'not_found'] as const)('passes on %s without the function\'s words', async (status) => {
    const { client } = clientAnswering({ status, message: 'not yours' });
    expect(await lookupThrough(client, access, config, new AbortController().signal)('WT1')).toEqual({ status });
  });

  it('a failed request reaches the screen in the user\'s words, its cause in the console; a stop passes as it is', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const failing = (error: Error) => ({ lookupConversation: async () => Promise.reject(error) }) as unknown as HistoryClient;
      const lookup = (error: Error) => lookupThrough(failing(error), access, config, new AbortController().signal)('WT1');
      const limited = new HistoryFetchError(describeFailure(429, 'rate_limited'), 429, 'rate_limited', 'TaskRouter answered 429');
      await expect(lookup(limited)).rejects.toBe(limited);
      expect(warn).toHaveBeenLastCalledWith('[supervisor-insights] conversation lookup: historyUrl: HTTP 429 rate_limited: TaskRouter answered 429');
      await expect(lookup(new TypeError('events out of order'))).rejects.toThrow(UNEXPECTED_FAILURE);
      expect(warn).toHaveBeenLastCalledWith('[supervisor-insights] conversation lookup: events out of order');
      const calls = warn.mock.calls.length;
      const stop = new HistoryAborted();
      await expect(lookup(stop)).rejects.toBe(stop);
      expect(warn.mock.calls).toHaveLength(calls);
    } finally {
      warn.mockRestore();
    }
  });

  it('found events that hold none of the named tasks are not found', async () => {
    const { client } = clientAnswering({ status: 'found', events: ColdTransfer, taskSids: ['WTother'], fromMs: 0, toMs: 1 });
    expect(await lookupThrough(client, access, config, new AbortController().signal)('WTother')).toEqual({ status: 'not_found' });
  });
});
