/**
 * The discrete-event simulation. Every event is stamped with the simulation clock at the
 * moment it is emitted, and the agenda runs in time order, so the output is time-sorted
 * as it is produced: nothing is buffered beyond one action's events, and any length of
 * run streams in constant memory. Contacts and shifts carry across midnight naturally
 * because the clock never stops between days.
 *
 * The run starts one day early with no contacts, silently, so agents on a shift that
 * began the evening before the first simulated day are already logged in at its start.
 */
import {
  ACTIVITY_AVAILABLE,
  ACTIVITY_SIDS,
  CHANNEL_PLATFORM,
  CHANNEL_SIDS,
  PLATFORM_SUPPORT_TYPES,
  PLATFORMS,
  SUPPORT_TYPES,
  queueFor,
  servesPlatform,
  type ActivityName,
  type Channel,
  type Platform,
  type QueueDef,
  type SupportType,
} from './catalog';
import {
  buildCustomerPool,
  drawPlan,
  initialAttributes,
  newConversationIds,
  pickCustomer,
  recordingMedia,
  ticketMedia,
  transcriptMedia,
  transferAttributes,
  withConversationMedia,
  withReservationMedia,
  type ContactPlan,
  type Customer,
  type TaskAttributes,
} from './contacts';
import { buildDemand, rateAt, type Demand } from './demand';
import { Agenda } from './heap';
import { chance, clamp, createRng, exponential, hex32, lognormal, normal, pick, pickIndexWeighted, uniform, type Rng } from './prng';
import { buildRoster, worksOn, type Agent, type Roster, type WorkerProfile } from './roster';
import {
  ACCEPT_MAX_MS,
  ACCEPT_MEDIAN_MS,
  ACCEPT_MIN_MS,
  ACCEPT_SIGMA,
  ATTRIBUTE_UPDATE_SHARE,
  CHANNEL_PRIORITY,
  DAY,
  DIGITAL_CAPACITY,
  DIGITAL_CHAT_SHARE,
  ESCALATIONS,
  HOUR,
  MINUTE,
  PRIORITY,
  REJECT_DELAY_MS,
  REJECT_SHARE,
  RESERVATION_TIMEOUT_MS,
  ROUTING_DELAY_MS,
  RONA_RECOVERY_MS,
  RONA_SHARE,
  SPAM_DELETE_MS,
  SUPPORT_TYPE_WEIGHTS,
  TRAINING_SHARE,
  TRANSFER_TALK_FACTOR,
  TRANSFER_WRAP_FACTOR,
  WORKFLOW_TIMEOUT_MS,
} from './tuning';
import {
  HANGUP_REASON,
  TASK_COMPLETED_REASON,
  WORKFLOW_TIMEOUT_REASON,
  type AssignmentStatus,
  type ResolvedSimOptions,
  type SimEvent,
  type SimEventType,
  type TaskSnapshot,
  type WorkerSnapshot,
} from './types';

interface Block {
  readonly activity: Exclude<ActivityName, 'Available' | 'Unavailable'>;
  readonly durationMs: number;
}

interface AgentState {
  readonly def: Agent;
  readonly serves: Readonly<Record<Platform, boolean>>;
  profile: WorkerProfile;
  attributesJson: string;
  skills: Set<SupportType>;
  activity: ActivityName;
  activitySinceMs: number;
  /** Bumped on every activity change, so stale timers can tell they are stale. */
  token: number;
  version: number;
  loggedIn: boolean;
  /** Reserved or held tasks per kind of channel. */
  voiceLoad: number;
  digitalLoad: number;
  /** Activities due but not yet taken because the agent still had work. */
  pending: Block[];
  lastOfferMs: number;
  snapshot?: WorkerSnapshot;
}

type ReservationStatus = 'pending' | 'accepted' | 'wrapping' | 'closed';

interface ReservationState {
  readonly sid: string;
  readonly task: TaskState;
  readonly agent: AgentState;
  status: ReservationStatus;
  version: number;
}

interface TaskState {
  readonly sid: string;
  readonly channel: Channel;
  readonly platform: Platform;
  readonly plan: ContactPlan;
  readonly createdMs: number;
  readonly priority: number;
  queue: QueueDef;
  queueEnteredMs: number;
  attributes: TaskAttributes;
  attributesJson: string;
  status: AssignmentStatus;
  version: number;
  reservations: ReservationState[];
  /** Agents TaskRouter will not offer this task to again (rejected it, or transferred it). */
  excluded: number[];
  waiting: boolean;
  offers: number;
  canceledReason?: string;
  completedReason?: string;
}

export class Simulation {
  readonly roster: Roster;
  private readonly opts: ResolvedSimOptions;
  private readonly agenda = new Agenda();
  private readonly agents: AgentState[];
  private readonly waiting: Record<Platform, TaskState[]> = { CISS: [], DIGI: [] };
  private readonly demand: Demand;
  private readonly customers: readonly Customer[];
  /** Independent streams, so a change in one kind of draw does not reshuffle the others. */
  private readonly ids: Rng;
  private readonly arrivals: Rng;
  private readonly fate: Rng;
  private readonly people: Rng;
  private readonly originMs: number;
  private now: number;
  private out: SimEvent[] = [];
  private dispatchDue = false;
  /** Logged-in agents in an available activity, kept up to date so routing need not scan the roster. */
  private readonly available = new Set<AgentState>();

  constructor(opts: ResolvedSimOptions) {
    this.opts = opts;
    this.roster = buildRoster(opts.agents, opts.seed, opts.teamSize);
    this.ids = createRng(opts.seed, 'ids');
    this.arrivals = createRng(opts.seed, 'arrivals');
    this.fate = createRng(opts.seed, 'fate');
    this.people = createRng(opts.seed, 'people');
    this.customers = buildCustomerPool(createRng(opts.seed, 'customers'), opts.agents);
    this.originMs = Math.floor(opts.startMs / DAY) * DAY - DAY;
    this.now = this.originMs;
    this.demand = buildDemand(this.roster.agents, this.originMs, Math.ceil((opts.endMs - this.originMs) / DAY), opts.seed);
    this.agents = this.roster.agents.map((def) => newAgentState(def, this.originMs));
    this.scheduleDay(-1);
    for (const platform of PLATFORMS) this.at(opts.startMs, () => this.arrivalTick(platform));
  }

  /** Events in time order, produced lazily. */
  *events(): Generator<SimEvent> {
    const end = this.opts.endMs;
    while (this.agenda.peekTime() < end) {
      const next = this.agenda.pop();
      if (next === undefined) break;
      this.now = next.at;
      next.run();
      if (this.dispatchDue) this.dispatch();
      if (this.out.length > 0) {
        const batch = this.out;
        this.out = [];
        yield* batch;
      }
    }
  }

  // ---- agenda -------------------------------------------------------------

  private at(time: number, run: () => void): void {
    this.agenda.push(Math.max(this.now, Math.round(time)), run);
  }

  private after(delayMs: number, run: () => void): void {
    this.at(this.now + delayMs, run);
  }

  // ---- emission -----------------------------------------------------------

  private emit(type: SimEventType, fields: Omit<SimEvent, 'sid' | 'type' | 'timeMs'>): void {
    // The warm-up day only sets agents up; nothing before the start is output.
    if (this.now < this.opts.startMs) return;
    this.out.push({ sid: `EV${hex32(this.ids)}`, type, timeMs: this.now, ...fields });
  }

  private emitTask(type: SimEventType, task: TaskState): void {
    this.emit(type, { resourceType: 'task', resourceSid: task.sid, task: taskSnapshot(task) });
  }

  private emitReservation(type: SimEventType, res: ReservationState): void {
    this.emit(type, {
      resourceType: 'reservation',
      resourceSid: res.sid,
      task: taskSnapshot(res.task),
      reservation: { sid: res.sid, version: res.version },
      worker: workerSnapshot(res.agent),
    });
  }

  private emitWorker(type: SimEventType, agent: AgentState, worker: WorkerSnapshot): void {
    this.emit(type, { resourceType: 'worker', resourceSid: agent.def.sid, worker });
  }

  // ---- roster and shifts --------------------------------------------------

  private dayStartMs(dayIndex: number): number {
    return this.originMs + (dayIndex + 1) * DAY;
  }

  /** Schedules one day's shifts, and the next day's scheduling before its first login. */
  private scheduleDay(dayIndex: number): void {
    const dayStart = this.dayStartMs(dayIndex);
    if (dayStart >= this.opts.endMs) return;
    // One stream per day keeps a run a prefix of any longer run with the same seed.
    const rng = createRng(this.opts.seed, `shifts:${dayIndex}`);
    for (const agent of this.agents) {
      if (worksOn(agent.def, dayIndex)) this.scheduleShift(rng, agent, dayStart);
    }
    this.at(this.dayStartMs(dayIndex + 1) - HOUR, () => this.scheduleDay(dayIndex + 1));
  }

  private scheduleShift(rng: Rng, agent: AgentState, dayStart: number): void {
    const shift = agent.def.shift;
    // Most agents log in a couple of minutes early; a few run late.
    const start = dayStart + shift.startMin * MINUTE + clamp(normal(rng) * 3 - 2, -12, 15) * MINUTE;
    const end = start + shift.lengthMin * MINUTE + uniform(rng, -4, 9) * MINUTE;
    this.at(start, () => this.login(agent));
    for (const [offsetMs, block] of shiftBlocks(rng, shift.lengthMin)) this.at(start + offsetMs, () => this.requestBlock(agent, block));
    if (chance(rng, ATTRIBUTE_UPDATE_SHARE)) this.at(start + uniform(rng, 0.2, 0.8) * shift.lengthMin * MINUTE, () => this.updateAttributes(agent));
    this.at(end, () => this.requestBlock(agent, { activity: 'Offline', durationMs: 0 }));
  }

  private login(agent: AgentState): void {
    if (agent.loggedIn) return;
    agent.loggedIn = true;
    agent.pending = [];
    this.setActivity(agent, 'Available');
  }

  private requestBlock(agent: AgentState, block: Block): void {
    if (!agent.loggedIn) return;
    agent.pending.push(block);
    this.applyPending(agent);
  }

  /** Takes the next due activity once the agent has no work in hand. */
  private applyPending(agent: AgentState): void {
    if (agent.pending.length === 0 || agent.voiceLoad + agent.digitalLoad > 0) return;
    if (agent.activity !== 'Available' && agent.activity !== 'Unavailable') return;
    this.startBlock(agent);
  }

  private startBlock(agent: AgentState): void {
    const block = agent.pending.shift();
    if (block === undefined) return;
    if (block.activity === 'Offline') {
      agent.pending = [];
      agent.loggedIn = false;
      this.setActivity(agent, 'Offline');
      return;
    }
    this.setActivity(agent, block.activity);
    const token = agent.token;
    this.after(block.durationMs, () => this.endBlock(agent, token));
  }

  private endBlock(agent: AgentState, token: number): void {
    if (agent.token !== token) return;
    // A block that came due during this one follows straight on (a late lunch, the logout).
    if (agent.pending.length > 0) {
      this.startBlock(agent);
      return;
    }
    this.setActivity(agent, 'Available');
  }

  private setActivity(agent: AgentState, activity: ActivityName): void {
    const previous = agent.activity;
    const spent = this.now - agent.activitySinceMs;
    agent.activity = activity;
    agent.activitySinceMs = this.now;
    agent.token++;
    agent.version++;
    agent.snapshot = undefined;
    if (ACTIVITY_AVAILABLE[activity]) {
      agent.lastOfferMs = this.now;
      this.available.add(agent);
      this.dispatchDue = true;
    } else {
      this.available.delete(agent);
    }
    this.emitWorker('worker.activity.update', agent, {
      ...workerSnapshot(agent),
      previousActivitySid: ACTIVITY_SIDS[previous],
      previousActivityName: previous,
      timeInPreviousActivityMs: spent,
    });
  }

  /** A supervisor moves the agent to another team, or changes a skill. */
  private updateAttributes(agent: AgentState): void {
    const rng = this.people;
    if (this.roster.teams.length > 1 && chance(rng, 0.5)) {
      const others = this.roster.teams.filter((t) => t.name !== agent.profile.team);
      const team = pick(rng, others);
      agent.profile = { ...agent.profile, team: team.name, manager: team.manager };
    } else {
      const skill: SupportType = agent.def.platform !== 'CISS' && chance(rng, 0.5) ? 'technical_support' : 'imminent';
      if (agent.skills.has(skill)) agent.skills.delete(skill);
      else agent.skills.add(skill);
      const platforms = agent.def.platform === 'BOTH' ? ['CISS', 'DIGI'] : [agent.def.platform];
      const routing = { skills: [...platforms, ...SUPPORT_TYPES.filter((t) => agent.skills.has(t))] };
      agent.profile = { ...agent.profile, routing };
      this.dispatchDue = true;
    }
    agent.attributesJson = JSON.stringify(agent.profile);
    agent.version++;
    agent.snapshot = undefined;
    this.emitWorker('worker.attributes.update', agent, workerSnapshot(agent));
  }

  // ---- arrivals -----------------------------------------------------------

  /** Piecewise-constant Poisson process: draw a gap at this slot's rate, or re-draw at its end. */
  private arrivalTick(platform: Platform): void {
    const { perMs, slotEndMs } = rateAt(this.demand, platform, this.now);
    const next = perMs > 0 ? this.now + exponential(this.arrivals, 1 / perMs) : Infinity;
    if (next < slotEndMs) {
      this.at(next, () => {
        this.arrive(platform);
        this.arrivalTick(platform);
      });
    } else {
      this.at(slotEndMs, () => this.arrivalTick(platform));
    }
  }

  private arrive(platform: Platform): void {
    const rng = this.arrivals;
    const channel: Channel = platform === 'CISS' ? 'voice' : chance(rng, DIGITAL_CHAT_SHARE) ? 'chat' : 'sms';
    const types = PLATFORM_SUPPORT_TYPES[platform];
    const supportType = types[pickIndexWeighted(rng, types.map((t) => SUPPORT_TYPE_WEIGHTS[t]))];
    const customer = pickCustomer(rng, this.customers);
    const attributes = initialAttributes(channel, platform, supportType, customer, newConversationIds(this.ids, channel));
    this.createTask(channel, supportType, attributes, false, []);
  }

  // ---- tasks --------------------------------------------------------------

  private createTask(channel: Channel, supportType: SupportType, attributes: TaskAttributes, isTransfer: boolean, excluded: number[]): TaskState {
    const platform = CHANNEL_PLATFORM[channel];
    const plan = drawPlan(this.fate, channel, platform, supportType, PLATFORM_SUPPORT_TYPES[platform], isTransfer);
    if (plan.spam) attributes = { ...attributes, spam_suspected: true };
    const task: TaskState = {
      sid: `WT${hex32(this.ids)}`,
      channel,
      platform,
      plan,
      createdMs: this.now,
      priority: PRIORITY[supportType] + CHANNEL_PRIORITY[channel],
      queue: queueFor(platform, supportType),
      queueEnteredMs: this.now,
      attributes,
      attributesJson: JSON.stringify(attributes),
      status: 'pending',
      version: 0,
      reservations: [],
      excluded,
      waiting: false,
      offers: 0,
    };
    this.emitTask('task.created', task);
    this.emitTask('task-queue.entered', task);
    if (plan.spam) {
      // Parked by the workflow's spam filter, which targets no one, until a supervisor deletes it.
      this.after(uniform(this.fate, SPAM_DELETE_MS.min, SPAM_DELETE_MS.max), () => this.deleteSpam(task));
      return task;
    }
    this.after(this.routingDelayMs(), () => this.enqueue(task));
    if (Number.isFinite(plan.patienceMs) && plan.patienceMs < WORKFLOW_TIMEOUT_MS[channel]) {
      this.after(plan.patienceMs, () => this.hangup(task));
    }
    this.after(WORKFLOW_TIMEOUT_MS[channel], () => this.workflowTimeout(task));
    this.scheduleEscalation(task);
    return task;
  }

  private isOpen(task: TaskState): boolean {
    return task.status === 'pending' || task.status === 'reserved';
  }

  private enqueue(task: TaskState): void {
    if (task.status !== 'pending' || task.waiting) return;
    const list = this.waiting[task.platform];
    // TaskRouter serves higher priority first, then the oldest task.
    let i = list.length;
    while (i > 0 && (list[i - 1].priority < task.priority || (list[i - 1].priority === task.priority && list[i - 1].createdMs > task.createdMs))) i--;
    list.splice(i, 0, task);
    task.waiting = true;
    this.dispatchDue = true;
  }

  private unqueue(task: TaskState): void {
    if (!task.waiting) return;
    const list = this.waiting[task.platform];
    const i = list.indexOf(task);
    if (i >= 0) list.splice(i, 1);
    task.waiting = false;
  }

  private setTaskStatus(task: TaskState, status: AssignmentStatus): void {
    task.status = status;
    task.version++;
  }

  private setAttributes(task: TaskState, attributes: TaskAttributes): void {
    task.attributes = attributes;
    task.attributesJson = JSON.stringify(attributes);
    task.version++;
    this.emitTask('task.updated', task);
  }

  private scheduleEscalation(task: TaskState): void {
    const rule = ESCALATIONS[task.queue.supportType];
    if (!rule) return;
    const from = task.queue.sid;
    this.at(task.queueEnteredMs + rule.afterMs, () => this.escalate(task, from));
  }

  /** The workflow's next step: a task still waiting moves on to the wider queue. */
  private escalate(task: TaskState, fromQueueSid: string): void {
    if (task.queue.sid !== fromQueueSid || !this.isOpen(task)) return;
    if (task.status === 'reserved') {
      // TaskRouter waits for the outstanding offer to resolve before re-evaluating.
      this.after(5_000, () => this.escalate(task, fromQueueSid));
      return;
    }
    const rule = ESCALATIONS[task.queue.supportType];
    if (!rule) return;
    this.emitTask('task-queue.moved', task);
    task.queue = queueFor(task.platform, rule.to);
    task.queueEnteredMs = this.now;
    task.version++;
    this.emitTask('task-queue.entered', task);
    this.dispatchDue = true;
    this.scheduleEscalation(task);
  }

  private hangup(task: TaskState): void {
    if (this.isOpen(task)) this.cancel(task, HANGUP_REASON);
  }

  private workflowTimeout(task: TaskState): void {
    if (!this.isOpen(task)) return;
    this.emitTask('workflow.timeout', task);
    this.cancel(task, WORKFLOW_TIMEOUT_REASON);
  }

  private cancel(task: TaskState, reason: string): void {
    this.unqueue(task);
    const open = task.reservations.filter((r) => r.status === 'pending');
    task.reservations = [];
    this.setTaskStatus(task, 'canceled');
    task.canceledReason = reason;
    for (const res of open) {
      this.closeReservation(res);
      this.emitReservation('reservation.canceled', res);
      this.release(res.agent, task.channel);
    }
    this.emitTask('task.canceled', task);
  }

  private deleteSpam(task: TaskState): void {
    if (task.status !== 'pending') return;
    this.unqueue(task);
    task.status = 'canceled';
    this.emitTask('task.deleted', task);
  }

  // ---- routing ------------------------------------------------------------

  private canTake(agent: AgentState, channel: Channel): boolean {
    if (!agent.loggedIn || agent.activity !== 'Available' || agent.pending.length > 0) return false;
    if (channel === 'voice') return agent.voiceLoad + agent.digitalLoad === 0;
    return agent.voiceLoad === 0 && agent.digitalLoad < DIGITAL_CAPACITY;
  }

  private dispatch(): void {
    this.dispatchDue = false;
    for (const platform of PLATFORMS) {
      const list = this.waiting[platform];
      if (list.length === 0) continue;
      const free: AgentState[] = [];
      for (const a of this.available) if (a.serves[platform]) free.push(a);
      if (free.length === 0) continue;
      for (const task of [...list]) {
        const chosen = this.chooseAgents(task, free);
        if (chosen.length > 0) this.offer(task, chosen);
      }
    }
  }

  /** Longest-idle eligible agent; two of them when this contact is multi-offered. */
  private chooseAgents(task: TaskState, free: readonly AgentState[]): AgentState[] {
    let best: AgentState | undefined;
    let second: AgentState | undefined;
    for (const agent of free) {
      if (!this.canTake(agent, task.channel) || !agent.skills.has(task.queue.supportType) || task.excluded.includes(agent.def.index)) continue;
      if (best === undefined || agent.lastOfferMs < best.lastOfferMs) {
        second = best;
        best = agent;
      } else if (second === undefined || agent.lastOfferMs < second.lastOfferMs) {
        second = agent;
      }
    }
    if (best === undefined) return [];
    return task.plan.multiOffer && second !== undefined && task.offers === 0 ? [best, second] : [best];
  }

  private offer(task: TaskState, agents: readonly AgentState[]): void {
    this.unqueue(task);
    task.offers++;
    this.setTaskStatus(task, 'reserved');
    const created = agents.map((agent) => this.reserve(task, agent));
    task.reservations = created;
    for (const res of created) this.emitReservation('reservation.created', res);
    if (created.length > 1) {
      // Multi-offer: whoever answers first wins, the other offer is withdrawn.
      const winner = created[Math.floor(this.fate.next() * created.length)];
      this.after(this.acceptDelayMs(), () => this.accept(winner));
      return;
    }
    this.scheduleOutcome(created[0]);
  }

  private reserve(task: TaskState, agent: AgentState): ReservationState {
    if (task.channel === 'voice') agent.voiceLoad++;
    else agent.digitalLoad++;
    agent.lastOfferMs = this.now;
    return { sid: `WR${hex32(this.ids)}`, task, agent, status: 'pending', version: 0 };
  }

  private acceptDelayMs(): number {
    return Math.round(clamp(lognormal(this.fate, ACCEPT_MEDIAN_MS, ACCEPT_SIGMA), ACCEPT_MIN_MS, ACCEPT_MAX_MS));
  }

  private scheduleOutcome(res: ReservationState): void {
    const u = this.fate.next();
    if (u < RONA_SHARE) this.after(RESERVATION_TIMEOUT_MS, () => this.timeoutReservation(res));
    else if (u < RONA_SHARE + REJECT_SHARE) this.after(uniform(this.fate, REJECT_DELAY_MS.min, REJECT_DELAY_MS.max), () => this.reject(res));
    else this.after(this.acceptDelayMs(), () => this.accept(res));
  }

  private closeReservation(res: ReservationState): void {
    res.status = 'closed';
    res.version++;
  }

  /** Frees the agent's slot and lets any due break or logout happen. */
  private release(agent: AgentState, channel: Channel): void {
    if (channel === 'voice') agent.voiceLoad--;
    else agent.digitalLoad--;
    this.applyPending(agent);
    this.dispatchDue = true;
  }

  /** A reservation that ended without being accepted sends the task back to waiting. */
  private requeue(task: TaskState, res: ReservationState): void {
    task.reservations = task.reservations.filter((r) => r !== res);
    if (task.reservations.length > 0) return;
    this.setTaskStatus(task, 'pending');
    // The workflow re-evaluates before the next offer, so it never shares the old one's instant.
    this.after(this.routingDelayMs(), () => this.enqueue(task));
  }

  private routingDelayMs(): number {
    return uniform(this.fate, ROUTING_DELAY_MS.min, ROUTING_DELAY_MS.max);
  }

  private accept(res: ReservationState): void {
    const task = res.task;
    if (res.status !== 'pending' || task.status !== 'reserved') return;
    res.status = 'accepted';
    res.version++;
    this.setTaskStatus(task, 'assigned');
    this.emitReservation('reservation.accepted', res);
    for (const other of task.reservations) {
      if (other === res || other.status !== 'pending') continue;
      this.closeReservation(other);
      this.emitReservation('reservation.rescinded', other);
      this.release(other.agent, task.channel);
    }
    task.reservations = [res];
    const talkMs = task.plan.transferTo ? Math.max(20_000, Math.round(task.plan.talkMs * TRANSFER_TALK_FACTOR)) : task.plan.talkMs;
    this.after(talkMs, () => this.endTalk(res));
    this.scheduleMedia(res, talkMs);
  }

  private scheduleMedia(res: ReservationState, talkMs: number): void {
    const plan = res.task.plan;
    const acceptedMs = this.now;
    if (plan.recording) this.after(uniform(this.fate, 600, 2_500), () => this.addRecording(res, acceptedMs));
    if (plan.ticket) this.after(uniform(this.fate, 0.3, 0.9) * talkMs, () => this.addMedia(res, ticketMedia(this.ids)));
  }

  private addRecording(res: ReservationState, acceptedMs: number): void {
    const task = res.task;
    if (res.status !== 'accepted') return;
    const media = recordingMedia(this.ids, acceptedMs);
    this.setAttributes(
      task,
      task.plan.reservationMedia ? withReservationMedia(task.attributes, res.sid, media) : withConversationMedia(task.attributes, media),
    );
  }

  private addMedia(res: ReservationState, item: ReturnType<typeof ticketMedia>): void {
    if (res.status !== 'accepted' && res.status !== 'wrapping') return;
    this.setAttributes(res.task, withConversationMedia(res.task.attributes, item));
  }

  private reject(res: ReservationState): void {
    const task = res.task;
    if (res.status !== 'pending' || task.status !== 'reserved') return;
    this.closeReservation(res);
    task.excluded.push(res.agent.def.index);
    this.emitReservation('reservation.rejected', res);
    this.release(res.agent, task.channel);
    this.requeue(task, res);
  }

  /** RONA: the offer rang out, and Flex makes the agent Unavailable until they come back. */
  private timeoutReservation(res: ReservationState): void {
    const task = res.task;
    const agent = res.agent;
    if (res.status !== 'pending' || task.status !== 'reserved') return;
    this.closeReservation(res);
    this.emitReservation('reservation.timeout', res);
    if (agent.activity === 'Available') {
      this.setActivity(agent, 'Unavailable');
      const token = agent.token;
      this.after(uniform(this.fate, RONA_RECOVERY_MS.min, RONA_RECOVERY_MS.max), () => this.recoverFromRona(agent, token));
    }
    this.release(agent, task.channel);
    this.requeue(task, res);
  }

  private recoverFromRona(agent: AgentState, token: number): void {
    if (agent.token !== token || !agent.loggedIn) return;
    if (agent.pending.length > 0 && agent.voiceLoad + agent.digitalLoad === 0) this.startBlock(agent);
    else this.setActivity(agent, 'Available');
  }

  private endTalk(res: ReservationState): void {
    const task = res.task;
    if (res.status !== 'accepted') return;
    const target = task.plan.transferTo;
    if (target) this.transfer(task, res, target);
    // The transcript link is written as the conversation closes, just ahead of wrap-up.
    if (task.plan.transcript && task.attributes.conversationSid) {
      this.setAttributes(task, withConversationMedia(task.attributes, transcriptMedia(task.attributes.conversationSid)));
    }
    res.status = 'wrapping';
    res.version++;
    this.setTaskStatus(task, 'wrapping');
    this.emitReservation('reservation.wrapup', res);
    this.emitTask('task.wrapup', task);
    const wrapMs = target ? Math.max(3_000, Math.round(task.plan.wrapMs * TRANSFER_WRAP_FACTOR)) : task.plan.wrapMs;
    this.after(wrapMs, () => this.complete(res));
  }

  /** Cold transfer: a new task for the same conversation enters the target queue. */
  private transfer(task: TaskState, res: ReservationState, target: SupportType): void {
    const queue = queueFor(task.platform, target);
    const attributes = transferAttributes(task.attributes, task.sid, target, queue.name);
    this.createTask(task.channel, target, attributes, true, [res.agent.def.index]);
  }

  private complete(res: ReservationState): void {
    const task = res.task;
    if (res.status !== 'wrapping') return;
    this.closeReservation(res);
    this.setTaskStatus(task, 'completed');
    task.completedReason = TASK_COMPLETED_REASON;
    task.reservations = [];
    this.emitReservation('reservation.completed', res);
    this.emitTask('task.completed', task);
    this.release(res.agent, task.channel);
  }
}

function newAgentState(def: Agent, originMs: number): AgentState {
  return {
    def,
    serves: { CISS: servesPlatform(def.platform, 'CISS'), DIGI: servesPlatform(def.platform, 'DIGI') },
    profile: def.profile,
    attributesJson: JSON.stringify(def.profile),
    skills: new Set(def.skills),
    activity: 'Offline',
    activitySinceMs: originMs - 12 * HOUR,
    token: 0,
    version: 1,
    loggedIn: false,
    voiceLoad: 0,
    digitalLoad: 0,
    pending: [],
    lastOfferMs: originMs,
  };
}

function taskSnapshot(task: TaskState): TaskSnapshot {
  return {
    sid: task.sid,
    attributes: task.attributesJson,
    dateCreatedMs: task.createdMs,
    priority: task.priority,
    assignmentStatus: task.status,
    queueSid: task.queue.sid,
    queueName: task.queue.name,
    queueEnteredMs: task.queueEnteredMs,
    channelSid: CHANNEL_SIDS[task.channel],
    channel: task.channel,
    version: task.version,
    canceledReason: task.canceledReason,
    completedReason: task.completedReason,
  };
}

/** Cached per worker version: reservation events reuse it until the worker changes. */
function workerSnapshot(agent: AgentState): WorkerSnapshot {
  if (agent.snapshot === undefined) {
    agent.snapshot = {
      sid: agent.def.sid,
      name: agent.def.name,
      attributes: agent.attributesJson,
      activitySid: ACTIVITY_SIDS[agent.activity],
      activityName: agent.activity,
      version: agent.version,
    };
  }
  return agent.snapshot;
}

/** Breaks, lunch and the odd training session, as offsets from the start of the shift. */
function shiftBlocks(rng: Rng, lengthMin: number): [number, Block][] {
  const breakMs = (): number => Math.round(clamp(lognormal(rng, 15 * MINUTE, 0.2), 10 * MINUTE, 25 * MINUTE));
  if (lengthMin < 7 * 60) return [[uniform(rng, 100, 140) * MINUTE, { activity: 'Break', durationMs: breakMs() }]];
  const blocks: [number, Block][] = [
    [uniform(rng, 105, 135) * MINUTE, { activity: 'Break', durationMs: breakMs() }],
    [uniform(rng, 225, 270) * MINUTE, { activity: 'Lunch', durationMs: Math.round(uniform(rng, 28, 36) * MINUTE) }],
  ];
  const late: Block = chance(rng, TRAINING_SHARE)
    ? { activity: 'Training', durationMs: Math.round(uniform(rng, 30, 60) * MINUTE) }
    : { activity: 'Break', durationMs: breakMs() };
  blocks.push([uniform(rng, 365, 395) * MINUTE, late]);
  return blocks;
}

