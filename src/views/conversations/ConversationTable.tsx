import type { ConversationRow } from '../../core';
import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Table, TBody, Td, Th, THead, Tr } from '@twilio-paste/core/table';
import { Truncate } from '@twilio-paste/core/truncate';
import { useStrings } from '../common/StringsContext';
import { LIST_START, SpacerRow, useVirtualRows, type ListPlace } from '../common/virtualRows';
import { useViewStateObject, type ViewKey } from '../common/viewState';
import type { ConversationColumn } from './conversationsTab.selectors';

/** A one-line row's height in px (the first guess; rows are measured once drawn). */
const ROW_ESTIMATE = 45;
/** Rows drawn beyond the visible ones, each side, so fast scrolling shows no gap. */
const OVERSCAN = 12;

/**
 * Widths of the short columns (a fixed layout, so columns do not jump as rows scroll in and
 * out); the name and support type columns share the rest. Cells are one line, cut with an
 * ellipsis (the full text is the cell's title), so every row has the same height.
 */
const WIDTHS: Readonly<Record<string, string>> = {
  start: '4.75rem',
  platform: '7.5rem',
  duration: '6.5rem',
  outcome: '7rem',
  transfers: '7rem',
  open: '4.5rem',
};
/** The start column with a day in it (`21 Nov, 14:05`). */
const WITH_DATE: Readonly<Record<string, string>> = { ...WIDTHS, start: '8rem' };

export interface ConversationTableProps {
  readonly rows: readonly ConversationRow[];
  readonly columns: readonly ConversationColumn[];
  readonly onOpen: (conversationId: string) => void;
  /** The start column shows the day too (periods other than today). */
  readonly withDate?: boolean;
  /** Where the list's place is kept in the view state, so Back finds it where it was left. */
  readonly scrollKey?: ViewKey<ListPlace>;
}

/**
 * Every row of the list, virtualised: only the rows in view (and a margin) are in the
 * DOM, between two spacer rows that keep the scroll height, so a month of conversations
 * scrolls like a day's. `aria-rowcount`/`aria-rowindex` tell assistive technology the
 * full size. A row is one Tab stop: it opens with Enter, or with a click on its button (not
 * a Tab stop itself); the arrow keys, Page Up/Down, Home and End move between rows.
 */
export function ConversationTable({ rows, columns, onOpen, withDate = false, scrollKey }: ConversationTableProps): React.ReactElement {
  const t = useStrings();
  const widths = withDate ? WITH_DATE : WIDTHS;
  // Where the list is: the offset written to the view state as it scrolls (no render for
  // it), the rows' measured sizes when the list goes (a conversation opens); read once, when
  // the list is drawn, which then scrolls back there.
  const view = useViewStateObject();
  const [from] = React.useState(() => (view && scrollKey ? view.get(scrollKey) : LIST_START));
  const { scrollRef, virtualizer, before, after } = useVirtualRows(rows.length, ROW_ESTIMATE, OVERSCAN, (index) => rows[index]?.id ?? index, from);
  const onScroll = React.useCallback(
    (e: React.UIEvent<HTMLDivElement>) => {
      if (view && scrollKey) view.set(scrollKey, { ...view.get(scrollKey), top: e.currentTarget.scrollTop });
    },
    [view, scrollKey],
  );
  React.useEffect(
    () => () => {
      if (view && scrollKey) view.set(scrollKey, { ...view.get(scrollKey), measured: virtualizer.takeSnapshot() });
    },
    [view, scrollKey, virtualizer],
  );
  const items = virtualizer.getVirtualItems();
  const span = columns.length + 1;
  const openLabel = (r: ConversationRow): string => t('SupervisorInsightsOpenConversation', { name: r.customerName ?? r.id });

  // Arrow keys move between rows, including to rows not drawn yet: scroll there, then focus
  // the row once it is drawn (Tab alone would leave the table after the last drawn row).
  const pendingFocus = React.useRef<number | undefined>(undefined);
  const rowElement = (index: number): HTMLElement | null | undefined =>
    scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
  const focusRow = (index: number): void => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(i, { align: 'auto' });
    const el = rowElement(i);
    if (el) el.focus();
    else pendingFocus.current = i;
  };
  React.useEffect(() => {
    if (pendingFocus.current === undefined) return;
    const el = rowElement(pendingFocus.current);
    if (el) {
      pendingFocus.current = undefined;
      el.focus();
    }
  });
  const onRowKey = (e: React.KeyboardEvent<HTMLTableRowElement>, index: number, id: string): void => {
    // Keys on the row itself; Enter on its button is the button's click.
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_ESTIMATE) - 1);
    const moves: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key === 'Enter') onOpen(id);
    else if (e.key in moves) focusRow(index + moves[e.key]);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(rows.length - 1);
    else return;
    e.preventDefault();
  };
  return (
    <Box ref={scrollRef} onScroll={onScroll} maxHeight="65vh" overflowY="auto" role="region" aria-label={t('SupervisorInsightsConversationList')}>
      <Table aria-label={t('SupervisorInsightsConversations')} aria-rowcount={rows.length + 1} tableLayout="fixed">
        <THead stickyHeader top="0">
          <Tr aria-rowindex={1}>
            {columns.map((c) => (
              <Th key={c.id} width={widths[c.id]}>
                {c.header}
              </Th>
            ))}
            <Th width={widths.open}>
              <ScreenReaderOnly>{t('SupervisorInsightsOpen')}</ScreenReaderOnly>
            </Th>
          </Tr>
        </THead>
        <TBody>
          <SpacerRow height={before} colSpan={span} />
          {items.map((item) => {
            const r = rows[item.index];
            return (
              <Tr
                key={r.id}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={0}
                onKeyDown={(e) => onRowKey(e, item.index, r.id)}
              >
                {columns.map((c) => {
                  const text = String(c.value(r));
                  return (
                    <Td key={c.id}>
                      <Truncate title={text}>{text}</Truncate>
                    </Td>
                  );
                })}
                <Td>
                  {/* Not a Tab stop of its own: the row is the one stop, Enter on it opens. */}
                  <Button variant="link" onClick={() => onOpen(r.id)} aria-label={openLabel(r)} tabIndex={-1}>
                    {t('SupervisorInsightsOpen')}
                  </Button>
                </Td>
              </Tr>
            );
          })}
          <SpacerRow height={after} colSpan={span} />
        </TBody>
      </Table>
    </Box>
  );
}
