/**
 * The media links of a segment (seed 002): the `conversations.media` list of the task, or
 * the `reservation_attributes.<WR sid>.media` list of the engagement, turned into items a
 * drill-down view can render without checking anything again. Lists arrive unvalidated
 * from `taskInfoOf`; every URL goes through `safeUrl`.
 *
 * A URL that is refused does not vanish: the entry becomes an `Unsafe` item that has no
 * `url` field at all, only the original `text` to show as plain text and the reason. A
 * view that switches on `type` therefore cannot hand a refused URL to a link, an iframe
 * or a player by mistake.
 */

import { safeUrl } from './urlSafety';

export const MEDIA_TYPES = ['Raw', 'Embedded', 'Referenced', 'VoiceRecording', 'ChatTranscript'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Which list the items came from: the reservation-level list replaces the task-level one. */
export const MEDIA_LEVELS = ['task', 'reservation', 'none'] as const;
export type MediaLevel = (typeof MEDIA_LEVELS)[number];

/** More entries than this are reported and left out: a list of links, not a data dump. */
export const MAX_MEDIA_ITEMS = 50;

/** The original text of a refused URL is cut to this many characters for display. */
export const MAX_UNSAFE_TEXT = 300;

/** A Programmable Chat / Conversations channel sid: `CH` and 32 hex digits. */
export const CHAT_SID = /^CH[0-9a-fA-F]{32}$/;

interface MediaEntry {
  /** Index of the entry in the list it came from (a stable key, and what `problems` name). */
  readonly position: number;
  /** The entry's `title`, trimmed; absent when not given or empty. */
  readonly title?: string;
}

/** Opened as is; a first `Raw` item opens in a new tab and skips the screen (`firstRawUrl`). */
export interface RawMedia extends MediaEntry {
  readonly type: 'Raw';
  readonly url: string;
}

/** Shown in a sandboxed iframe on the conversation screen. */
export interface EmbeddedMedia extends MediaEntry {
  readonly type: 'Embedded';
  readonly url: string;
}

/** Shown as a link. */
export interface ReferencedMedia extends MediaEntry {
  readonly type: 'Referenced';
  readonly url: string;
}

/** A call recording for the player. */
export interface VoiceRecordingMedia extends MediaEntry {
  readonly type: 'VoiceRecording';
  readonly url: string;
  /** `start_time`: epoch milliseconds when the recording starts, when given. */
  readonly startTime?: number;
  /** `channels`, e.g. `['customer', 'others']`; empty when not given. */
  readonly channels: readonly string[];
  /** Flex plays only the first recording of a list; the others are listed but not played. */
  readonly playable: boolean;
}

/** A chat transcript, loaded by sid through the Conversations SDK. */
export interface ChatTranscriptMedia extends MediaEntry {
  readonly type: 'ChatTranscript';
  readonly sid: string;
}

/** An entry of a type this plugin does not know, with a safe URL: listed as a link. */
export interface LinkMedia extends MediaEntry {
  readonly type: 'Link';
  readonly declaredType: string;
  readonly url: string;
}

/** An entry whose URL was refused: shown as inert text with the reason, never as a link. */
export interface UnsafeMedia extends MediaEntry {
  readonly type: 'Unsafe';
  /** The `type` the entry declared (`Embedded`, `Raw`…). */
  readonly declaredType: string;
  /** The original URL as plain text, cut to `MAX_UNSAFE_TEXT` characters. */
  readonly text: string;
  /** Why it was refused. */
  readonly unsafe: string;
}

export type MediaItem =
  | RawMedia
  | EmbeddedMedia
  | ReferencedMedia
  | VoiceRecordingMedia
  | ChatTranscriptMedia
  | LinkMedia
  | UnsafeMedia;

export interface ResolvedMedia {
  readonly items: MediaItem[];
  /** One line per bad entry, prefixed with its position: `media[2]: …`. */
  readonly problems: string[];
  readonly level: MediaLevel;
}

function objectOf(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v;
}

function inertText(text: string): string {
  return text.length > MAX_UNSAFE_TEXT ? `${text.slice(0, MAX_UNSAFE_TEXT)}…` : text;
}

// Epoch milliseconds: a finite number ≥ 0, or a string of digits (attributes are often
// written by hand). Never converted from seconds: seed 002 says milliseconds.
function startTimeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v)) return Number(v);
  return undefined;
}

type Entry = { item: MediaItem } | { problem: string };

function entryOf(raw: unknown, position: number, at: string, notes: string[]): Entry {
  const entry = objectOf(raw);
  if (!entry) return { problem: `${at}: not an object (${describe(raw)})` };
  const type = entry.type;
  if (type === undefined || type === null || type === '') return { problem: `${at}: no type` };
  if (typeof type !== 'string') return { problem: `${at}: type is not a string (${describe(type)})` };

  let title: string | undefined;
  if (typeof entry.title === 'string') title = entry.title.trim() || undefined;
  else if (entry.title !== undefined && entry.title !== null) {
    notes.push(`${at}: title is not a string (${describe(entry.title)}), left out`);
  }
  const base = title === undefined ? { position } : { position, title };

  if (type === 'ChatTranscript') {
    const sid = entry.sid;
    if (typeof sid !== 'string' || !CHAT_SID.test(sid)) {
      return { problem: `${at}: ChatTranscript needs a sid of CH and 32 hex digits` };
    }
    return { item: { type, ...base, sid } };
  }

  const url = entry.url;
  if (url === undefined || url === null || url === '') return { problem: `${at}: ${type} has no url` };
  if (typeof url !== 'string') return { problem: `${at}: ${type} url is not a string (${describe(url)})` };

  let startTime: number | undefined;
  let channels: string[] = [];
  if (type === 'VoiceRecording') {
    if (entry.start_time !== undefined && entry.start_time !== null) {
      startTime = startTimeOf(entry.start_time);
      if (startTime === undefined) return { problem: `${at}: VoiceRecording start_time is not epoch milliseconds` };
    }
    if (entry.channels !== undefined && entry.channels !== null) {
      if (!Array.isArray(entry.channels) || !entry.channels.every((c) => typeof c === 'string' && c !== '')) {
        return { problem: `${at}: VoiceRecording channels must be a list of names` };
      }
      channels = entry.channels as string[];
    }
  }

  const safe = safeUrl(url);
  if (!safe.ok) return { item: { type: 'Unsafe', ...base, declaredType: type, text: inertText(url), unsafe: safe.reason } };

  switch (type) {
    case 'Raw':
    case 'Embedded':
    case 'Referenced':
      return { item: { type, ...base, url: safe.url } };
    case 'VoiceRecording':
      return {
        item: {
          type,
          ...base,
          url: safe.url,
          ...(startTime === undefined ? {} : { startTime }),
          channels: [...channels],
          playable: false,
        },
      };
    default:
      return { item: { type: 'Link', ...base, declaredType: type, url: safe.url } };
  }
}

/**
 * The media items of one engagement: the reservation-level list when it has entries, else the task-level list.
 *
 * Edge cases: a reservation-level list replaces the task-level list whole (seed 002), an
 * empty one does not; a list that is not an array is one problem and no items; bad
 * entries (not an object, no or non-string type, no url, a ChatTranscript without a `CH`
 * + 32 hex sid, a VoiceRecording with a `start_time` that is not epoch ms or `channels`
 * that are not a list of names) are left out and reported with their position; a title
 * that is not a string is left out and reported, the entry kept; a refused URL becomes
 * an `Unsafe` item; an unknown type with a safe url becomes a `Link`; only the first
 * VoiceRecording item is `playable`; entries past `MAX_MEDIA_ITEMS` are reported once
 * and left out. Positions are the index in the list given (`media[i]` for the task,
 * `reservation media[i]` for the reservation).
 */
export function resolveMedia(
  taskMedia: readonly unknown[] | undefined,
  reservationMedia: readonly unknown[] | undefined,
): ResolvedMedia {
  const problems: string[] = [];
  const useReservation = Array.isArray(reservationMedia) ? reservationMedia.length > 0 : reservationMedia != null;
  const list: unknown = useReservation ? reservationMedia : taskMedia;
  const label = useReservation ? 'reservation media' : 'media';
  if (list === undefined || list === null) return { items: [], problems, level: 'none' };
  if (!Array.isArray(list)) return { items: [], problems: [`${label}: not a list (${describe(list)})`], level: 'none' };
  const level: MediaLevel = useReservation ? 'reservation' : 'task';

  const items: MediaItem[] = [];
  let playerTaken = false;
  const count = Math.min(list.length, MAX_MEDIA_ITEMS);
  for (let i = 0; i < count; i++) {
    const notes: string[] = [];
    const entry = entryOf(list[i], i, `${label}[${i}]`, notes);
    problems.push(...notes);
    if ('problem' in entry) {
      problems.push(entry.problem);
      continue;
    }
    let item = entry.item;
    if (item.type === 'VoiceRecording' && !playerTaken) {
      item = { ...item, playable: true };
      playerTaken = true;
    }
    items.push(item);
  }
  if (list.length > MAX_MEDIA_ITEMS) {
    problems.push(`${label}: ${list.length} entries, only the first ${MAX_MEDIA_ITEMS} are read`);
  }
  return { items, problems, level };
}

/**
 * The URL Flex opens in a new tab instead of the conversation screen: the first item's, when it is `Raw`.
 *
 * Edge cases: the first *item* counts, so bad entries dropped before it do not; a first
 * `Raw` entry whose URL was refused is an `Unsafe` item, so the answer is undefined and
 * the screen shows it as inert text; a `Raw` item later in the list does not count.
 */
export function firstRawUrl(items: readonly MediaItem[]): string | undefined {
  const first = items[0];
  return first?.type === 'Raw' ? first.url : undefined;
}
