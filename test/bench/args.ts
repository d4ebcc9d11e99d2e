/** What the benchmark scripts share. */

/** `--name N` from the command line, else the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A full collection when node runs with `--expose-gc`; nothing otherwise. */
export const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Seconds since a `process.hrtime.bigint()` reading. */
export const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
