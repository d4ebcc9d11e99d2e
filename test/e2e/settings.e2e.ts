/**
 * End to end in Chromium: an admin saves settings in the Settings tab through the
 * sandbox's Settings function (the serverless handler over the fake Flex Configuration,
 * kept in a file); the change is in force at once and after a reload; a team leader has
 * no Settings tab and the function refuses their save. Screenshots of each section at
 * 1440×900 go to test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sandboxSession, screenshotPath } from './browser';

const ADMIN = 'role=admin&speed=0';

/** The queue tiles under the Imminent heading: name, status word, longest wait text. */
async function imminentTiles(page: Page): Promise<{ queue: string; status: string; wait: string }[]> {
  const group = page.getByRole('region', { name: 'Imminent', exact: true });
  await group.waitFor();
  return group.locator('section').evaluateAll((sections) =>
    sections.map((s) => ({
      queue: s.getAttribute('aria-label') ?? '',
      status: (s.querySelector('[data-paste-element="BADGE"]')?.textContent ?? '').trim(),
      wait: (Array.from(s.querySelectorAll('dt')).find((dt) => /longest/i.test(dt.textContent ?? ''))?.nextElementSibling?.textContent ?? '').trim(),
    })),
  );
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

describe('admin settings in Chromium', () => {
  const session = sandboxSession({ before, after });

  it('an admin lowers the imminent wait threshold, saves, and a queue tile turns red, still red after a reload', async () => {
    const { page, at } = session();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(at(ADMIN));
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await openTab(page, 'Queues');
    // Let today's history land (the tiles settle).
    await page.waitForTimeout(4000);
    const before = await imminentTiles(page);
    const target = before.find((t) => t.wait !== '' && t.wait !== '0:00' && t.wait !== '—' && !/act/i.test(t.status));
    assert.ok(target, `an imminent queue with someone waiting and not yet red: ${JSON.stringify(before)}`);

    await openTab(page, 'Settings');
    await page.getByRole('region', { name: 'Thresholds' }).waitFor();
    for (const [name, id] of [
      ['Drill-down rules', 'rules'],
      ['Support types', 'support-types'],
      ['Platforms', 'platforms'],
      ['Thresholds', 'thresholds'],
      ['Service level, time zone and history', 'general'],
    ] as const) {
      const region = page.getByRole('region', { name });
      await region.scrollIntoViewIfNeeded();
      await region.screenshot({ path: screenshotPath(`settings-${id}`) });
    }
    await page.getByRole('button', { name: 'Add a support type threshold' }).click();
    await page.getByLabel('Support type of override 1').selectOption('imminent');
    await page.getByLabel('imminent longest wait (s), amber').fill('1');
    await page.getByLabel('imminent longest wait (s), red').fill('2');
    await page.getByRole('region', { name: 'Thresholds' }).screenshot({ path: screenshotPath('settings-thresholds-imminent') });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved \(version 1\)/).waitFor();
    await page.screenshot({ path: screenshotPath('settings-saved') });

    await openTab(page, 'Queues');
    const now = await imminentTiles(page);
    assert.match(now.find((t) => t.queue === target.queue)?.status ?? '', /act/i, `${target.queue} is red at once`);
    await page.screenshot({ path: screenshotPath('settings-queue-red') });

    await page.reload();
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await openTab(page, 'Queues');
    await page.waitForTimeout(3000);
    const reloaded = await imminentTiles(page);
    assert.match(reloaded.find((t) => t.queue === target.queue)?.status ?? '', /act/i, `${target.queue} is still red after a reload`);
    await openTab(page, 'Settings');
    await page.getByText(/Version 1, saved by admin@sandbox/).waitFor();
    assert.equal(await page.getByLabel('imminent longest wait (s), red').inputValue(), '2');
  });

  it('a team leader has no Settings tab, and the Settings function refuses their save', async () => {
    const { page, at } = session();
    await page.goto(at('role=stl&speed=0'));
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Settings' }).count(), 0);
    const answer = await page.evaluate(async () => {
      const res = await fetch('/insights-settings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        // The token the sandbox gives a team leader (sandbox.<persona>.<worker sid>).
        body: JSON.stringify({ Token: (window as unknown as { sandboxToken?: string }).sandboxToken ?? 'sandbox.stl.WK00000000000000000000000000000000', baseVersion: 1, settings: {} }),
      });
      return { status: res.status, body: (await res.json()) as { error?: { code?: string } } };
    });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error?.code, 'forbidden');
  });
});
