/**
 * Which conversation the Insights view shows, shared by the Flex action that opens it and
 * the view that renders it. `store` is the store of the mounted view (none when closed).
 *
 * A conversation the live data does not hold (a past day's, or one named by a sid from a
 * ticket) is looked up through the history function: `lookup` is the open view's way to
 * ask, `remote` what it answered so far for the conversation shown.
 */
import type { ConversationDetail } from '../core';
import type { InsightsStore } from '../store';

type Listener = () => void;

/** What a lookup of one conversation came to. */
export type LookupOutcome =
  | { readonly status: 'found'; readonly detail: ConversationDetail }
  /** The caller may not open it (another agent's, another team's). */
  | { readonly status: 'forbidden' }
  /** No conversation with that identifier in the days history keeps. */
  | { readonly status: 'not_found' }
  /** History is not configured: only live conversations can be opened. */
  | { readonly status: 'unavailable' }
  | { readonly status: 'error'; readonly message: string };

/** The state of the lookup of the conversation shown: searching (how far back so far), or its outcome. */
export type RemoteConversation = { readonly sid: string } & (
  | { readonly status: 'searching'; readonly searchedBackTo?: number }
  | LookupOutcome
);

/** Looks one conversation up by a sid; `onProgress` hears how far back a long search has read. */
export type ConversationLookup = (sid: string, onProgress?: (searchedBackTo: number) => void) => Promise<LookupOutcome>;

export class DrillDownState {
  conversationId: string | undefined;
  /** The sid to look the conversation up by when the live data does not hold it. */
  lookupSid: string | undefined;
  /** A refused drill-down: the original text and why (shown as plain text). */
  refused: { text: string; reason: string } | undefined;
  store: InsightsStore | undefined;
  /** The open view's lookup (none when closed, or without history). */
  lookup: ConversationLookup | undefined;
  /** The lookup of the conversation shown, once asked for. */
  remote: RemoteConversation | undefined;
  private readonly listeners = new Set<Listener>();

  /** Shows a conversation: by its id in the live data, else looked up by `lookupSid` (default the id). */
  show(conversationId: string, lookupSid?: string): void {
    this.conversationId = conversationId;
    this.lookupSid = lookupSid ?? conversationId;
    this.remote = undefined;
    this.refused = undefined;
    this.emit();
  }

  /**
   * Looks the shown conversation up, once per conversation shown; a later answer for a
   * conversation no longer shown is dropped.
   */
  startLookup(): void {
    const sid = this.lookupSid;
    if (sid === undefined || this.remote?.sid === sid) return;
    const lookup = this.lookup;
    if (!lookup) {
      this.remote = { sid, status: 'unavailable' };
      this.emit();
      return;
    }
    this.remote = { sid, status: 'searching' };
    this.emit();
    const current = (): boolean => this.lookupSid === sid && this.remote?.sid === sid;
    lookup(sid, (searchedBackTo) => {
      if (!current()) return;
      this.remote = { sid, status: 'searching', searchedBackTo };
      this.emit();
    }).then(
      (outcome) => {
        if (!current()) return;
        this.remote = { sid, ...outcome };
        this.emit();
      },
      (error: unknown) => {
        if (!current()) return;
        this.remote = { sid, status: 'error', message: error instanceof Error ? error.message : String(error) };
        this.emit();
      },
    );
  }

  refuse(text: string, reason: string): void {
    this.refused = { text, reason };
    this.emit();
  }

  close(): void {
    this.conversationId = undefined;
    this.lookupSid = undefined;
    this.remote = undefined;
    this.refused = undefined;
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}
