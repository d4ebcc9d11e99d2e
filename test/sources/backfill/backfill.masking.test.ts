/**
 * The browser cache holds only what the role may see: after a backfill for a supervisor
 * (no export, so no contacts), no string anywhere in IndexedDB — today's events chunks
 * (gzip'd or JSON), frozen days, their conversation rows — holds a customer's phone number
 * or email, although the history function sent them in clear (the cache masks on write and
 * does not rely on the function). Staff emails in worker attributes are the agents' own and
 * stay. A role with export keeps them in clear, so the scan is not blind.
 */
import 'fake-indexeddb/auto';
import { DEFAULT_CONFIG, accessOf, type Access } from '../../../src/core';
import { historySinkOf } from '../../../src/flex/sinks';
import { Backfill, HistoryClient, historyDbName, openHistoryCache } from '../../../src/sources/backfill';
import { EMAIL_DOMAIN } from '../../../src/sources/simulator/names';
import { applyQueued, createInsightsStore, frozenDays } from '../../../src/store';
import { TOKENS, historyWorld, storedStrings } from './backfillWorld';

const SIM = { agents: 12, days: 2, seed: 5, start: '2026-11-16T00:00:00Z' } as const;
const NOW = Date.parse('2026-11-17T09:00:00Z');
const world = historyWorld(SIM, NOW);

/** Customers' phone numbers and emails, as the simulator made them. */
const customerContacts: string[] = (() => {
  const found = new Set<string>();
  for (const e of world.sim) {
    const text = JSON.stringify(e);
    for (const m of text.matchAll(/\+1555\d{7}/g)) found.add(m[0]);
    for (const m of text.matchAll(/[\w.+-]+@(?:mail\.example\.net|inbox\.example\.com|post\.example\.org)/g)) found.add(m[0]);
  }
  return [...found];
})();

const PHONE = /\+\d[\d\s().-]{5,}\d/;
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;

async function backfillAs(access: Access, key: string, token: string = TOKENS.supervisor): Promise<string[]> {
  const store = createInsightsStore({ access, config: DEFAULT_CONFIG, schedule: () => undefined, now: () => NOW });
  const cache = await openHistoryCache(key, { now: () => NOW });
  const client = new HistoryClient({ url: 'x', token: () => token, fetch: world.fetch });
  const backfill = new Backfill({ sink: historySinkOf(store), client, config: DEFAULT_CONFIG, access, cache, now: () => NOW, log: () => undefined });
  await backfill.today;
  await backfill.loadRange({ from: '2026-11-16', to: '2026-11-16' });
  applyQueued(store);
  expect(frozenDays(store).has('2026-11-16')).toBe(true);
  cache.close();
  return storedStrings(historyDbName(key));
}

describe('what the cache holds', () => {
  it('the simulated history carries customers\' phones and emails (the scan has something to find)', () => {
    expect(customerContacts.filter((c) => c.startsWith('+')).length).toBeGreaterThan(10);
    expect(customerContacts.filter((c) => c.includes('@')).length).toBeGreaterThan(5);
  });

  it('for a supervisor without export: no phone number or customer email anywhere in IndexedDB', async () => {
    const strings = await backfillAs(accessOf({ roles: ['supervisor'] }), 'masking|supervisor');
    const text = strings.join('\n');
    // the events and the day are there, masked
    expect(text).toMatch(/task\.created/);
    expect(text).toMatch(/•••\d\d/);
    for (const contact of customerContacts) expect(text.includes(contact)).toBe(false);
    expect(strings.filter((s) => PHONE.test(s))).toEqual([]);
    const emails = [...text.matchAll(EMAIL)].map((m) => m[0]);
    expect(emails.filter((e) => !e.endsWith(`@${EMAIL_DOMAIN}`))).toEqual([]);
  });

  it('for an analyst (export): contacts are kept in clear', async () => {
    const text = (await backfillAs(accessOf({ roles: ['wfo.data_analyst'] }), 'masking|analyst', TOKENS.analyst)).join('\n');
    expect(customerContacts.some((c) => text.includes(c))).toBe(true);
  });
});
