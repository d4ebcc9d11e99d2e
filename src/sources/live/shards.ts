/**
 * How an index is cut into live queries that each stay under the result cap.
 *
 * The query language has no range comparisons (only ==, !=, IN, NOT_IN, CONTAINS, AND,
 * OR), and values are strings. A shard is therefore a set of sid prefixes written as
 * `data.worker_sid CONTAINS "WK3a"`: a TaskRouter sid is two capital letters and 32
 * lowercase hex digits, and neither `W` nor `K` is a hex digit, so `"WK3a"` can only
 * occur at the start of the sid and CONTAINS is an exact prefix test. An item's sid never
 * changes, so an item stays in the same shard for its whole life: a status change never
 * moves it between queries (sharding by status or activity would turn every change into
 * a removal from one query and an addition to another).
 *
 * TaskRouter's sids are random, so items spread evenly over prefixes: 2,000 workers take
 * about 16 queries. Sids handed out in sequence (as a fake might) share long prefixes,
 * and CONTAINS cannot say "this prefix but not that longer one": every shared digit then
 * costs about two more queries for the prefixes beside it, mostly empty.
 */
import { SID_FIELD, SID_PREFIX, type LiveIndex } from './items';

export const HEX_DIGITS = '0123456789abcdef';

/**
 * A shard holds at most this many prefixes: n CONTAINS joined by n - 1 OR is 15
 * operators, under the documented limit of fewer than 30 per expression (error 54509).
 */
export const MAX_PREFIXES_PER_SHARD = 8;

/** The shard every index starts with: the whole index. */
export function rootPrefixes(index: LiveIndex): string[] {
  return [SID_PREFIX[index]];
}

/**
 * The live query expression of a shard; with a base (a scope's filter) the prefixes are
 * AND-ed to it, and the root shard is the base alone.
 */
export function shardExpression(index: LiveIndex, prefixes: readonly string[], base?: string, maxPrefixes = MAX_PREFIXES_PER_SHARD): string {
  if (prefixes.length === 0 || prefixes.length > maxPrefixes) {
    throw new Error(`a shard needs 1 to ${maxPrefixes} sid prefixes, got ${prefixes.length}`);
  }
  const field = `data.${SID_FIELD[index]}`;
  const byPrefix = prefixes.map((p) => `${field} CONTAINS "${p}"`).join(' OR ');
  if (base === undefined) return byPrefix;
  if (prefixes.length === 1 && prefixes[0] === SID_PREFIX[index]) return base;
  return `(${base}) AND (${byPrefix})`;
}

/** Does this sid belong to a shard with these prefixes? */
export function inShard(sid: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (sid.startsWith(p)) return true;
  return false;
}

/** A sid is two letters and 32 hex digits: no prefix can be longer. */
export const FULL_SID_LENGTH = 34;

function commonPrefix(sids: readonly string[]): string {
  if (sids.length === 0) return '';
  let end = sids[0].length;
  for (const s of sids) {
    let i = 0;
    while (i < end && i < s.length && s[i] === sids[0][i]) i++;
    end = i;
  }
  return sids[0].slice(0, end);
}

/**
 * The prefix groups that replace a shard, planned from the sids it is known to hold.
 *
 * A one-prefix shard gives way to one-digit-longer prefixes; if everything known shares
 * a longer prefix, the plan goes straight to that prefix's 16 children plus the siblings
 * passed on the way (sids handed out in sequence would otherwise take one round of new
 * queries per shared digit). Groups hold at most `MAX_PREFIXES_PER_SHARD` prefixes.
 *
 * - Saturated (the query reached the cap, so what is known is only part of it): every
 *   prefix known to hold an item gets a query of its own, since its true size is unknown;
 *   prefixes with nothing known share queries.
 * - Otherwise the counts are exact: prefixes are packed in order up to `target` items
 *   per query.
 *
 * Together the groups cover exactly what the shard covered, and there are always at
 * least two (a plan that gave the shard back unchanged would loop). Groups hold at most
 * `maxPrefixes` prefixes (fewer when the shard's expression has a base).
 */
export function planSplit(
  prefixes: readonly string[],
  knownSids: readonly string[],
  saturated: boolean,
  target: number,
  maxPrefixes = MAX_PREFIXES_PER_SHARD,
): string[][] {
  let candidates: string[];
  if (prefixes.length === 1) {
    const p = prefixes[0];
    const inside = knownSids.filter((s) => s.startsWith(p));
    let q = commonPrefix(inside);
    if (q.length < p.length) q = p;
    q = q.slice(0, FULL_SID_LENGTH - 1);
    candidates = [];
    for (let len = p.length; len < q.length; len++) {
      for (const h of HEX_DIGITS) if (h !== q[len]) candidates.push(q.slice(0, len) + h);
    }
    for (const h of HEX_DIGITS) candidates.push(q + h);
  } else {
    candidates = [...prefixes];
  }
  const count = new Map<string, number>();
  for (const c of candidates) count.set(c, 0);
  for (const s of knownSids) {
    for (const c of candidates) {
      if (s.startsWith(c)) {
        count.set(c, (count.get(c) ?? 0) + 1);
        break;
      }
    }
  }
  const groups: string[][] = [];
  if (saturated) {
    let empty: string[] = [];
    for (const c of candidates) {
      if ((count.get(c) ?? 0) > 0) {
        groups.push([c]);
        continue;
      }
      empty.push(c);
      if (empty.length === maxPrefixes) {
        groups.push(empty);
        empty = [];
      }
    }
    if (empty.length > 0) groups.push(empty);
  } else {
    let group: string[] = [];
    let sum = 0;
    for (const c of candidates) {
      const n = count.get(c) ?? 0;
      if (group.length > 0 && (sum + n > target || group.length === maxPrefixes)) {
        groups.push(group);
        group = [];
        sum = 0;
      }
      group.push(c);
      sum += n;
    }
    if (group.length > 0) groups.push(group);
  }
  if (groups.length >= 2) return groups;
  // Everything fell in one group: cut it in two halves instead.
  const half = Math.ceil(candidates.length / 2);
  return [candidates.slice(0, half), candidates.slice(half)];
}
