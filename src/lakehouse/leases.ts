/**
 * Who is writing into a lakehouse folder (Node only). Several export runs may write into
 * one folder at once, each its own days; these files keep them apart:
 *
 * - `.lock`: the folder lock, created with O_EXCL and held only for a few file operations
 *   (recovering dead runs, claiming days, merging the manifests). A lock whose holder died
 *   (its pid is gone on this host, or it is older than a minute) is broken.
 * - `.run-<run id>`: a run's record (pid, host, start), written when it claims its days and
 *   touched every few seconds while it runs. A run is live while its record exists, was
 *   touched within the last ten minutes and, on this host, its pid is alive. A run that
 *   fails removes its record, so it counts as dead at once.
 * - `.lease-<day>`: the day a run is writing, created with O_EXCL under the folder lock.
 *   A day whose lease belongs to a live run is not claimed by another; one of a dead run
 *   is taken over after that run's leftovers are recovered.
 *
 * Staging folders, swaps and leases of a live run are never touched by another run.
 */
import { closeSync, existsSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** What a lock, a run record and a lease say about who wrote them. */
export interface Holder {
  readonly runId: string;
  readonly pid: number;
  readonly host: string;
  readonly at: string;
}

export const LOCK = '.lock';
export const RUN_PREFIX = '.run-';
export const LEASE_PREFIX = '.lease-';

/** A folder lock older than this is a dead holder's: the work done under it takes milliseconds. */
const LOCK_STALE_MS = 60_000;
/** A run record not touched for this long is a dead run's (a host that stopped, a pid reused). */
export const RUN_EXPIRY_MS = 10 * 60_000;
/** How often a live run touches its record. */
const HEARTBEAT_MS = 15_000;

const sleepSync = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holder(runId: string): Holder {
  return { runId, pid: process.pid, host: hostname(), at: new Date().toISOString() };
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** Is this process alive on this host (a process of another user is alive too)? */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `path` only if it does not exist (O_EXCL), with `text` in it. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** `path` through a temporary file and a rename: readers see the old text or the new, whole. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function describeHolder(h: Holder | undefined): string {
  return h === undefined ? 'a run that left no record' : `run ${h.runId} (pid ${h.pid} on ${h.host}, since ${h.at})`;
}

/** Breaks the folder lock if its holder is dead; true when it did. */
function breakStaleLock(path: string): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return false;
  }
  const h = readHolder(path);
  const dead = age > LOCK_STALE_MS || (h !== undefined && h.host === hostname() && !pidAlive(h.pid));
  if (!dead) return false;
  // Moved aside under a name of our own, then checked: if another process took the lock
  // in between, it is put back (link fails when yet another holds it: theirs stands).
  const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(path, aside);
  } catch {
    return false;
  }
  const moved = readHolder(aside);
  if (h !== undefined && moved !== undefined && JSON.stringify(moved) !== JSON.stringify(h)) {
    try {
      renameSync(aside, path);
    } catch {
      /* the lock was taken again meanwhile */
    }
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

/**
 * Runs `work` holding the folder's lock (synchronous, so nothing else of this process runs
 * inside it either). Waits for another holder up to `timeoutMs`, then fails naming it.
 */
export function withFolderLock<T>(dir: string, runId: string, work: () => T, timeoutMs = 30_000): T {
  const path = join(dir, LOCK);
  const me = JSON.stringify(holder(runId));
  const deadline = Date.now() + timeoutMs;
  for (let wait = 2; !createExclusive(path, me); wait = Math.min(wait * 2, 100)) {
    if (breakStaleLock(path)) continue;
    if (Date.now() > deadline) {
      throw new Error(`${dir} is locked by ${describeHolder(readHolder(path))} for over ${timeoutMs / 1000} s; if no export is running there, delete ${path}`);
    }
    sleepSync(wait);
  }
  try {
    return work();
  } finally {
    // Only our own lock is removed (one broken as stale and taken by another stays theirs).
    try {
      if (readFileSync(path, 'utf8') === me) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  }
}

export const runRecordPath = (dir: string, runId: string): string => join(dir, `${RUN_PREFIX}${runId}`);
export const leasePath = (dir: string, day: string): string => join(dir, `${LEASE_PREFIX}${day}`);

/** The record of a live run, else undefined (no record, not touched for too long, or its pid gone on this host). */
export function liveRun(dir: string, runId: string): Holder | undefined {
  const path = runRecordPath(dir, runId);
  let touched: number;
  try {
    touched = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  const h = readHolder(path);
  if (h === undefined || Date.now() - touched > RUN_EXPIRY_MS) return undefined;
  return h.host !== hostname() || pidAlive(h.pid) ? h : undefined;
}

/** The run holding a day's lease, if any (live or not). */
export function leaseHolder(dir: string, day: string): Holder | undefined {
  return existsSync(leasePath(dir, day)) ? (readHolder(leasePath(dir, day)) ?? { runId: '', pid: 0, host: '', at: '' }) : undefined;
}

/** The ids of the runs that left something in `dir`: a record, a lease, a staging folder or a swap. */
export function runsIn(dir: string, prefixes: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const name of readdirSync(dir)) {
    if (name.startsWith(LEASE_PREFIX)) {
      const h = readHolder(join(dir, name));
      if (h !== undefined) ids.add(h.runId);
      continue;
    }
    const prefix = [RUN_PREFIX, ...prefixes].find((p) => name.startsWith(p));
    if (prefix !== undefined) ids.add(name.slice(prefix.length));
  }
  return ids;
}

/** Removes every lease of `runId` (and a lease file too damaged to say whose it is). */
export function dropLeases(dir: string, runId: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(LEASE_PREFIX)) continue;
    const h = readHolder(join(dir, name));
    if (h === undefined || h.runId === runId) rmSync(join(dir, name), { force: true });
  }
}

/** A run's hold on its days: its record kept fresh until it is released. */
export class RunLease {
  private readonly timer: ReturnType<typeof setInterval>;

  private constructor(
    readonly dir: string,
    readonly runId: string,
    readonly days: readonly string[],
  ) {
    const path = runRecordPath(dir, runId);
    this.timer = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        /* released meanwhile */
      }
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /**
   * Under the folder lock already held: the days held by live runs, or, when none is, the
   * record and a lease per day written and the lease returned.
   */
  static claimLocked(dir: string, runId: string, days: readonly string[]): RunLease | { busy: { day: string; holder: Holder }[] } {
    const busy: { day: string; holder: Holder }[] = [];
    for (const day of days) {
      const h = leaseHolder(dir, day);
      const live = h === undefined ? undefined : liveRun(dir, h.runId);
      if (live !== undefined) busy.push({ day, holder: live });
    }
    if (busy.length > 0) return { busy };
    writeAtomic(runRecordPath(dir, runId), JSON.stringify(holder(runId)));
    const me = JSON.stringify(holder(runId));
    for (const day of days) {
      // Dead runs' leases were recovered just before, under the same lock.
      rmSync(leasePath(dir, day), { force: true });
      if (!createExclusive(leasePath(dir, day), me)) throw new Error(`the lease of ${day} was taken under the folder lock`);
    }
    return new RunLease(dir, runId, days);
  }

  /** The run finished: its leases, then its record, removed (the record last, so nobody recovers a run still cleaning up). */
  release(): void {
    clearInterval(this.timer);
    for (const day of this.days) {
      if (readHolder(leasePath(this.dir, day))?.runId === this.runId) rmSync(leasePath(this.dir, day), { force: true });
    }
    rmSync(runRecordPath(this.dir, this.runId), { force: true });
  }

  /** The run failed: its record goes, so the next run or `lakehouse:check` recovers what it left as a dead run's. */
  abandon(): void {
    clearInterval(this.timer);
    rmSync(runRecordPath(this.dir, this.runId), { force: true });
  }
}
