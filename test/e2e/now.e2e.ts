/**
 * End to end in Chromium at 1440×900: the Now tab, first for a team leader (`stl`) and a
 * service delivery lead (`sdl`), with a staged surge of imminent contacts (`?surge=imminent`).
 * The tab fits the window (no scrollbar on the page or on any box around the tab), and the
 * imminent row, waiting, is the first support type. Screenshots in test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxSession, screenshotPath } from './browser';

const SLOW = 180_000;

describe('the Now tab at 1440×900', () => {
  const session = sandboxSession({ before, after });

  for (const role of ['stl', 'sdl'] as const) {
    it(`${role}: Now is first, fits without scrolling, and an imminent contact waiting shows first`, async () => {
      const { page, at } = session();
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(at(`role=${role}&agents=40&history=off&speed=10&surge=imminent&surgeAfter=1&surgeWait=600&surgeCount=5`), { timeout: SLOW });
      await page.getByRole('tab', { name: 'Now', exact: true, selected: true }).waitFor({ timeout: SLOW });
      const board = page.getByRole('table', { name: 'Waiting now' });
      const first = board.getByRole('row').nth(1);
      // The surge arrives: the first row is imminent, with contacts waiting on a platform.
      await page.waitForFunction(
        () => {
          const row = document.querySelectorAll('table[aria-label="Waiting now"] tbody tr')[0];
          return row?.getAttribute('aria-label') === 'Imminent' && [...row.querySelectorAll('td[data-platform]')].some((td) => !/^0 /.test(td.textContent ?? ''));
        },
        undefined,
        { timeout: SLOW },
      );
      assert.equal(await first.getAttribute('aria-label'), 'Imminent');
      assert.equal(await board.getByRole('row').nth(2).getAttribute('aria-label'), 'Safety');
      await page.getByRole('list', { name: 'Agents now' }).waitFor();
      const overflow = await page.evaluate(() => {
        const out: string[] = [];
        const tab = document.querySelector('[data-now-tab]') as HTMLElement;
        // The tab's content ends inside the window.
        if (tab.getBoundingClientRect().bottom > window.innerHeight) out.push(`tab bottom ${tab.getBoundingClientRect().bottom} > ${window.innerHeight}`);
        // The page itself: the host's history line above the full-height view overflows by its
        // own height (fixed with the view's fit); anything more is the tab's.
        const doc = document.scrollingElement as HTMLElement;
        let view: HTMLElement | null = tab;
        while (view && getComputedStyle(view).overflowY !== 'auto') view = view.parentElement;
        let allowance = 1;
        for (let sib = view?.previousElementSibling; sib; sib = sib.previousElementSibling) allowance += sib.getBoundingClientRect().height;
        if (doc.scrollHeight > doc.clientHeight + allowance) out.push(`page ${doc.scrollHeight} > ${doc.clientHeight}`);
        for (let el = tab as HTMLElement | null; el && el !== doc; el = el.parentElement) {
          if (el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY !== 'visible') out.push(`${el.tagName} ${el.scrollHeight} > ${el.clientHeight}`);
        }
        return out;
      });
      await page.screenshot({ path: screenshotPath(`now-${role}`) });
      assert.deepEqual(overflow, []);
    });
  }
});
