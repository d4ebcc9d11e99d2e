/**
 * The model as table rows: what the lakehouse export writes, one row per thing (a
 * conversation, a queue segment, an engagement, an invitation, an activity interval, a
 * quarter hour of workload, an agent on a day, a media link, a canonical event). Rows come
 * from the same facts the aggregates count (`facts.ts`), so SQL over them gives the
 * report's numbers; the columns carry what a metric needs precomputed in the configured
 * zone (local day, ISO week, month, quarter hour) and the config's thresholds (service
 * level), so the SQL needs no date functions and no config. Pure: the writer (Node only,
 * `src/lakehouse/`) turns rows into Parquet; a crypto hash, when wanted, is passed in.
 */
import { supportTypeResolver } from './dimensions';
import type { EngineConfig } from './config';
import type { ConversationRecord, Engine } from './engine';
import type { Attributes, TrEvent } from './events';
import { factsOf, type Fact, type FactDimensions } from './facts';
import { initialsOnly, maskingOf, replaceContactsInText, rewriteContacts, type ContactRewrite } from './masking';
import { resolveMedia } from './media';
import type { DerivedTask, Reservation } from './model';
import { accessOf } from './roles';
import type { Calendar } from './time';
import { agentWorkload, segmentWorkload } from './workload';

/**
 * Bumped when a table's columns or a column's meaning change (2: `task_queue_sid` on the
 * fact tables; customer fields in `events.task_attributes` hashed, not masked).
 */
export const LAKEHOUSE_MODEL_VERSION = '2';

export const LAKEHOUSE_TABLES = [
  'conversations',
  'queue_segments',
  'engagements',
  'invitations',
  'agent_activity',
  'workload_15m',
  'agents',
  'media_links',
  'events',
] as const;
export type LakehouseTable = (typeof LAKEHOUSE_TABLES)[number];

/** `timestamp` columns hold epoch milliseconds in rows; the writer stores UTC timestamps. */
export type ColumnType = 'string' | 'int' | 'bool' | 'timestamp';
export type Column = readonly [name: string, type: ColumnType];
export type RowValue = string | number | boolean | null;
export type Row = Readonly<Record<string, RowValue>>;

const LOCAL: readonly Column[] = [
  ['day', 'string'],
  ['iso_week', 'string'],
  ['month', 'string'],
  ['interval_15m', 'string'],
];
const LINEAGE: readonly Column[] = [
  ['model_version', 'string'],
  ['run_id', 'string'],
];

/** Every table's columns in order; `day` (the local day) is the partition column. */
export const TABLE_COLUMNS: Readonly<Record<LakehouseTable, readonly Column[]>> = {
  conversations: [
    ['conversation_id', 'string'],
    ['task_sids', 'string'],
    ['channel', 'string'],
    ['platform', 'string'],
    ['first_queue', 'string'],
    ['first_support_type', 'string'],
    ['customer_name', 'string'],
    ['customer_contact', 'string'],
    ['started_at', 'timestamp'],
    ['ended_at', 'timestamp'],
    ['duration_ms', 'int'],
    ['outcome', 'string'],
    ['queue_segments', 'int'],
    ['engagements', 'int'],
    ['transfers', 'int'],
    ...LOCAL,
    ...LINEAGE,
  ],
  queue_segments: [
    ['conversation_id', 'string'],
    ['task_sid', 'string'],
    ['queue', 'string'],
    ['task_queue_sid', 'string'],
    ['support_type', 'string'],
    ['platform', 'string'],
    ['channel', 'string'],
    ['started_at', 'timestamp'],
    ['ended_at', 'timestamp'],
    ['outcome', 'string'],
    ['wait_ms', 'int'],
    ['sl_met', 'bool'],
    ['sl_eligible', 'bool'],
    ['abandoned', 'bool'],
    ...LOCAL,
    ...LINEAGE,
  ],
  engagements: [
    ['conversation_id', 'string'],
    ['task_sid', 'string'],
    ['reservation_sid', 'string'],
    ['worker_sid', 'string'],
    ['team', 'string'],
    ['queue', 'string'],
    ['task_queue_sid', 'string'],
    ['support_type', 'string'],
    ['platform', 'string'],
    ['channel', 'string'],
    ['invited_at', 'timestamp'],
    ['accepted_at', 'timestamp'],
    ['wrapup_at', 'timestamp'],
    ['completed_at', 'timestamp'],
    ['ring_ms', 'int'],
    ['talk_ms', 'int'],
    ['wrap_ms', 'int'],
    ['handle_ms', 'int'],
    ['transferred', 'bool'],
    ...LOCAL,
    ...LINEAGE,
  ],
  invitations: [
    ['conversation_id', 'string'],
    ['task_sid', 'string'],
    ['reservation_sid', 'string'],
    ['worker_sid', 'string'],
    ['team', 'string'],
    ['queue', 'string'],
    ['task_queue_sid', 'string'],
    ['support_type', 'string'],
    ['platform', 'string'],
    ['channel', 'string'],
    ['invited_at', 'timestamp'],
    ['ended_at', 'timestamp'],
    ['outcome', 'string'],
    ...LOCAL,
    ...LINEAGE,
  ],
  agent_activity: [
    ['worker_sid', 'string'],
    ['activity', 'string'],
    ['started_at', 'timestamp'],
    ['ended_at', 'timestamp'],
    ['duration_ms', 'int'],
    ['logged_in', 'bool'],
    ...LOCAL,
    ...LINEAGE,
  ],
  workload_15m: [
    ['measure', 'string'],
    ['worker_sid', 'string'],
    ['activity', 'string'],
    ['duration_ms', 'int'],
    ...LOCAL,
    ...LINEAGE,
  ],
  agents: [
    ['worker_sid', 'string'],
    ['name', 'string'],
    ['team', 'string'],
    ...LOCAL,
    ...LINEAGE,
  ],
  media_links: [
    ['conversation_id', 'string'],
    ['task_sid', 'string'],
    ['reservation_sid', 'string'],
    ['level', 'string'],
    ['position', 'int'],
    ['media_type', 'string'],
    ['title', 'string'],
    ['url', 'string'],
    ['problem', 'string'],
    ['started_at', 'timestamp'],
    ...LOCAL,
    ...LINEAGE,
  ],
  events: [
    ['event_sid', 'string'],
    ['event_type', 'string'],
    ['event_at', 'timestamp'],
    ['task_sid', 'string'],
    ['reservation_sid', 'string'],
    ['worker_sid', 'string'],
    ['worker_name', 'string'],
    ['task_queue_sid', 'string'],
    ['task_queue_name', 'string'],
    ['task_channel_unique_name', 'string'],
    ['reason', 'string'],
    ['worker_activity_name', 'string'],
    ['worker_previous_activity_name', 'string'],
    ['worker_time_in_previous_activity_ms', 'int'],
    ['workflow_name', 'string'],
    ['task_attributes', 'string'],
    ['worker_attributes', 'string'],
    ...LOCAL,
    ...LINEAGE,
  ],
};

export const CONTACT_MODES = ['hash', 'mask', 'clear'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/** How customers' names and contacts are written. */
export interface ContactPolicy {
  readonly mode: ContactMode;
  name(name: string | undefined, contact: string | undefined): string | null;
  contact(contact: string | undefined): string | null;
  /** Task attributes as the `events` table keeps them. */
  attributes(attributes: Attributes | undefined): Attributes | undefined;
  /** The same as JSON text, made once per attributes object (a task's events share one). */
  attributesText(attributes: Attributes | undefined): string | null;
}

/** `attributesText` over `attributes`, remembered per object. */
function withText(policy: Omit<ContactPolicy, 'attributesText'>): ContactPolicy {
  const texts = new WeakMap<Attributes, string>();
  return {
    ...policy,
    attributesText: (a) => {
      if (a === undefined) return null;
      let text = texts.get(a);
      if (text === undefined) {
        text = JSON.stringify(policy.attributes(a));
        texts.set(a, text);
      }
      return text;
    },
  };
}

const NO_CONTACTS = accessOf({ roles: [] });

/**
 * `hash` (the default): a customer's name and contact replaced by `hash(text)` (the
 * caller's keyed digest, so the same caller joins across days and tables without being
 * readable), in the conversations and in the events' task attributes alike: every field
 * `rewriteContacts` finds (contact and name keys, every field of a customer object) hashed
 * whole with the same digest as `customer_name` / `customer_contact`, and contacts inside
 * other text hashed where they stand. `mask`: contacts masked as a role without export
 * sees them, names down to their initials (`R••• D•••`). `clear`: as given. `hash` needs
 * the hasher; core has no crypto of its own.
 */
export function contactPolicy(mode: ContactMode, hash?: (text: string) => string): ContactPolicy {
  if (mode === 'clear') {
    return withText({ mode, name: (n) => n ?? null, contact: (c) => c ?? null, attributes: (a) => a });
  }
  const masking = maskingOf(NO_CONTACTS);
  if (mode === 'mask') {
    const name = (n: string, c: string | undefined): string => initialsOnly(masking.text(masking.name(n, c) as string));
    const rewrite: ContactRewrite = {
      contact: (v) => masking.name(v, v) as string,
      name: (v) => name(v, undefined),
      text: (v) => masking.text(v),
      customerText: (v) => name(v, undefined),
    };
    return withText({
      mode,
      name: (n, c) => (n === undefined ? null : name(n, c)),
      contact: (c) => masking.contact(c) ?? null,
      attributes: (a) => (a === undefined ? undefined : rewriteContacts(a, rewrite)),
    });
  }
  if (hash === undefined) throw new Error('contactPolicy("hash") needs a hash function: pass one from the Node code that calls it');
  const h = (s: string | undefined): string | null => (s === undefined ? null : hash(s.trim()));
  // Blank stays blank: it names nobody, and the model reads it as absent.
  const whole = (v: string): string => (v.trim() === '' ? v : (h(v) as string));
  const rewrite: ContactRewrite = { contact: whole, name: whole, customerText: whole, text: (v) => replaceContactsInText(v, whole) };
  return withText({ mode, name: (n) => h(n), contact: (c) => h(c), attributes: (a) => (a === undefined ? undefined : rewriteContacts(a, rewrite)) });
}

export interface TableRowsOptions {
  readonly runId: string;
  /**
   * Half-open, [from, to): facts starting inside it are written, activity and workload are
   * clipped to it, and an activity still going runs to `to`. Days are whole: a day's
   * window ends at the next local midnight, not a millisecond before.
   */
  readonly window: { readonly from: number; readonly to: number };
  readonly contacts: ContactPolicy;
}

/** The local columns of an instant: day, ISO week, month and quarter hour in the calendar's zone. */
export function localColumns(calendar: Calendar, ts: number): { day: string; iso_week: string; month: string; interval_15m: string } {
  return { day: calendar.dayKey(ts), iso_week: calendar.weekKey(ts), month: calendar.monthKey(ts), interval_15m: calendar.intervalKey(ts, 15) };
}

const HOUR_MS = 3_600_000;

/** The local midnight after the one starting the day of `ts` (days are 23 to 25 hours long). */
export function nextDayStart(calendar: Calendar, ts: number): number {
  return calendar.startOfDay(calendar.startOfDay(ts) + 26 * HOUR_MS);
}

/** The local days [from, to) touches, in order. */
export function daysCovered(calendar: Calendar, from: number, to: number): string[] {
  const out: string[] = [];
  for (let t = calendar.startOfDay(from); t < to; t = nextDayStart(calendar, t)) out.push(calendar.dayKey(t));
  return out;
}

/** The `events` row of a canonical event, its task attributes as the contact policy keeps them. */
export function eventRow(calendar: Calendar, e: TrEvent, options: Pick<TableRowsOptions, 'runId' | 'contacts'>): Row {
  return {
    event_sid: e.sid,
    event_type: e.type,
    event_at: e.ts,
    task_sid: e.taskSid ?? null,
    reservation_sid: e.reservationSid ?? null,
    worker_sid: e.workerSid ?? null,
    worker_name: e.workerName ?? null,
    task_queue_sid: e.queueSid ?? null,
    task_queue_name: e.queueName ?? null,
    task_channel_unique_name: e.channel ?? null,
    reason: e.reason ?? null,
    worker_activity_name: e.activityName ?? null,
    worker_previous_activity_name: e.previousActivityName ?? null,
    worker_time_in_previous_activity_ms: e.previousActivityMs === undefined ? null : Math.round(e.previousActivityMs),
    workflow_name: e.workflowName ?? null,
    task_attributes: options.contacts.attributesText(e.taskAttributes),
    worker_attributes: e.workerAttributes === undefined ? null : workerText(e.workerAttributes),
    ...localColumns(calendar, e.ts),
    model_version: LAKEHOUSE_MODEL_VERSION,
    run_id: options.runId,
  };
}

const workerTexts = new WeakMap<Attributes, string>();
/** Worker attributes as JSON text, once per object (the readers hand out one per distinct text). */
function workerText(a: Attributes): string {
  let text = workerTexts.get(a);
  if (text === undefined) {
    text = JSON.stringify(a);
    workerTexts.set(a, text);
  }
  return text;
}

/** A canonical event back from its `events` row (for `lakehouse:check` and reprocessing). */
export function eventOfRow(row: Readonly<Record<string, unknown>>): TrEvent {
  const s = (k: string): string | undefined => (typeof row[k] === 'string' && row[k] !== '' ? (row[k] as string) : undefined);
  const n = (k: string): number | undefined => (row[k] === null || row[k] === undefined ? undefined : Number(row[k]));
  const json = (k: string): Attributes | undefined => {
    const text = s(k);
    return text === undefined ? undefined : (JSON.parse(text) as Attributes);
  };
  return {
    sid: s('event_sid') as string,
    type: s('event_type') as TrEvent['type'],
    ts: n('event_at') as number,
    taskSid: s('task_sid'),
    reservationSid: s('reservation_sid'),
    workerSid: s('worker_sid'),
    workerName: s('worker_name'),
    queueSid: s('task_queue_sid'),
    queueName: s('task_queue_name'),
    channel: s('task_channel_unique_name'),
    reason: s('reason'),
    activityName: s('worker_activity_name'),
    previousActivityName: s('worker_previous_activity_name'),
    previousActivityMs: n('worker_time_in_previous_activity_ms'),
    workflowName: s('workflow_name'),
    taskAttributes: json('task_attributes'),
    workerAttributes: json('worker_attributes'),
  };
}

type Emit = (table: LakehouseTable, row: Row) => void;
type ConversationTask = ConversationRecord['tasks'][number];

/**
 * Every row of every table but `events`, handed to `emit` one at a time (so a month of a
 * large centre is never held as rows). Queue segments, engagements and invitations are
 * the facts the report counts, those starting inside the window; a conversation is written
 * in the day of its first segment (queue segment or engagement), when that falls inside the
 * window; activity intervals are clipped to the window and split at local midnight;
 * workload is the core's `workload()` per quarter hour (`segmentWorkload`, then
 * `agentWorkload` one agent at a time); an agent has a row for each day
 * with a fact or activity of theirs, with the latest name and team.
 */
export function forEachModelRow(engine: Engine, config: EngineConfig, options: TableRowsOptions, emit: Emit): void {
  engine.flush();
  const calendar = engine.calendar;
  const { from, to } = options.window;
  const inWindow = (ts: number): boolean => ts >= from && ts < to;
  const lineage = { model_version: LAKEHOUSE_MODEL_VERSION, run_id: options.runId };
  const queueSid = (queue: string): string | null => engine.queueSidOf(queue) ?? null;
  const slMs = config.serviceLevelSec * 1000;
  const shortMs = config.shortAbandonSec * 1000;
  const dims: FactDimensions = {
    supportTypeOf: supportTypeResolver(config.supportTypes),
    platforms: config.platforms,
    teamAt: (workerSid, ts) => engine.teamAt(workerSid, ts),
  };
  /** Agents with something on a day: sid → days. */
  const agentDays = new Map<string, Set<string>>();
  const noteAgent = (sid: string | undefined, day: string): void => {
    if (sid === undefined || sid === '') return;
    let days = agentDays.get(sid);
    if (!days) agentDays.set(sid, (days = new Set()));
    days.add(day);
  };

  for (const c of engine.conversationRecords()) {
    const tasks = c.tasks.filter((t) => t.derived !== undefined).sort(byTaskStart);
    if (tasks.length === 0) continue;
    const cf = factsOf(tasks, dims);
    const id = tasks[0].info?.conversationKey ?? tasks[0].sid;
    const derivedOf = new Map<string, DerivedTask>();
    const reservationOf = new Map<string, Reservation>();
    for (const t of tasks) {
      const d = t.derived as DerivedTask;
      derivedOf.set(t.sid, d);
      for (const r of d.reservations) reservationOf.set(r.sid, r);
    }
    const channelOf = (taskSid: string | undefined): string | null => (taskSid === undefined ? null : (derivedOf.get(taskSid)?.channel ?? null));
    let first: Fact | undefined;
    let queues = 0;
    let engagements = 0;
    let transfers = 0;
    let open = false;
    let end = -Infinity;
    for (const f of cf.facts) {
      if (f.kind === 'invitation') {
        if (inWindow(f.start)) {
          const r = reservationOf.get(f.reservationSid as string);
          const ended = r?.accepted ?? r?.endTs;
          const local = localColumns(calendar, f.start);
          noteAgent(f.agent, local.day);
          emit('invitations', {
            conversation_id: id,
            task_sid: f.taskSid ?? null,
            reservation_sid: f.reservationSid ?? null,
            worker_sid: f.agent ?? null,
            team: f.team ?? null,
            queue: f.queue,
            task_queue_sid: queueSid(f.queue),
            support_type: f.supportType,
            platform: f.platform,
            channel: channelOf(f.taskSid),
            invited_at: f.start,
            ended_at: ended ?? null,
            outcome: f.invitation ?? null,
            ...local,
            ...lineage,
          });
        }
        continue;
      }
      if (!first || f.start < first.start) first = f;
      if (f.kind === 'queue') {
        queues++;
        if (f.waitMs === undefined) open = true;
        else end = Math.max(end, f.start + f.waitMs);
        if (!inWindow(f.start)) continue;
        const accepted = f.outcome === 'Accepted' && f.waitMs !== undefined;
        const longAbandon = f.outcome === 'Customer Left' && f.waitMs !== undefined && f.waitMs > shortMs;
        emit('queue_segments', {
          conversation_id: id,
          task_sid: f.taskSid ?? null,
          queue: f.queue,
          task_queue_sid: queueSid(f.queue),
          support_type: f.supportType,
          platform: f.platform,
          channel: channelOf(f.taskSid),
          started_at: f.start,
          ended_at: f.waitMs === undefined ? null : f.start + f.waitMs,
          outcome: f.outcome ?? null,
          wait_ms: f.waitMs ?? null,
          sl_met: accepted && (f.waitMs as number) <= slMs,
          sl_eligible: accepted || longAbandon,
          abandoned: cf.abandonedAt === f,
          ...localColumns(calendar, f.start),
          ...lineage,
        });
        continue;
      }
      engagements++;
      if (f.transferred) transfers++;
      const r = reservationOf.get(f.reservationSid as string);
      if (r?.completed === undefined) open = true;
      else end = Math.max(end, r.completed);
      if (!inWindow(f.start)) continue;
      const local = localColumns(calendar, f.start);
      noteAgent(f.agent, local.day);
      emit('engagements', {
        conversation_id: id,
        task_sid: f.taskSid ?? null,
        reservation_sid: f.reservationSid ?? null,
        worker_sid: f.agent ?? null,
        team: f.team ?? null,
        queue: f.queue,
        task_queue_sid: queueSid(f.queue),
        support_type: f.supportType,
        platform: f.platform,
        channel: channelOf(f.taskSid),
        invited_at: r?.created ?? null,
        accepted_at: f.start,
        wrapup_at: r?.wrapup ?? null,
        completed_at: r?.completed ?? null,
        ring_ms: r?.created === undefined ? null : f.start - r.created,
        talk_ms: f.talkMs ?? null,
        wrap_ms: f.wrapMs ?? null,
        handle_ms: f.talkMs === undefined ? null : f.talkMs + (f.wrapMs ?? 0),
        transferred: f.transferred === true,
        ...local,
        ...lineage,
      });
      if (r) emitMedia(emit, calendar, lineage, id, tasks, r, f.start, inWindow);
    }
    // Task-level media of tasks nobody engaged in, in the day of the task's first queue segment.
    for (const t of tasks) {
      const d = t.derived as DerivedTask;
      if (d.reservations.some((r) => r.accepted !== undefined) || d.queueSegments.length === 0) continue;
      const start = d.queueSegments[0].start;
      if (inWindow(start)) emitMediaItems(emit, calendar, lineage, id, t.sid, null, resolveMedia(t.info?.media, undefined), start);
    }
    if (!first || !inWindow(first.start)) continue;
    const info = tasks.find((t) => t.info?.customerName !== undefined || t.info?.customerContact !== undefined)?.info;
    emit('conversations', {
      conversation_id: id,
      task_sids: tasks.map((t) => t.sid).join(','),
      channel: tasks.map((t) => t.derived?.channel).find((ch) => ch !== undefined) ?? null,
      platform: first.platform,
      first_queue: first.queue,
      first_support_type: first.supportType,
      customer_name: options.contacts.name(info?.customerName, info?.customerContact),
      customer_contact: options.contacts.contact(info?.customerContact),
      started_at: first.start,
      ended_at: open ? null : end,
      duration_ms: open ? null : end - first.start,
      outcome: conversationOutcome(cf.facts, engagements > 0, open),
      queue_segments: queues,
      engagements,
      transfers,
      ...localColumns(calendar, first.start),
      ...lineage,
    });
  }

  for (const agent of engine.agents()) {
    for (const iv of engine.activityIntervals(agent.sid, to)) {
      let s = Math.max(iv.start, from);
      const e = Math.min(iv.end, to);
      while (e > s) {
        const cut = Math.min(e, nextDayStart(calendar, s));
        const local = localColumns(calendar, s);
        noteAgent(agent.sid, local.day);
        emit('agent_activity', {
          worker_sid: agent.sid,
          activity: iv.activity,
          started_at: s,
          ended_at: cut,
          duration_ms: cut - s,
          logged_in: iv.activity !== 'Offline',
          ...local,
          ...lineage,
        });
        s = cut;
      }
    }
  }

  const periods = new Map<string, { iso_week: string; month: string }>();
  const periodOfDay = (day: string): { iso_week: string; month: string } => {
    let p = periods.get(day);
    if (!p) {
      const [y, m, d] = day.split('-').map(Number);
      const noon = calendar.fromLocal(y, m, d, 12);
      periods.set(day, (p = { iso_week: calendar.weekKey(noon), month: calendar.monthKey(noon) }));
    }
    return p;
  };
  const localOf = (key: string): Row => {
    const day = key.slice(0, 10);
    return { day, ...periodOfDay(day), interval_15m: key };
  };
  const measure = (name: string, worker: string | null, activity: string | null, key: string, sec: number): void => {
    const ms = Math.round(sec * 1000);
    if (ms > 0) emit('workload_15m', { measure: name, worker_sid: worker, activity, duration_ms: ms, ...localOf(key), ...lineage });
  };
  const segments = segmentWorkload(engine, from, to);
  for (const key of Object.keys(segments).sort()) {
    measure('wait', null, null, key, segments[key].waitSec);
    measure('handle', null, null, key, segments[key].handleSec);
  }
  // One agent at a time: a month of 300 agents' quarter hours is never held at once.
  for (const sid of engine.agents().map((a) => a.sid).sort()) {
    const perKey = agentWorkload(engine, sid, from, to);
    for (const key of Object.keys(perKey).sort()) {
      const per = perKey[key];
      for (const activity of Object.keys(per).sort()) measure('activity', sid, activity, key, per[activity]);
    }
  }

  const known = new Map(engine.agents().map((a) => [a.sid, a]));
  for (const sid of [...agentDays.keys()].sort()) {
    const a = known.get(sid);
    for (const day of [...(agentDays.get(sid) as Set<string>)].sort()) {
      emit('agents', { worker_sid: sid, name: a?.name ?? sid, team: a?.team ?? null, day, ...periodOfDay(day), interval_15m: null, ...lineage });
    }
  }
}

/** The conversation list's outcome (`conversations.ts`), from the facts. */
function conversationOutcome(facts: readonly Fact[], engaged: boolean, open: boolean): string {
  if (engaged) return open ? 'In progress' : 'Handled';
  let last: Fact | undefined;
  for (const f of facts) if (f.kind === 'queue' && (!last || f.start >= last.start)) last = f;
  if (!last || last.waitMs === undefined) return 'Waiting';
  if (last.outcome === 'Customer Left') return 'Abandoned';
  if (last.outcome === 'Timeout') return 'Timed out';
  return 'Ended';
}

function emitMedia(
  emit: Emit,
  calendar: Calendar,
  lineage: Row,
  id: string,
  tasks: readonly ConversationTask[],
  r: Reservation,
  start: number,
  inWindow: (ts: number) => boolean,
): void {
  if (!inWindow(start)) return;
  const task = tasks.find((t) => t.sid === r.taskSid);
  const media = resolveMedia(task?.info?.media, task?.info?.reservationMedia?.[r.sid]);
  emitMediaItems(emit, calendar, lineage, id, r.taskSid, r.sid, media, start);
}

function emitMediaItems(
  emit: Emit,
  calendar: Calendar,
  lineage: Row,
  id: string,
  taskSid: string,
  reservationSid: string | null,
  media: ReturnType<typeof resolveMedia>,
  start: number,
): void {
  if (media.items.length === 0 && media.problems.length === 0) return;
  const local = localColumns(calendar, start);
  for (const item of media.items) {
    emit('media_links', {
      conversation_id: id,
      task_sid: taskSid,
      reservation_sid: reservationSid,
      level: media.level,
      position: item.position,
      media_type: item.type === 'Unsafe' || item.type === 'Link' ? item.declaredType : item.type,
      title: item.title ?? null,
      url: 'url' in item ? item.url : item.type === 'ChatTranscript' ? item.sid : null,
      problem: item.type === 'Unsafe' ? item.unsafe : null,
      started_at: start,
      ...local,
      ...lineage,
    });
  }
}

/** When a task began: its first queue segment or reservation (as `conversations.ts` orders tasks). */
function taskStart(t: ConversationTask): number {
  let start = Infinity;
  for (const q of t.derived?.queueSegments ?? []) start = Math.min(start, q.start);
  for (const r of t.derived?.reservations ?? []) start = Math.min(start, r.created ?? r.accepted ?? r.endTs ?? Infinity);
  return start;
}

function byTaskStart(a: ConversationTask, b: ConversationTask): number {
  const d = taskStart(a) - taskStart(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}
