/**
 * Texts of the conversation screen, kept out of JSX so tests can reach them. Times are
 * formatted in the given IANA time zone (the centre's), else the browser's.
 */
import type { ConversationSegment, MediaItem } from '../../core';

const LOCALE = 'en-GB';

/** `16 Nov 2026, 10:05`. */
export function formatDateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

/** `10:05:30`. */
export function formatTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
}

/**
 * `45 s`, `4 min 05 s`, `1 h 02 min`; `ongoing` when there is no duration yet.
 * Negative or non-finite durations (clock skew) read as `0 s`.
 */
export function formatDuration(sec: number | undefined): string {
  if (sec === undefined) return 'ongoing';
  const s = Number.isFinite(sec) && sec > 0 ? Math.round(sec) : 0;
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h === 0) return `${m} min ${String(r).padStart(2, '0')} s`;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

/** Names joined for a header line, or the fallback when there are none. */
export function listOrNone(names: readonly string[], none: string): string {
  return names.length === 0 ? none : names.join(', ');
}

/** One line of the timeline: what happened in the segment, where, from when to when, how it ended. */
export function segmentSummary(segment: ConversationSegment, timeZone?: string): string {
  const from = formatTime(segment.start, timeZone);
  const to = segment.end === undefined ? 'now' : formatTime(segment.end, timeZone);
  const duration = formatDuration(segment.end === undefined ? undefined : (segment.end - segment.start) / 1000);
  const where = `${segment.queue} (${segment.supportType})`;
  if (segment.kind === 'queue') {
    return `Waited in ${where}, ${from} – ${to}, ${duration}${segment.outcome ? `: ${segment.outcome}` : ''}`;
  }
  return `${segment.agentName ?? segment.agentSid ?? 'Unknown agent'} in ${where}, ${from} – ${to}, ${duration}`;
}

const TYPE_LABELS: Readonly<Record<MediaItem['type'], string>> = {
  Raw: 'Link',
  Embedded: 'Page',
  Referenced: 'Link',
  VoiceRecording: 'Recording',
  ChatTranscript: 'Transcript',
  Link: 'Link',
  Unsafe: 'Refused link',
};

/** The switcher label of a media item: its title, else its kind and place in the list (`Recording 2`). */
export function mediaLabel(item: MediaItem, indexInList: number): string {
  return item.title ?? `${TYPE_LABELS[item.type]} ${indexInList + 1}`;
}
