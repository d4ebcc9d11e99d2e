/**
 * A colour per activity for the logged status bars and their legend. The usual TaskRouter
 * activities have a fixed colour (Available green, Unavailable red, breaks warm); any
 * other activity takes the next colour of a palette, in the order the legend lists them,
 * so one table never shows two activities in one colour.
 */
const KNOWN: Readonly<Record<string, string>> = {
  Available: '#14B053',
  Unavailable: '#D61F1F',
  Break: '#F47C22',
  Lunch: '#F2BE5A',
  Training: '#8C5BD8',
  Offline: '#AEB2C1',
};

const PALETTE = ['#0263E0', '#00A3A3', '#C2185B', '#6D4C41', '#394762', '#7CB342', '#EC407A'] as const;

/** Activity → colour for the activities of a table (in legend order). */
export function activityColours(activities: readonly string[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  let next = 0;
  for (const a of activities) out.set(a, KNOWN[a] ?? PALETTE[next++ % PALETTE.length]);
  return out;
}
