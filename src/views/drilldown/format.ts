/**
 * Texts of the conversation screen, kept out of JSX so tests can reach them. Times are
 * formatted in the given IANA time zone (the centre's), else the browser's. Words come
 * from Flex's strings (`Translate`), so a customer's names for CS, ISS, support types and
 * outcomes read the same here as in the tabs.
 */
import type { ConversationSegment, MediaItem } from '../../core';
import type { StringKey, Translate } from '../common/strings';

const LOCALE = 'en-GB';

/**
 * `16 Nov 2026, 10:05 UTC`: the date and time with the zone they are in. The zone is the
 * locale's short name (`UTC`, `GMT`, `BST`), else its offset (`GMT+11` for Sydney in summer):
 * en-GB has no Australian abbreviations, and an offset cannot be misread.
 */
export function formatDateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(ms);
}

/** `10:05:30`. */
export function formatTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
}

/**
 * `45 s`, `4 min 05 s`, `1 h 02 min`; `ongoing` (the given word) when there is no duration yet.
 * Negative or non-finite durations (clock skew) read as `0 s`.
 */
export function formatDuration(sec: number | undefined, ongoing = 'ongoing'): string {
  if (sec === undefined) return ongoing;
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

/**
 * One line of the timeline: what happened in the segment, where (the queue and its support
 * type in words), from when to when, how it ended. A queue segment's outcome (`Accepted`,
 * `Customer Left`…) is TaskRouter's word, shown as given.
 */
export function segmentSummary(segment: ConversationSegment, t: Translate, timeZone?: string): string {
  const vars = {
    queue: segment.queue,
    supportType: t.supportType(segment.supportType),
    from: formatTime(segment.start, timeZone),
    to: segment.end === undefined ? t('SupervisorInsightsNow') : formatTime(segment.end, timeZone),
    duration: formatDuration(segment.end === undefined ? undefined : (segment.end - segment.start) / 1000, t('SupervisorInsightsOngoing')),
  };
  if (segment.kind === 'queue') {
    return segment.outcome ? t('SupervisorInsightsTimelineWaitOutcome', { ...vars, outcome: segment.outcome }) : t('SupervisorInsightsTimelineWait', vars);
  }
  return t('SupervisorInsightsTimelineEngagement', { ...vars, agent: segment.agentName ?? segment.agentSid ?? t('SupervisorInsightsUnknownAgent') });
}

const TYPE_LABELS: Readonly<Record<MediaItem['type'], StringKey>> = {
  Raw: 'SupervisorInsightsMediaLink',
  Embedded: 'SupervisorInsightsMediaPage',
  Referenced: 'SupervisorInsightsMediaLink',
  VoiceRecording: 'SupervisorInsightsMediaRecording',
  ChatTranscript: 'SupervisorInsightsMediaTranscript',
  Link: 'SupervisorInsightsMediaLink',
  Unsafe: 'SupervisorInsightsMediaRefused',
};

/** The switcher label of a media item: its title, else its kind and place in the list (`Recording 2`). */
export function mediaLabel(item: MediaItem, indexInList: number, t: Translate): string {
  return item.title ?? t(TYPE_LABELS[item.type], { n: indexInList + 1 });
}
