/**
 * Calendar keys in an IANA time zone, through `Intl` (no offset tables).
 * Every real zone offset since 1970 is a multiple of 15 minutes and changes on a
 * 15-minute boundary, so the local wall clock is cached per UTC 15-minute slot and
 * the minutes inside a slot are added on: one `Intl` call per slot, not per event.
 */

const SLOT_MS = 15 * 60_000;

interface LocalSlot {
  /** Local date `YYYY-MM-DD`. */
  readonly date: string;
  /** Local hour 0–23 and minute at the slot start. */
  readonly hour: number;
  readonly minute: number;
  /** Local year/month/day numbers, for week keys. */
  readonly y: number;
  readonly m: number;
  readonly d: number;
  /** Local minus UTC, ms. */
  readonly offsetMs: number;
}

export interface Calendar {
  readonly timeZone: string;
  /** `2026-11-20` */
  dayKey(ms: number): string;
  /** ISO week, Monday first: `2026-W47` */
  weekKey(ms: number): string;
  /** `2026-11` */
  monthKey(ms: number): string;
  /** Local start of the 15/30/60-minute interval: `2026-11-20T10:15` */
  intervalKey(ms: number, minutes: number): string;
  /** Local minus UTC in ms at that instant. */
  offsetAt(ms: number): number;
  /** Epoch ms of a local wall-clock time in this zone (the earlier one in a DST fold). */
  fromLocal(y: number, mo: number, d: number, h?: number, mi?: number, s?: number, msec?: number): number;
  /** Epoch ms of the local midnight starting the day that contains `ms`. */
  startOfDay(ms: number): number;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

export function createCalendar(timeZone: string): Calendar {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const slots = new Map<number, LocalSlot>();
  const weekKeys = new Map<string, string>();

  function slotOf(ms: number): LocalSlot {
    const slot = Math.floor(ms / SLOT_MS);
    let s = slots.get(slot);
    if (s === undefined) {
      const start = slot * SLOT_MS;
      let y = 0, m = 0, d = 0, h = 0, mi = 0;
      for (const p of fmt.formatToParts(new Date(start))) {
        if (p.type === 'year') y = Number(p.value);
        else if (p.type === 'month') m = Number(p.value);
        else if (p.type === 'day') d = Number(p.value);
        else if (p.type === 'hour') h = Number(p.value);
        else if (p.type === 'minute') mi = Number(p.value);
      }
      const offsetMs = Date.UTC(y, m - 1, d, h, mi) - start;
      s = { date: `${y}-${pad2(m)}-${pad2(d)}`, hour: h, minute: mi, y, m, d, offsetMs };
      slots.set(slot, s);
    }
    return s;
  }

  function isoWeek(y: number, m: number, d: number): string {
    const day = Date.UTC(y, m - 1, d);
    const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
    const thursday = new Date(day + (3 - dow) * 86_400_000);
    const wy = thursday.getUTCFullYear();
    const week = 1 + Math.floor((thursday.getTime() - Date.UTC(wy, 0, 1)) / (7 * 86_400_000));
    return `${wy}-W${pad2(week)}`;
  }

  const offsetAt = (ms: number): number => slotOf(ms).offsetMs;

  function fromLocal(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, msec = 0): number {
    const wall = Date.UTC(y, mo - 1, d, h, mi, s, msec);
    // Try both offsets around the wall time; keep the earliest instant that shows this wall time.
    const candidates = [wall - offsetAt(wall - 86_400_000), wall - offsetAt(wall), wall - offsetAt(wall + 86_400_000)];
    let best: number | undefined;
    for (const c of candidates) {
      if (c + offsetAt(c) === wall && (best === undefined || c < best)) best = c;
    }
    // In a DST gap the wall time does not exist: move forward by the gap, as most libraries do.
    return best ?? wall - offsetAt(wall - 86_400_000);
  }

  return {
    timeZone,
    dayKey: (ms) => slotOf(ms).date,
    monthKey: (ms) => slotOf(ms).date.slice(0, 7),
    weekKey(ms) {
      const s = slotOf(ms);
      let k = weekKeys.get(s.date);
      if (k === undefined) {
        k = isoWeek(s.y, s.m, s.d);
        weekKeys.set(s.date, k);
      }
      return k;
    },
    intervalKey(ms, minutes) {
      const s = slotOf(ms);
      const minuteOfDay = s.hour * 60 + s.minute + Math.floor((ms - Math.floor(ms / SLOT_MS) * SLOT_MS) / 60_000);
      const start = minuteOfDay - (minuteOfDay % minutes);
      return `${s.date}T${pad2(Math.floor(start / 60))}:${pad2(start % 60)}`;
    },
    offsetAt,
    fromLocal,
    startOfDay(ms) {
      const s = slotOf(ms);
      return fromLocal(s.y, s.m, s.d);
    },
  };
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const OFFSET_RE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses an ISO date or date-time. With an offset (`Z`, `+11:00`) it is absolute;
 * without one it is a local time in the calendar's zone. Returns undefined when unparseable.
 */
export function parseInstant(text: string, calendar: Calendar): number | undefined {
  const t = text.trim();
  if (OFFSET_RE.test(t) && t.length > 10) {
    const ms = Date.parse(t);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const m = LOCAL_RE.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  const msec = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return calendar.fromLocal(y, mo, d, h, mi, s, msec);
}
