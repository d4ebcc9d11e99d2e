/**
 * A virtualised table body: only the rows in view (and a few either side) are drawn, and
 * two spacer rows stand for the rest, so the scroll bar and the header stay those of the
 * whole table. Rows have a fixed height.
 */
import * as React from 'react';
import { useVirtualizer, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';

export interface VirtualRows {
  /** The scrolling element. */
  readonly scrollRef: React.RefObject<HTMLDivElement>;
  readonly virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Heights of the space above and below the drawn rows (for `SpacerRow`). */
  readonly before: number;
  readonly after: number;
}

/**
 * Where a list was left: its scroll offset (px) and the rows it had measured (by key, the
 * virtualiser's `takeSnapshot`), so the rows at that offset are the ones that were there.
 */
export interface ListPlace {
  readonly top: number;
  readonly measured: readonly VirtualItem[];
}

export const LIST_START: ListPlace = { top: 0, measured: [] };

/**
 * The rows of a list of `count`; `from` is where it starts (a list drawn again where it was
 * left): with the sizes measured then, the box is scrolled to its offset once the first rows
 * are drawn (before, the box is not tall enough and the browser would clamp the offset to 0).
 */
export function useVirtualRows(count: number, rowHeight: number, overscan: number, keyOf: (index: number) => React.Key, from: ListPlace = LIST_START): VirtualRows {
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey: keyOf,
    initialMeasurementsCache: [...from.measured],
  });
  const items = virtualizer.getVirtualItems();
  const restoring = React.useRef(from.top > 0);
  React.useLayoutEffect(() => {
    if (!restoring.current || items.length === 0) return;
    restoring.current = false;
    virtualizer.scrollToOffset(from.top);
  });
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
