/**
 * End to end in Chromium: drilling into conversations from the Conversations tab. A
 * conversation opens on its screen (media switcher, transcript as text); one whose first
 * media is `Raw` opens that link in a new tab instead, as Flex does. Screenshots go to
 * test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchBrowser, screenshotPath, startSandbox } from './browser';

let browser: BrowserContext;
let server: ViteDevServer;
let url: string;
let page: Page;

describe('drill-down in Chromium', () => {
  before(async () => {
    ({ url, server } = await startSandbox());
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens conversations from the list: the screen with its media, or a Raw link in a new tab', async () => {
    await page.goto(`${url}?role=sdl&speed=120`);
    await page.getByRole('tab', { name: 'Conversations' }).click();
    const table = page.getByRole('table', { name: 'Conversations' });
    await table.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('drilldown-list') });
    let sawScreen = false;
    let sawTranscript = false;
    let sawRawTab = false;
    for (let i = 0; i < 40 && !(sawScreen && sawTranscript && sawRawTab); i++) {
      const open = table.getByRole('button', { name: /^Open conversation/ }).nth(i);
      if ((await open.count()) === 0) break;
      const popup = browser.waitForEvent('page', { timeout: 1500 }).catch(() => undefined);
      await open.click();
      const back = page.getByRole('button', { name: 'Back to Insights' });
      const opened = await Promise.race([
        back.waitFor({ timeout: 1500 }).then(() => 'screen' as const).catch(() => undefined),
        popup.then((p) => (p ? ('tab' as const) : undefined)),
      ]);
      if (opened === 'tab') {
        const tab = await popup;
        assert.ok(tab);
        await tab.waitForLoadState();
        assert.match(tab.url(), /\/sandbox-media\/crm\.html/);
        sawRawTab = true;
        await tab.close();
        continue;
      }
      if (opened !== 'screen') continue;
      sawScreen = true;
      // Several media: a switcher; one: shown at once.
      const transcriptTab = page.getByRole('tab', { name: /transcript/i });
      if ((await transcriptTab.count()) > 0) await transcriptTab.first().click();
      const line = page.getByText(/Hi, I need to check in please|Hi, thanks for reaching out|Take your time, I am here/).first();
      if (await line.waitFor({ timeout: 1000 }).then(() => true, () => false)) {
        sawTranscript = true;
        await page.screenshot({ path: screenshotPath('drilldown-transcript') });
      } else {
        await page.screenshot({ path: screenshotPath(`drilldown-screen-${i}`), fullPage: true });
      }
      await back.click();
      await page.getByRole('tab', { name: 'Conversations' }).click();
      await table.waitFor();
    }
    assert.ok(sawScreen, 'no conversation opened on its screen');
    assert.ok(sawRawTab, 'no Raw-first conversation opened a new tab');
    assert.ok(sawTranscript, 'no chat transcript was read');
  });
});
