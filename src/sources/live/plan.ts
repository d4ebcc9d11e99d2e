/**
 * Which live queries a session opens, from its access: pure functions, no I/O.
 *
 * - `all`: the three whole indexes (sharded by sid prefix, `shards.ts`).
 * - `self`: the worker's own `tr-worker` item and own reservations (`data.worker_sid ==`),
 *   the tasks those reservations name (`data.task_sid IN [..]`), and, while they wait
 *   unassigned, the tasks a transfer made of them (`data.attributes.conversations.conversation_id
 *   IN [..] AND data.status IN ["pending", "reserved"]`): the queue segment that tells the
 *   agent's engagement was transferred, before any other worker holds it.
 * - `team`: the team's workers by the team attribute (each key `teamOf` reads, OR-ed) and
 *   the user's own worker; the reservations of those workers (`data.worker_sid IN [..]`);
 *   the whole `tr-task` index (queue figures are every queue's), whose items of tasks the
 *   team does not hold lose their attributes in the source before any event is made.
 *
 * Every expression stays under the documented limits: fewer than 30 operators (54509)
 * and fewer than 30 values per array (54510).
 */
import { TEAM_ATTRIBUTE_KEYS, type Access } from '../../core';
import type { LiveIndex } from './items';
import { MAX_PREFIXES_PER_SHARD } from './shards';

/** Values per IN array: fewer than 30 (error 54510). */
export const MAX_IN_VALUES = 29;
/** Operators per expression: fewer than 30 (error 54509). */
export const MAX_OPERATORS = 29;

/** Who the live queries are for. */
export type LiveScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'self'; readonly workerSid: string }
  | { readonly kind: 'team'; readonly team: string; readonly ownWorkerSid?: string; readonly teamKeys: readonly string[] };

/**
 * The live scope of an access: `self` needs the access's worker sid, `team` its team (the
 * user's own worker sid, when given, joins the team's queries). Throws for an access not
 * built by `accessOf` (a `self` without a worker, a `team` without a team).
 */
export function liveScopeOf(access: Access, ownWorkerSid?: string, teamKeys: readonly string[] = TEAM_ATTRIBUTE_KEYS): LiveScope {
  switch (access.scope) {
    case 'all':
      return { kind: 'all' };
    case 'none':
      return { kind: 'none' };
    case 'self':
      if (!access.workerSid) throw new Error('live scope "self" needs access.workerSid: build the access with accessOf(user)');
      return { kind: 'self', workerSid: access.workerSid };
    case 'team':
      if (!access.team) throw new Error('live scope "team" needs access.team: build the access with accessOf(user)');
      if (teamKeys.length === 0) throw new Error('live scope "team" needs at least one team attribute key');
      return { kind: 'team', team: access.team, ownWorkerSid: ownWorkerSid || undefined, teamKeys };
  }
}

/** A string value of the query language: double-quoted, quotes and backslashes escaped. */
export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `data.<field> == "value"`. */
export function equals(field: string, value: string): string {
  return `data.${field} == ${quoted(value)}`;
}

/** `data.<field> IN [..]` for at most `MAX_IN_VALUES` values. */
export function within(field: string, values: readonly string[]): string {
  if (values.length === 0 || values.length > MAX_IN_VALUES) {
    throw new Error(`an IN array needs 1 to ${MAX_IN_VALUES} values, got ${values.length}`);
  }
  return `data.${field} IN [${values.map(quoted).join(', ')}]`;
}

/** Values cut into arrays of at most `size` (default `MAX_IN_VALUES`), in order. */
export function chunked(values: readonly string[], size = MAX_IN_VALUES): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** The team's workers (by each team key) and the user's own worker. */
export function teamWorkersExpression(team: string, teamKeys: readonly string[], ownWorkerSid?: string): string {
  const parts = teamKeys.map((key) => equals(`attributes.${key}`, team));
  if (ownWorkerSid) parts.push(equals('worker_sid', ownWorkerSid));
  return parts.join(' OR ');
}

/**
 * The tasks of an agent's own reservations, and the tasks a transfer made of them: each
 * only while the agent holds it or nobody does (pending, reserved), so a task another
 * worker holds never reaches the agent's session.
 */
export function ownTasksExpression(workerSid: string, taskSids: readonly string[]): string {
  return `(${within('task_sid', taskSids)} OR ${within('attributes.conversations.conversation_id', taskSids)}) AND (${equals('worker_sid', workerSid)} OR ${within('status', ['pending', 'reserved'])})`;
}

/**
 * Operators in an expression, as Sync counts them (comparisons and AND / OR; parentheses
 * and array values are not operators). Strings are skipped, so a value that reads like an
 * operator does not count.
 */
export function operatorCount(expression: string): number {
  const bare = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return (bare.match(/==|!=|&&|\|\||\b(?:AND|OR|IN|NOT_IN|CONTAINS|EQ|NOT_EQ|and|or|in|not_in|contains|eq|not_eq)\b/g) ?? []).length;
}

/** The prefixes one shard of a query with this base may take and stay under the operator limit. */
export function prefixesPerShard(base: string | undefined): number {
  if (base === undefined) return MAX_PREFIXES_PER_SHARD;
  // base AND (n CONTAINS, n - 1 OR): ops(base) + 1 + 2n - 1.
  const n = Math.floor((MAX_OPERATORS - operatorCount(base)) / 2);
  if (n < 2) throw new Error(`the base expression ${base} leaves no room for sharding under ${MAX_OPERATORS + 1} operators`);
  return Math.min(MAX_PREFIXES_PER_SHARD, n);
}

/** A query family: one base expression on one index, sharded by sid prefix as it grows. */
export interface QueryGroup {
  readonly index: LiveIndex;
  /** Undefined: the whole index. */
  readonly base?: string;
}

/** The fixed queries of a scope (the ones whose base does not depend on what the source has seen). */
export function fixedGroups(scope: LiveScope): QueryGroup[] {
  switch (scope.kind) {
    case 'none':
      return [];
    case 'all':
      return [{ index: 'tr-worker' }, { index: 'tr-task' }, { index: 'tr-reservation' }];
    case 'self':
      return [
        { index: 'tr-worker', base: equals('worker_sid', scope.workerSid) },
        { index: 'tr-reservation', base: equals('worker_sid', scope.workerSid) },
      ];
    case 'team':
      return [
        { index: 'tr-worker', base: teamWorkersExpression(scope.team, scope.teamKeys, scope.ownWorkerSid) },
        { index: 'tr-task' },
      ];
  }
}

/**
 * Values spread over IN arrays, keeping each value where it was: gone values leave their
 * array, new ones fill the last array with room, then new arrays. An array that did not
 * change keeps its query. Empty arrays are dropped.
 */
export function rechunk(previous: readonly (readonly string[])[], values: ReadonlySet<string>, size = MAX_IN_VALUES): string[][] {
  const placed = new Set<string>();
  const out = previous.map((chunk) => chunk.filter((v) => values.has(v) && !placed.has(v) && (placed.add(v), true))).filter((c) => c.length > 0);
  const fresh = [...values].filter((v) => !placed.has(v)).sort();
  for (const v of fresh) {
    let last = out[out.length - 1];
    if (!last || last.length >= size) out.push((last = []));
    last.push(v);
  }
  return out;
}

/** The query of one array of followed values (self: tasks of own reservations; team: reservations of the team's workers). */
export function followingGroup(scope: LiveScope, chunk: readonly string[]): QueryGroup | undefined {
  switch (scope.kind) {
    case 'self':
      return { index: 'tr-task', base: ownTasksExpression(scope.workerSid, chunk) };
    case 'team':
      return { index: 'tr-reservation', base: within('worker_sid', chunk) };
    default:
      return undefined;
  }
}
