/**
 * End to end in Chromium: the sandbox as each role sees it. Screenshots go to
 * test/e2e/screenshots/ (gitignored). Run by `npm run test:e2e` (node's test runner).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E_NOW, sandboxSession, screenshotPath } from './browser';


const TABS = {
  agent: ['My stats'],
  stl: ['Now', 'Overview', 'Queues', 'Agents & teams', 'Conversations', 'My stats'],
  sdl: ['Now', 'Overview', 'Queues', 'Agents & teams', 'Conversations', 'My stats', 'Export'],
  analyst: ['Now', 'Overview', 'Queues', 'Agents & teams', 'Conversations', 'My stats', 'Export'],
  admin: ['Now', 'Overview', 'Queues', 'Agents & teams', 'Conversations', 'My stats', 'Export', 'Settings'],
} as const;

describe('the sandbox in Chromium', () => {
  const session = sandboxSession({ before, after });

  for (const [role, tabs] of Object.entries(TABS)) {
    it(`${role} sees exactly their tabs`, async () => {
    const { page, at } = session();
      await page.goto(at(`role=${role}`));
      await page.getByRole('heading', { name: 'Insights' }).waitFor();
      const names = await page.getByRole('tab').allTextContents();
      assert.deepEqual(names, tabs);
      await page.screenshot({ path: screenshotPath(`roles-${role}`) });
    });
  }

  it('a live figure moves as simulated time passes', async () => {
    const { page, at } = session();
    await page.goto(at('role=sdl&speed=600'));
    // The Overview's handled figure (Now is the first tab).
    await page.getByRole('tab', { name: 'Overview' }).click();
    const figure = page.locator('[data-figure="overview"]');
    await figure.waitFor();
    const first = await figure.textContent();
    await page.waitForFunction(
      (before) => document.querySelector('[data-figure="overview"]')?.textContent !== before,
      first,
      { timeout: 60_000 },
    );
    await page.screenshot({ path: screenshotPath('live-overview') });
    await page.getByRole('tab', { name: 'Queues' }).click();
    await page.getByRole('region', { name: 'Waiting now' }).waitFor();
    await page.screenshot({ path: screenshotPath('live-queues') });
  });

  it('an agent\'s page holds only their own numbers', async () => {
    const { page, at } = session();
    await page.goto(at('role=agent&speed=600'));
    await page.getByRole('region', { name: 'My handled today' }).waitFor();
    assert.equal(await page.getByRole('tab').count(), 1);
    assert.equal(await page.locator('[data-figure="agents"]').count(), 0);
  });

  it('switching role in the header reloads as that role', async () => {
    const { page, at } = session();
    await page.goto(at('role=admin'));
    await page.getByRole('tab', { name: 'Settings' }).waitFor();
    await page.getByRole('combobox', { name: 'Role' }).selectOption('agent');
    await page.waitForURL(/role=agent/);
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    assert.deepEqual(await page.getByRole('tab').allTextContents(), ['My stats']);
    // The reload keeps the pinned clock: time runs on from E2E_NOW, not from the real now.
    assert.equal(new URL(page.url()).searchParams.get('now'), E2E_NOW);
    assert.match((await page.getByLabel('Simulated time').textContent()) ?? '', new RegExp(`^${E2E_NOW.slice(0, 13).replace('T', ' ')}:`));
  });
});
