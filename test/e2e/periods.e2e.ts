/**
 * End to end in Chromium at 1440×900 as a team leader: the view fits the window (no page
 * scroll), the Conversations toolbar is one row, and Back from a conversation returns to
 * the same tab, period, search and filters, and the Conversations list scrolled as it was.
 * Screenshots in test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sandboxSession, screenshotPath } from './browser';

const SLOW = 180_000;

async function noPageOverflow(page: Page): Promise<void> {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, innerHeight: window.innerHeight }));
  assert.ok(scrollHeight <= innerHeight, `the page is ${scrollHeight - innerHeight} px taller than the window`);
}

describe('periods and fit, as a team leader at 1440×900', () => {
  const session = sandboxSession({ before, after });

  it('fits the window, keeps one toolbar row, and Back keeps tab, period, search, filters and where the list was scrolled', async () => {
    const { page, at } = session();
    page.setDefaultTimeout(60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    // Simulated time held (`speed=0`): contacts ending while a conversation is open would add
    // rows above the ones being read, and the list keeps its offset, not its rows.
    await page.goto(at('role=stl&agents=40&speed=0'), { timeout: SLOW });
    await page.getByRole('tablist', { name: 'Insights tabs' }).waitFor({ timeout: SLOW });
    await noPageOverflow(page);
    await page.screenshot({ path: screenshotPath('periods-overview-1440') });

    await page.getByRole('tab', { name: 'Conversations', exact: true }).click();
    await page.getByLabel('Period', { exact: true }).selectOption('week');
    await page.getByRole('status', { name: 'Period shown' }).getByText(/^This week, /).waitFor();
    // The toolbar is one row: every field's top is the period's.
    const tops = await Promise.all(
      ['conversations-period-kind', 'conversations-search', 'conversations-support-type', 'conversations-platform', 'conversations-outcome'].map(
        async (id) => (await page.locator(`#${id}`).boundingBox())?.y,
      ),
    );
    assert.equal(new Set(tops).size, 1, `the filters wrap: ${tops.join(', ')}`);
    await page.getByLabel('Outcome').selectOption('Handled');
    const first = page.getByRole('region', { name: 'Conversation list' }).getByRole('row').nth(1);
    await first.waitFor();
    // The ISS's name (a team leader sees contacts masked): its first word finds the row again.
    const name = (await first.getByRole('cell').nth(2).textContent())?.trim().split(/[ ,]/)[0] ?? '';
    await page.getByLabel('Search by name or sid').fill(name);
    await noPageOverflow(page);
    await page.screenshot({ path: screenshotPath('periods-conversations-1440') });

    // The row is its one Tab stop: Enter on it opens the conversation.
    const row = page.getByRole('region', { name: 'Conversation list' }).getByRole('row').nth(1);
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Back to Insights' }).first().click();

    await page.getByRole('tab', { name: 'Conversations', exact: true, selected: true }).waitFor();
    assert.equal(await page.getByLabel('Period', { exact: true }).inputValue(), 'week');
    assert.equal(await page.getByLabel('Outcome').inputValue(), 'Handled');
    assert.equal(await page.getByLabel('Search by name or sid').inputValue(), name);
    await noPageOverflow(page);
    await page.screenshot({ path: screenshotPath('periods-back-1440') });

    // The list scrolls in its own box: Back finds it scrolled as it was, the same rows in view.
    await page.getByLabel('Search by name or sid').fill('');
    const list = page.getByRole('region', { name: 'Conversation list' });
    await list.getByRole('row').nth(1).waitFor();
    const room = await list.evaluate((el) => el.scrollHeight - el.clientHeight);
    assert.ok(room > 300, `the week's handled conversations fill ${room} px more than the list's box: too few to scroll`);
    const target = Math.round(Math.min(900, room / 2));
    await list.evaluate((el, top) => el.scrollTo({ top }), target);
    await page.waitForFunction((top) => document.querySelector('[role="region"][aria-label="Conversation list"]')?.scrollTop === top, target);
    // The rows in view, wholly inside the box (a row half out of it would be scrolled to when clicked).
    const inView = (): Promise<string[]> =>
      list.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.querySelectorAll('tbody tr[data-index]')]
          .filter((tr) => {
            const r = tr.getBoundingClientRect();
            return r.top >= box.top + 40 && r.bottom <= box.bottom;
          })
          .map((tr) => tr.querySelector('button')?.getAttribute('aria-label') ?? '');
      });
    await page.waitForTimeout(300);
    const before = await list.evaluate((el) => el.scrollTop);
    const shown = await inView();
    assert.ok(shown.length > 3, `only ${shown.length} rows in view`);
    await list.getByRole('button', { name: shown[1], exact: true }).click();
    await page.getByRole('button', { name: 'Back to Insights' }).first().click();
    await page.getByRole('tab', { name: 'Conversations', exact: true, selected: true }).waitFor();
    await list.getByRole('row').nth(1).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await list.evaluate((el) => el.scrollTop), before);
    assert.deepEqual(await inView(), shown);
    await page.screenshot({ path: screenshotPath('periods-back-scrolled-1440') });
  });
});
