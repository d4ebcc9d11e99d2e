/**
 * `npm run test:preflight`, the first step of `npm test`: without Chromium the browser
 * tests cannot run, so say so in one line before minutes of type checking and building.
 * It only checks; installing is `.ci/run`'s job (it may use apt-get, `npm test` may not).
 */
import { chromiumMissing } from './chromium';

const problem = chromiumMissing();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
