/**
 * Arrival rates. Contacts arrive as a Poisson process whose rate, per 15-minute slot, is
 * the offered load for the rostered capacity of that slot divided by the mean handle time:
 * the load curve follows staffing, so any roster size gets a centre that is busy but not
 * drowning, with the evening peak and the odd surge running past capacity for a while.
 * Overload makes waits grow with elapsed time whatever the pool size, so abandons, queue
 * moves and timeouts keep similar rates from 40 agents to 300.
 */
import { PLATFORM_SUPPORT_TYPES, PLATFORMS, type Channel, type Platform } from './catalog';
import { createRng, intBetween, uniform, type Rng } from './prng';
import { worksOn, type Agent } from './roster';
import {
  ACCEPT_MEDIAN_MS,
  ACCEPT_SIGMA,
  AVAILABLE_SHARE,
  CAPACITY_FLOOR,
  CHANNEL_TALK_FACTOR,
  DAILY_LOAD_SPREAD,
  DAY,
  DIGITAL_CAPACITY,
  DIGITAL_CHAT_SHARE,
  HOUR,
  MINUTE,
  OCCUPANCY_BY_HOUR,
  SMALL_POOL_MARGIN,
  SUPPORT_TYPE_WEIGHTS,
  SURGE_FACTOR,
  SURGE_MINUTES,
  SURGE_WINDOW_HOURS,
  SURGES_PER_DAY,
  TALK_MEDIAN_MIN,
  TALK_SIGMA,
  WRAP_MEDIAN_MS,
  WRAP_SIGMA,
} from './tuning';

export const SLOT_MS = 15 * MINUTE;
const SLOTS_PER_DAY = DAY / SLOT_MS;

export interface Demand {
  readonly originMs: number;
  /** Expected arrivals per millisecond, by slot since `originMs`. */
  readonly rates: Readonly<Record<Platform, Float64Array>>;
}

const lognormalMean = (median: number, sigma: number): number => median * Math.exp((sigma * sigma) / 2);

/** Mean talk + wrap + ring time of one contact on a channel, in ms. */
export function meanHandleMs(channel: Channel, platform: Platform): number {
  const types = PLATFORM_SUPPORT_TYPES[platform];
  let weight = 0;
  let talk = 0;
  for (const t of types) {
    weight += SUPPORT_TYPE_WEIGHTS[t];
    talk += SUPPORT_TYPE_WEIGHTS[t] * lognormalMean(TALK_MEDIAN_MIN[t] * MINUTE * CHANNEL_TALK_FACTOR[channel], TALK_SIGMA);
  }
  return talk / weight + lognormalMean(WRAP_MEDIAN_MS[channel], WRAP_SIGMA) + lognormalMean(ACCEPT_MEDIAN_MS, ACCEPT_SIGMA);
}

/** Rostered agents per slot and platform; an agent on both platforms counts half on each. */
function rosteredCapacity(agents: readonly Agent[], originMs: number, days: number): Record<Platform, Float64Array> {
  const slots = days * SLOTS_PER_DAY;
  const cap = { CISS: new Float64Array(slots), DIGI: new Float64Array(slots) };
  for (const agent of agents) {
    const share: Record<Platform, number> =
      agent.platform === 'BOTH' ? { CISS: 0.5, DIGI: 0.5 } : agent.platform === 'CISS' ? { CISS: 1, DIGI: 0 } : { CISS: 0, DIGI: 1 };
    for (let d = 0; d < days; d++) {
      // Day 0 of the curve is the warm-up day before the first simulated day.
      if (!worksOn(agent, d - 1)) continue;
      const first = d * SLOTS_PER_DAY + agent.shift.startMin / 15;
      const last = Math.min(slots, first + agent.shift.lengthMin / 15);
      for (let s = Math.floor(first); s < last; s++) {
        cap.CISS[s] += share.CISS;
        cap.DIGI[s] += share.DIGI;
      }
    }
  }
  return cap;
}

interface Surge {
  readonly fromMs: number;
  readonly toMs: number;
  readonly factor: number;
}

interface DayLoad {
  readonly factor: number;
  readonly surges: readonly Surge[];
}

/** Demand is never quite the forecast: a daily wobble, and surges now and then (news, weather). */
function drawDayLoad(rng: Rng, day: number): DayLoad {
  const factor = 1 + DAILY_LOAD_SPREAD * (2 * rng.next() - 1);
  const surges: Surge[] = [];
  const count = intBetween(rng, SURGES_PER_DAY.min, SURGES_PER_DAY.max);
  for (let i = 0; i < count; i++) {
    const fromMs = day * DAY + uniform(rng, SURGE_WINDOW_HOURS.from, SURGE_WINDOW_HOURS.to) * HOUR;
    const toMs = fromMs + uniform(rng, SURGE_MINUTES.min, SURGE_MINUTES.max) * MINUTE;
    surges.push({ fromMs, toMs, factor: uniform(rng, SURGE_FACTOR.min, SURGE_FACTOR.max) });
  }
  return { factor, surges };
}

function surgeFactor(surges: readonly Surge[], offsetMs: number): number {
  let f = 1;
  for (const s of surges) if (offsetMs >= s.fromMs && offsetMs < s.toMs) f *= s.factor;
  return f;
}

/**
 * Offered load (busy servers) for a pool: the hour's occupancy, less a margin that matters
 * only for small pools, which need proportionally more slack to answer as quickly as big
 * ones (square-root staffing). The margin is subtracted, not scaled, so an overloaded hour
 * stays overloaded by about the same share in a pool of any size.
 */
function offeredLoad(servers: number, hour: number): number {
  if (servers <= 0) return 0;
  const target = OCCUPANCY_BY_HOUR[hour] - SMALL_POOL_MARGIN / Math.sqrt(servers + 1);
  return Math.max(0, servers * target);
}

/**
 * `originMs` is midnight of the warm-up day; the curve covers the warm-up day, the
 * simulated days and one spare day so a slot lookup never runs off the end. Draws for a
 * day depend only on the days before it, so a run is a prefix of any longer run.
 */
export function buildDemand(agents: readonly Agent[], originMs: number, simulatedDays: number, seed: number): Demand {
  const days = simulatedDays + 2;
  const cap = rosteredCapacity(agents, originMs, days);
  const handle: Record<Platform, number> = {
    CISS: meanHandleMs('voice', 'CISS'),
    DIGI: DIGITAL_CHAT_SHARE * meanHandleMs('chat', 'DIGI') + (1 - DIGITAL_CHAT_SHARE) * meanHandleMs('sms', 'DIGI'),
  };
  const perServer: Record<Platform, number> = { CISS: 1, DIGI: DIGITAL_CAPACITY };
  const rates = { CISS: new Float64Array(cap.CISS.length), DIGI: new Float64Array(cap.DIGI.length) };
  for (const platform of PLATFORMS) {
    // One stream per platform, drawn day by day: a day's load depends only on earlier days.
    const rng = createRng(seed, `demand:${platform}`);
    const loads = Array.from({ length: days }, (_, d) => drawDayLoad(rng, d));
    const table = rates[platform];
    for (let s = 0; s < table.length; s++) {
      const offset = s * SLOT_MS;
      const hour = Math.floor((offset % DAY) / HOUR);
      const day = loads[Math.floor(offset / DAY)];
      const servers = AVAILABLE_SHARE * perServer[platform] * cap[platform][s] + CAPACITY_FLOOR;
      table[s] = (offeredLoad(servers, hour) * day.factor * surgeFactor(day.surges, offset)) / handle[platform];
    }
  }
  return { originMs, rates };
}

export function rateAt(demand: Demand, platform: Platform, timeMs: number): { readonly perMs: number; readonly slotEndMs: number } {
  const slot = Math.floor((timeMs - demand.originMs) / SLOT_MS);
  const table = demand.rates[platform];
  const perMs = slot >= 0 && slot < table.length ? table[slot] : 0;
  return { perMs, slotEndMs: demand.originMs + (slot + 1) * SLOT_MS };
}
