/**
 * End to end in Chromium at 1440×900, as a service delivery lead (`role=sdl`): the
 * Overview's CISS / DIGI side-by-side table fits the view with no horizontal scroll, for
 * every metric set; the trend of a chosen metric and support type marks the bucket still
 * running and downloads as a CSV that parses to ISO times and numbers. The Agents & teams
 * table fits too, grouped by team and not, with every agent's activity and logged-status
 * shares written whole. Screenshots in test/e2e/screenshots/ (gitignored).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { sandboxSession, screenshotPath } from './browser';

/** The machine is shared: the sandbox compiles and simulates slowly under load. */
const SLOW = 180_000;
const AGENTS_TABLE = 'ISS and teams';

/** Every scrolling box in the table's container (the container too), with the width it would need. */
async function overflowOf(page: Page): Promise<{ scrollWidth: number; clientWidth: number }[]> {
  return page.locator('[data-table="overview-by-support-type"]').evaluate((box) =>
    [box, ...Array.from(box.querySelectorAll('*'))]
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth)
      .map((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth })),
  );
}

describe('the Overview at 1440×900 as SDL', () => {
  const session = sandboxSession({ before, after });

  it('the side-by-side table fits with no horizontal scroll; the trend marks its running bucket and downloads as CSV', async () => {
    const { page, at } = session();
    page.setDefaultTimeout(60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(at('role=sdl&agents=40'), { timeout: SLOW });
    await page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await page.getByRole('region', { name: 'Key figures' }).waitFor({ timeout: SLOW });
    const table = page.getByRole('table', { name: 'By support type' });
    await table.waitFor();
    // Paste draws its own radio over a visually hidden input: choose by the label, as a person does.
    await page.locator('label', { hasText: 'Side by side' }).click();
    await page.getByRole('radio', { name: 'Side by side', checked: true }).waitFor({ state: 'attached' });

    for (const set of ['Volumes', 'Service', 'Offers and transfers']) {
      await page.getByRole('group', { name: 'Show' }).locator('label', { hasText: set }).click();
      await page.getByRole('radio', { name: set, checked: true }).waitFor({ state: 'attached' });
      const groups = (await table.locator('thead tr').first().getByRole('columnheader').allTextContents()).map((s) => s.trim());
      assert.deepEqual(groups.slice(1), ['CISS Central', 'DIGI Central', 'Total']);
      assert.deepEqual(await overflowOf(page), [], `${set}: the side-by-side table scrolls sideways`);
      await page.screenshot({ path: screenshotPath(`overview-fit-sdl-${set.split(' ')[0].toLowerCase()}`) });
    }

    // The trend: conversations per platform as bars and lines, the running hour lighter.
    const trend = page.getByRole('region', { name: 'Trend' });
    await trend.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('overview-fit-sdl-trend-conversations') });
    // SLA for one support type; today's last hour is still running.
    await trend.getByLabel('Metric', { exact: true }).selectOption({ label: 'SLA' });
    await trend.getByLabel('Support type', { exact: true }).selectOption({ index: 1 });
    await trend.getByText(/is still running: its figures are so far\./).waitFor();
    await trend.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('overview-fit-sdl-trend') });

    const [download] = await Promise.all([page.waitForEvent('download'), trend.getByRole('button', { name: 'Download CSV' }).click()]);
    const file = await download.path();
    assert.ok(file, 'the download was not saved');
    assert.match(download.suggestedFilename(), /^insights-overview-trend-.*\.csv$/);
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    assert.deepEqual(header, ['Start', 'SLA % · Total', 'SLA % · CISS Central', 'SLA % · DIGI Central', 'So far']);
    assert.ok(rows.length > 1, 'the trend CSV has no buckets');
    for (const r of rows) {
      assert.match(r[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d$/);
      for (const v of r.slice(1, -1)) assert.ok(v === '' || Number.isFinite(Number(v)), `${v} is not a number`);
    }
    assert.equal(rows.at(-1)?.at(-1), 'yes');
    assert.ok(rows.slice(0, -1).every((r) => r.at(-1) === ''), 'a bucket that is over is marked so far');
    assert.ok(rows.some((r) => r.slice(1, -1).some((v) => v !== '')), 'the SLA of that support type is empty all day');
  });

  it('the Agents & teams table fits with no horizontal scroll, grouped and not, and its activity and shares are not cut', async () => {
    const { page, at } = session();
    page.setDefaultTimeout(60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(at('role=sdl&agents=40'), { timeout: SLOW });
    await page.getByRole('tab', { name: 'Agents & teams', exact: true }).click();
    const table = page.getByRole('region', { name: AGENTS_TABLE });
    await table.locator('tbody tr').nth(3).waitFor({ timeout: SLOW });
    for (const grouped of [true, false]) {
      const box = page.getByRole('checkbox', { name: 'Group by team' });
      if ((await box.isChecked()) !== grouped) await page.locator('label', { hasText: 'Group by team' }).click();
      await page.getByRole('checkbox', { name: 'Group by team', checked: grouped }).waitFor({ state: 'attached' });
      const fit = await table.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      assert.ok(fit.scrollWidth <= fit.clientWidth, `grouped ${grouped}: the table scrolls sideways (${fit.scrollWidth} > ${fit.clientWidth})`);
      // Nothing in an agent's activity cell or under their logged-status bar is cut off.
      const cut = await table.evaluate((el) =>
        [...el.querySelectorAll('tbody td, tbody td *')]
          .filter((c) => (c as HTMLElement).offsetParent !== null && c.clientWidth > 1 && c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).overflow === 'hidden')
          .map((c) => c.textContent ?? ''),
      );
      assert.deepEqual(cut, [], `grouped ${grouped}: cut cells`);
      // Every column's header reads whole (a support type's name, "Technical support" on two lines).
      const cutHeaders = await table.evaluate((el) => [...el.querySelectorAll('thead th')].filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent ?? ''));
      assert.deepEqual(cutHeaders, [], `grouped ${grouped}: cut headers`);
      await page.screenshot({ path: screenshotPath(`agents-fit-sdl-${grouped ? 'grouped' : 'flat'}`) });
    }
  });
});
