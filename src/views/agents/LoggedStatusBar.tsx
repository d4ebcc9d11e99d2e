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

/** Time per activity as one stacked bar; the numbers are in its label and tooltip. */
export function LoggedStatusBar({ pct, activities, colours, label }: LoggedStatusBarProps): React.ReactElement {
  return (
    <div role="img" aria-label={label} title={label} style={BAR}>
      {activities.map((a) => {
        const share = pct[a];
        return share ? <span key={a} style={{ width: `${share}%`, backgroundColor: colours.get(a) }} /> : null;
      })}
    </div>
  );
}
