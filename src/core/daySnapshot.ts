/**
 * A day's frozen aggregates (`DaySnapshot`) read off an engine: the cells of that day in
 * every grouping of `DAY_GROUPINGS`, the conversations whose first segment is that day,
 * each agent's activity clipped to the day, and the agents of the day. The history folder
 * makes one per past day from a short-lived engine; the live engine can be frozen the
 * same way (yesterday, once the day has rolled over).
 */
import type { EngineConfig } from './config';
import { conversationDetailsOf, conversationRowOf, type ConversationRow } from './conversations';
import { DAY_GROUPINGS, dayOfPeriod, oneDay, rangeBounds, type DaySnapshot } from './days';
import type { Engine } from './engine';
import { groupingId } from './groupings';
import { isEmptyAccumulator, type Accumulator } from './metrics';
import type { Access } from './roles';

export interface SnapshotOptions {
  /**
   * Where activity intervals and agent names come from when the engine itself lacks them
   * (the folder's engine of worker events over the whole fetched range: an agent with no
   * event near the day still spent it in their last activity). Default: the engine.
   */
  readonly activity?: Engine;
  /** The config the conversation rows use (support types, platforms); default the engine's. */
  readonly config?: EngineConfig;
}

/**
 * The day `day` (a local day key in the engine's zone) of an engine, as a frozen day.
 * The engine must maintain every grouping of `DAY_GROUPINGS` (the live store's and the
 * folder's engines do); it throws otherwise. Accumulators are copied, so the engine may
 * go on folding. Contacts in the rows are masked for `access`, as the live list does.
 */
export function snapshotOfEngine(engine: Engine, day: string, access: Access, options: SnapshotOptions = {}): DaySnapshot {
  const { start, end } = rangeBounds(engine.calendar, oneDay(day));
  const cells: Record<string, Record<string, Record<string, Accumulator>>> = {};
  const agentsWithCells = new Set<string>();
  for (const g of DAY_GROUPINGS) {
    const id = groupingId(g);
    const byGrouping: Record<string, Record<string, Accumulator>> = {};
    for (const c of engine.cellsOf(g)) {
      if (dayOfPeriod(c.period) !== day || isEmptyAccumulator(c.acc)) continue;
      (byGrouping[c.slice] ??= {})[c.period] = { ...c.acc };
      if (g.slice === 'agent') agentsWithCells.add(c.slice);
    }
    cells[id] = byGrouping;
  }

  const source = options.activity ?? engine;
  const activity: Record<string, Record<string, number>> = {};
  for (const a of source.agents()) {
    const sec = source.activitySeconds(a.sid, start, end);
    if (Object.keys(sec).length > 0) activity[a.sid] = sec;
  }

  const known = new Map(engine.agents().map((a) => [a.sid, a]));
  const agents: { sid: string; name?: string; team: string }[] = [];
  for (const sid of [...new Set([...agentsWithCells, ...Object.keys(activity)])].sort()) {
    const a = known.get(sid);
    if (a) agents.push(a.name === undefined ? { sid, team: a.team } : { sid, name: a.name, team: a.team });
    else agents.push(agentThen(source, sid, end));
  }

  const conversations: ConversationRow[] = [];
  const calendar = engine.calendar;
  for (const d of conversationDetailsOf(engine, access, options.config ?? engine.config).values()) {
    if (calendar.dayKey(d.start) === day) conversations.push(conversationRowOf(d));
  }
  conversations.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { day, cells, conversations, activity, agents };
}

/** An agent as known to an engine: latest name, and the team they had at `ts`. */
export function agentThen(engine: Engine, sid: string, ts: number): { sid: string; name?: string; team: string } {
  const name = engine.agents().find((a) => a.sid === sid)?.name;
  const team = engine.teamAt(sid, ts);
  return name === undefined ? { sid, team } : { sid, name, team };
}
