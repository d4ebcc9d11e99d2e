/**
 * Numbers for people: thousands separators, `m:ss` durations, whole percentages, and an
 * em dash for "no value" (a rate over zero, an average of nothing), never NaN.
 */
const LOCALE = 'en-GB';
const counts = new Intl.NumberFormat(LOCALE);

export const NO_VALUE = '—';

/** `12,345`. */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** `4:05`, `1:02:30` for an hour or more; `—` for null. Seconds are rounded. */
export function formatSeconds(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return NO_VALUE;
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** A rate (0..1) as `12.5%` (one decimal under 10%, else whole); `—` for null. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NO_VALUE;
  const pct = rate * 100;
  return `${pct !== 0 && Math.abs(pct) < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** `14:05` in the time zone. */
export function formatClock(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
}

/** `21 Nov, 14:05` in the time zone. */
export function formatDayTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
}

/** A day key (`2026-11-21`) as `Sat 21 Nov`. */
export function formatDayKey(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** The zone's short name at that instant, as people read it next to a time: `UTC`, `GMT`, `CET`. */
export function formatZone(ms: number, timeZone?: string): string {
  const part = new Intl.DateTimeFormat(LOCALE, { timeZoneName: 'short', timeZone }).formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone ?? 'UTC';
}

/** `14:05 UTC`: a time with its zone. */
export function formatClockZone(ms: number, timeZone?: string): string {
  return `${formatClock(ms, timeZone)} ${formatZone(ms, timeZone)}`;
}

/** `21 Nov, 14:05 UTC`: a day and time with its zone. */
export function formatDayTimeZone(ms: number, timeZone?: string): string {
  return `${formatDayTime(ms, timeZone)} ${formatZone(ms, timeZone)}`;
}
