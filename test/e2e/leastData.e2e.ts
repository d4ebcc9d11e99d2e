/**
 * End to end in Chromium, as an agent: after an hour of simulated time, nothing that
 * reached the page names another worker. Searched: every item the live queries delivered
 * (what Flex's Sync client would hold), every answer of the history function, the
 * browser cache, and the page's text. The store is made of nothing else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simulationRoster } from '../../src/sources/simulator';
import { sandboxSession } from './browser';

const PREFIX = 'supervisor-insights-history:';
const HOUR_MS = 3_600_000;
const SPEED = 600;

describe('an agent session holds nothing of anyone else', () => {
  const session = sandboxSession({ before, after });

  it('after an hour of simulated time: no other worker sid or name in live items, history answers, cache or page', async () => {
    const { page, at } = session();
    // The sandbox's centre: 40 agents, seed 1; the agent signed in is the roster's first.
    const roster = simulationRoster({ agents: 40, seed: 1 });
    const me = roster.agents[0];
    const others = roster.agents.slice(1);
    const answers: string[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && /insights-history/.test(r.url())) void r.text().then((t) => answers.push(t), () => undefined);
    });
    await page.goto(at(`role=agent&speed=${SPEED}`), { timeout: 120_000 });
    await page.getByRole('tab', { name: 'My stats' }).waitFor({ timeout: 120_000 });
    const startedAt = await page.evaluate(() => Date.now());
    // An hour of simulated time, the view open on the agent's own figures.
    await page.getByRole('tab', { name: 'My stats' }).click();
    await page.waitForFunction((until) => Date.now() >= until, startedAt + HOUR_MS, { timeout: (HOUR_MS / SPEED) * 3 + 30_000, polling: 500 });
    // Every tab an agent has, so the page's text is all the views' text.
    const tabs = await page.getByRole('tab').allTextContents();
    let text = '';
    for (const name of tabs) {
      await page.getByRole('tab', { name }).click();
      await page.waitForTimeout(300);
      text += await page.evaluate(() => document.body.innerText);
    }

    const delivered: string = await page.evaluate(() => JSON.stringify((window as unknown as { sandboxDelivered: () => unknown[] }).sandboxDelivered()));
    const cached: string = await page.evaluate(async (prefix) => {
      const out: unknown[] = [];
      for (const { name } of await indexedDB.databases()) {
        if (!name || !name.startsWith(prefix)) continue;
        out.push(
          await new Promise((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const stores = [...db.objectStoreNames];
              if (stores.length === 0) return (db.close(), resolve([]));
              const tx = db.transaction(stores, 'readonly');
              const rows: unknown[] = [];
              for (const s of stores) tx.objectStore(s).getAll().onsuccess = (e) => rows.push((e.target as IDBRequest<unknown[]>).result);
              tx.oncomplete = () => (db.close(), resolve(rows));
            };
          }),
        );
      }
      return JSON.stringify(out);
    }, PREFIX);

    // The search means something: the agent's own sid and today's work are there.
    assert.ok(delivered.includes(me.sid), 'the live items hold the agent own worker');
    assert.ok(answers.length > 0 && answers.join('').includes(me.sid), 'the history function answered with the agent own events');
    assert.ok(cached.length > 10, 'the cache holds the agent own days');
    assert.match(text, /My handled today/);
    // The simulator draws customers' names from the same pool as agents': a customer of the
    // agent may share a colleague's name. In data, a worker's name is searched where a worker
    // is named; in the page, names of the agent's own customers are not another worker.
    const customers = new Set([...(delivered + answers.join('') + cached).matchAll(/"customers":\{"name":"([^"]+)"/g)].map((m) => m[1]));
    const asWorker = (body: string, name: string) => ['workerName', 'full_name', 'worker_name', 'friendly_name'].some((k) => body.includes(`"${k}":"${name}"`));
    for (const [where, body] of [['live items', delivered], ['history answers', answers.join('\n')], ['cache', cached]] as const) {
      const found = others.filter((o) => body.includes(o.sid) || asWorker(body, o.name)).map((o) => o.name);
      assert.deepEqual(found, [], `${where} name other workers`);
    }
    const shown = others.filter((o) => text.includes(o.sid) || (text.includes(o.name) && !customers.has(o.name))).map((o) => o.name);
    assert.deepEqual(shown, [], 'the page names other workers');
  });
});
