/**
 * Which conversation the Insights view shows, shared by the Flex action that opens it and
 * the view that renders it. `store` is the store of the mounted view (none when closed).
 */
import type { InsightsStore } from '../store';

type Listener = () => void;

export class DrillDownState {
  conversationId: string | undefined;
  /** A refused drill-down: the original text and why (shown as plain text). */
  refused: { text: string; reason: string } | undefined;
  store: InsightsStore | undefined;
  private readonly listeners = new Set<Listener>();

  show(conversationId: string): void {
    this.conversationId = conversationId;
    this.refused = undefined;
    this.emit();
  }

  refuse(text: string, reason: string): void {
    this.refused = { text, reason };
    this.emit();
  }

  close(): void {
    this.conversationId = undefined;
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
