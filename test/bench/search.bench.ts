/**
 * `npm run bench:search`: the Conversations tab's find box over 30 frozen days of 10,000
 * conversations each and today's live list (5,000), as a supervisor (contacts masked, so
 * names are indexed as masked). Rows are made the way the core makes them, with the
 * simulator's people: customers from its skewed pool (a few call often) plus people with
 * accented names, 300 agents, calls keyed by their call sid and chats by their
 * conversation sid, one task in seven transferred (two task sids), a reservation sid per
 * engagement and one invitation in ten not answered (another reservation sid).
 *
 * Timed: building every day's index and the live list's (`indexBuildMs`, once; a day's,
 * `dayIndexMedianMs`; and the heap the indexes hold), a rebuild of the live list's index (a new live version: `liveIndexMs`, median),
 * then `findConversations` by name (accents and case varied, parts of names, one and two
 * words), by sid (every kind, found and unknown) and by part of a sid: median ms of each,
 * every query `--runs` times. Last line:
 * `{"days","conversations","live","byNameMedianMs","bySidMedianMs","byPartialSidMedianMs","indexBuildMs","dayIndexMedianMs","indexHeapMb","liveIndexMs"}`.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { accessOf, addDays, conversationIndexOf, findConversations, type ConversationRow, type DaySnapshot } from '../../src/core';
import { buildCustomerPool, pickCustomer, type Customer } from '../../src/sources/simulator/contacts';
import { uniqueName } from '../../src/sources/simulator/names';
import { chance, createRng, hex32, intBetween, pick, type Rng } from '../../src/sources/simulator/prng';
import { gc, numberArg } from './args';

const dayCount = numberArg('days', 30);
const perDay = numberArg('conversations', 10_000);
const liveCount = numberArg('live', 5_000);
const runs = numberArg('runs', 20);

const TODAY = '2026-12-07';
const ACCESS = accessOf({ roles: ['supervisor'] });
/** People with accents, ligatures and letters NFD leaves whole, calling as often as the pool's regulars. */
const ACCENTED: readonly Customer[] = ['Zoë Ødegård', 'Renée Müller', 'José Álvarez', 'Søren Kierkegård', 'Chloé Lefèvre', 'Łukasz Wójcik', 'Björn Åström', 'Ngọc Trần', 'Ana Lucía Peña', 'Jürgen Groß'].map(
  (name) => ({ name, phone: '', email: '' }),
);
const SUPPORT = ['imminent', 'safety', 'support', 'check_in', 'check_out', 'debrief'];

function rowsOfDay(rng: Rng, day: string, count: number, customers: readonly Customer[], agents: readonly string[]): ConversationRow[] {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const rows: ConversationRow[] = [];
  for (let i = 0; i < count; i++) {
    const voice = chance(rng, 0.45);
    const transferred = chance(rng, 1 / 7);
    const taskSids = [`WT${hex32(rng)}`];
    if (transferred) taskSids.push(`WT${hex32(rng)}`);
    const sids: string[] = [];
    const agentNames: string[] = [];
    for (let t = 0; t < taskSids.length; t++) {
      if (chance(rng, 0.1)) sids.push(`WR${hex32(rng)}`); // an invitation nobody answered
      sids.push(`WR${hex32(rng)}`);
      agentNames.push(pick(rng, agents));
    }
    const customer = chance(rng, 0.01) ? pick(rng, ACCENTED) : pickCustomer(rng, customers);
    const start = dayStart + intBetween(rng, 0, 86_399_000);
    rows.push({
      id: voice ? `CA${hex32(rng)}` : `CH${hex32(rng)}`,
      // A customer known by their number only: masked, as a supervisor's rows are.
      customerName: chance(rng, 0.05) ? `•••${intBetween(rng, 10, 99)}` : customer.name,
      agentNames: [...new Set(agentNames)],
      supportTypes: transferred ? [pick(rng, SUPPORT), pick(rng, SUPPORT)] : [pick(rng, SUPPORT)],
      platform: voice || chance(rng, 0.5) ? 'CISS Central' : 'DIGI Central',
      start,
      durationSec: intBetween(rng, 30, 3600),
      outcome: chance(rng, 0.08) ? 'Abandoned' : 'Handled',
      transfers: transferred ? 1 : 0,
      taskSids,
      sids,
    });
  }
  // A frozen day's rows are oldest first (`snapshotOfEngine`); the live list newest first.
  // Through JSON, as the cache's rows come: flat strings, not the concatenations made above.
  return JSON.parse(JSON.stringify(rows.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1)))) as ConversationRow[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round2 = (x: number): number => Math.round(x * 100) / 100;

function main(): void {
  const rng = createRng(7, 'search-bench');
  const customers = buildCustomerPool(createRng(7, 'customers'), 300);
  const taken = new Set<string>();
  const agents = Array.from({ length: 300 }, () => uniqueName(rng, taken).full);
  const days: DaySnapshot[] = [];
  for (let d = dayCount; d >= 1; d--) {
    const day = addDays(TODAY, -d);
    days.push({ day, cells: {}, conversations: rowsOfDay(rng, day, perDay, customers, agents), activity: {}, agents: [] });
  }
  const live = rowsOfDay(rng, TODAY, liveCount, customers, agents).reverse();

  gc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const dayBuilds: number[] = [];
  const t0 = performance.now();
  for (const d of days) {
    const t = performance.now();
    conversationIndexOf(d.conversations, ACCESS);
    dayBuilds.push(performance.now() - t);
  }
  conversationIndexOf(live, ACCESS);
  const indexBuildMs = performance.now() - t0;
  gc();
  gc();
  const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;

  const liveBuilds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const next = [...live]; // a new live version: a new list
    const t = performance.now();
    conversationIndexOf(next, ACCESS);
    liveBuilds.push(performance.now() - t);
  }

  const byName = ['zoe', 'ZOË', 'Zoe Odegard', 'renee muller', 'RENÉE', 'jose alvarez', 'søren', 'soren kierkegard', 'chloe', 'lukasz', 'ÅSTRÖM', 'ngoc tran', 'pena', 'jurgen gross', 'amara', 'NAKAMURA', 'hiroshi tan', 'el', 'ann', agents[17].split(' ')[1].toLowerCase(), customers[3].name.toUpperCase()];
  const sample = (list: readonly ConversationRow[]): ConversationRow => list[intBetween(rng, 0, list.length - 1)];
  const bySid: string[] = [];
  for (let i = 0; i < 6; i++) {
    const row = sample(pick(rng, days).conversations);
    bySid.push(row.id, row.taskSids[row.taskSids.length - 1], row.sids[0]);
  }
  bySid.push(sample(live).id, sample(live).sids[0], `WT${hex32(rng)}`, `CA${hex32(rng)}`);
  // As pasted: the prefix in lower case, the hex in upper.
  bySid.push(...bySid.slice(0, 3).map((s) => s.slice(0, 2).toLowerCase() + s.slice(2).toUpperCase()));
  const byPart = Array.from({ length: 6 }, () => sample(pick(rng, days).conversations).sids[0].slice(6, 18)).map((p) => (/\d/.test(p) ? p : `${p}0`));

  const timed = (queries: readonly string[]): { ms: number[]; found: number[] } => {
    const ms: number[] = [];
    const found: number[] = [];
    for (let r = 0; r < runs; r++) {
      for (const q of queries) {
        const t = performance.now();
        const result = findConversations(days, live, q, { access: ACCESS });
        ms.push(performance.now() - t);
        if (r === 0) found.push(result.total);
      }
    }
    return { ms, found };
  };
  const names = timed(byName);
  const sids = timed(bySid);
  const parts = timed(byPart);

  const conversations = days.reduce((n, d) => n + d.conversations.length, 0);
  process.stderr.write(
    `load average ${loadavg()[0].toFixed(1)}; ${days.length} days, ${conversations} frozen conversations, ${live.length} live; index built in ${indexBuildMs.toFixed(0)} ms (a day: median ${median(dayBuilds).toFixed(0)} ms, min ${Math.min(...dayBuilds).toFixed(0)} ms), heap +${indexHeapMb.toFixed(0)} MB; live index rebuilt in ${liveBuilds.map((x) => x.toFixed(1)).join(' ')} ms\n` +
      `by name (${byName.length} queries × ${runs}): median ${median(names.ms).toFixed(2)} ms, max ${Math.max(...names.ms).toFixed(1)} ms; matches: ${byName.map((q, i) => `${q}=${names.found[i]}`).join(', ')}\n` +
      `by sid (${bySid.length} × ${runs}): median ${median(sids.ms).toFixed(3)} ms, max ${Math.max(...sids.ms).toFixed(2)} ms; found: ${sids.found.join(' ')}\n` +
      `by part of a sid (${byPart.length} × ${runs}): median ${median(parts.ms).toFixed(2)} ms, max ${Math.max(...parts.ms).toFixed(1)} ms; found: ${parts.found.join(' ')}\n`,
  );
  console.log(
    JSON.stringify({
      days: days.length,
      conversations,
      live: live.length,
      byNameMedianMs: round2(median(names.ms)),
      bySidMedianMs: round2(median(sids.ms)),
      byPartialSidMedianMs: round2(median(parts.ms)),
      indexBuildMs: Math.round(indexBuildMs),
      dayIndexMedianMs: round2(median(dayBuilds)),
      indexHeapMb: Math.round(indexHeapMb),
      liveIndexMs: round2(median(liveBuilds)),
    }),
  );
}

main();
