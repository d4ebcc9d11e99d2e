/**
 * The live source: Flex live queries on `tr-worker`, `tr-task` and `tr-reservation`
 * through the insights client (a twilio-sync client), turned into canonical events.
 *
 * Scope: a session asks only for what its access may see (`plan.ts`, docs/model.md "Live
 * queries per scope"). `all`: the whole indexes. `self`: the agent's own worker and
 * reservations, and the tasks those name while the agent holds them or nobody does.
 * `team`: the team's workers (by team attribute) and their reservations (IN arrays under
 * 30, re-planned as membership changes), and the whole `tr-task` index, where a task no
 * member holds loses its attributes, worker and name before any event, and its
 * acceptance is read from the task item under `(other agents)`. Each query is sharded
 * and re-split under the cap like a whole index; an item only a closed query held has
 * left the scope and is forgotten without an event.
 *
 * What the public record says, and what this code relies on
 * ----------------------------------------------------------
 * - Indexes `tr-task`, `tr-worker`, `tr-reservation` (and `tr-queue`); an empty
 *   expression returns the whole index; `itemUpdated` fires when an item is added or
 *   changed, `itemRemoved` when it no longer matches (the docs' example: a worker who
 *   leaves "Available" is removed from a `data.activity_name == "Available"` query).
 *   https://www.twilio.com/docs/flex/developer/ui/overview-of-flex-ui-programmability-options
 * - Query language: `field [operator] "value"`, only string values; operators `and`
 *   (`AND`, `&&`), `or` (`OR`, `||`), `in`/`IN [..]`, `eq`/`EQ`/`==`, `not_in`/`NOT_IN`,
 *   `not_eq`/`NOT_EQ`/`!=`, `contains`/`CONTAINS`, parentheses. There are no range
 *   comparisons (`<`, `>`) and no `NOT`. https://www.twilio.com/docs/sync/live-query
 * - Fewer than 30 operators per expression (error 54509) and fewer than 30 items per
 *   array (54510); at most 2,000 subscriptions per connection (54419); live queries may
 *   be created at up to 20/s per index per client identity (10 s burst).
 *   https://www.twilio.com/docs/api/errors/54509, /54510, /54419;
 *   https://www.twilio.com/docs/sync/limits
 * - A live (or instant) query returns at most 200 items ("max result size of 200
 *   objects"): https://twilio-professional-services.github.io/flex-project-template/feature-library/teams-view-filters
 *   No public page says what happens to further matching items later. The sandbox fake
 *   assumes the strictest reading: a query never holds more than 200 items, the rest are
 *   invisible to it (src/sandbox/fakes/fakeInsightsClient.ts).
 * - Item fields, from the typed items of flex-project-template
 *   (plugin-flex-ts-template-v2, WorkerIndexItem / TaskIndexItem / ReservationIndexItem)
 *   and from how Flex UI 2.x itself reads them (its InsightsWorker / InsightsTask classes
 *   in @twilio/flex-ui's bundle):
 *     tr-worker: worker_sid, friendly_name, activity_name, worker_activity_sid,
 *       date_activity_changed, date_updated, attributes (object), workspace_sid;
 *     tr-task: task_sid, status, queue_name, channel_type, channel_unique_name,
 *       attributes, date_created, date_updated, age, priority, worker_sid, worker_name,
 *       accepted_reservation_sid, workspace_sid (no queue sid, no cancel reason);
 *     tr-reservation: reservation_sid, task_sid, worker_sid, worker_name, status (Flex UI
 *       maps "wrapup" to "wrapping"), task_status, queue_name, task_channel_unique_name,
 *       attributes (the task's), date_created, date_updated, task_date_created, task_age,
 *       task_priority, workspace_sid.
 *   Items are keyed by their own sid (Flex matches `itemRemoved` keys against
 *   worker_sid / reservation_sid); Flex itself queries `data.worker_sid == "WK…"`.
 * - twilio-sync 2.x (`lib/livequery.js`): `getItems()` is the client's cache; after a
 *   reconnect the service may send the whole result again, and the client turns it into
 *   `itemUpdated` for new or changed items and `itemRemoved` for items no longer in it,
 *   in one synchronous burst. Two `liveQuery` calls with the same expression share one
 *   underlying query.
 * - Flex Teams view drops a reservation when its item is removed ("terminated"), and
 *   TaskRouter deletes a finished task a few minutes after it ends
 *   (https://www.twilio.com/docs/flex/developer/insights/enhance-integration).
 *
 * What follows from it
 * --------------------
 * - Sharding: by sid prefix with CONTAINS (see `shards.ts`); a shard re-splits when it
 *   holds 90% of the cap, opening the narrower queries first and closing the old one
 *   after. Items are known per index, not per query, so one seen by two queries during a
 *   split is one item; every synthesized sid is deterministic, so the engine counts an
 *   event once even when it is produced twice.
 * - `itemRemoved` cannot be read as "canceled" or "completed": a finished task leaves
 *   `tr-task` minutes after it ended, and after a reconnect a removal may stand for
 *   anything that happened meanwhile. So a removal makes no event, except for an
 *   accepted reservation, which can only have ended by completing. Removals seen while a
 *   query is full are not trusted at all (the result may have been cut at the cap); they
 *   are checked against the narrower queries that replace it.
 * - Live data is a sequence of states, not of events. Not knowable here: a workflow
 *   timeout (cancels read as "Customer Left"), which way a pending offer ended when its
 *   item vanished without a final status, a queue the task passed through between two
 *   observations, and anything before the first snapshot (a task first seen assigned is
 *   taken as created and queued at its `date_created`).
 */
import { LOG_PREFIX, OTHER_AGENTS, anonymousTaskAttributes, teamOf, type TrEvent } from '../../core';
import { LIVE_INDEXES, type LiveIndex } from './items';
import { fixedGroups, followingGroup, prefixesPerShard, rechunk, type LiveScope, type QueryGroup } from './plan';
import { FULL_SID_LENGTH, inShard, planSplit, rootPrefixes, shardExpression } from './shards';
import { AcceptanceTracker, createTracker, kindOf, notAnObject, readAttributes, type ItemTracker, type Vanished } from './translate';

/** The documented result cap of one live query. */
export const LIVE_QUERY_CAP = 200;

/** The part of a twilio-sync LiveQuery this source uses. */
export interface LiveQueryLike {
  getItems(): Readonly<Record<string, unknown>>;
  on(event: 'itemUpdated', listener: (args: { key: string; value: unknown }) => void): unknown;
  on(event: 'itemRemoved', listener: (args: { key: string }) => void): unknown;
  close(): void;
}

/** The part of the insights client (`manager.insightsClient`) this source uses. */
export interface InsightsClientLike {
  liveQuery(indexName: string, queryExpression: string): Promise<LiveQueryLike>;
}

export interface LiveSourceOptions {
  readonly client: InsightsClientLike;
  /** Called with the events each snapshot or change produced (never with an empty list). */
  readonly onEvents: (events: TrEvent[]) => void;
  /** Items one query may return (default 200, the documented cap). */
  readonly shardCap?: number;
  /** Share of the cap at which a shard is split (default 0.9). */
  readonly splitRatio?: number;
  /** Indexes to follow (default all three). */
  readonly indexes?: readonly LiveIndex[];
  /** Whose items to query (default `all`, the whole indexes); see `plan.ts` and `liveScopeOf`. */
  readonly scope?: LiveScope;
  /** Clock for the few facts that have no date of their own (default Date.now). */
  readonly now?: () => number;
  /** An item left an index in a way that says nothing certain about how it ended. */
  readonly onVanished?: (vanished: Vanished) => void;
  /**
   * A query could not be opened or closed, `onEvents` threw, or an item was skipped or read
   * without its attributes (context `<index> item <key>`, the error's message the reason;
   * never the item's content).
   */
  readonly onError?: (error: unknown, context: string) => void;
  /** Wait before trying again to split a shard whose new queries failed (default 5 s). */
  readonly retryDelayMs?: number;
}

export type ShardState = 'opening' | 'open' | 'splitting' | 'closed';

export interface ShardInfo {
  readonly index: LiveIndex;
  readonly expression: string;
  readonly size: number;
  readonly state: ShardState;
}

export interface LiveSourceStats {
  queriesOpened: number;
  queriesClosed: number;
  splits: number;
  events: number;
  /** Items that could not be read (not an object, no sid, no date, or reading them threw): skipped, each reported. */
  skippedItems: number;
  /** Items whose attributes could not be used (too deep, too long, not JSON, not an object): folded without them, each reported. */
  droppedAttributes: number;
  /** Removals held back because their query was full when they came. */
  distrustedRemovals: number;
  vanished: number;
  errors: number;
}

interface Shard {
  readonly index: LiveIndex;
  /** The scope's filter the prefixes are AND-ed to (undefined: the whole index). */
  readonly base?: string;
  readonly maxPrefixes: number;
  readonly prefixes: readonly string[];
  readonly expression: string;
  query?: LiveQueryLike;
  /** Keys the query holds now. */
  readonly keys: Set<string>;
  /** Keys removed while the query was full: unconfirmed until a narrower query has looked. */
  readonly suspects: Set<string>;
  state: ShardState;
  splitFailedAt?: number;
}

/**
 * Follows the three indexes with as many live queries as it takes to stay under the
 * cap, and reports every change as canonical events. `start()` once, `stop()` to close
 * every query (safe to call twice); a stopped source cannot be started again.
 */
export class LiveSource {
  readonly stats: LiveSourceStats = {
    queriesOpened: 0, queriesClosed: 0, splits: 0, events: 0, skippedItems: 0, droppedAttributes: 0, distrustedRemovals: 0, vanished: 0, errors: 0,
  };

  private readonly client: InsightsClientLike;
  private readonly onEvents: (events: TrEvent[]) => void;
  private readonly onVanished?: (vanished: Vanished) => void;
  private readonly onError?: (error: unknown, context: string) => void;
  private readonly now: () => number;
  private readonly cap: number;
  private readonly splitAt: number;
  private readonly retryDelayMs: number;
  private readonly indexes: readonly LiveIndex[];
  private readonly trackers = new Map<LiveIndex, ItemTracker>();
  /** Shards whose query is the current one for their prefixes. */
  private readonly live: Shard[] = [];
  private removals: { shard: Shard; key: string }[] = [];
  private removalFlushDue = false;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private started = false;
  private stopped = false;
  private readonly scope: LiveScope;
  /** Team scope: the team's workers (and the user), from the tr-worker items seen. */
  private readonly members = new Set<string>();
  /** Team scope: tasks a member held; they keep their attributes for good. */
  private readonly keptTasks = new Set<string>();
  /** Team scope: acceptances of tasks no member holds, read from tr-task. */
  private readonly acceptances = new AcceptanceTracker(OTHER_AGENTS);
  /** Reservation key -> its task and worker (what the followed queries are planned from). */
  private readonly reservations = new Map<string, { taskSid: string; workerSid: string }>();
  /** The IN arrays of the followed queries (self: own reservations' tasks; team: the workers). */
  private followed: string[][] = [];
  private replanDue = false;
  private replanTimer?: ReturnType<typeof setTimeout>;

  constructor(options: LiveSourceOptions) {
    const cap = options.shardCap ?? LIVE_QUERY_CAP;
    const ratio = options.splitRatio ?? 0.9;
    if (!Number.isInteger(cap) || cap < 2) throw new Error(`shardCap must be an integer of at least 2, got ${cap}`);
    if (!(ratio > 0 && ratio <= 1)) throw new Error(`splitRatio must be in (0, 1], got ${ratio}`);
    this.client = options.client;
    this.onEvents = options.onEvents;
    this.onVanished = options.onVanished;
    this.onError = options.onError;
    this.now = options.now ?? Date.now;
    this.cap = cap;
    this.splitAt = Math.min(cap, Math.max(1, Math.floor(cap * ratio)));
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
    this.indexes = options.indexes ?? LIVE_INDEXES;
    this.scope = options.scope ?? { kind: 'all' };
    for (const index of this.indexes) {
      this.trackers.set(
        index,
        createTracker(index, (key, reason) => this.droppedAttributes(index, key, reason)),
      );
    }
  }

  /**
   * Opens one query per index and splits until every query is under the split point.
   * Rejects if an index could not be opened at all; the others keep running.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error('LiveSource.start() was called twice: create a new LiveSource to start again');
    this.started = true;
    const groups = fixedGroups(this.scope).filter((g) => this.indexes.includes(g.index));
    // A team's workers come first: they say whose tasks keep their attributes and whose reservations to follow.
    const first = this.scope.kind === 'team' ? groups.filter((g) => g.index === 'tr-worker') : [];
    const failed: LiveIndex[] = [];
    const openAll = async (list: readonly QueryGroup[]): Promise<void> => {
      const roots = await Promise.all(list.map((g) => this.openShard(g.index, rootPrefixes(g.index), g.base)));
      roots.forEach((shard, i) => {
        if (!shard) {
          failed.push(list[i].index);
          return;
        }
        this.adopt(shard);
      });
    };
    await openAll(first);
    await openAll(groups.filter((g) => !first.includes(g)));
    this.replanSoon();
    await this.whenIdle();
    if (failed.length > 0 && !this.stopped) throw new Error(`live source: could not open ${failed.join(', ')}`);
  }

  private adopt(shard: Shard): void {
    shard.state = 'open';
    this.live.push(shard);
    this.maybeSplit(shard);
  }

  /** Closes every query. Later events, and queries still opening, are dropped. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.replanTimer !== undefined) clearTimeout(this.replanTimer);
    for (const shard of [...this.live]) this.closeShard(shard);
    this.removals = [];
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves once no query is being opened, split or closed. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** True while queries are being opened or split. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** The current queries, for diagnostics and tests. */
  shards(): ShardInfo[] {
    return this.live.map((s) => ({ index: s.index, expression: s.expression, size: s.keys.size, state: s.state }));
  }

  /** Items currently known per index. */
  itemCount(index: LiveIndex): number {
    return this.trackers.get(index)?.size ?? 0;
  }

  // ---- queries -------------------------------------------------------------

  private beginOp(): void {
    this.pending++;
  }

  private endOp(): void {
    if (--this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Opens one query and reads its snapshot; the shard stays `opening` until its caller adopts it. */
  private async openShard(index: LiveIndex, prefixes: readonly string[], base?: string): Promise<Shard | undefined> {
    const maxPrefixes = prefixesPerShard(base);
    const shard: Shard = {
      index, base, maxPrefixes, prefixes, expression: shardExpression(index, prefixes, base, maxPrefixes), keys: new Set(), suspects: new Set(), state: 'opening',
    };
    this.beginOp();
    try {
      const query = await this.client.liveQuery(index, shard.expression);
      this.stats.queriesOpened++;
      shard.query = query;
      if (this.stopped) {
        this.closeShard(shard);
        return undefined;
      }
      query.on('itemUpdated', (args) => this.onItemUpdated(shard, args.key, args.value));
      query.on('itemRemoved', (args) => this.onItemRemoved(shard, args.key));
      const out: TrEvent[] = [];
      for (const [key, value] of Object.entries(query.getItems())) {
        shard.keys.add(key);
        this.read(index, key, value, out);
      }
      this.emit(out);
      return shard;
    } catch (error) {
      this.report(error, `opening ${index} query ${shard.expression}`);
      return undefined;
    } finally {
      this.endOp();
    }
  }

  private closeShard(shard: Shard): void {
    if (shard.state === 'closed') return;
    shard.state = 'closed';
    const i = this.live.indexOf(shard);
    if (i >= 0) this.live.splice(i, 1);
    if (!shard.query) return;
    try {
      shard.query.close();
      this.stats.queriesClosed++;
    } catch (error) {
      this.report(error, `closing ${shard.index} query ${shard.expression}`);
    }
  }

  private maybeSplit(shard: Shard): void {
    if (this.stopped || shard.state !== 'open' || shard.keys.size < this.splitAt) return;
    if (shard.prefixes.length === 1 && shard.prefixes[0].length >= FULL_SID_LENGTH) return;
    if (shard.splitFailedAt !== undefined && this.now() - shard.splitFailedAt < this.retryDelayMs) return;
    void this.split(shard);
  }

  /**
   * Replaces a shard by narrower ones: opens them all (the old query keeps reporting in
   * the meantime), confirms as removed what the old query held but none of the new ones
   * does, then closes the old query.
   */
  private async split(shard: Shard): Promise<void> {
    shard.state = 'splitting';
    this.stats.splits++;
    this.beginOp();
    try {
      const saturated = shard.keys.size >= this.cap;
      const tracker = this.trackers.get(shard.index) as ItemTracker;
      const known = [...shard.keys].map((key) => tracker.sidOf(key) ?? key);
      const groups = planSplit(shard.prefixes, known, saturated, Math.max(1, Math.floor(this.splitAt / 2)), shard.maxPrefixes);
      const children = await Promise.all(groups.map((g) => this.openShard(shard.index, g, shard.base)));
      if (this.stopped) {
        for (const c of children) if (c) this.closeShard(c);
        return;
      }
      const opened = children.filter((c): c is Shard => c !== undefined);
      if (opened.length < children.length) {
        for (const c of opened) this.closeShard(c);
        shard.state = 'open';
        shard.splitFailedAt = this.now();
        return;
      }
      this.reconcile(shard, opened);
      const at = this.live.indexOf(shard);
      this.live.splice(at >= 0 ? at : this.live.length, at >= 0 ? 1 : 0, ...opened);
      this.closeShard(shard);
      for (const c of opened) c.state = 'open';
      for (const c of opened) this.maybeSplit(c);
    } finally {
      this.endOp();
    }
  }

  /** What the old query held (or lost while full) and no new query holds has left the index. */
  private reconcile(parent: Shard, children: readonly Shard[]): void {
    const tracker = this.trackers.get(parent.index) as ItemTracker;
    const out: TrEvent[] = [];
    for (const key of new Set([...parent.keys, ...parent.suspects])) {
      if (children.some((c) => c.keys.has(key))) continue;
      const sid = tracker.sidOf(key);
      if (sid === undefined) continue;
      const home = children.find((c) => inShard(sid, c.prefixes));
      if (home && home.keys.size >= this.cap) {
        home.suspects.add(key);
        continue;
      }
      this.confirmRemoval(parent.index, key, out);
    }
    this.emit(out);
  }

  // ---- items ---------------------------------------------------------------

  private onItemUpdated(shard: Shard, key: string, value: unknown): void {
    if (this.stopped || shard.state === 'closed') return;
    shard.keys.add(key);
    shard.suspects.delete(key);
    const out: TrEvent[] = [];
    this.read(shard.index, key, value, out);
    this.emit(out);
    this.maybeSplit(shard);
  }

  /**
   * Removals are judged once the burst they came in is over: after a reconnect the
   * client removes what fell out of the new result before it adds what came in, so only
   * then does the query's size tell whether the result was cut at the cap.
   */
  private onItemRemoved(shard: Shard, key: string): void {
    if (this.stopped || shard.state === 'closed') return;
    shard.keys.delete(key);
    this.removals.push({ shard, key });
    if (this.removalFlushDue) return;
    this.removalFlushDue = true;
    this.beginOp();
    queueMicrotask(() => {
      this.removalFlushDue = false;
      try {
        this.flushRemovals();
      } finally {
        this.endOp();
      }
    });
  }

  private flushRemovals(): void {
    const list = this.removals;
    this.removals = [];
    if (this.stopped) return;
    const out: TrEvent[] = [];
    const full = new Set<Shard>();
    for (const { shard, key } of list) {
      if (shard.state !== 'closed' && shard.keys.size >= this.cap) {
        shard.suspects.add(key);
        this.stats.distrustedRemovals++;
        full.add(shard);
        continue;
      }
      if (this.live.some((s) => s !== shard && s.index === shard.index && s.keys.has(key))) continue;
      this.confirmRemoval(shard.index, key, out);
    }
    this.emit(out);
    for (const shard of full) this.maybeSplit(shard);
  }

  private confirmRemoval(index: LiveIndex, key: string, out: TrEvent[]): void {
    const { events, vanished } = (this.trackers.get(index) as ItemTracker).remove(key, this.now());
    out.push(...events);
    if (index === 'tr-task' && this.scope.kind === 'team') this.acceptances.remove(key, this.now(), out);
    this.leftScope(index, key);
    if (vanished) {
      this.stats.vanished++;
      try {
        this.onVanished?.(vanished);
      } catch (error) {
        this.report(error, 'onVanished');
      }
    }
  }

  /** An item no query of the session covers any more: forgotten without an event (it left the scope, not the index). */
  private forget(index: LiveIndex, key: string): void {
    (this.trackers.get(index) as ItemTracker).forget(key);
    if (index === 'tr-task') this.acceptances.forget(key);
    this.leftScope(index, key);
  }

  private leftScope(index: LiveIndex, key: string): void {
    if (index === 'tr-reservation' && this.reservations.delete(key) && this.scope.kind === 'self') this.replanSoon();
    if (index === 'tr-worker' && this.scope.kind === 'team' && this.members.delete(key)) this.replanSoon();
  }

  /**
   * One item, guarded: whatever it holds, an unexpected throw while reading it skips that
   * item alone (its events are not handed on) and is reported; the snapshot, the query and
   * the other items go on. Skipped items are reported with their key and the reason.
   */
  private read(index: LiveIndex, key: string, value: unknown, out: TrEvent[]): void {
    const from = out.length;
    let skipped: string | undefined;
    try {
      skipped = this.observe(index, key, value, out);
    } catch (error) {
      out.length = from;
      // The error's name only: its message may quote the item.
      skipped = `reading it failed (${error instanceof Error ? error.name : kindOf(error)}): skipped`;
    }
    if (skipped === undefined) return;
    this.stats.skippedItems++;
    this.report(new Error(skipped), `${index} item ${key}`);
  }

  private droppedAttributes(index: LiveIndex, key: string, reason: string): void {
    this.stats.droppedAttributes++;
    this.report(new Error(reason), `${index} item ${key}`);
  }

  /** Returns why the item was skipped, or undefined when it was read. */
  private observe(index: LiveIndex, key: string, value: unknown, out: TrEvent[]): string | undefined {
    const tracker = this.trackers.get(index) as ItemTracker;
    if (this.scope.kind === 'team' && index === 'tr-task') return this.observeTeamTask(tracker, key, value, out);
    const item = this.scope.kind === 'self' && index === 'tr-task' ? withoutOtherWorker(value, this.scope.workerSid) : value;
    const skipped = tracker.observe(key, item, out);
    if (skipped !== undefined) return skipped;
    if (index === 'tr-reservation') this.noteReservation(key, item);
    else if (index === 'tr-worker' && this.scope.kind === 'team') this.noteWorker(key, item);
    return undefined;
  }

  /**
   * Team scope: a task no member holds (its worker is not in the team, or nobody holds it
   * yet) is read without its attributes, worker and name before any event is made; its
   * acceptance still ends the wait, under the anonymous worker. A member's task keeps its
   * attributes, and its events name the member, so the core's filter knows it as the team's.
   */
  private observeTeamTask(tracker: ItemTracker, key: string, value: unknown, out: TrEvent[]): string | undefined {
    const item = asRecord(value);
    if (!item) return notAnObject(value);
    const taskSid = typeof item.task_sid === 'string' && item.task_sid !== '' ? item.task_sid : key;
    const worker = typeof item.worker_sid === 'string' ? item.worker_sid : undefined;
    if (worker !== undefined && this.members.has(worker)) this.keptTasks.add(taskSid);
    if (this.keptTasks.has(taskSid)) {
      this.acceptances.forget(key);
      const from = out.length;
      const skipped = tracker.observe(key, value, out);
      if (worker !== undefined) for (let i = from; i < out.length; i++) out[i] = { ...out[i], workerSid: worker };
      return skipped;
    }
    // Read here, not by the tracker, so the limits apply before anything is kept; a problem is reported once.
    const { attrs, problem } = readAttributes(item.attributes);
    if (problem !== undefined) this.droppedAttributes('tr-task', key, problem);
    const anonymous = { ...item, attributes: attrs ? anonymousTaskAttributes(attrs) : undefined, worker_sid: undefined, worker_name: undefined };
    const skipped = tracker.observe(key, anonymous, out);
    if (skipped !== undefined) return skipped;
    this.acceptances.observe(key, item, out);
    return undefined;
  }

  private noteReservation(key: string, value: unknown): void {
    const item = asRecord(value);
    const taskSid = item?.task_sid;
    const workerSid = item?.worker_sid;
    if (typeof taskSid !== 'string' || typeof workerSid !== 'string') return;
    const prev = this.reservations.get(key);
    if (prev && prev.taskSid === taskSid && prev.workerSid === workerSid) return;
    this.reservations.set(key, { taskSid, workerSid });
    if (this.scope.kind === 'self') this.replanSoon();
  }

  private noteWorker(key: string, value: unknown): void {
    if (this.scope.kind !== 'team') return;
    const item = asRecord(value);
    const sid = typeof item?.worker_sid === 'string' && item.worker_sid !== '' ? item.worker_sid : key;
    // The query matches any team key; `teamOf` decides, as the core does (`team` first).
    const member = sid === this.scope.ownWorkerSid || teamOf(readAttributes(item?.attributes).attrs) === this.scope.team;
    if (member === this.members.has(sid)) return;
    if (member) this.members.add(sid);
    else this.members.delete(sid);
    this.replanSoon();
  }

  // ---- followed queries ------------------------------------------------------

  /** What the followed queries should cover now. */
  private followedValues(): Set<string> {
    if (this.scope.kind === 'team') return new Set(this.members);
    const out = new Set<string>();
    if (this.scope.kind === 'self') for (const r of this.reservations.values()) out.add(r.taskSid);
    return out;
  }

  private replanSoon(): void {
    if (this.stopped || this.replanDue || (this.scope.kind !== 'self' && this.scope.kind !== 'team')) return;
    this.replanDue = true;
    this.beginOp();
    queueMicrotask(() => {
      this.replanDue = false;
      this.replan().finally(() => this.endOp());
    });
  }

  /**
   * Opens the queries of new or changed IN arrays, then closes those they replace. An item
   * only the closed queries held has left the scope (forgotten) or, if what it belongs to is
   * still followed and no query of its index is full, left the index.
   */
  private async replan(): Promise<void> {
    if (this.stopped) return;
    const scope = this.scope;
    const values = this.followedValues();
    const previous = this.followed;
    const next = rechunk(previous, values);
    const baseOf = (chunk: readonly string[]): QueryGroup => followingGroup(scope, chunk) as QueryGroup;
    const oldBases = new Set(previous.map((c) => baseOf(c).base));
    const nextGroups = next.map(baseOf);
    const nextBases = new Set(nextGroups.map((g) => g.base));
    const toOpen = nextGroups.filter((g) => !oldBases.has(g.base) && this.indexes.includes(g.index));
    this.followed = next;
    const gained = scope.kind === 'team' ? [...values].filter((v) => !previous.some((c) => c.includes(v))) : [];
    if (gained.length > 0) this.refreshTeamTasks(new Set(gained));
    const opened = await Promise.all(toOpen.map((g) => this.openShard(g.index, rootPrefixes(g.index), g.base)));
    if (this.stopped) {
      for (const shard of opened) if (shard) this.closeShard(shard);
      return;
    }
    let failed = false;
    opened.forEach((shard) => {
      if (shard) this.adopt(shard);
      else failed = true;
    });
    if (failed) {
      // The arrays whose query failed are planned again later; the old queries stay until then.
      const ok = new Set(opened.filter((x): x is Shard => x !== undefined).map((x) => x.base));
      this.followed = next.filter((c) => oldBases.has(baseOf(c).base) || ok.has(baseOf(c).base));
      this.replanTimer = setTimeout(() => this.replanSoon(), this.retryDelayMs);
      return;
    }
    const closing = this.live.filter((shard) => shard.base !== undefined && oldBases.has(shard.base) && !nextBases.has(shard.base) && followedIndex(scope) === shard.index);
    const out: TrEvent[] = [];
    for (const shard of closing) {
      const held = new Set([...shard.keys, ...shard.suspects]);
      this.closeShard(shard);
      for (const key of held) {
        if (this.live.some((s) => s.index === shard.index && s.keys.has(key))) continue;
        const stillFollowed = this.isFollowed(shard.index, key, values);
        const anyFull = this.live.some((s) => s.index === shard.index && (s.keys.size >= this.cap || s.state === 'splitting'));
        if (stillFollowed && !anyFull) this.confirmRemoval(shard.index, key, out);
        else this.forget(shard.index, key);
      }
    }
    this.emit(out);
  }

  private isFollowed(index: LiveIndex, key: string, values: ReadonlySet<string>): boolean {
    if (index === 'tr-reservation') {
      const r = this.reservations.get(key);
      return r !== undefined && values.has(r.workerSid);
    }
    return values.has((this.trackers.get(index) as ItemTracker).sidOf(key) ?? key);
  }

  /** Team scope: tasks the new members hold are read again, now with their attributes. */
  private refreshTeamTasks(newMembers: ReadonlySet<string>): void {
    const out: TrEvent[] = [];
    for (const shard of this.live) {
      if (shard.index !== 'tr-task' || !shard.query || shard.state === 'closed') continue;
      for (const [key, value] of Object.entries(shard.query.getItems())) {
        const worker = asRecord(value)?.worker_sid;
        if (typeof worker === 'string' && newMembers.has(worker)) this.read('tr-task', key, value, out);
      }
    }
    this.emit(out);
  }

  private emit(events: TrEvent[]): void {
    if (events.length === 0 || this.stopped) return;
    this.stats.events += events.length;
    try {
      this.onEvents(events);
    } catch (error) {
      this.report(error, 'onEvents');
    }
  }

  private report(error: unknown, context: string): void {
    this.stats.errors++;
    if (this.onError) this.onError(error, context);
    else console.error(`${LOG_PREFIX} live source: ${context}`, error);
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Self scope: a task item without the worker who holds it, unless that is the agent. The
 * agent's queries ask for tasks they hold or nobody does, but a task reserved for another
 * worker may still name them (`worker_sid`, `worker_name`, the accepted reservation),
 * whatever Flex puts there: nothing of another worker is read from it.
 */
function withoutOtherWorker(value: unknown, workerSid: string): unknown {
  const item = asRecord(value);
  if (!item || item.worker_sid === workerSid) return value;
  if (item.worker_sid === undefined && item.worker_name === undefined && item.accepted_reservation_sid === undefined) return value;
  return { ...item, worker_sid: undefined, worker_name: undefined, accepted_reservation_sid: undefined };
}

/** The index whose queries follow a set of values in a scope. */
function followedIndex(scope: LiveScope): LiveIndex | undefined {
  return scope.kind === 'self' ? 'tr-task' : scope.kind === 'team' ? 'tr-reservation' : undefined;
}
