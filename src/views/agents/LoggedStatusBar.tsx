import * as React from 'react';

export interface LoggedStatusBarProps {
  /** Share of logged-in time per activity, 0–100. */
  readonly pct: Readonly<Record<string, number>>;
  /** Legend order (Offline is never in `pct`). */
  readonly activities: readonly string[];
  readonly colours: ReadonlyMap<string, string>;
  /** The percentages as words: the bar's accessible name and tooltip. */
  readonly label: string;
}

const BAR: React.CSSProperties = {
  display: 'flex',
  height: 12,
  width: '100%',
  borderRadius: 2,
  overflow: 'hidden',
  backgroundColor: 'rgb(225, 227, 234)',
};

const FIGURES: React.CSSProperties = {
  display: 'flex',
  columnGap: 4,
  fontSize: 10.5,
  lineHeight: '14px',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  fontVariantNumeric: 'tabular-nums',
};

// Small enough that five shares fit the column (150 px): every share reads without hovering.
const KEY: React.CSSProperties = { display: 'inline-block', width: 6, height: 6, marginRight: 1, borderRadius: 1 };

/**
 * Time per activity as one stacked bar, with each share written under it (a swatch of the
 * legend's colour and the whole percentage), so the numbers read without hovering.
 */
export function LoggedStatusBar({ pct, activities, colours, label }: LoggedStatusBarProps): React.ReactElement {
  const shown = activities.filter((a) => (pct[a] ?? 0) >= 0.5);
  return (
    <div role="img" aria-label={label} title={label}>
      <div style={{ ...BAR, height: 6 }}>
        {activities.map((a) => {
          const share = pct[a];
          return share ? <span key={a} style={{ width: `${share}%`, backgroundColor: colours.get(a) }} /> : null;
        })}
      </div>
      <div style={FIGURES} aria-hidden="true">
        {shown.map((a) => (
          <span key={a}>
            <span style={{ ...KEY, backgroundColor: colours.get(a) }} />
            {Math.round(pct[a])}%
          </span>
        ))}
      </div>
    </div>
  );
}
