/**
 * End to end in Chromium at 1440×900: the Now tab, first for a team leader (`stl`) and a
 * service delivery lead (`sdl`), with a staged surge of imminent contacts (`?surge=imminent`).
 * The tab fits the window (no scrollbar on the page or on any box around the tab) once the
 * surge's wait alerts are raised above the tabs, and the imminent row, waiting, is the first
 * support type; also for a team of 30 agents. Screenshots in test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxSession, screenshotPath } from './browser';

const SLOW = 180_000;

describe('the Now tab at 1440×900', () => {
  const session = sandboxSession({ before, after });

  const cases = [
    { role: 'stl', centre: 'agents=40', shot: 'now-stl' },
    { role: 'sdl', centre: 'agents=40', shot: 'now-sdl' },
    // Four teams of about 30 (23 in the leader's at this hour): the leader's team is listed whole.
    { role: 'stl', centre: 'agents=120&teamSize=30', shot: 'now-stl-team30' },
    // Today's history in: the day's missed offers are listed too.
    { role: 'stl', centre: 'agents=40&historyDays=1', shot: 'now-stl-history' },
  ] as const;
  for (const { role, centre, shot } of cases) {
    it(`${role}, ${centre}: Now is first, fits without scrolling with the alerts raised, and an imminent contact waiting shows first`, async () => {
      const { page, at } = session();
      await page.setViewportSize({ width: 1440, height: 900 });
      const history = centre.includes('historyDays') ? '' : '&history=off';
      await page.goto(at(`role=${role}&${centre}${history}&speed=10&surge=imminent&surgeAfter=1&surgeWait=600&surgeCount=5`), { timeout: SLOW });
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
      // The five contacts pass the imminent rule's 120 s: its alerts are raised above the tabs.
      await page.locator('section[aria-label="Alerts"] [role="alert"]', { hasText: 'Imminent contact waiting over 120 s (5)' }).waitFor({ timeout: SLOW });
      if (centre.includes('historyDays')) {
        const missed = await page.getByRole('list', { name: 'Missed offers today' }).getByRole('listitem').count();
        assert.ok(missed >= 1, "with today's history in, the day has missed offers");
      }
      if (centre.includes('teamSize=30')) {
        // Every agent of the team (the simulator moves a few between teams) is on the tab.
        const counts = (await page.locator('[data-figure="now-agents"]').textContent()) ?? '';
        const agents = Number(/([\d,]+) agents/.exec(counts)?.[1].replace(/,/g, '') ?? NaN);
        const listed = await page.getByRole('list', { name: 'Agents now' }).getByRole('listitem').count();
        const offline = Number((await page.getByText(/^Offline \(\d+\):/).textContent({ timeout: 2000 }).catch(() => 'Offline (0):'))?.match(/\d+/)?.[0] ?? 0);
        assert.ok(agents >= 20, `a big team: ${counts}`);
        assert.equal(listed + offline, agents, `${listed} listed and ${offline} offline of ${counts}`);
      }
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
      await page.screenshot({ path: screenshotPath(shot) });
      assert.deepEqual(overflow, []);
    });
  }
});
