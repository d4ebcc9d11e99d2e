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
import { findQueue } from '../../src/sources/simulator';
import { sandboxSession, screenshotPath } from './browser';

// A small centre (five agents) at a frozen instant: contacts wait, and the figures hold still.
const ADMIN = 'role=admin&speed=0&agents=5&historyDays=1';

interface Tile {
  readonly group: string;
  readonly queue: string;
  readonly status: string;
  readonly wait: string;
  readonly serviceLevel: string;
}

/** Every queue tile: its support-type group, name, status word and longest wait as shown. */
async function tiles(page: Page): Promise<Tile[]> {
  await page.locator('section dl').first().waitFor();
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('section'))
      .filter((s) => s.querySelector(':scope > dl') !== null)
      .map((s) => ({
        group: s.parentElement?.closest('section')?.getAttribute('aria-label') ?? '',
        queue: s.getAttribute('aria-label') ?? '',
        status: (s.querySelector('[data-paste-element="BADGE"]')?.textContent ?? '').trim(),
        wait: (Array.from(s.querySelectorAll('dt')).find((dt) => /longest/i.test(dt.textContent ?? ''))?.nextElementSibling?.textContent ?? '').trim(),
        serviceLevel: (Array.from(s.querySelectorAll('dt')).find((dt) => /^SLA/.test(dt.textContent ?? ''))?.nextElementSibling?.textContent ?? '').trim(),
      })),
  );
}

const tileOf = (all: readonly Tile[], queue: string): Tile | undefined => all.find((t) => t.queue === queue);

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

const FIGURES = { waitingNow: 'contacts waiting', longestWaitSec: 'longest wait (s)', serviceLevel: 'service level (0–1)' } as const;

/** Sets a support type's own threshold of one figure, adding its override row when there is none. */
async function setOverride(page: Page, type: string, figure: keyof typeof FIGURES, amber: string, red: string): Promise<void> {
  const label = `${type} ${FIGURES[figure]}`;
  if ((await page.getByLabel(`${label}, amber`, { exact: true }).count()) === 0) {
    const rows = await page.getByLabel(/^Support type of override \d+$/).count();
    await page.getByRole('button', { name: 'Add a support type threshold' }).click();
    await page.getByLabel(`Support type of override ${rows + 1}`, { exact: true }).selectOption(type);
    await page.getByLabel(`Figure of override ${rows + 1}`, { exact: true }).selectOption(figure);
  }
  await page.getByLabel(`${label}, amber`, { exact: true }).fill(amber);
  await page.getByLabel(`${label}, red`, { exact: true }).fill(red);
}

/** Saves; a Save held back fails with the problems the tab shows. */
async function save(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Save' });
  if (await button.isDisabled()) {
    const problems = await page.locator('[data-paste-element="HELP_TEXT"]').allTextContents();
    assert.fail(`Save is held back: ${problems.join(' | ')}`);
  }
  await button.click();
  await page.getByText(/Saved \(version \d+\)|Not saved/).first().waitFor();
  const status = await page.getByText(/Saved \(version \d+\)|Not saved.*/).first().textContent();
  assert.match(status ?? '', /Saved \(version \d+\)/);
}

/** Where `?surge=imminent` puts its contacts: the imminent voice queue. */
const SURGE_QUEUE = findQueue('CISS', 'imminent')?.name ?? 'no imminent voice queue';

/** The surge queue's tile, once it shows, and once its longest wait is at least `seconds`. */
async function surgeTile(page: Page, seconds = 0): Promise<Tile> {
  let tile: Tile | undefined;
  for (let i = 0; i < 30; i++) {
    tile = tileOf(await tiles(page), SURGE_QUEUE);
    if (tile && waitSec(tile) >= seconds) return tile;
    await page.waitForTimeout(500);
  }
  assert.fail(`the surge queue ${SURGE_QUEUE} with a wait of ${seconds} s: ${JSON.stringify(tile)}`);
}

const waitSec = (t: Tile): number => {
  const m = /^(?:(\d+):)?(\d+):(\d+)$|^(\d+)\s*s$/.exec(t.wait);
  if (!m) return NaN;
  return m[4] !== undefined ? Number(m[4]) : Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
};

describe('admin settings in Chromium', () => {
  const session = sandboxSession({ before, after });

  it('an admin maps a queue to imminent, tightens the imminent threshold and adds a rule; the tile turns red at once and after a reload', async () => {
    const { page, at } = session();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(at(ADMIN));
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await openTab(page, 'Queues');
    // Let today's history land (the tiles settle).
    await page.waitForTimeout(4000);
    const before = await tiles(page);
    // At the pinned instant nobody waits in any queue of the sandbox (a frozen clock: waits do
    // not grow), so the figure made red is today's service level: a queue under target, not
    // red yet, is mapped to imminent, and imminent queues turn red below 99 %.
    const target = before.find((t) => /^\d+(\.\d+)?\s?%$/.test(t.serviceLevel) && parseFloat(t.serviceLevel) < 99 && !/act/i.test(t.status) && !/imminent/i.test(t.queue));
    assert.ok(target, `a queue under 99 % and not yet red: ${JSON.stringify(before)}`);

    await openTab(page, 'Settings');
    await page.getByRole('region', { name: 'Thresholds' }).waitFor();
    for (const [name, id] of [
      ['Drill-down rules', 'rules'],
      ['Support types', 'support-types'],
      ['Platforms', 'platforms'],
      ['Thresholds', 'thresholds'],
      ['Alert rules', 'alerts'],
      ['Service level, time zone and history', 'general'],
    ] as const) {
      const region = page.getByRole('region', { name });
      await region.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`settings-${id}`) });
    }
    // The map: the busy queue joins imminent; the preview says so before saving.
    await page.getByLabel('Patterns of imminent').fill(`imminent, ${target.queue}`);
    const preview = page.getByRole('table', { name: 'Queue to support type preview' });
    await preview.getByRole('row', { name: new RegExp(target.queue) }).getByText('imminent', { exact: true }).waitFor();
    // Thresholds of imminent queues only: red below 99 % answered in time, and from 2 s of waiting.
    await page.getByRole('button', { name: 'Add a support type threshold' }).click();
    await page.getByLabel('Support type of override 1').selectOption('imminent');
    await page.getByLabel('Figure of override 1').selectOption('serviceLevel');
    await page.getByLabel('imminent service level (0–1), amber').fill('1');
    await page.getByLabel('imminent service level (0–1), red').fill('0.99');
    await page.getByRole('button', { name: 'Add a support type threshold' }).click();
    await page.getByLabel('Support type of override 2').selectOption('imminent');
    await page.getByLabel('imminent longest wait (s), amber').fill('1');
    await page.getByLabel('imminent longest wait (s), red').fill('2');
    // A rule.
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Pattern of rule 1').fill('https://crm.example.com/*');
    await page.getByLabel('Action of rule 1').selectOption('new tab');
    // An invalid value holds Save back.
    await page.getByLabel('imminent longest wait (s), amber').fill('5');
    await page.getByText(/imminent › longest wait \(s\): amber \(5 s\) must be below red \(2 s\)/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save' }).isDisabled(), true);
    await page.getByRole('region', { name: 'Thresholds' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-thresholds-invalid') });
    await page.getByLabel('imminent longest wait (s), amber').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved \(version 1\)/).waitFor();
    await page.screenshot({ path: screenshotPath('settings-saved') });

    await openTab(page, 'Queues');
    const now = await tiles(page);
    assert.deepEqual({ group: tileOf(now, target.queue)?.group, red: /act/i.test(tileOf(now, target.queue)?.status ?? '') }, { group: 'Imminent', red: true });
    await page.getByRole('region', { name: target.queue }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-queue-red') });

    await page.reload();
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await openTab(page, 'Queues');
    await page.waitForTimeout(3000);
    const reloaded = await tiles(page);
    assert.deepEqual({ group: tileOf(reloaded, target.queue)?.group, red: /act/i.test(tileOf(reloaded, target.queue)?.status ?? '') }, { group: 'Imminent', red: true });
    await openTab(page, 'Settings');
    await page.getByText(/Version 1, saved by admin@sandbox/).waitFor();
    assert.equal(await page.getByLabel('imminent longest wait (s), red').inputValue(), '2');
    assert.equal(await page.getByLabel('imminent service level (0–1), red').inputValue(), '0.99');
    assert.equal(await page.getByLabel('Patterns of imminent').inputValue(), `imminent, ${target.queue}`);
    assert.equal(await page.getByLabel('Pattern of rule 1').inputValue(), 'https://crm.example.com/*');
  });

  it('during a surge, an admin lowers the imminent longest-wait threshold: the surge queue turns red at once, and after a reload', async () => {
    const { page, at } = session();
    await page.setViewportSize({ width: 1440, height: 900 });
    // Real time from the pinned instant: the surge's five imminent contacts wait from the first second.
    const SURGE = 'role=admin&speed=1&agents=5&historyDays=1&surge=imminent&surgeAfter=0&surgeWait=900';
    await page.goto(at(SURGE));
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    // Only the wait may colour imminent queues: their count and service level thresholds out of
    // reach, and the longest wait red from an hour.
    await openTab(page, 'Settings');
    await page.getByRole('region', { name: 'Thresholds' }).waitFor();
    await setOverride(page, 'imminent', 'waitingNow', '1000', '2000');
    await setOverride(page, 'imminent', 'serviceLevel', '0.001', '0');
    await setOverride(page, 'imminent', 'longestWaitSec', '1800', '3600');
    await save(page);
    await openTab(page, 'Queues');
    let tile = await surgeTile(page, 3);
    assert.ok(waitSec(tile) < 1800, `the surge waits, under the amber hour: ${JSON.stringify(tile)}`);
    assert.notEqual(tile.status, 'Act', `not red before the change: ${JSON.stringify(tile)}`);

    // Red from 2 s of waiting: the tile is red at once, with no reload.
    await openTab(page, 'Settings');
    await setOverride(page, 'imminent', 'longestWaitSec', '1', '2');
    await save(page);
    await openTab(page, 'Queues');
    tile = await surgeTile(page);
    assert.equal(tile.status, 'Act', `red at once: ${JSON.stringify(tile)}`);
    await page.getByRole('region', { name: tile.queue }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-surge-red') });

    // After a reload the page starts again from the pinned instant: red once the surge has waited 2 s.
    await page.reload();
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await openTab(page, 'Queues');
    tile = await surgeTile(page, 3);
    assert.equal(tile.status, 'Act', `still red after the reload: ${JSON.stringify(tile)}`);
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
