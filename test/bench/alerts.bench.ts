/**
 * `npm run bench:alerts`: alert evaluation per live update with 2,000 workers, 400
 * contacts waiting and 20 rules of every kind. A live engine (the store's groupings) is
 * filled with the centre, then 5,000 live updates of the mix a busy frame sees (a worker
 * changes activity, a contact arrives, a contact is accepted, an agent goes to wrap-up or
 * completes, a RONA), each folded, flushed and handed to the watch as the store does, the
 * clock moving 200 ms per update (a tick each simulated second). Timed: the watch's
 * `update` (and the tick) per update: median and p95.
 *
 * Then, unless `--dom 0`, the end-to-end delay in Chromium: the sandbox page at 10× with a
 * staged imminent surge (`?surge=imminent`), from the simulated instant the first contact
 * crosses the 120 s limit to the alert in the DOM (polled each animation frame), in real ms.
 *
 * Last line: `{"workers","rules","evalMedianMs","evalP95Ms","raiseToDomMs"}`.
 */
import { performance } from 'node:perf_hooks';
import type { AlertRule, TrEvent } from '../../src/core';
import { AlertWatch, changesOf } from '../../src/core/alertWatch';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { LIVE_GROUPINGS } from '../../src/core/days';
import { Engine } from '../../src/core/engine';
import { accessOf } from '../../src/core/roles';
import { E2E_NOW, openSandbox, sandboxUrl } from '../e2e/browser';
import { mulberry32 } from '../fixtures/random';
import { numberArg } from './args';

const workers = numberArg('workers', 2000);
const waiting = numberArg('waiting', 400);
const updates = numberArg('updates', 5000);
const dom = numberArg('dom', 1) !== 0;

const QUEUES = ['CISS Imminent', 'CISS Safety', 'CISS Support', 'CISS Check In', 'CISS Check Out', 'CISS Debrief', 'DIGI Imminent', 'DIGI Safety', 'DIGI Support', 'DIGI Technical Support'];
const TEAMS = ['Team Aurora', 'Team Borealis', 'Team Cirrus', 'Team Delta', 'Team Echo', 'Team Fjord', 'Team Gale', 'Team Halo'];

const RULES: AlertRule[] = [
  { id: 'imminent-wait', kind: 'contactWait', supportType: 'imminent', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'safety-wait', kind: 'contactWait', supportType: 'safety', seconds: 120, severity: 'error', holdSec: 0, clearSec: 10 },
  { id: 'any-wait', kind: 'contactWait', seconds: 600, severity: 'warning', holdSec: 0, clearSec: 30 },
  { id: 'support-wait', kind: 'contactWait', supportType: 'support', seconds: 300, severity: 'warning', holdSec: 0, clearSec: 30 },
  { id: 'backlog', kind: 'waitingCount', count: 30, severity: 'warning', holdSec: 30, clearSec: 60 },
  { id: 'backlog-imminent', kind: 'waitingCount', supportType: 'imminent', count: 10, severity: 'error', holdSec: 10, clearSec: 60 },
  { id: 'backlog-queue', kind: 'waitingCount', queue: 'CISS Safety', count: 20, severity: 'warning', holdSec: 10, clearSec: 60 },
  { id: 'backlog-support', kind: 'waitingCount', supportType: 'support', count: 50, severity: 'info', holdSec: 10, clearSec: 60 },
  { id: 'sl', kind: 'serviceLevel', below: 0.6, severity: 'warning', holdSec: 300, clearSec: 300 },
  { id: 'sl-ciss', kind: 'serviceLevel', platform: 'CISS Central', below: 0.8, severity: 'warning', holdSec: 60, clearSec: 300 },
  { id: 'sl-digi', kind: 'serviceLevel', platform: 'DIGI Central', below: 0.8, severity: 'warning', holdSec: 60, clearSec: 300 },
  { id: 'sl-imminent', kind: 'serviceLevel', queue: 'CISS Imminent', below: 0.9, severity: 'error', holdSec: 60, clearSec: 300 },
  { id: 'nobody', kind: 'noAgentAvailable', severity: 'error', holdSec: 30, clearSec: 30 },
  { id: 'nobody-imminent', kind: 'noAgentAvailable', supportType: 'imminent', severity: 'error', holdSec: 0, clearSec: 30 },
  { id: 'break', kind: 'agentActivity', activity: 'Break', minutes: 30, severity: 'info', holdSec: 0, clearSec: 0 },
  { id: 'lunch', kind: 'agentActivity', activity: 'Lunch', minutes: 60, severity: 'info', holdSec: 0, clearSec: 0 },
  { id: 'unavailable', kind: 'agentActivity', activity: 'Unavailable', minutes: 20, severity: 'info', holdSec: 0, clearSec: 0 },
  { id: 'wrapup', kind: 'agentWrapup', minutes: 10, severity: 'info', holdSec: 0, clearSec: 0 },
  { id: 'rona-2', kind: 'agentRona', count: 2, severity: 'warning', holdSec: 0, clearSec: 0 },
  { id: 'rona-4', kind: 'agentRona', count: 4, severity: 'error', holdSec: 0, clearSec: 0 },
];

let sidCounter = 0;
const sid = (): string => `EV${(++sidCounter).toString(16).padStart(32, '0')}`;

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function evaluation(): { evalMedianMs: number; evalP95Ms: number; active: number } {
  const random = mulberry32(7);
  const start = Date.parse('2026-11-20T08:00:00Z');
  let now = start;
  const engine = new Engine(DEFAULT_CONFIG, { groupings: LIVE_GROUPINGS });
  const watch = new AlertWatch(RULES, accessOf({ roles: ['wfo.team_leader'], team: TEAMS[0], workerSid: 'WK0' }));
  const worker = (i: number): string => `WK${i.toString(16).padStart(32, '0')}`;
  const attrs = (i: number) => ({ full_name: `Agent ${i}`, team: TEAMS[i % TEAMS.length] });
  const fold = (events: TrEvent[]): TrEvent[] => events.filter((e) => engine.apply(e));
  // The centre: every worker logged in, most Available, some on Break; 400 waiting; 1,200 engaged.
  const initial: TrEvent[] = [];
  for (let i = 0; i < workers; i++) {
    const activity = i % 10 < 7 ? 'Available' : i % 10 < 9 ? 'Break' : 'Unavailable';
    initial.push({ sid: sid(), type: 'worker.activity.update', ts: now - 600_000, workerSid: worker(i), workerName: `agent${i}`, workerAttributes: attrs(i), activityName: activity });
  }
  let taskNo = 0;
  const waitingTasks: { task: string; queue: string; channel: string }[] = [];
  const engagedTasks: { task: string; queue: string; channel: string; res: string; worker: number; wrapped: boolean }[] = [];
  const arrive = (ts: number): TrEvent[] => {
    const queue = QUEUES[Math.floor(random() * QUEUES.length)];
    const channel = queue.startsWith('CISS') ? 'voice' : 'chat';
    const t = { task: `WT${(++taskNo).toString(16).padStart(32, '0')}`, queue, channel };
    waitingTasks.push(t);
    const f = { taskSid: t.task, queueName: queue, channel, taskAttributes: { call_sid: `CA${taskNo}` } };
    return [
      { sid: sid(), type: 'task.created', ts, ...f },
      { sid: sid(), type: 'task-queue.entered', ts, ...f },
    ];
  };
  for (let i = 0; i < waiting + 1200; i++) initial.push(...arrive(now - Math.floor(random() * 300_000)));
  const accept = (ts: number): TrEvent[] => {
    const t = waitingTasks.splice(Math.floor(random() * waitingTasks.length), 1)[0];
    if (!t) return [];
    const w = Math.floor(random() * workers);
    const res = `WR${t.task.slice(2)}`;
    engagedTasks.push({ ...t, res, worker: w, wrapped: false });
    const f = { taskSid: t.task, queueName: t.queue, channel: t.channel, reservationSid: res, workerSid: worker(w), workerName: `agent${w}`, workerAttributes: attrs(w) };
    return [
      { sid: sid(), type: 'reservation.created', ts, ...f },
      { sid: sid(), type: 'reservation.accepted', ts, ...f },
    ];
  };
  for (let i = 0; i < 1200; i++) initial.push(...accept(now - 1000));
  watch.update(engine, changesOf(fold(initial)), now);
  engine.flush();

  const times: number[] = [];
  for (let u = 0; u < updates; u++) {
    now += 200;
    const r = random();
    let batch: TrEvent[];
    if (r < 0.4) {
      const i = Math.floor(random() * workers);
      const acts = ['Available', 'Break', 'Lunch', 'Unavailable'];
      batch = [{ sid: sid(), type: 'worker.activity.update', ts: now, workerSid: worker(i), workerName: `agent${i}`, workerAttributes: attrs(i), activityName: acts[Math.floor(random() * acts.length)] }];
    } else if (r < 0.6) batch = arrive(now);
    else if (r < 0.8) batch = accept(now);
    else if (r < 0.95 && engagedTasks.length > 0) {
      const e = engagedTasks[Math.floor(random() * engagedTasks.length)];
      const f = { taskSid: e.task, queueName: e.queue, channel: e.channel, reservationSid: e.res, workerSid: worker(e.worker), workerName: `agent${e.worker}`, workerAttributes: attrs(e.worker) };
      if (!e.wrapped) {
        e.wrapped = true;
        batch = [{ sid: sid(), type: 'reservation.wrapup', ts: now, ...f }];
      } else {
        engagedTasks.splice(engagedTasks.indexOf(e), 1);
        batch = [
          { sid: sid(), type: 'reservation.completed', ts: now, ...f },
          { sid: sid(), type: 'task.completed', ts: now, taskSid: e.task, queueName: e.queue, channel: e.channel },
        ];
      }
    } else {
      const t = waitingTasks[Math.floor(random() * waitingTasks.length)];
      const w = Math.floor(random() * workers);
      batch = t
        ? [{ sid: sid(), type: 'reservation.timeout', ts: now, taskSid: t.task, queueName: t.queue, channel: t.channel, reservationSid: `WR${sid()}`, workerSid: worker(w), workerName: `agent${w}`, workerAttributes: attrs(w) }]
        : [];
    }
    // As the store's frame: fold, flush, then the alerts; the tick (each simulated second) is timed with it.
    const used = fold(batch);
    engine.flush();
    const t0 = performance.now();
    watch.update(engine, changesOf(used), now);
    if (u % 5 === 0) watch.tick(engine, now);
    times.push(performance.now() - t0);
  }
  return { evalMedianMs: round3(percentile(times, 0.5)), evalP95Ms: round3(percentile(times, 0.95)), active: watch.active().length };
}

async function raiseToDom(): Promise<number | null> {
  const speed = 10;
  const after = 10;
  const { url, browser, close } = await openSandbox({ now: E2E_NOW });
  try {
    const page = await browser.newPage();
    await page.goto(sandboxUrl(url, `role=stl&agents=40&history=off&speed=${speed}&surge=imminent&surgeAfter=${after}&surgeWait=200&surgeCount=5`), { timeout: 180_000 });
    const threshold = Date.parse(E2E_NOW) + (after + 120) * 1000;
    const seen = await page.waitForFunction(
      () => ([...document.querySelectorAll('section[aria-label="Alerts"] [role="alert"]')].some((i) => i.textContent?.includes('Imminent contact waiting over 120 s')) ? Date.now() : false),
      undefined,
      { polling: 'raf', timeout: 300_000 },
    );
    return Math.round(((await seen.jsonValue()) as number) - threshold) / speed;
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  const e = evaluation();
  console.log(`evaluation: ${updates} updates, ${e.active} alerts raised at the end`);
  const raiseToDomMs = dom ? await raiseToDom() : null;
  console.log(JSON.stringify({ workers, rules: RULES.length, evalMedianMs: e.evalMedianMs, evalP95Ms: e.evalP95Ms, raiseToDomMs }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
