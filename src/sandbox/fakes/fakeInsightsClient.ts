/**
 * A stand-in for the Flex insights client (a twilio-sync client) as far as live queries
 * go: in-memory indexes, the query language, `liveQuery()` with `getItems()`,
 * `itemUpdated` / `itemRemoved` and `close()`, and a disconnect / reconnect switch. The
 * sandbox and the tests drive it with `set()` and `remove()`.
 *
 * Behaviour, and where it comes from:
 * - Expressions: `data.<path> OP "value"` with `==`/`eq`/`EQ`, `!=`/`not_eq`/`NOT_EQ`,
 *   `in`/`IN [..]`, `not_in`/`NOT_IN [..]`, `contains`/`CONTAINS`, joined by
 *   `and`/`AND`/`&&` and `or`/`OR`/`||`, with parentheses; an empty expression matches
 *   everything (https://www.twilio.com/docs/sync/live-query). Values are double-quoted
 *   strings. 30 or more operators fail with code 54509, an array of 30 or more values
 *   with 54510, anything else the language lacks (`<`, `>`, `NOT`, numbers, single
 *   quotes, a field not under `data.`) with 54507 and a message naming what was wrong.
 *   AND binds tighter than OR (the docs only say parentheses set precedence).
 * - Matching, where the docs are silent, is this fake's choice: non-string scalars
 *   compare by their text; an array field matches when any element does; a missing field
 *   is never equal, in or containing anything (so it is always `!=` and `NOT_IN`).
 * - The cap: a query holds at most 200 items (`maxItems`). No public page says what
 *   happens to further matches, so the strictest reading is emulated: the first snapshot
 *   takes the first 200 matching items in index order, later a matching item is only
 *   added while the query holds fewer than 200, and anything else stays invisible to
 *   that query (counted in `dropped`) until a reconnect or a new query looks again.
 * - Updates: an item a query holds is reported `itemUpdated` when it changes and still
 *   matches, `itemRemoved` when it stops matching or leaves the index. Events are
 *   delivered synchronously from `set()` / `remove()`; `liveQuery()` resolves on a later
 *   microtask, and changes in between are already in `getItems()` (as with the real
 *   client, whose cache is current by the time the caller attaches listeners).
 * - Reconnect: like twilio-sync on a `live_query_updated` message, every open query takes
 *   a fresh snapshot and reports the difference in one synchronous burst: first each
 *   item it held (`itemUpdated` if changed, `itemRemoved` if no longer in the new result),
 *   then the items new to it. While disconnected nothing is reported and new queries wait
 *   for the connection.
 * - Every item a query hands over (in its first snapshot or through `itemUpdated`) is
 *   recorded in `deliveries` (index, expression, key, the value as delivered), so a test
 *   can say exactly what a session received; `recordDeliveries: false` turns it off.
 */

export const FAKE_INDEXES = ['tr-task', 'tr-worker', 'tr-reservation', 'tr-queue'] as const;

/** The documented result cap of a live query. */
export const FAKE_QUERY_CAP = 200;

/** A query the fake refuses, with the Sync error code the service would give. */
export class LiveQueryError extends Error {
  readonly code: number;
  constructor(message: string, code: number) {
    super(message);
    this.name = 'LiveQueryError';
    this.code = code;
  }
}

export type ItemValue = Readonly<Record<string, unknown>>;

/** One item as a query handed it over. */
export interface Delivery {
  readonly index: string;
  readonly expression: string;
  readonly key: string;
  readonly value: ItemValue;
  /** `snapshot` (the first result, or one after a reconnect) or `update` (itemUpdated). */
  readonly how: 'snapshot' | 'update';
}
export type QueryPredicate = (value: ItemValue) => boolean;

// ---- the query language -------------------------------------------------------

type Token =
  | { kind: 'string'; text: string; at: number }
  | { kind: 'word'; text: string; at: number }
  | { kind: 'punct'; text: '(' | ')' | '[' | ']' | ','; at: number }
  | { kind: 'op'; text: '==' | '!=' | '&&' | '||'; at: number };

const MAX_OPERATORS = 30;
const MAX_ARRAY_ITEMS = 30;

function invalid(expression: string, at: number, what: string): LiveQueryError {
  return new LiveQueryError(`invalid live query at ${at} in ${JSON.stringify(expression)}: ${what}`, 54507);
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < expression.length && expression[j] !== '"'; j++) {
        if (expression[j] === '\\' && j + 1 < expression.length) j++;
        text += expression[j];
      }
      if (j >= expression.length) throw invalid(expression, i, 'unterminated string');
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      tokens.push({ kind: 'punct', text: c, at: i });
      i++;
    } else {
      const two = expression.slice(i, i + 2);
      if (two === '==' || two === '!=' || two === '&&' || two === '||') {
        tokens.push({ kind: 'op', text: two, at: i });
        i += 2;
        continue;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(expression.slice(i));
      if (!m) {
        const why = c === '<' || c === '>' ? 'there are no range comparisons in the live query language'
          : c === "'" ? 'values are double-quoted'
            : /[0-9]/.test(c) ? 'only string values are supported; quote numbers'
              : `unexpected character ${JSON.stringify(c)}`;
        throw invalid(expression, i, why);
      }
      tokens.push({ kind: 'word', text: m[0], at: i });
      i += m[0].length;
    }
  }
  return tokens;
}

type Comparison = 'eq' | 'not_eq' | 'in' | 'not_in' | 'contains';

const COMPARISONS: ReadonlyMap<string, Comparison> = new Map([
  ['==', 'eq'], ['eq', 'eq'], ['EQ', 'eq'],
  ['!=', 'not_eq'], ['not_eq', 'not_eq'], ['NOT_EQ', 'not_eq'],
  ['in', 'in'], ['IN', 'in'],
  ['not_in', 'not_in'], ['NOT_IN', 'not_in'],
  ['contains', 'contains'], ['CONTAINS', 'contains'],
]);
const AND = new Set(['and', 'AND', '&&']);
const OR = new Set(['or', 'OR', '||']);

/** Turns an expression into a predicate over an item's value; throws LiveQueryError. */
export function compileQuery(expression: string): QueryPredicate {
  const tokens = tokenize(expression);
  if (tokens.length === 0) return () => true;
  let pos = 0;
  let operators = 0;
  const peek = (): Token | undefined => tokens[pos];
  const end = expression.length;
  const countOperator = (at: number): void => {
    if (++operators >= MAX_OPERATORS) {
      throw new LiveQueryError(`live query ${JSON.stringify(expression)} has ${MAX_OPERATORS} or more operators (at ${at})`, 54509);
    }
  };

  const parseOr = (): QueryPredicate => {
    const parts = [parseAnd()];
    for (let t = peek(); t && t.kind !== 'string' && OR.has(t.text); t = peek()) {
      countOperator(t.at);
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0] : (v) => parts.some((p) => p(v));
  };

  const parseAnd = (): QueryPredicate => {
    const parts = [parsePrimary()];
    for (let t = peek(); t && t.kind !== 'string' && AND.has(t.text); t = peek()) {
      countOperator(t.at);
      pos++;
      parts.push(parsePrimary());
    }
    return parts.length === 1 ? parts[0] : (v) => parts.every((p) => p(v));
  };

  const parsePrimary = (): QueryPredicate => {
    const t = peek();
    if (!t) throw invalid(expression, end, 'expected a condition');
    if (t.kind === 'punct' && t.text === '(') {
      pos++;
      const inner = parseOr();
      const close = peek();
      if (!close || close.kind !== 'punct' || close.text !== ')') throw invalid(expression, close?.at ?? end, 'expected )');
      pos++;
      return inner;
    }
    if (t.kind === 'word' && (t.text === 'NOT' || t.text === 'not')) throw invalid(expression, t.at, 'there is no NOT operator');
    if (t.kind !== 'word' || COMPARISONS.has(t.text) || AND.has(t.text) || OR.has(t.text)) {
      throw invalid(expression, t.at, `expected a field, got ${JSON.stringify(t.text)}`);
    }
    if (!t.text.startsWith('data.') || t.text.length <= 5) throw invalid(expression, t.at, `fields are addressed as data.<field>, got ${t.text}`);
    const path = t.text.slice(5).split('.');
    pos++;
    const opToken = peek();
    const op = opToken && opToken.kind !== 'string' && opToken.kind !== 'punct' ? COMPARISONS.get(opToken.text) : undefined;
    if (!opToken || op === undefined) throw invalid(expression, opToken?.at ?? end, `expected an operator after ${t.text}`);
    countOperator(opToken.at);
    pos++;
    if (op === 'in' || op === 'not_in') {
      const list = parseArray();
      const set = new Set(list);
      return op === 'in' ? (v) => isIn(read(v, path), set) : (v) => !isIn(read(v, path), set);
    }
    const value = peek();
    if (!value || value.kind !== 'string') throw invalid(expression, value?.at ?? end, `expected a double-quoted value after ${opToken.text}`);
    pos++;
    const s = value.text;
    switch (op) {
      case 'eq': return (v) => isEqual(read(v, path), s);
      case 'not_eq': return (v) => !isEqual(read(v, path), s);
      default: return (v) => contains(read(v, path), s);
    }
  };

  const parseArray = (): string[] => {
    const open = peek();
    if (!open || open.kind !== 'punct' || open.text !== '[') throw invalid(expression, open?.at ?? end, 'expected [ after IN / NOT_IN');
    pos++;
    const list: string[] = [];
    for (;;) {
      const t = peek();
      if (!t) throw invalid(expression, end, 'unterminated array');
      if (t.kind === 'punct' && t.text === ']' && list.length === 0) {
        pos++;
        return list;
      }
      if (t.kind !== 'string') throw invalid(expression, t.at, 'array values are double-quoted strings');
      list.push(t.text);
      if (list.length >= MAX_ARRAY_ITEMS) {
        throw new LiveQueryError(`live query ${JSON.stringify(expression)} has an array of ${MAX_ARRAY_ITEMS} or more values`, 54510);
      }
      pos++;
      const sep = peek();
      if (sep && sep.kind === 'punct' && sep.text === ',') {
        pos++;
        continue;
      }
      if (sep && sep.kind === 'punct' && sep.text === ']') {
        pos++;
        return list;
      }
      throw invalid(expression, sep?.at ?? end, 'expected , or ]');
    }
  };

  const predicate = parseOr();
  const rest = peek();
  if (rest) throw invalid(expression, rest.at, `unexpected ${JSON.stringify(rest.text)}`);
  return predicate;
}

function read(value: ItemValue, path: readonly string[]): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function isEqual(v: unknown, s: string): boolean {
  if (Array.isArray(v)) return v.some((e) => scalarText(e) === s);
  return scalarText(v) === s;
}

function isIn(v: unknown, set: ReadonlySet<string>): boolean {
  if (Array.isArray(v)) return v.some((e) => { const t = scalarText(e); return t !== undefined && set.has(t); });
  const t = scalarText(v);
  return t !== undefined && set.has(t);
}

function contains(v: unknown, s: string): boolean {
  if (Array.isArray(v)) return v.some((e) => scalarText(e)?.includes(s) === true);
  return scalarText(v)?.includes(s) === true;
}

// ---- queries and the client ---------------------------------------------------

interface Stored {
  readonly value: ItemValue;
  readonly revision: number;
}

type Listener = (args: never) => void;

/**
 * A frozen deep copy of JSON-like data (objects, arrays, primitives), as Sync hands out
 * values parsed from the wire. Iterative: Sync delivers trees thousands of levels deep
 * (its JSON parser is not recursive), and so must the fake.
 */
function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const copyOf = (v: object): Record<string, unknown> | unknown[] => (Array.isArray(v) ? [] : {});
  const root = copyOf(value);
  const work: [object, Record<string, unknown> | unknown[]][] = [[value, root]];
  const done: object[] = [];
  while (work.length > 0) {
    const [from, into] = work.pop() as [object, Record<string, unknown> | unknown[]];
    for (const [k, v] of Object.entries(from)) {
      let copy: unknown = v;
      if (typeof v === 'object' && v !== null) {
        copy = copyOf(v);
        work.push([v, copy as Record<string, unknown> | unknown[]]);
      }
      (into as Record<string, unknown>)[k] = copy;
    }
    done.push(into);
  }
  for (const o of done) Object.freeze(o);
  return root as T;
}

/** One live query of the fake. */
export class FakeLiveQuery {
  /** Matching items this query never reported because it was full. */
  dropped = 0;
  private readonly cache = new Map<string, Stored>();
  private readonly listeners = new Map<string, Listener[]>();
  private closedFlag = false;

  constructor(
    private readonly client: FakeInsightsClient,
    readonly indexName: string,
    readonly queryExpression: string,
    private readonly predicate: QueryPredicate,
  ) {}

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Items held now. */
  get size(): number {
    return this.cache.size;
  }

  getItems(): Record<string, ItemValue> {
    if (this.closedFlag) throw new Error('The LiveQuery has been closed: getItems() is no longer available');
    const out: Record<string, ItemValue> = {};
    for (const [key, stored] of this.cache) out[key] = stored.value;
    return out;
  }

  on(event: 'itemUpdated', listener: (args: { key: string; value: ItemValue }) => void): this;
  on(event: 'itemRemoved', listener: (args: { key: string }) => void): this;
  on(event: string, listener: (args: never) => void): this {
    let list = this.listeners.get(event);
    if (!list) this.listeners.set(event, (list = []));
    list.push(listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.listeners.clear();
    this.client.forget(this);
  }

  /** @internal the first snapshot: the first `maxItems` matching items in index order. */
  fill(items: ReadonlyMap<string, Stored>, maxItems: number): void {
    for (const [key, stored] of items) {
      if (!this.predicate(stored.value)) continue;
      if (this.cache.size >= maxItems) {
        this.dropped++;
        continue;
      }
      this.cache.set(key, stored);
      this.client.record(this, key, stored.value, 'snapshot');
    }
  }

  /** @internal a live change of one item. */
  offer(key: string, stored: Stored | undefined, maxItems: number): void {
    const held = this.cache.has(key);
    if (stored && this.predicate(stored.value)) {
      if (!held && this.cache.size >= maxItems) {
        this.dropped++;
        return;
      }
      this.cache.set(key, stored);
      this.client.record(this, key, stored.value, 'update');
      this.emit('itemUpdated', { key, value: stored.value });
    } else if (held) {
      this.cache.delete(key);
      this.emit('itemRemoved', { key });
    }
  }

  /** @internal a fresh snapshot after a reconnect, reported as the difference. */
  resync(items: ReadonlyMap<string, Stored>, maxItems: number): void {
    const window = new Map<string, Stored>();
    for (const [key, stored] of items) {
      if (window.size >= maxItems) break;
      if (this.predicate(stored.value)) window.set(key, stored);
    }
    for (const [key, old] of [...this.cache]) {
      const now = window.get(key);
      if (now === undefined) {
        this.cache.delete(key);
        this.emit('itemRemoved', { key });
      } else if (now.revision !== old.revision) {
        this.cache.set(key, now);
        this.client.record(this, key, now.value, 'snapshot');
        this.emit('itemUpdated', { key, value: now.value });
      }
    }
    for (const [key, stored] of window) {
      if (this.cache.has(key)) continue;
      this.cache.set(key, stored);
      this.client.record(this, key, stored.value, 'snapshot');
      this.emit('itemUpdated', { key, value: stored.value });
    }
  }

  private emit(event: string, args: unknown): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const l of [...list]) (l as (a: unknown) => void)(args);
  }
}

export interface FakeInsightsClientOptions {
  /** Items one query may hold (default 200). */
  readonly maxItems?: number;
  /** Keep the log of delivered items (default true). */
  readonly recordDeliveries?: boolean;
}

/** The fake client: `liveQuery()` for the source, `set()` / `remove()` for whoever plays TaskRouter. */
export class FakeInsightsClient {
  readonly maxItems: number;
  readonly stats = { opened: 0, closed: 0, delivered: 0 };
  /** Every item handed to a query, in order (see the header). */
  readonly deliveries: Delivery[] = [];
  private readonly recording: boolean;
  private readonly indexes = new Map<string, Map<string, Stored>>();
  private readonly open = new Set<FakeLiveQuery>();
  private revision = 0;
  private online = true;
  private waiting: (() => void)[] = [];
  private failures: unknown[] = [];

  constructor(options: FakeInsightsClientOptions = {}) {
    this.maxItems = options.maxItems ?? FAKE_QUERY_CAP;
    this.recording = options.recordDeliveries ?? true;
    if (!Number.isInteger(this.maxItems) || this.maxItems < 1) throw new Error(`maxItems must be a positive integer, got ${this.maxItems}`);
    for (const name of FAKE_INDEXES) this.indexes.set(name, new Map());
  }

  liveQuery(indexName: string, queryExpression: string): Promise<FakeLiveQuery> {
    const items = this.indexes.get(indexName);
    if (!items) return Promise.reject(new Error(`unknown live query index ${JSON.stringify(indexName)}: use one of ${FAKE_INDEXES.join(', ')}`));
    let predicate: QueryPredicate;
    try {
      predicate = compileQuery(queryExpression);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.failures.length > 0) return Promise.reject(this.failures.shift());
    const openNow = (): FakeLiveQuery => {
      const q = new FakeLiveQuery(this, indexName, queryExpression, predicate);
      q.fill(items, this.maxItems);
      this.open.add(q);
      this.stats.opened++;
      return q;
    };
    if (this.online) {
      const q = openNow();
      return Promise.resolve().then(() => q);
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(openNow())));
  }

  /** Adds or replaces an item, as TaskRouter would update the index. */
  set(index: string, key: string, value: object): void {
    const items = this.index(index);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${index} item ${key}: the value must be an object`);
    const stored: Stored = { value: frozenCopy(value) as ItemValue, revision: ++this.revision };
    items.set(key, stored);
    if (!this.online) return;
    for (const q of [...this.open]) if (q.indexName === index && !q.closed) q.offer(key, stored, this.maxItems);
  }

  /** Drops an item from an index (TaskRouter deleted it, or Flex evicted it). */
  remove(index: string, key: string): void {
    const items = this.index(index);
    if (!items.delete(key)) return;
    if (!this.online) return;
    for (const q of [...this.open]) if (q.indexName === index && !q.closed) q.offer(key, undefined, this.maxItems);
  }

  get(index: string, key: string): ItemValue | undefined {
    return this.index(index).get(key)?.value;
  }

  /** Items in an index. */
  size(index: string): number {
    return this.index(index).size;
  }

  get connected(): boolean {
    return this.online;
  }

  /** Stops delivering changes; the indexes go on changing. */
  disconnect(): void {
    this.online = false;
  }

  /** Every open query re-snapshots and reports the difference; waiting queries open. */
  reconnect(): void {
    if (this.online) return;
    this.online = true;
    for (const q of [...this.open]) if (!q.closed) q.resync(this.index(q.indexName), this.maxItems);
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }

  /** The next `liveQuery()` fails with this error (for testing how callers cope). */
  failNextQuery(error: unknown = new Error('live query failed')): void {
    this.failures.push(error);
  }

  /** Queries not yet closed. */
  openQueries(): FakeLiveQuery[] {
    return [...this.open];
  }

  /** Distinct items (index and key) ever delivered, to any query. */
  deliveredItems(): Map<string, ItemValue[]> {
    const out = new Map<string, ItemValue[]>();
    for (const d of this.deliveries) {
      const id = `${d.index}/${d.key}`;
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(d.value);
    }
    return out;
  }

  /** Forgets the log (the count in `stats.delivered` stays). */
  clearDeliveries(): void {
    this.deliveries.length = 0;
  }

  /** @internal called by a query for each item it hands over. */
  record(q: FakeLiveQuery, key: string, value: ItemValue, how: Delivery['how']): void {
    this.stats.delivered++;
    if (this.recording) this.deliveries.push({ index: q.indexName, expression: q.queryExpression, key, value, how });
  }

  /** @internal called by FakeLiveQuery.close(). */
  forget(q: FakeLiveQuery): void {
    if (this.open.delete(q)) this.stats.closed++;
  }

  private index(name: string): Map<string, Stored> {
    const items = this.indexes.get(name);
    if (!items) throw new Error(`unknown live query index ${JSON.stringify(name)}: use one of ${FAKE_INDEXES.join(', ')}`);
    return items;
  }
}
