/**
 * `npx tsx test/e2e/shoot.ts [role...]`: screenshots of the sandbox as each role sees it,
 * into test/e2e/screenshots/ (gitignored), for looking at by hand.
 */
import { launchBrowser, screenshotPath, startSandbox } from './browser';

async function main(): Promise<void> {
  const roles = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['agent', 'stl', 'sdl', 'analyst', 'admin'];
  const { url, server } = await startSandbox();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    for (const role of roles) {
      await page.goto(`${url}?role=${role}`);
      await page.getByRole('heading', { name: 'Insights' }).waitFor();
      await page.waitForTimeout(1500);
      const file = screenshotPath(`sandbox-${role}`);
      await page.screenshot({ path: file });
      console.log(file);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
