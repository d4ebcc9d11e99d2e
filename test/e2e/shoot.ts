/**
 * `npx tsx test/e2e/shoot.ts [role...]`: screenshots of every tab of the sandbox as each role
 * sees it, into test/e2e/screenshots/ (gitignored), for looking at by hand. By default the window
 * is a 1440×900 laptop and the shot is what fits in it; `SHOOT_FULL=1` shoots a tall page whole.
 * `SHOOT_QUERY` adds to the sandbox's query (e.g. `surge=imminent`).
 */
import { E2E_NOW, openSandbox, sandboxUrl, screenshotPath } from './browser';

async function main(): Promise<void> {
  const roles = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['agent', 'stl', 'sdl', 'analyst', 'admin'];
  // The tests' instant, so the screenshots show a busy afternoon whatever the hour.
  const { url, browser, close } = await openSandbox({ now: E2E_NOW });
  try {
    const page = await browser.newPage();
    const full = process.env.SHOOT_FULL === '1';
    // Tall when whole, so each tab's inner scroll area shows whole.
    await page.setViewportSize(full ? { width: 1280, height: 2000 } : { width: 1440, height: 900 });
    const extra = process.env.SHOOT_QUERY ? `&${process.env.SHOOT_QUERY}` : '';
    for (const role of roles) {
      await page.goto(sandboxUrl(url, `role=${role}${extra}`));
      await page.getByRole('heading', { name: 'Insights' }).waitFor();
      const tabs = await page.getByRole('tab').allTextContents();
      for (const [i, name] of tabs.entries()) {
        await page.getByRole('tab', { name }).click();
        // Let the history load and the tab draw its figures.
        await page.waitForTimeout(i === 0 ? 6000 : 2000);
        const file = screenshotPath(`sandbox-${role}-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`);
        await page.screenshot({ path: file, fullPage: full });
        console.log(file);
      }
    }
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
