/**
 * The columns of the Agents & teams table: heading, width, what a cell says, how it sorts,
 * and the CSV of the table as shown (the same columns, logged status as one column per
 * activity, and a first column that marks team rows).
 */
import type { CsvColumn, Translate } from '../common';
import { csvHeader, csvPercent, csvSeconds, formatCount, formatRate, formatSeconds } from '../common';
import { OFFLINE, type AgentFilter, type AgentTableRow, type AgentsModel, type SortColumn } from './agentsTab.selectors';

export const CELL_KINDS = ['name', 'team', 'activity', 'number', 'logged'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

export interface AgentColumn {
  readonly id: string;
  readonly sort: SortColumn;
  readonly header: string;
  /** The whole heading where the shown one is short. */
  readonly title?: string;
  /** Width in px (the table is laid out fixed, so rows never jump while scrolling). */
  readonly width: number;
  readonly kind: CellKind;
  /** What a plain cell says. */
  readonly text: (row: AgentTableRow) => string;
  /** The CSV's plain value (a count, seconds, a percentage), with its unit in the header. */
  readonly csv?: { readonly value: (row: AgentTableRow) => number | null; readonly unit?: 's' | '%' };
}

const teamMembers = (t: Translate, row: AgentTableRow): string =>
  row.kind === 'team' ? t('SupervisorInsightsTeamMembers', { count: formatCount(row.agentCount ?? 0) }) : row.team;

/**
 * The columns for a model and filter: one narrow column per support type (only the chosen
 * one when filtered). Grouped by team, each agent sits under their team's row, so the team
 * column is left out and the table fits a Flex view without scrolling sideways.
 */
export function agentColumns(t: Translate, model: AgentsModel, filter: AgentFilter, grouped = false): AgentColumn[] {
  const types = filter.supportType !== undefined ? [filter.supportType] : model.supportTypes;
  const team: AgentColumn[] = grouped
    ? []
    : [{ id: 'team', sort: 'team', header: t('SupervisorInsightsTeam'), width: 110, kind: 'team', text: (r) => teamMembers(t, r) }];
  return [
    { id: 'name', sort: 'name', header: t('SupervisorInsightsAgent'), width: 130, kind: 'name', text: (r) => r.name },
    ...team,
    { id: 'activity', sort: 'activity', header: t('SupervisorInsightsActivity'), width: 160, kind: 'activity', text: () => '' },
    ...types.map(
      (type): AgentColumn => ({
        id: `type:${type}`,
        sort: `type:${type}`,
        header: t.supportType(type),
        title: `${t('SupervisorInsightsHandled')}: ${t.supportType(type)}`,
        width: 56,
        kind: 'number',
        text: (r) => formatCount(r.handledByType[type] ?? 0),
        csv: { value: (r) => r.handledByType[type] ?? 0 },
      }),
    ),
    { id: 'handled', sort: 'handled', header: t('SupervisorInsightsHandled'), width: 60, kind: 'number', text: (r) => formatCount(r.metrics.handled), csv: { value: (r) => r.metrics.handled } },
    { id: 'avgHandle', sort: 'avgHandleSec', header: t('SupervisorInsightsAvgHandle'), width: 58, kind: 'number', text: (r) => formatSeconds(r.metrics.avgHandleSec), csv: { value: (r) => csvSeconds(r.metrics.avgHandleSec), unit: 's' } },
    { id: 'rona', sort: 'ronaRate', header: t('SupervisorInsightsRonaPct'), width: 54, kind: 'number', text: (r) => formatRate(r.metrics.ronaRate), csv: { value: (r) => csvPercent(r.metrics.ronaRate), unit: '%' } },
    { id: 'reject', sort: 'rejectRate', header: t('SupervisorInsightsRejectPct'), width: 54, kind: 'number', text: (r) => formatRate(r.metrics.rejectRate), csv: { value: (r) => csvPercent(r.metrics.rejectRate), unit: '%' } },
    { id: 'transfer', sort: 'transferRate', header: t('SupervisorInsightsTransferPct'), width: 58, kind: 'number', text: (r) => formatRate(r.metrics.transferRate), csv: { value: (r) => csvPercent(r.metrics.transferRate), unit: '%' } },
    { id: 'logged', sort: 'logged', header: t('SupervisorInsightsLoggedStatus'), width: 140, kind: 'logged', text: () => '' },
  ];
}

/** The logged status in words: `Available 62.5%, Break 10%` (legend order). */
export function loggedShares(row: AgentTableRow, activities: readonly string[]): string {
  const parts: string[] = [];
  for (const a of activities) {
    const pct = row.loggedPct[a];
    if (pct) parts.push(`${a} ${pct}%`);
  }
  return parts.join(', ');
}

/**
 * What a team row's activity cell says: available of logged in, as Queues says it (core's
 * agentStates.ts). An agent row's cell is `ActivityCell` (it follows the clock).
 */
export function teamActivityText(t: Translate, row: AgentTableRow): string {
  const counts = row.counts;
  return t('SupervisorInsightsAvailableOf', { available: formatCount(counts?.available ?? 0), loggedIn: formatCount(counts?.loggedIn ?? 0) });
}

/** The CSV of the table as shown; the time in activity as at `now()` when the file is made. */
export function agentCsvColumns(t: Translate, columns: readonly AgentColumn[], activities: readonly string[], now: () => number): CsvColumn<AgentTableRow>[] {
  const out: CsvColumn<AgentTableRow>[] = [{ header: t('SupervisorInsightsRow'), value: (r) => (r.kind === 'team' ? t('SupervisorInsightsTeam') : t('SupervisorInsightsAgent')) }];
  for (const c of columns) {
    if (c.kind === 'name' && !columns.some((x) => x.kind === 'team')) {
      out.push({ header: c.header, value: c.text }, { header: t('SupervisorInsightsTeam'), value: (r) => r.team });
      continue;
    }
    if (c.kind === 'activity') {
      // The activity by name, the time in it as seconds (a team row: its "3 of 6 logged in"),
      // and whether the agent is on a contact (`yes` or empty, as the trend's "So far").
      out.push(
        { header: c.header, value: (r) => (r.kind === 'team' ? teamActivityText(t, r) : (r.activity ?? '')) },
        {
          header: csvHeader(t('SupervisorInsightsTimeInActivity'), 's'),
          value: (r) => (r.kind === 'team' || r.activitySince === undefined ? null : csvSeconds((now() - r.activitySince) / 1000)),
        },
        { header: t('SupervisorInsightsOnContactColumn'), value: (r) => (r.kind !== 'team' && r.onContact ? t('SupervisorInsightsYes') : '') },
      );
    } else if (c.kind === 'logged') {
      out.push({ header: csvHeader(t('SupervisorInsightsLoggedInTime'), 's'), value: (r) => csvSeconds(r.loggedSec) });
      // loggedPct is 0–100 already: the same two decimals at most as every other rate.
      for (const a of activities) if (a !== OFFLINE) out.push({ header: `${c.header} ${a} %`, value: (r) => Math.round((r.loggedPct[a] ?? 0) * 100) / 100 });
    } else if (c.kind === 'team') out.push({ header: c.header, value: (r) => r.team });
    else if (c.csv) {
      const plain = c.csv;
      const header = c.title ?? c.header;
      out.push({ header: plain.unit ? csvHeader(header, plain.unit) : header, value: plain.value });
    } else out.push({ header: c.title ?? c.header, value: c.text });
  }
  return out;
}
