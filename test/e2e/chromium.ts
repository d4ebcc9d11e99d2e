/**
 * Where the browser tests find Chromium, and what to tell a person whose machine has
 * none. No imports beyond Node's, so `npm test` can ask before it does anything slow.
 */
import { accessSync, constants, statSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** One line saying what to install when `path` is not a runnable file, else undefined. */
export function chromiumMissing(path: string = CHROMIUM): string | undefined {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    const where = process.env.CHROMIUM_PATH !== undefined ? `CHROMIUM_PATH=${path}` : path;
    return `Chromium not found at ${where}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary; the browser tests and benchmarks drive it.`;
  }
}

/** Throws the one-line reason when Chromium cannot be run. */
export function assertChromium(path: string = CHROMIUM): void {
  const problem = chromiumMissing(path);
  if (problem) throw new Error(problem);
}
