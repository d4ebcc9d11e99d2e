/**
 * The history function's conversation lookup (`kind: 'conversation'`, the contract's
 * `ConversationLookupRequest`): one conversation by a task, reservation, conversation or
 * call sid, for incident review, whatever day of the last 30 it was.
 *
 * 1. The first task. A task sid is it; a reservation sid is read (`ReservationSid`) for its
 *    task. A conversation or call sid is in no Events API filter: the `task.created` events
 *    of the range (`EventType`) are read a day at a time from `to` back, for a task whose
 *    attributes carry it (`taskIdentifiersOf`), while half the time budget lasts; then the
 *    answer is `searching`, with a cursor that says which day and page come next.
 * 2. The conversation. Each task is read whole (`TaskSid`) over the 30 days TaskRouter keeps.
 *    A task sid its attributes name (`conversations.conversation_id` of a transfer's new
 *    task) is read too; a task created while the known ones lived whose attributes name one
 *    of them or one of their identifiers joins (the new task of a cold transfer is created
 *    before the first one ends). Until no task joins, at most `MAX_CONVERSATION_TASKS`.
 * 3. Scope, from the caller's access: `all` opens any conversation; `team` one where a
 *    reservation went to a worker of the team (the team in the reservation's own worker
 *    attributes) or to the caller; `self` one where the caller had a reservation. Anything
 *    else is 403 with a sentence and nothing of the conversation.
 * 4. The answer: the conversation's task and reservation events, in stream order through
 *    the caller's scope filter as their session builds it, then `maskEvents`; oldest first.
 */
import {
  HISTORY_CURSOR_LIFETIME_MS,
  HISTORY_MAX_PAGE_SIZE,
  HISTORY_RETENTION_DAYS,
  compareEvents,
  createScopeFilter,
  entityKindOf,
  identifierOf,
  maskEvents,
  taskIdentifiersOf,
  teamOf,
  type Access,
  type Attributes,
  type ConversationLookupPage,
  type HistoryErrorCode,
  type TrEvent,
} from '../../src/core';
import { CURSOR_EXPIRED, callerDigest, openLookupCursor, sealLookupCursor, type LookupCursorState, type PagePosition } from './cursor';
import { PageReader, type EventFilter, type PageRange, type Retry } from './pageReader';
import type { LookupInput } from './request';
import { UpstreamError } from './retry';
import type { WorkspaceLike } from './taskRouter';

const DAY_MS = 86_400_000;
/** The search reads the range a day at a time, newest day first. */
export const SEARCH_SLICE_MS = DAY_MS;
/** The share of the time budget the search may use; the rest reads the conversation it found. */
const SEARCH_SHARE = 0.5;
/** Tasks one conversation is read for at most (a conversation transferred more often is cut there). */
export const MAX_CONVERSATION_TASKS = 25;

export interface LookupDeps {
  readonly workspace: WorkspaceLike;
  /** `/v1/Workspaces/WS…/Events`: the only path a next-page link may name. */
  readonly eventsPath: string;
  readonly cursorSecret: string;
  readonly reorderWindowMs: number;
  readonly timeBudgetMs: number;
  readonly now: () => number;
}

export interface LookupCall {
  readonly input: LookupInput;
  readonly access: Access;
  /** The caller's own worker and identity (the token's). */
  readonly workerSid?: string;
  readonly identity?: string;
  readonly retry: Retry;
  /** When the request started (epoch ms). */
  readonly started: number;
}

export type LookupOutcome =
  | { readonly page: ConversationLookupPage }
  | { readonly status: 400 | 403 | 404; readonly code: HistoryErrorCode; readonly message: string };

const isTaskSid = (id: string): boolean => identifierOf(id)?.kind === 'task';

/** The identifiers a task's attributes carry, sids written as Twilio writes them. */
function identifiersOf(attributes: Attributes | undefined): string[] {
  return taskIdentifiersOf(attributes).map((id) => identifierOf(id)?.sid ?? id);
}

const NOT_YOURS: Readonly<Record<Access['scope'], string>> = {
  all: 'this conversation is not yours to open',
  team: "this conversation is not yours to open: your role opens your team's conversations only",
  self: 'this conversation is not yours to open: your role opens conversations you were offered only',
  none: 'this conversation is not yours to open',
};

/** May this access open the conversation of these events (see the header, step 3)? */
function mayOpen(access: Access, ownWorkerSid: string | undefined, events: readonly TrEvent[]): boolean {
  if (access.scope === 'all') return true;
  return events.some((e) => {
    if (entityKindOf(e.type) !== 'reservation' || e.workerSid === undefined) return false;
    if (access.scope === 'self') return e.workerSid === access.workerSid;
    if (access.scope === 'team') return e.workerSid === ownWorkerSid || (e.workerAttributes !== undefined && teamOf(e.workerAttributes) === access.team);
    return false;
  });
}

export async function lookupConversation(deps: LookupDeps, call: LookupCall): Promise<LookupOutcome> {
  const { input, access, started } = call;
  const id = input.id;
  const deadline = started + deps.timeBudgetMs;
  const softDeadline = started + deps.timeBudgetMs * SEARCH_SHARE;
  const caller = callerDigest(['conversation', access.scope, access.team, access.workerSid, call.workerSid, call.identity]);
  const reader = (range: PageRange): PageReader => new PageReader(range, call.retry, deps.eventsPath, deps.workspace);
  // A conversation is read whole, wherever its events lie in what TaskRouter keeps.
  const kept: PageRange = { fromMs: started - HISTORY_RETENTION_DAYS * DAY_MS, toMs: Math.max(started, input.toMs), pageSize: HISTORY_MAX_PAGE_SIZE };

  let range = { fromMs: input.fromMs, toMs: input.toMs };
  let resumed: LookupCursorState | undefined;
  if (input.cursor !== undefined) {
    const opened = openLookupCursor(input.cursor, deps.cursorSecret, started);
    if (opened === CURSOR_EXPIRED) return { status: 400, code: 'cursor_expired', message: 'cursor: the cursor has expired; search again' };
    if (typeof opened === 'string') return { status: 400, code: 'bad_request', message: `cursor: ${opened}` };
    if (opened.id !== id.sid || (input.fromGiven && opened.fromMs !== input.fromMs) || (input.toGiven && opened.toMs !== input.toMs)) {
      return { status: 400, code: 'bad_request', message: 'cursor: it belongs to another search; send the same id, from and to as for the first request' };
    }
    if (opened.caller !== caller) return { status: 400, code: 'bad_request', message: 'cursor: it was issued to another user or scope' };
    resumed = opened;
    range = { fromMs: opened.fromMs, toMs: opened.toMs };
  }

  /** Every page of one filter over a range; `OutOfTime` when the request's budget is spent. */
  const readAll = async (over: PageRange, filter: EventFilter, what: string): Promise<TrEvent[]> => {
    const r = reader(over);
    const out: TrEvent[] = [];
    let at: PagePosition | undefined;
    do {
      if (deps.now() >= deadline) throw new OutOfTime();
      const { events, next } = await r.read(filter, at, what);
      for (const e of events) out.push(e);
      at = next;
    } while (at);
    return out;
  };

  const searching = (state: Omit<LookupCursorState, 'caller' | 'id' | 'fromMs' | 'toMs' | 'expiresAt'>): LookupOutcome => ({
    page: {
      kind: 'conversation',
      status: 'searching',
      events: [],
      taskSids: [],
      cursor: sealLookupCursor({ caller, id: id.sid, ...range, ...state, expiresAt: deps.now() + HISTORY_CURSOR_LIFETIME_MS }, deps.cursorSecret),
      searchedBackTo: state.sliceEnd,
      ...range,
    },
  });
  const notFound = (where: string): LookupOutcome => ({ status: 404, code: 'not_found', message: `no conversation with this ${where}` });

  let first: readonly string[];
  if (resumed && resumed.found.length > 0) first = resumed.found;
  else if (id.kind === 'task') first = [id.sid];
  else if (id.kind === 'reservation') {
    const events = await readAll(kept, { reservationSid: id.sid }, `read the events of reservation ${id.sid}`).catch(overdue);
    const task = events.find((e) => e.taskSid !== undefined)?.taskSid;
    if (task === undefined) return notFound('reservation sid in the last 30 days');
    first = [task];
  } else {
    // Newest day first: an incident is more often recent; the cursor carries where it got to.
    let sliceEnd = resumed?.sliceEnd ?? range.toMs;
    let at = resumed?.at;
    let pages = 0;
    let found: string[] = [];
    while (found.length === 0) {
      if (sliceEnd <= range.fromMs) return notFound(`${id.kind === 'call' ? 'call' : 'conversation'} sid between from and to`);
      if (pages > 0 && deps.now() >= softDeadline) return searching({ sliceEnd, ...(at ? { at } : {}), found: [] });
      const sliceStart = Math.max(range.fromMs, sliceEnd - SEARCH_SLICE_MS);
      const day = new Date(sliceStart).toISOString().slice(0, 10);
      const { events, next } = await reader({ fromMs: sliceStart, toMs: sliceEnd, pageSize: HISTORY_MAX_PAGE_SIZE }).read(
        { eventType: 'task.created' },
        at,
        `search the tasks created from ${day} for the ${id.kind} sid`,
      );
      pages++;
      found = [...new Set(events.filter((e) => e.taskSid !== undefined && identifiersOf(e.taskAttributes).includes(id.sid)).map((e) => e.taskSid as string))];
      at = next;
      if (!next) sliceEnd = sliceStart;
    }
    first = found;
  }

  let tasks: Map<string, TrEvent[]>;
  try {
    tasks = await gatherConversation(first, kept, readAll);
  } catch (error) {
    // Out of time before the conversation was read: the next request reads it with a whole
    // budget, from the tasks known here. A request that was that next one gives up instead.
    if (!(error instanceof OutOfTime) || (resumed !== undefined && resumed.found.length > 0)) return overdue(error);
    return searching({ sliceEnd: range.fromMs, found: [...first] });
  }
  const events = [...tasks.values()].flat();
  if (events.length === 0) return notFound(`${id.kind} sid in the last 30 days`);
  if (!mayOpen(access, call.workerSid, events)) return { status: 403, code: 'forbidden', message: NOT_YOURS[access.scope] };

  // The session's own filter over the whole conversation in stream order: unlike pages, the
  // answer holds every event of it at once, so a team's conversation keeps the task updates
  // (a recording's link) after the team's reservation named the task, as the live screen does.
  const filter = createScopeFilter(access, { reorderWindowMs: deps.reorderWindowMs, ownWorkerSid: call.workerSid });
  const visible = maskEvents(access, [...filter.select([...events].sort(compareEvents))].sort(compareEvents));
  const taskSids: string[] = [];
  for (const e of visible) if (e.taskSid !== undefined && !taskSids.includes(e.taskSid)) taskSids.push(e.taskSid);
  return { page: { kind: 'conversation', status: 'found', events: visible, taskSids, ...range } };
}

/** The request's time budget ran out while reading. */
class OutOfTime extends Error {
  constructor() {
    super('out of time');
    this.name = 'OutOfTime';
  }
}

/** A read that could not finish within one request: `502 upstream_failed`, saying so. */
function overdue(error: unknown): never {
  if (error instanceof OutOfTime) {
    throw new UpstreamError('upstream_failed', 'reading the conversation took longer than one request may run (TaskRouter slow to answer); try again in a moment');
  }
  throw error;
}

/**
 * The tasks of the conversation that `first` belong to, each with its task and reservation
 * events (see the header, step 2). A task sid named but without events in `kept` is left out.
 */
async function gatherConversation(
  first: readonly string[],
  kept: PageRange,
  readAll: (over: PageRange, filter: EventFilter, what: string) => Promise<TrEvent[]>,
): Promise<Map<string, TrEvent[]>> {
  const tasks = new Map<string, TrEvent[]>();
  /** The known tasks' sids and every identifier their attributes carry. */
  const ids = new Set<string>(first);
  const queue = [...first];
  let scanned: { fromMs: number; toMs: number } | undefined;
  while (queue.length > 0 && tasks.size < MAX_CONVERSATION_TASKS) {
    while (queue.length > 0 && tasks.size < MAX_CONVERSATION_TASKS) {
      const sid = queue.shift() as string;
      if (tasks.has(sid)) continue;
      const events = (await readAll(kept, { taskSid: sid }, `read the events of task ${sid}`)).filter((e) => entityKindOf(e.type) !== 'worker');
      tasks.set(sid, events);
      for (const e of events) {
        for (const x of identifiersOf(e.taskAttributes)) {
          if (ids.has(x)) continue;
          ids.add(x);
          if (isTaskSid(x)) queue.push(x);
        }
      }
    }
    // Joiners: tasks created while a known task lived, whose attributes name the conversation.
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (const list of tasks.values()) {
      for (const e of list) {
        if (e.ts < fromMs) fromMs = e.ts;
        if (e.ts >= toMs) toMs = e.ts + 1;
      }
    }
    if (fromMs === Infinity) break;
    const parts = scanned
      ? [
          { fromMs, toMs: scanned.fromMs },
          { fromMs: scanned.toMs, toMs },
        ].filter((p) => p.fromMs < p.toMs)
      : [{ fromMs, toMs }];
    for (const part of parts) {
      const created = await readAll({ ...part, pageSize: HISTORY_MAX_PAGE_SIZE }, { eventType: 'task.created' }, 'read the tasks created while the conversation lived');
      for (const e of created) {
        if (e.taskSid === undefined || ids.has(e.taskSid)) continue;
        if (identifiersOf(e.taskAttributes).some((x) => ids.has(x))) {
          ids.add(e.taskSid);
          queue.push(e.taskSid);
        }
      }
    }
    scanned = { fromMs, toMs };
  }
  for (const [sid, list] of tasks) if (list.length === 0) tasks.delete(sid);
  return tasks;
}
