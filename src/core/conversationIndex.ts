/**
 * Finding a conversation for incident review, whatever day it was: by a sid from a ticket
 * or an email (task, reservation, conversation or channel, call) or by a customer's or an
 * agent's name, across every frozen day held and the live list. Each list of rows (a frozen
 * day's, the live engine's at one version) is indexed on its first search and the index is
 * kept as long as the list is (a WeakMap): the rows newest first, their sids as one string
 * to search, and their names normalised (`normalisedName`), each distinct name once with
 * the rows that carry it.
 */
import type { ConversationRow } from './conversations';
import type { DaySnapshot } from './days';
import { identifierOf, type Identifier } from './identifiers';
import { maskingOf } from './masking';
import type { Access } from './roles';
import { OTHER_AGENTS } from './scopeFilter';

/** How many rows a search returns unless told otherwise. */
export const FIND_LIMIT = 50;

export interface FoundConversations {
  /** The first matches (at most the limit), newest first, masked for the access. */
  readonly rows: readonly ConversationRow[];
  /** How many conversations match in all, `rows` included. */
  readonly total: number;
  /**
   * Set when the query is an identifier (`identifierOf`), which is looked up exactly; with
   * no rows, no day held has it (the history function may).
   */
  readonly identifier?: Identifier;
}

export interface FindOptions {
  /** The session's access: returned rows are masked for it, and names are searched as it sees them. */
  readonly access: Access;
  /** At most this many rows (default `FIND_LIMIT`); `total` counts them all. */
  readonly limit?: number;
}

/** Newest first; ties by id, so the order never depends on which list a row came from. */
export function newestConversationFirst(a: ConversationRow, b: ConversationRow): number {
  return b.start - a.start || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Letters NFKD does not take apart, written as the plain letters a person types instead. */
const FOLDED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const FOLDABLE = /[ßæœøłđðþıħ]/g;
/** The combining diacritics of Latin, Greek and Cyrillic (accents, umlauts, cedillas); other scripts' marks are letters' parts and stay. */
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const SPACES = /\s+/g;

/**
 * A name as the index compares it: compatibility-decomposed (NFKD), without diacritics,
 * lower case, `ß æ œ ø ł đ ð þ ı ħ` spelt plainly, runs of white space as one space,
 * trimmed. "Zoë  Ødegård" reads "zoe odegard".
 */
export function normalisedName(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(FOLDABLE, (c) => FOLDED[c]).replace(SPACES, ' ').trim();
}

/** A text that may be part of a sid or conversation id: no space, a digit, four characters or more. */
const SID_PART = /^(?=\D*\d)[\w.:-]{4,}$/;

/** After each sid in `ConversationIndex.sids` (a conversation id with a line break inside reads as two: none is a sid). */
const SID_END = '\n';

/** One list of rows, indexed. */
export interface ConversationIndex {
  /** The rows, newest first; positions below are into this list. */
  readonly rows: readonly ConversationRow[];
  /**
   * Every sid of every row (`id`, `taskSids`, `sids`), trimmed, lower case, each followed by
   * a line break, row after row: one string to search, exactly or in part, at the speed of
   * `indexOf`, and less than half the time of a map of each sid to build (docs/model.md).
   */
  readonly sids: string;
  /** Where each row's sids begin in `sids`. */
  readonly sidOffsets: Int32Array;
  /** Distinct normalised names (customers as the access sees them, agents) ... */
  readonly names: readonly string[];
  /** ... and the positions of the rows that carry each, in order. */
  readonly nameRows: readonly (readonly number[])[];
}

const indexes = new WeakMap<readonly ConversationRow[], WeakMap<Access, ConversationIndex>>();
const idSets = new WeakMap<ConversationIndex, ReadonlySet<string>>();

/**
 * Names as the index holds them, by raw name, per access (a customer's name as the access
 * sees it, normalised; `null` when it shows none): names repeat from day to day, so 30 days
 * of rows normalise a few thousand names, not 300,000. Emptied when it grows past `NAMES_KEPT`.
 */
const shownNames = new WeakMap<Access, Map<string, string | null>>();
const agentNames = new Map<string, string>();
const NAMES_KEPT = 100_000;

function shownNameOf(access: Access, name: string): string | null {
  let cache = shownNames.get(access);
  if (!cache) shownNames.set(access, (cache = new Map()));
  let shown = cache.get(name);
  if (shown === undefined) {
    if (cache.size >= NAMES_KEPT) cache.clear();
    const masked = maskingOf(access).name(name);
    cache.set(name, (shown = masked === undefined ? null : normalisedName(masked)));
  }
  return shown;
}

function agentNameOf(name: string): string {
  let normalised = agentNames.get(name);
  if (normalised === undefined) {
    if (agentNames.size >= NAMES_KEPT) agentNames.clear();
    agentNames.set(name, (normalised = normalisedName(name)));
  }
  return normalised;
}

/**
 * The index of a list of rows for an access, built on first use and kept with the list
 * (the same list, the same index). Customer names are indexed as the access sees them, so
 * a name the access sees masked cannot be found by what the mask hides. `(other agents)`,
 * the team leader's anonymous roll-up, is no name and is not indexed.
 */
export function conversationIndexOf(rows: readonly ConversationRow[], access: Access): ConversationIndex {
  let byAccess = indexes.get(rows);
  if (!byAccess) indexes.set(rows, (byAccess = new WeakMap()));
  let index = byAccess.get(access);
  if (!index) byAccess.set(access, (index = buildIndex(rows, access)));
  return index;
}

function buildIndex(list: readonly ConversationRow[], access: Access): ConversationIndex {
  // A frozen day's rows are oldest first: reversed, the sort has nothing left to do.
  const rows = [...list].reverse().sort(newestConversationFirst);
  const names: string[] = [];
  const nameRows: number[][] = [];
  const entryOf = new Map<string, number>();
  const entry = (normalised: string | null): number => {
    if (normalised === null || normalised === '') return -1;
    let i = entryOf.get(normalised);
    if (i === undefined) {
      entryOf.set(normalised, (i = names.push(normalised) - 1));
      nameRows.push([]);
    }
    return i;
  };
  // Raw name → its entry in `names`: one look-up per name of a row.
  const customerEntry = new Map<string, number>();
  const agentEntry = new Map<string, number>();
  const addName = (i: number, position: number): void => {
    if (i < 0) return;
    const at = nameRows[i];
    if (at[at.length - 1] !== position) at.push(position);
  };
  const sids: string[] = [];
  const sidOffsets = new Int32Array(rows.length);
  let offset = 0;
  const addSid = (sid: string): void => {
    const s = sid.trim();
    sids.push(s);
    offset += s.length + 1;
  };
  for (let p = 0; p < rows.length; p++) {
    const row = rows[p];
    const customer = row.customerName;
    if (customer !== undefined) {
      let i = customerEntry.get(customer);
      if (i === undefined) customerEntry.set(customer, (i = entry(shownNameOf(access, customer))));
      addName(i, p);
    }
    for (const agent of row.agentNames) {
      let i = agentEntry.get(agent);
      if (i === undefined) agentEntry.set(agent, (i = agent === OTHER_AGENTS ? -1 : entry(agentNameOf(agent))));
      addName(i, p);
    }
    sidOffsets[p] = offset;
    addSid(row.id);
    for (const sid of row.taskSids) addSid(sid);
    for (const sid of row.sids) addSid(sid);
  }
  const text = sids.length === 0 ? '' : (sids.join(SID_END) + SID_END).toLowerCase();
  return { rows, sids: text, sidOffsets, names, nameRows };
}

/** What a query looks for: one identifier exactly, or names (every word in one name) and parts of sids. */
type Matcher =
  | { readonly identifier: Identifier; readonly sid: string }
  | { readonly words: readonly string[]; readonly sidPart?: string };

function matcherOf(query: string): Matcher | undefined {
  const identifier = identifierOf(query);
  if (identifier) return { identifier, sid: identifier.sid.toLowerCase() };
  const words = normalisedName(query).split(' ').filter((w) => w !== '');
  if (words.length === 0) return undefined;
  const text = query.trim();
  return SID_PART.test(text) ? { words, sidPart: text.toLowerCase() } : { words };
}

/** The ids of an index's rows (made once, for the live list: its rows hide frozen ones). */
function idsOf(index: ConversationIndex): ReadonlySet<string> {
  let ids = idSets.get(index);
  if (!ids) idSets.set(index, (ids = new Set(index.rows.map((r) => r.id))));
  return ids;
}

/** The position of the row whose sids hold the character at `at`. */
function rowAt(offsets: Int32Array, at: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The rows whose sids hold `needle` (a whole sid when `whole`, else any part of one), in
 * order, each once.
 */
function eachSidMatch(index: ConversationIndex, needle: string, whole: boolean, found: (position: number) => void): void {
  const { sids, sidOffsets } = index;
  let at = sids.indexOf(needle);
  while (at >= 0) {
    const end = at + needle.length;
    if (!whole || ((at === 0 || sids[at - 1] === SID_END) && sids[end] === SID_END)) {
      const p = rowAt(sidOffsets, at);
      found(p);
      if (p + 1 >= sidOffsets.length) return;
      at = sids.indexOf(needle, sidOffsets[p + 1]);
    } else {
      at = sids.indexOf(needle, at + 1);
    }
  }
}

/**
 * The rows of one index that match, newest first: the first `room` are pushed onto `out`,
 * and all are counted (the count is returned). Rows whose id is in `hidden` are skipped.
 */
function searchIndex(index: ConversationIndex, matcher: Matcher, room: number, hidden: ReadonlySet<string> | undefined, out: ConversationRow[]): number {
  const { rows } = index;
  let count = 0;
  const take = (p: number): void => {
    const row = rows[p];
    if (hidden?.has(row.id)) return;
    count++;
    if (room > 0) {
      out.push(row);
      room--;
    }
  };
  if ('identifier' in matcher) {
    eachSidMatch(index, matcher.sid, true, take);
    return count;
  }
  let marks: Uint8Array | undefined;
  const mark = (p: number): void => {
    (marks ??= new Uint8Array(rows.length))[p] = 1;
  };
  const { words, sidPart } = matcher;
  const { names, nameRows } = index;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let all = true;
    for (const w of words) {
      if (!name.includes(w)) {
        all = false;
        break;
      }
    }
    if (all) for (const p of nameRows[i]) mark(p);
  }
  if (sidPart !== undefined) eachSidMatch(index, sidPart, false, mark);
  if (!marks) return 0;
  for (let p = 0; p < marks.length; p++) if (marks[p] === 1) take(p);
  return count;
}

const NOTHING: FoundConversations = Object.freeze({ rows: Object.freeze([]) as readonly ConversationRow[], total: 0 });

/**
 * The conversations matching `query` among frozen days and the live list, newest first.
 *
 * - A query that is an identifier (`identifierOf`: a task, reservation, conversation or
 *   channel, or call sid, any case, trimmed) is looked up exactly in every row's sids
 *   (`id`, `taskSids`, `sids`), and the result names it (`identifier`).
 * - Any other text is matched against names: every word of the query, normalised
 *   (`normalisedName`), must be part of the same name, a customer's or an agent's ("zoe"
 *   finds "Zoë Ødegård", so do "ZOE", "ode zo" and "Zoë Ø"). A text without spaces, with a
 *   digit and four characters or more also matches any part of a row's sids.
 * - A conversation the live list holds is the live list's: frozen rows with its id are
 *   left out, even when only the frozen one matches.
 * - Frozen days are read newest day first; a frozen day holds the conversations that began
 *   that day, so its rows come after every later day's.
 * - At most `limit` rows, masked for the access; `total` counts every match. Blank text
 *   finds nothing.
 */
export function findConversations(
  days: Iterable<DaySnapshot>,
  liveRows: readonly ConversationRow[],
  query: string,
  options: FindOptions,
): FoundConversations {
  const matcher = matcherOf(query);
  if (!matcher) return NOTHING;
  const { access } = options;
  const limit = Math.max(0, options.limit ?? FIND_LIMIT);
  const live = conversationIndexOf(liveRows, access);
  const found: ConversationRow[] = [];
  let total = searchIndex(live, matcher, limit, undefined, found);
  const hidden = liveRows.length > 0 ? idsOf(live) : undefined;
  const frozen: ConversationRow[] = [];
  for (const snap of [...days].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))) {
    total += searchIndex(conversationIndexOf(snap.conversations, access), matcher, limit - frozen.length, hidden, frozen);
  }
  const rows = frozen.length === 0 ? found : [...found, ...frozen].sort(newestConversationFirst).slice(0, limit);
  const masked = maskingOf(access).rows(rows);
  return 'identifier' in matcher ? { rows: masked, total, identifier: matcher.identifier } : { rows: masked, total };
}
