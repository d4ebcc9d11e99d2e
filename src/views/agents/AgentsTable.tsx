import * as React from 'react';
// The theme from context: the theme module itself carries every theme's tokens (~280 KB).
import { ThemeContext } from '@twilio-paste/core/styling-library';
import type { InsightsStore } from '../../store';
import { useStrings } from '../common/StringsContext';
import { SpacerRow, useVirtualRows } from '../common/virtualRows';
import { ActivityCell } from './ActivityCell';
import type { AgentColumn } from './agentsTab.columns';
import { loggedShares, teamActivityText } from './agentsTab.columns';
import type { AgentTableRow, SortColumn, SortState } from './agentsTab.selectors';
import { LoggedStatusBar } from './LoggedStatusBar';

/** Every row is one line of this height (px): the virtualiser needs no measuring. */
export const ROW_HEIGHT = 36;
/** Rows drawn beyond the visible ones, each side. */
const OVERSCAN = 8;
/** The scroll area's height: enough rows to read, the page's header stays in view. */
const MAX_HEIGHT = 'calc(100vh - 360px)';
const MIN_HEIGHT = 240;

export interface AgentsTableProps {
  readonly store: InsightsStore;
  readonly rows: readonly AgentTableRow[];
  readonly columns: readonly AgentColumn[];
  readonly activities: readonly string[];
  readonly colours: ReadonlyMap<string, string>;
  readonly sort: SortState;
  readonly onSort: (column: SortColumn) => void;
}

interface Palette {
  readonly text: string;
  readonly weak: string;
  readonly border: string;
  readonly header: string;
  readonly team: string;
  readonly body: string;
}

/** Paste's colours from the theme (the default theme's values where no theme is provided). */
function usePalette(): Palette {
  const theme = React.useContext(ThemeContext) as unknown as { textColors?: Record<string, string>; backgroundColors?: Record<string, string>; borderColors?: Record<string, string> };
  return React.useMemo(
    () => ({
      text: theme.textColors?.colorText ?? 'rgb(18, 28, 45)',
      weak: theme.textColors?.colorTextWeak ?? 'rgb(96, 107, 133)',
      border: theme.borderColors?.colorBorderWeaker ?? 'rgb(225, 227, 234)',
      header: theme.backgroundColors?.colorBackgroundWeak ?? 'rgb(249, 249, 250)',
      team: theme.backgroundColors?.colorBackgroundPrimaryWeakest ?? 'rgb(235, 244, 255)',
      body: theme.backgroundColors?.colorBackgroundBody ?? 'rgb(255, 255, 255)',
    }),
    [theme],
  );
}


interface RowStyles {
  readonly cell: React.CSSProperties;
  readonly number: React.CSSProperties;
  readonly rowHeader: React.CSSProperties;
  readonly teamHeader: React.CSSProperties;
  readonly weak: React.CSSProperties;
  readonly teamRow: React.CSSProperties;
  readonly agentRow: React.CSSProperties;
}

interface AgentRowViewProps {
  readonly index: number;
  readonly row: AgentTableRow;
  readonly columns: readonly AgentColumn[];
  readonly styles: RowStyles;
  readonly store: InsightsStore;
  readonly activities: readonly string[];
  readonly colours: ReadonlyMap<string, string>;
}

/** One row; memoised, so scrolling and the clock re-render only what changed. */
const AgentRowView = React.memo(function AgentRowView({ index, row, columns, styles, store, activities, colours }: AgentRowViewProps): React.ReactElement {
  const t = useStrings();
  const cellOf = (c: AgentColumn): React.ReactElement => {
    switch (c.kind) {
      case 'name':
        return (
          <th key={c.id} scope="row" style={row.kind === 'team' ? styles.teamHeader : styles.rowHeader} title={row.name}>
            {row.name}
          </th>
        );
      case 'team':
        return (
          <td key={c.id} style={row.kind === 'team' ? styles.weak : styles.cell} title={row.team}>
            {c.text(row)}
          </td>
        );
      case 'activity':
        return (
          <td key={c.id} style={styles.cell}>
            {row.kind === 'team' ? (
              // Wraps to a second line rather than being cut in a narrow column.
              <span style={WRAP_TWO_LINES}>{teamActivityText(t, row)}</span>
            ) : (
              <ActivityCell store={store} activity={row.activity} since={row.activitySince} onContact={row.onContact} colour={row.activity === undefined ? undefined : colours.get(row.activity)} />
            )}
          </td>
        );
      case 'logged': {
        const shares = loggedShares(row, activities);
        return (
          <td key={c.id} style={styles.cell}>
            {shares ? <LoggedStatusBar pct={row.loggedPct} activities={activities} colours={colours} label={t('SupervisorInsightsLoggedStatusOf', { shares })} /> : null}
          </td>
        );
      }
      default:
        return (
          <td key={c.id} style={styles.number}>
            {c.text(row)}
          </td>
        );
    }
  };

  return (
    <tr aria-rowindex={index + 2} style={row.kind === 'team' ? styles.teamRow : styles.agentRow}>
      {columns.map(cellOf)}
    </tr>
  );
});

/** Up to two lines of text in one row's height. */
const WRAP_TWO_LINES: React.CSSProperties = { display: 'block', whiteSpace: 'normal', lineHeight: '15px', maxHeight: 30, overflow: 'hidden' };

const ariaSort = (sort: SortState, column: SortColumn): 'ascending' | 'descending' | 'none' => (sort.column === column ? sort.direction : 'none');

/**
 * The table, virtualised: a fixed row height, only the rows in view (and a margin) in the
 * DOM between two spacer rows, a sticky header with a sort button per column. The scroll
 * area takes focus (Tab), and the arrow, Page and Home/End keys scroll it.
 * `aria-rowcount`/`aria-rowindex` give assistive technology the full size.
 */
export function AgentsTable({ store, rows, columns, activities, colours, sort, onSort }: AgentsTableProps): React.ReactElement {
  const t = useStrings();
  const p = usePalette();
  const { scrollRef, virtualizer, before, after } = useVirtualRows(rows.length, ROW_HEIGHT, OVERSCAN, (index) => rows[index]?.key ?? index);
  const items = virtualizer.getVirtualItems();
  const width = columns.reduce((w, c) => w + c.width, 0);

  const styles = React.useMemo((): RowStyles & { th: React.CSSProperties; sortButton: React.CSSProperties } => {
    const cell: React.CSSProperties = {
      height: ROW_HEIGHT,
      boxSizing: 'border-box',
      padding: '0 6px',
      borderBottom: `1px solid ${p.border}`,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      fontSize: 13,
      color: p.text,
    };
    // The name stays in view when the table scrolls sideways (a narrow Flex view).
    const sticky: React.CSSProperties = { position: 'sticky', left: 0, zIndex: 1, borderRight: `1px solid ${p.border}` };
    return {
      cell,
      number: { ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as React.CSSProperties,
      rowHeader: { ...cell, ...sticky, fontWeight: 'inherit', textAlign: 'left', background: p.body } as React.CSSProperties,
      teamHeader: { ...cell, ...sticky, fontWeight: 'inherit', textAlign: 'left', background: p.team } as React.CSSProperties,
      weak: { ...cell, color: p.weak } as React.CSSProperties,
      th: {
        position: 'sticky',
        top: 0,
        zIndex: 1,
        background: p.header,
        borderBottom: `2px solid ${p.border}`,
        padding: '6px 4px',
        fontSize: 12,
        fontWeight: 600,
        color: p.text,
        verticalAlign: 'bottom',
        boxSizing: 'border-box',
      } as React.CSSProperties,
      sortButton: {
        all: 'unset',
        cursor: 'pointer',
        display: 'block',
        width: '100%',
        whiteSpace: 'normal',
        hyphens: 'auto',
        lineHeight: 1.25,
        outlineOffset: 2,
      } as React.CSSProperties,
      teamRow: { background: p.team, fontWeight: 600 } as React.CSSProperties,
      agentRow: { background: p.body } as React.CSSProperties,
    };
  }, [p]);


  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={t('SupervisorInsightsAgentsTable')}
      tabIndex={0}
      style={{
        overflow: 'auto',
        maxHeight: MAX_HEIGHT,
        minHeight: Math.min(MIN_HEIGHT, ROW_HEIGHT * (rows.length + 2)),
        border: `1px solid ${p.border}`,
        borderRadius: 4,
        position: 'relative',
      }}
    >
      <table aria-rowcount={rows.length + 1} style={{ tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 0, width: '100%', minWidth: width }}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th key={c.id} scope="col" aria-sort={ariaSort(sort, c.sort)} style={{ ...styles.th, ...(c.kind === 'name' ? { left: 0, zIndex: 2 } : null), ...(c.id.startsWith('type:') ? { fontSize: 11, padding: '6px 2px' } : null), textAlign: c.kind === 'number' ? 'right' : 'left' }} title={c.title}>
                <button type="button" style={{ ...styles.sortButton, textAlign: c.kind === 'number' ? 'right' : 'left' }} onClick={() => onSort(c.sort)}>
                  {c.header}
                  <span aria-hidden="true" style={{ color: p.weak }}>
                    {sort.column === c.sort ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={before} colSpan={columns.length} />
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <AgentRowView key={row.key} index={item.index} row={row} columns={columns} styles={styles} store={store} activities={activities} colours={colours} />
            );
          })}
          <SpacerRow height={after} colSpan={columns.length} />
        </tbody>
      </table>
    </div>
  );
}
