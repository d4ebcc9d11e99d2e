/**
 * End to end in Chromium: a shift team leader with a staged surge of imminent contacts
 * (`?surge=imminent`). The imminent wait alert shows in the strip within one second (real
 * time) of the rule's threshold on the simulated clock, with a Flex notification and the
 * badge on the side link; the leader acknowledges the rule's line (every alert on it); they
 * clear when the queue empties;
 * the log says raised, acknowledged (by the leader), cleared.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E_NOW, sandboxSession, screenshotPath } from './browser';

const SLOW = 180_000;
/** Simulated seconds per real second, after the page opens: the surge's 120 s limit is 12 s away. */
const SPEED = 10;
const SURGE_AFTER_SEC = 10;
const SURGE_WAIT_SEC = 200;
/** The bundled rule `imminent-wait`: an Imminent contact waiting over 120 s, clear after 10 s. */
const LIMIT_SEC = 120;
const LABEL = 'Imminent contact waiting over 120 s';

describe('alerts', { timeout: 600_000 }, () => {
  const session = sandboxSession({ before, after });

  it('a team leader sees the surge alert within 1 s of the threshold, acknowledges it, and it clears when the queue empties', async () => {
    const { page, at } = session();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(at(`role=stl&agents=40&history=off&speed=${SPEED}&surge=imminent&surgeAfter=${SURGE_AFTER_SEC}&surgeWait=${SURGE_WAIT_SEC}&surgeCount=5`), { timeout: SLOW });
    await page.getByRole('tablist', { name: 'Insights tabs' }).waitFor({ timeout: SLOW });
    // The first surge contact crosses the limit at this simulated instant.
    const thresholdMs = Date.parse(E2E_NOW) + (SURGE_AFTER_SEC + LIMIT_SEC) * 1000;
    // Polled every animation frame in the page; returns the simulated clock when the alert appeared.
    const seenAt = await page.waitForFunction(
      (label) => {
        const items = [...document.querySelectorAll('section[aria-label="Alerts"] [role="alert"]')];
        return items.some((i) => i.textContent?.includes(label)) ? Date.now() : false;
      },
      LABEL,
      { polling: 'raf', timeout: SLOW },
    );
    const seenSimMs = (await seenAt.jsonValue()) as number;
    const lateRealMs = (seenSimMs - thresholdMs) / SPEED;
    console.log(`alert in the DOM ${Math.round(lateRealMs)} ms (real) after the threshold`);
    assert.ok(lateRealMs >= -50, `the alert showed before the threshold (${lateRealMs} ms)`);
    assert.ok(lateRealMs < 1000, `the alert showed ${lateRealMs} ms after the threshold`);

    // The Flex notification and the badge.
    await page.getByRole('region', { name: 'Notifications' }).getByText(LABEL).first().waitFor();
    const badge = page.getByRole('navigation', { name: 'Side navigation' }).getByLabel(/alerts? not acknowledged/);
    await badge.waitFor();
    const before = Number(await badge.textContent());
    assert.ok(before >= 1);
    await page.screenshot({ path: screenshotPath('alerts-strip-stl') });

    const strip = page.getByRole('region', { name: 'Alerts' }).or(page.locator('section[aria-label="Alerts"]'));
    const first = strip.getByRole('alert').filter({ hasText: LABEL }).first();
    await first.getByRole('button', { name: /Acknowledge/ }).click();
    await strip.getByText(/Acknowledged by /).first().waitFor();

    // The queue empties (the surge hangs up): every imminent wait alert clears after its clear time.
    await page.waitForFunction((label) => ![...document.querySelectorAll('section[aria-label="Alerts"] [role="alert"]')].some((i) => i.textContent?.includes(label)), LABEL, {
      timeout: SLOW,
    });
    await strip.getByRole('button', { name: /Show the alert log/ }).click();
    const table = page.getByRole('table', { name: 'Alert log' });
    await table.waitFor();
    const events = await table.locator('tbody tr').evaluateAll((rows, label) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')).filter((cells) => cells[3] === label).map((cells) => `${cells[1]}|${cells[5]}`),
      LABEL,
    );
    assert.ok(events.filter((e) => e.startsWith('Raised')).length >= 5, `raised: ${events.join(', ')}`);
    assert.ok(events.filter((e) => e.startsWith('Cleared')).length >= 5, `cleared: ${events.join(', ')}`);
    // The line's one Acknowledge acknowledged every alert raised on it then, each by the leader.
    const acknowledged = events.filter((e) => e.startsWith('Acknowledged'));
    assert.ok(acknowledged.length >= 1, `acknowledged: ${events.join(', ')}`);
    assert.ok(acknowledged.every((e) => e.split('|')[1].length > 0), `acknowledged by: ${acknowledged.join(', ')}`);
    await page.screenshot({ path: screenshotPath('alerts-log-stl') });
  });
});
