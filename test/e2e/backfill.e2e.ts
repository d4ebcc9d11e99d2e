/**
 * End to end in Chromium: the sandbox opened mid-day (E2E_NOW). The live indexes hold
 * only what exists now; today so far comes from the sandbox's history function (the
 * serverless handler over the fake Events API, for the same simulated run). With the
 * clock frozen (`speed=0`), the figures on screen must be the simulator's own report for
 * [midnight, now], which the page computes from the stream itself (`?expected=1`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E_NOW, sandboxSession, screenshotPath } from './browser';

interface Expected {
  readonly from: string;
  readonly to: string;
  readonly events: number;
  readonly totals: { conversations: number; offered: number; handled: number; abandoned: number };
}

const count = (text: string | null): number => Number((text ?? '').replace(/[^\d]/g, ''));

describe('history in the sandbox', () => {
  const session = sandboxSession({ before, after });

  it('opens mid-day with a progress bar, then today equals the simulator\'s report', async () => {
    const { page, at } = session();
    await page.goto(at('role=sdl&speed=0&expected=1'), { timeout: 120_000 });
    await page.getByRole('heading', { name: 'Insights' }).waitFor({ timeout: 120_000 });
    // today's history arrives in pages: the bar shows while they do
    const bar = page.getByRole('progressbar', { name: 'Loading history' });
    await bar.waitFor({ timeout: 120_000 });
    assert.match((await bar.getAttribute('aria-valuetext')) ?? '', /^Loading history: [\d,]+ events?/);
    await page.screenshot({ path: screenshotPath('history-loading') });
    const done = page.getByRole('status', { name: 'History' }).getByText(/^History loaded \(today\): [\d,]+ events$/);
    await done.waitFor({ timeout: 120_000 });
    assert.equal(await bar.count(), 0);

    const expected = (await page.evaluate(() => (window as unknown as { sandboxExpected: () => unknown }).sandboxExpected())) as Expected;
    // The frozen clock stands where `?now=` pinned it: mid-afternoon, hours after midnight.
    assert.equal(expected.to, E2E_NOW);
    assert.ok(Date.parse(expected.to) - Date.parse(expected.from) > 12 * 3_600_000, `not mid-day: ${expected.from} .. ${expected.to}`);
    assert.ok(expected.totals.handled > 0, 'the simulated day has handled contacts');
    const loaded = count(await done.textContent());
    assert.ok(loaded > 0, 'history brought events');

    // the overview's handled figure, and the support-type table's total row (Now is the first tab)
    await page.getByRole('tab', { name: 'Overview' }).click();
    assert.equal(count(await page.locator('[data-figure="overview"]').textContent()), expected.totals.handled);
    const table = page.getByRole('table').filter({ has: page.getByRole('row', { name: /^Total/ }) }).first();
    const headers = await table.getByRole('columnheader').allTextContents();
    const cells = await table.getByRole('row', { name: /^Total/ }).locator('th, td').allTextContents();
    const column = (name: string): number => {
      const i = headers.indexOf(name);
      assert.ok(i >= 0, `no "${name}" column in ${JSON.stringify(headers)}`);
      return count(cells[i]);
    };
    assert.deepEqual(
      { conversations: column('Conversations'), offered: column('Offered'), handled: column('Handled'), abandoned: column('Abandoned') },
      {
        conversations: expected.totals.conversations,
        offered: expected.totals.offered,
        handled: expected.totals.handled,
        abandoned: expected.totals.abandoned,
      },
    );
    await page.screenshot({ path: screenshotPath('history-loaded') });
  });

  it('without a history function the page says the figures are live only', async () => {
    const { page, at } = session();
    await page.goto(at('role=sdl&history=off'), { timeout: 120_000 });
    await page.getByRole('status', { name: 'History' }).getByText(/Only today's live data is shown: history is not set up/).waitFor({ timeout: 120_000 });
    assert.equal(await page.getByRole('progressbar').count(), 0);
  });
});
