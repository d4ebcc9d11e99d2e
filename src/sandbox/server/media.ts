/**
 * Media the sandbox can show offline. The simulator attaches realistic links (a ticket
 * system, Twilio recordings, chat transcripts); here they are pointed at pages and a
 * recording the sandbox serves itself, an embedded copy of each ticket is added, and
 * about one conversation in eleven gets a `Raw` CRM link first (Flex opens it in a new tab).
 * The page rewrites its live items with it and the history server its Events API
 * records, so a conversation carries the same links whichever way it arrives.
 */
type Media = Record<string, unknown>;

/** Where the dev server serves the recording (`recording.ts`). */
export const RECORDING_PATH = '/sandbox-media/recording.wav';

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function localise(list: unknown, origin: string): Media[] | unknown {
  if (!Array.isArray(list)) return list;
  const out: Media[] = [];
  for (const m of list as Media[]) {
    const url = typeof m?.url === 'string' ? m.url : undefined;
    const ticket = url && /\/case\/(CASE-\d+)$/.exec(url);
    if (ticket) {
      const page = `${origin}/sandbox-media/ticket.html?case=${ticket[1]}`;
      out.push({ ...m, url: page }, { type: 'Embedded', url: page, title: `${String(m.title ?? 'Case')} (embedded)` });
    } else if (m?.type === 'VoiceRecording' && url) {
      out.push({ ...m, url: `${origin}${RECORDING_PATH}` });
    } else {
      out.push(m);
    }
  }
  return out;
}

/** Task attributes (JSON text) with their media made servable by the sandbox at `origin`. */
export function sandboxMedia(attributesText: string, taskSid: string, origin: string): string {
  let attrs: Record<string, unknown>;
  try {
    attrs = JSON.parse(attributesText) as Record<string, unknown>;
  } catch {
    return attributesText;
  }
  const conversations = (attrs.conversations ?? {}) as Record<string, unknown>;
  let media = localise(conversations.media, origin) as Media[] | undefined;
  // A chat's conversation exists from its first message: offer its transcript while it runs too.
  const chat = typeof attrs.conversationSid === 'string' ? attrs.conversationSid : undefined;
  if (chat && !(media ?? []).some((m) => m?.type === 'ChatTranscript')) media = [...(media ?? []), { type: 'ChatTranscript', sid: chat }];
  if (hashOf(taskSid) % 11 === 0) {
    media = [{ type: 'Raw', url: `${origin}/sandbox-media/crm.html?task=${taskSid}`, title: 'CRM record' }, ...(media ?? [])];
  }
  const next: Record<string, unknown> = { ...attrs, conversations: { ...conversations, ...(media ? { media } : {}) } };
  const ra = attrs.reservation_attributes as Record<string, { media?: unknown }> | undefined;
  if (ra) {
    next.reservation_attributes = Object.fromEntries(Object.entries(ra).map(([sid, v]) => [sid, { ...v, media: localise(v?.media, origin) }]));
  }
  return JSON.stringify(next);
}
