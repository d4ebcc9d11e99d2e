/**
 * End to end in Chromium: the browser's history cache follows the signed-in user. Opened
 * as a service delivery lead with history, the sandbox keeps one IndexedDB database (its
 * scope's, with records); switching role with the sandbox's role select (a new sign-in on
 * the same browser) deletes it before the team leader's cache is made; Flex's Logout
 * deletes every one and the marker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sandboxSession } from './browser';

const PREFIX = 'supervisor-insights-history:';
const MARKER = 'supervisor-insights-history-marker';

/** Our databases with the number of records in `days` and `events`, and the marker. */
async function cacheState(page: Page): Promise<{ databases: Record<string, number>; marker: string | null }> {
  return page.evaluate(
    async ({ prefix, marker }) => {
      const databases: Record<string, number> = {};
      for (const { name } of await indexedDB.databases()) {
        if (!name || !name.startsWith(prefix)) continue;
        databases[name] = await new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const stores = ['days', 'events'].filter((s) => db.objectStoreNames.contains(s));
            if (stores.length === 0) return (db.close(), resolve(0));
            const tx = db.transaction(stores, 'readonly');
            let n = 0;
            for (const s of stores) tx.objectStore(s).count().onsuccess = (e) => (n += (e.target as IDBRequest<number>).result);
            tx.oncomplete = () => (db.close(), resolve(n));
          };
        });
      }
      return { databases, marker: localStorage.getItem(marker) };
    },
    { prefix: PREFIX, marker: MARKER },
  );
}

/** Waits until the cache holds records (today's events are written chunk by chunk as they load). */
async function untilCached(page: Page): Promise<Record<string, number>> {
  for (let i = 0; i < 120; i++) {
    const { databases } = await cacheState(page);
    if (Object.values(databases).some((n) => n > 0)) return databases;
    await page.waitForTimeout(500);
  }
  throw new Error('the history cache never held a record');
}

describe('the browser cache in the sandbox', () => {
  const session = sandboxSession({ before, after });

  it('a role switch leaves nothing of the previous role, and logout leaves nothing at all', async () => {
    const { page, at } = session();
    await page.goto(at('role=sdl&speed=0'), { timeout: 120_000 });
    await page.getByRole('status', { name: 'History' }).getByText(/^History loaded \(today\)/).waitFor({ timeout: 120_000 });
    const first = await untilCached(page);
    assert.equal(Object.keys(first).length, 1, `one database for the lead: ${JSON.stringify(first)}`);
    const [leadDb] = Object.keys(first);
    const { marker } = await cacheState(page);
    assert.ok(marker, 'a marker is stored');
    // digests only: no role, team or worker in the marker or the database's name
    assert.doesNotMatch(`${marker.replace(PREFIX, '')} ${leadDb.slice(PREFIX.length)}`, /supervisor|full_access|WK|Team/i);

    // another sign-in on the same browser, through the sandbox's role select (the page reloads)
    await Promise.all([page.waitForURL(/role=stl/, { timeout: 120_000 }), page.getByRole('combobox', { name: 'Role' }).selectOption('stl')]);
    await page.getByRole('status', { name: 'History' }).getByText(/^History loaded \(today\)/).waitFor({ timeout: 120_000 });
    const second = await untilCached(page);
    assert.equal(leadDb in second, false, 'the lead\'s database is gone');
    assert.equal(Object.keys(second).length, 1, `only the team leader's database: ${JSON.stringify(second)}`);
    assert.notEqual((await cacheState(page)).marker, marker);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Signed out' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await cacheState(page), { databases: {}, marker: null });
  });
});
