/**
 * A virtualised table body: only the rows in view (and a few either side) are drawn, and
 * two spacer rows stand for the rest, so the scroll bar and the header stay those of the
 * whole table. Rows have a fixed height.
 */
import * as React from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';

export interface VirtualRows {
  /** The scrolling element. */
  readonly scrollRef: React.RefObject<HTMLDivElement>;
  readonly virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Heights of the space above and below the drawn rows (for `SpacerRow`). */
  readonly before: number;
  readonly after: number;
}

export function useVirtualRows(count: number, rowHeight: number, overscan: number, keyOf: (index: number) => React.Key): VirtualRows {
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey: keyOf,
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0].start : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return { scrollRef, virtualizer, before, after };
}

/** The space of the rows not drawn; nothing when there is none. */
export function SpacerRow({ height, colSpan }: { height: number; colSpan: number }): React.ReactElement | null {
  return height > 0 ? (
    <tr aria-hidden="true">
      <td colSpan={colSpan} style={{ height, padding: 0, border: 0 }} />
    </tr>
  ) : null;
}
