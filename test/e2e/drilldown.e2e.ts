/**
 * End to end in Chromium: drilling into conversations from the Conversations tab. A
 * conversation opens on its screen (media switcher, transcript as text); one whose first
 * media is `Raw` opens that link in a new tab instead, as Flex does. Screenshots go to
 * test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxSession, screenshotPath } from './browser';


describe('drill-down in Chromium', () => {
  const session = sandboxSession({ before, after });

  it('opens conversations from the list: the screen with its media, or a Raw link in a new tab', async () => {
    const { page, at, browser } = session();
    // Today since midnight (history of one day) up to E2E_NOW, mid-afternoon: enough
    // conversations to meet every kind of media; live data alone holds only the contacts
    // open now, and early in the day even today so far may hold no Raw-first one.
    await page.goto(at('role=sdl&speed=30&agents=80&historyDays=1'));
    await page.getByRole('tab', { name: 'Conversations' }).click();
    const table = page.getByRole('table', { name: 'Conversations' });
    await table.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('drilldown-list') });
    let sawScreen = false;
    let sawTranscript = false;
    let sawRawTab = false;
    let sawSwitcher = false;
    let sawRecording = false;
    // The list moves as conversations arrive: take the rows' names once, then open each.
    // The list is virtualised (only the rows in view are drawn): scroll through it once to
    // read every row's name, then find each row again by searching for it.
    const list = page.getByRole('region', { name: 'Conversation list' });
    const seen = new Set<string>();
    for (let step = 0; step < 500; step++) {
      for (const l of await table.getByRole('button', { name: /^Open conversation/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) seen.add(l);
      const atEnd = await list.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight;
        return el.scrollTop === before;
      });
      if (atEnd) break;
      await page.waitForTimeout(50);
    }
    const labels = [...seen];
    for (let i = 0; i < labels.length && !(sawScreen && sawTranscript && sawRawTab && sawSwitcher && sawRecording); i++) {
      await page.getByLabel('Search by name or sid').fill(labels[i].replace(/^Open conversation with /, ''));
      const open = table.getByRole('button', { name: labels[i], exact: true }).first();
      if ((await open.count()) === 0) continue;
      const popup = browser.waitForEvent('page', { timeout: 5000 }).catch(() => undefined);
      await open.click();
      const back = page.getByRole('button', { name: 'Back to Insights' });
      // Whichever comes first of the screen and a new tab; undefined only when neither came.
      const opened = await new Promise<'screen' | 'tab' | undefined>((resolve) => {
        let pending = 2;
        const done = (v: 'screen' | 'tab' | undefined): void => {
          if (v) resolve(v);
          else if (--pending === 0) resolve(undefined);
        };
        back.waitFor({ timeout: 5000 }).then(() => done('screen'), () => done(undefined));
        void popup.then((p) => done(p ? 'tab' : undefined));
      });
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
      // Its identifiers, each with a copy button.
      assert.ok((await page.getByRole('region', { name: 'Identifiers' }).getByRole('button', { name: /^Copy (WT|CA|CH)/ }).count()) > 0, 'no identifier to copy');
      // Several media: a switcher. Go through each: an embedded page, a link, a recording…
      const mediaTabs = page.getByRole('tablist', { name: 'Media' }).getByRole('tab');
      const count = await mediaTabs.count();
      if (count >= 2 && !sawSwitcher) {
        for (let m = 0; m < count; m++) {
          await mediaTabs.nth(m).click();
          await page.screenshot({ path: screenshotPath(`drilldown-media-${m}`), fullPage: true });
        }
        const iframe = page.locator('iframe');
        if ((await iframe.count()) > 0) {
          assert.equal(await iframe.first().getAttribute('sandbox'), 'allow-scripts allow-forms allow-popups');
          assert.equal(await iframe.first().getAttribute('referrerpolicy'), 'no-referrer');
        }
        sawSwitcher = true;
      }
      // A call's recording plays in the screen's player (one media: shown at once; several: a tab).
      if (!sawRecording) {
        const recordingTab = page.getByRole('tablist', { name: 'Media' }).getByRole('tab', { name: /recording/i });
        if ((await recordingTab.count()) > 0) await recordingTab.first().click();
        if ((await page.locator('audio').count()) > 0) {
          assert.match((await page.locator('audio').first().getAttribute('src')) ?? '', /\/sandbox-media\/recording\.wav$/);
          sawRecording = true;
          await page.screenshot({ path: screenshotPath('drilldown-recording'), fullPage: true });
        }
      }
      const transcriptTab = page.getByRole('tab', { name: /transcript/i });
      if ((await transcriptTab.count()) > 0) await transcriptTab.first().click();
      // The transcript's authors as people or roles: the customer by name (CS), the ISS by role.
      const line = page.getByRole('list', { name: 'Messages' }).getByText(/\(CS\)/).first();
      if (await line.waitFor({ timeout: 1000 }).then(() => true, () => false)) {
        assert.equal(await page.getByRole('list', { name: 'Messages' }).getByText(/crisis-supporter|_40/).count(), 0, 'a login name shows as an author');
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
    assert.ok(sawSwitcher, 'no conversation with several media to switch between');
    assert.ok(sawRecording, 'no call recording in the player');
  });
});
