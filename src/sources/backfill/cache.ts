/**
 * The browser cache of history (IndexedDB through `idb`): frozen days, and today's raw
 * canonical events so a reload refolds today and fetches only what is newer.
 *
 * - One database per cache key. The caller's key names the account and the caller's
 *   scope (role scope, team, worker, whether contacts are shown): different scopes never
 *   open each other's database. The database's name carries a digest of the key, not the
 *   key: the browser's list of databases names no team, worker or account.
 * - Only what the role may see is written: the backfill masks events and days before it
 *   calls `appendDayEvents` / `putDays` (`maskingOf` in the core).
 * - Stores: `days` (a packed `DaySnapshot` per day key, `snapshotCodec.ts`), `events`
 *   (chunks of today's events, indexed by day) and `meta` (the schema the records were
 *   written with).
 * - Nothing read is trusted: a record of the wrong shape is deleted and reported; a
 *   database of another schema is emptied (or deleted, if it is newer than this code) and
 *   reported. A bad chunk of today's events drops all of today's chunks, since the
 *   events after a hole cannot tell the backfill where to resume.
 * - Bounded: days more than `retentionDays` (`historyCacheDays`, default 7) before today
 *   are evicted on open and on write, and never written or read; only one day's events
 *   are kept.
 * - Deleted whole when it must not outlive its scope: `historyCacheCleanup` decides which
 *   databases go when Insights opens (other scopes, users or accounts; everything when the
 *   user's roles changed), `deleteHistoryDatabases` deletes them (and every one on logout).
 * - Every method is async and never rejects: IndexedDB may be missing (private mode), full
 *   or broken; the cache then does nothing, says so once with `[supervisor-insights]`, and
 *   the backfill fetches what it would have read.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DEFAULT_HISTORY_CACHE_DAYS, LOG_PREFIX, createCalendar, type DaySnapshot, type TrEvent } from '../../core';
import { CODEC_SCHEMA, packDay, unpackDay, type PackedDay } from './snapshotCodec';

/** The IndexedDB version of the stores' layout (not of the records: see `CODEC_SCHEMA`). */
export const CACHE_DB_VERSION = 1;
/** Database names are this prefix and a digest of the cache key (`historyDbName`). */
export const CACHE_DB_PREFIX = 'supervisor-insights-history:';
const LOG = `${LOG_PREFIX} history cache:`;

/**
 * A chunk of today's events as one value, not an object per event: gzip'd JSON where
 * the browser has `CompressionStream`, else the JSON text. Cloning a value per event
 * into IndexedDB and back costs more than the refold; the events of a day repeat their
 * task and worker attributes, so gzip keeps a tenth of the text.
 */
interface EventChunk {
  readonly day: string;
  readonly gzip?: Uint8Array;
  readonly json?: string;
}

interface HistoryDb extends DBSchema {
  days: { key: string; value: PackedDay };
  events: { key: number; value: EventChunk; indexes: { day: string } };
  meta: { key: string; value: { schema: string } };
}

/** The history cache the backfill uses (`BackfillCache`), and what tests and diagnostics read. */
export interface HistoryCache {
  /** False when IndexedDB could not be opened: every method then does nothing. */
  readonly available: boolean;
  /** Frozen days kept (the last `retentionDays`), checked; a bad record is dropped and reported. */
  loadDays(): Promise<DaySnapshot[]>;
  /** Today's raw events (`day` is today's key), or none; a bad chunk drops the day's events. */
  loadDayEvents(day: string): Promise<TrEvent[]>;
  /** Stores (or replaces) frozen days, then evicts old ones. */
  putDays(days: readonly DaySnapshot[]): Promise<void>;
  /** Appends events of `day`; events of any other day are dropped (one current day is kept). */
  appendDayEvents(day: string, events: readonly TrEvent[]): Promise<void>;
  /** Deletes every record of this key. */
  clear(): Promise<void>;
  close(): void;
  /** What was dropped or failed, oldest first (also logged). */
  readonly problems: readonly string[];
}

export interface HistoryCacheOptions {
  /** The clock, for eviction (default `Date.now`). */
  readonly now?: () => number;
  /** The zone whose days the day keys are (default UTC). */
  readonly timeZone?: string;
  /** Past days kept (default `DEFAULT_HISTORY_CACHE_DAYS`, 7): older ones are evicted and never written. */
  readonly retentionDays?: number;
  /** Where drops and failures are reported (default `console.warn`). */
  readonly log?: (message: string, error?: unknown) => void;
}

/** Opens the cache of a key; never rejects (a cache that does nothing when IndexedDB fails). */
export async function openHistoryCache(key: string, options: HistoryCacheOptions = {}): Promise<HistoryCache> {
  const cache = new IdbHistoryCache(key, options);
  await cache.open();
  return cache;
}

/** The day `days` before the day key `day`. */
function dayBefore(day: string, days: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) - days);
  return new Date(t).toISOString().slice(0, 10);
}

/** Pushes bytes through a (de)compression stream. Rejects on bad input. */
async function through(stream: CompressionStream | DecompressionStream, input: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  // A failure shows on the reading side too: the read below rejects.
  writer
    .write(input)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function packEvents(day: string, events: readonly TrEvent[]): Promise<EventChunk> {
  const json = JSON.stringify(events);
  if (typeof CompressionStream !== 'function') return { day, json };
  return { day, gzip: await through(new CompressionStream('gzip'), new TextEncoder().encode(json)) };
}

/** The events of a chunk, or undefined when it is not one this code wrote. */
async function unpackEvents(chunk: unknown): Promise<unknown[] | undefined> {
  if (typeof chunk !== 'object' || chunk === null) return undefined;
  const c = chunk as { gzip?: unknown; json?: unknown };
  let text: string;
  if (typeof c.json === 'string') text = c.json;
  else if (c.gzip instanceof Uint8Array && typeof DecompressionStream === 'function') {
    try {
      text = new TextDecoder().decode(await through(new DecompressionStream('gzip'), new Uint8Array(c.gzip)));
    } catch {
      return undefined;
    }
  } else return undefined;
  try {
    const events: unknown = JSON.parse(text);
    return Array.isArray(events) ? events : undefined;
  } catch {
    return undefined;
  }
}

/** Is this a canonical event as far as the fold needs (sid, type, finite time)? */
function isEventLike(e: unknown): e is TrEvent {
  if (typeof e !== 'object' || e === null) return false;
  const v = e as Partial<TrEvent>;
  return typeof v.sid === 'string' && typeof v.type === 'string' && typeof v.ts === 'number' && Number.isFinite(v.ts);
}

class IdbHistoryCache implements HistoryCache {
  private db?: IDBPDatabase<HistoryDb>;
  private readonly name: string;
  private readonly now: () => number;
  private readonly timeZone: string;
  private readonly retentionDays: number;
  private readonly logFn: (message: string, error?: unknown) => void;
  readonly problems: string[] = [];

  constructor(key: string, options: HistoryCacheOptions) {
    this.name = historyDbName(key);
    this.now = options.now ?? Date.now;
    this.timeZone = options.timeZone ?? 'UTC';
    this.retentionDays = options.retentionDays ?? DEFAULT_HISTORY_CACHE_DAYS;
    this.logFn = options.log ?? ((message, error) => (error === undefined ? console.warn(message) : console.warn(message, error)));
  }

  get available(): boolean {
    return this.db !== undefined;
  }

  private report(problem: string, error?: unknown): void {
    this.problems.push(problem);
    this.logFn(`${LOG} ${problem}`, error);
  }

  /** Runs an operation on the database; a failure is reported and gives `fallback`. */
  private async safely<T>(what: string, fallback: T, run: (db: IDBPDatabase<HistoryDb>) => Promise<T>): Promise<T> {
    const db = this.db;
    if (!db) return fallback;
    try {
      return await run(db);
    } catch (err) {
      this.report(`${what} failed`, err);
      return fallback;
    }
  }

  async open(): Promise<void> {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available here');
      this.db = await this.openOnce();
    } catch (err) {
      if ((err as { name?: string } | null)?.name === 'VersionError') {
        // Written by a newer version of the plugin: its layout cannot be read here.
        this.report('a newer schema was found; the cache was deleted');
        try {
          await deleteDB(this.name);
          this.db = await this.openOnce();
        } catch (again) {
          this.report('unavailable; history is fetched without it', again);
        }
      } else {
        this.report('unavailable; history is fetched without it', err);
      }
    }
    if (!this.db) return;
    await this.safely('checking the schema', undefined, async (db) => {
      const meta = await db.get('meta', 'schema');
      if (meta?.schema === CODEC_SCHEMA) return;
      const had = (await db.count('days')) + (await db.count('events'));
      const tx = db.transaction(['days', 'events', 'meta'], 'readwrite');
      await Promise.all([tx.objectStore('days').clear(), tx.objectStore('events').clear(), tx.objectStore('meta').put({ schema: CODEC_SCHEMA }, 'schema'), tx.done]);
      if (meta !== undefined || had > 0) this.report(`records of another schema (${String(meta?.schema)}) were dropped`);
    });
    await this.evict();
  }

  private openOnce(): Promise<IDBPDatabase<HistoryDb>> {
    const report = (problem: string): void => this.report(problem);
    return openDB<HistoryDb>(this.name, CACHE_DB_VERSION, {
      upgrade(db, oldVersion) {
        // Any older layout is dropped whole rather than migrated: it is only a cache.
        if (oldVersion > 0) report(`an older layout (version ${oldVersion}) was dropped`);
        for (const store of [...db.objectStoreNames]) db.deleteObjectStore(store);
        db.createObjectStore('days');
        db.createObjectStore('events', { autoIncrement: true }).createIndex('day', 'day');
        db.createObjectStore('meta');
      },
      blocking: () => {
        // Another tab opens a newer layout: step aside rather than block it.
        this.db?.close();
        this.db = undefined;
      },
    });
  }

  /** The oldest day kept: `retentionDays` before today (a day before it is evicted). */
  private oldestKept(): string {
    return dayBefore(createCalendar(this.timeZone).dayKey(this.now()), this.retentionDays);
  }

  private async evict(): Promise<void> {
    const oldest = this.oldestKept();
    await this.safely('evicting old days', undefined, async (db) => {
      await db.delete('days', IDBKeyRange.upperBound(oldest, true));
    });
  }

  loadDays(): Promise<DaySnapshot[]> {
    return this.safely('reading days', [], async (db) => {
      // Only the days kept: one the eviction missed (it failed, or the clock moved) is not read.
      const range = IDBKeyRange.lowerBound(this.oldestKept());
      const tx = db.transaction('days', 'readonly');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range), tx.done]);
      const out: DaySnapshot[] = [];
      const bad: string[] = [];
      for (let i = 0; i < keys.length; i++) {
        try {
          out.push(unpackDay(values[i], keys[i]));
        } catch (err) {
          bad.push(keys[i]);
          this.report(`day ${keys[i]} was corrupt and was dropped: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (bad.length > 0) {
        const del = db.transaction('days', 'readwrite');
        await Promise.all([...bad.map((k) => del.store.delete(k)), del.done]);
      }
      return out;
    });
  }

  loadDayEvents(day: string): Promise<TrEvent[]> {
    return this.safely('reading events', [], async (db) => {
      const chunks = await db.getAllFromIndex('events', 'day', day);
      const out: TrEvent[] = [];
      for (const c of chunks) {
        const events = await unpackEvents(c);
        if (!events || !events.every(isEventLike)) {
          this.report(`events of ${day} were corrupt; the day's events were dropped`);
          await db.clear('events');
          return [];
        }
        for (const e of events) out.push(e);
      }
      return out;
    });
  }

  putDays(days: readonly DaySnapshot[]): Promise<void> {
    if (days.length === 0) return Promise.resolve();
    return this.safely('writing days', undefined, async (db) => {
      // A day older than the retention is not written at all (it would only be evicted).
      const oldest = this.oldestKept();
      const kept = days.filter((d) => d.day >= oldest);
      const tx = db.transaction('days', 'readwrite');
      await Promise.all([...kept.map((d) => tx.store.put(packDay(d), d.day)), tx.done]);
      await this.evict();
    });
  }

  appendDayEvents(day: string, events: readonly TrEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.safely('writing events', undefined, async (db) => {
      // Packed before the transactions: an IndexedDB transaction ends at an idle await.
      const chunk = await packEvents(day, events);
      await this.dropOtherDays(db, day);
      await db.add('events', chunk);
    });
  }

  /** Deletes the chunks of every day but `day`, through the index (no event is read). */
  private async dropOtherDays(db: IDBPDatabase<HistoryDb>, day: string): Promise<void> {
    const tx = db.transaction('events', 'readwrite');
    const index = tx.store.index('day');
    const keys = [...(await index.getAllKeys(IDBKeyRange.upperBound(day, true))), ...(await index.getAllKeys(IDBKeyRange.lowerBound(day, true)))];
    await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
  }

  clear(): Promise<void> {
    return this.safely('clearing', undefined, async (db) => {
      const tx = db.transaction(['days', 'events'], 'readwrite');
      await Promise.all([tx.objectStore('days').clear(), tx.objectStore('events').clear(), tx.done]);
    });
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

/**
 * A digest of a text: 16 hex digits (two 53-bit string hashes). Not a secret, a fingerprint:
 * it names a key's database and marks the scope that wrote the cache without holding the
 * key's parts (account, team, worker) in clear.
 */
export function digestOf(text: string): string {
  const hash = (seed: number): number => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  };
  return (hash(1).toString(16).padStart(14, '0') + hash(2).toString(16).padStart(14, '0')).slice(-16);
}

/** The IndexedDB database of a cache key. */
export function historyDbName(key: string): string {
  return CACHE_DB_PREFIX + digestOf(key);
}

/** What `historyCacheCleanup` decides on opening Insights. */
export interface CacheCleanup {
  /** Databases to delete before the cache is opened. */
  readonly delete: readonly string[];
  /** Why, for the log (no key, role or customer content). */
  readonly reason?: 'roles changed' | 'other scopes' | 'no cache';
}

export interface CacheCleanupInput {
  /** The key of this session's scope, or undefined when no cache is to be kept at all. */
  readonly key?: string;
  /** The marker of the current user (`cacheMarkerOf`), and the one stored by the last open. */
  readonly marker: string;
  readonly storedMarker?: string;
  /** The databases of this origin (`indexedDB.databases()`), or undefined where the browser cannot list them. */
  readonly databases?: readonly string[];
  /** The database the stored marker names (found without a list of databases). */
  readonly storedDatabase?: string;
}

/**
 * Which history databases go when Insights opens: every one of ours but the current key's
 * (other scopes, users, accounts); every one, the current key's too, when the marker
 * changed (the user's roles or team changed since the cache was written) or when no cache
 * is kept. Without a list of databases (older browsers) the database the stored marker
 * names is the one known. Databases of other applications are never named.
 */
export function historyCacheCleanup(input: CacheCleanupInput): CacheCleanup {
  const ours = new Set((input.databases ?? []).filter((n) => n.startsWith(CACHE_DB_PREFIX)));
  if (input.storedDatabase !== undefined && input.storedDatabase.startsWith(CACHE_DB_PREFIX)) ours.add(input.storedDatabase);
  if (input.key === undefined) return { delete: [...ours], reason: ours.size > 0 ? 'no cache' : undefined };
  const current = historyDbName(input.key);
  if (input.storedMarker !== undefined && input.storedMarker !== input.marker) {
    ours.add(current);
    return { delete: [...ours], reason: 'roles changed' };
  }
  ours.delete(current);
  return { delete: [...ours], reason: ours.size > 0 ? 'other scopes' : undefined };
}

/**
 * The marker of who wrote the cache: a digest of the cache key and the user's roles and
 * team as Flex has them now, so a change of any of them (Flex may update roles and worker
 * attributes during a session) is seen on the next open. Holds no role name or customer data.
 */
export function cacheMarkerOf(key: string, user: { readonly roles: readonly string[]; readonly team?: string }): string {
  return digestOf([key, ...[...user.roles].sort(), `team:${user.team ?? ''}`].join('\u001f'));
}

/** The names of this origin's databases, or undefined where `indexedDB.databases()` is missing or fails. */
export async function historyDatabaseNames(): Promise<string[] | undefined> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return undefined;
    const list = await indexedDB.databases();
    return list.map((d) => d.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return undefined;
  }
}

/**
 * Deletes databases; never rejects. A delete that another tab blocks (it holds the
 * database open) is not waited for longer than `timeoutMs`: it completes when that tab
 * lets go. Returns the names whose deletion completed.
 */
export async function deleteHistoryDatabases(names: readonly string[], timeoutMs = 3000, log: (message: string, error?: unknown) => void = console.warn): Promise<string[]> {
  if (names.length === 0 || typeof indexedDB === 'undefined') return [];
  const deleted: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      try {
        const outcome = await Promise.race([deleteDB(name).then(() => 'deleted' as const), timeout]);
        if (outcome === 'deleted') deleted.push(name);
        else log(`${LOG} a database is held open elsewhere; it is deleted when it is let go`);
      } catch (err) {
        log(`${LOG} a database could not be deleted`, err);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return deleted;
}
