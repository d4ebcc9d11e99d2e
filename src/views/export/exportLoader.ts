import type { TrEvent } from '../../core';

/**
 * The events of a span (epoch ms, [from, to)) through the history function, as the
 * session's role may see them; `onProgress` gets the count received so far. Rejects when
 * the function cannot be read (its message says why) or the signal aborts.
 */
export type ExportEventsLoader = (
  span: { readonly from: number; readonly to: number },
  options?: { readonly signal?: AbortSignal; readonly onProgress?: (events: number) => void },
) => Promise<readonly TrEvent[]>;
