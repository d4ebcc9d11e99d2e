/**
 * End to end in Chromium: every dashboard tab as every role sees it, on the sandbox's
 * simulated centre (40 agents, seed 1: the roster below is the one the page runs). Per
 * role: exactly the data the role may see (an agent nobody else's name, a team leader only
 * their team's agents), one filter per tab, the CSV button only for exporters and the
 * downloaded file equal to the table on screen, and a screenshot of every tab in
 * test/e2e/screenshots/ (gitignored).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { simulationRoster } from '../../src/sources/simulator';
import { sandboxSession, screenshotPath } from './browser';

const ROLES = ['agent', 'stl', 'sdl', 'analyst', 'admin'] as const;
type Role = (typeof ROLES)[number];
/** Who may export (`accessOf`: the service delivery lead's wfo.full_access exports too). */
const EXPORTERS: readonly Role[] = ['sdl', 'analyst', 'admin'];

/** The sandbox's roster (`?agents=40`, seed 1); the signed-in worker is the first agent. */
const roster = simulationRoster({ agents: 40, seed: 1 });
const me = roster.agents[0];
/**
 * The team leader's team: the signed-in worker's team when the page opened (the simulator
 * moves agents, so not necessarily the roster's `me.profile.team`); read off the Agents tab.
 */
let myTeam: string | undefined;
const otherAgents = roster.agents.filter((a) => a.sid !== me.sid).map((a) => a.profile.full_name);
/** Agents change teams as the simulation runs: only the team names are fixed. */
const teamNames = roster.teams.map((t) => t.name);

/** The machine is shared: the sandbox compiles and simulates slowly under load. */
const SLOW = 180_000;

async function openAs(page: Page, at: (query: string) => string, role: Role): Promise<void> {
  await page.goto(at(`role=${role}&agents=40`), { timeout: SLOW });
  await page.getByRole('tablist', { name: 'Insights tabs' }).waitFor({ timeout: SLOW });
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

/** The CSV a button downloads, parsed (the byte order mark dropped). */
async function downloadCsv(page: Page, button: Locator): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = await download.path();
  assert.ok(file, 'the download was not saved');
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  return { name: download.suggestedFilename(), rows };
}

/** A CSV cell as the table shows it: the file guards formula-like cells with an apostrophe. */
const asShown = (cell: string): string => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);

async function csvButtonCount(scope: Locator | Page): Promise<number> {
  return scope.getByRole('button', { name: 'Download CSV' }).count();
}

async function checkOverview(page: Page, role: Role): Promise<void> {
  await openTab(page, 'Overview');
  await page.getByRole('region', { name: 'Key figures' }).waitFor({ timeout: SLOW });
  const bySupportType = page.getByRole('table', { name: 'By support type' });
  await bySupportType.waitFor();
  // CISS and DIGI side by side: one column per platform under each metric.
  // Paste draws its own radio over a visually hidden input: choose by the label, as a person does.
  await page.locator('label', { hasText: 'Side by side' }).click();
  await page.getByRole('radio', { name: 'Side by side', checked: true }).waitFor({ state: 'attached' });
  const headers = (await bySupportType.getByRole('columnheader').allTextContents()).join(' | ');
  assert.match(headers, /CISS Central/);
  assert.match(headers, /DIGI Central/);
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-overview-side-by-side`), fullPage: true });
  await page.locator('label', { hasText: 'All platforms' }).click();
  await page.getByRole('radio', { name: 'All platforms', checked: true }).waitFor({ state: 'attached' });
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'By support type' }) });
  assert.equal(await csvButtonCount(section), EXPORTERS.includes(role) ? 1 : 0);
  if (EXPORTERS.includes(role)) {
    const support = (await bySupportType.locator('tbody').getByRole('rowheader').allTextContents()).map((s) => s.trim());
    const csv = await downloadCsv(page, section.getByRole('button', { name: 'Download CSV' }));
    assert.match(csv.name, /^insights-overview-.*\.csv$/);
    assert.equal(csv.rows[0][0], 'Support type');
    // The body rows, in the table's order (a total row may follow them in the file).
    assert.deepEqual(csv.rows.slice(1, 1 + support.length).map((r) => asShown(r[0])), support);
  }
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-overview`), fullPage: true });
}

async function checkQueues(page: Page, role: Role): Promise<void> {
  await openTab(page, 'Queues');
  await page.getByRole('region', { name: 'All queues now' }).waitFor({ timeout: SLOW });
  await page.getByRole('region', { name: 'Waiting now' }).first().waitFor();
  assert.equal(await csvButtonCount(page), EXPORTERS.includes(role) ? 1 : 0);
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-queues`), fullPage: true });
}

/** Returns the agents the tab lists (for the team leader: their team). */
async function checkAgents(page: Page, role: Role): Promise<readonly string[]> {
  await openTab(page, 'Agents & teams');
  const region = page.getByRole('region', { name: 'ISS and teams' });
  await region.waitFor({ timeout: SLOW });
  // Grouped by team (the default): a team's row, then its agents' rows, each headed by a name.
  const headers = async (): Promise<string[]> => (await region.getByRole('rowheader').allTextContents()).map((s) => s.trim());
  const shownHeaders = await headers();
  const shown = shownHeaders.filter((s) => s !== '' && !teamNames.includes(s));
  const teamsShown = shownHeaders.filter((s) => teamNames.includes(s));
  assert.ok(shown.length > 0, 'no agent rows');
  if (role === 'stl') {
    // Only the team leader's team: one team row, theirs, and no other team's name on the page.
    assert.equal(teamsShown.length, 1, `the team leader sees teams ${teamsShown.join(', ')}`);
    myTeam = teamsShown[0];
    // The team's agents have their numbers (the history function scopes by the same team).
    const handled = await region.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    assert.ok(handled.slice(1).some((cells) => cells.some((c) => /^[1-9]\d*$/.test(c))), 'every agent row of the team leader is 0');
    const text = await page.locator('body').innerText();
    for (const other of teamNames.filter((t) => t !== myTeam)) assert.ok(!text.includes(other), `${other} is on the team leader's page`);
  } else {
    assert.ok(teamsShown.length > 1, `${role} should see every team, saw ${teamsShown.join(', ')}`);
  }
  assert.equal(await csvButtonCount(page), EXPORTERS.includes(role) ? 1 : 0);
  if (EXPORTERS.includes(role)) {
    const csv = await downloadCsv(page, page.getByRole('button', { name: 'Download CSV' }));
    assert.match(csv.name, /^insights-agents-.*\.csv$/);
    const nameColumn = csv.rows[0].indexOf('ISS');
    assert.ok(nameColumn >= 0, `no ISS column in ${csv.rows[0].join(',')}`);
    const inFile = csv.rows.slice(1).map((r) => asShown(r[nameColumn]));
    // The table draws the rows in view (teams' and agents'): they are the file's first rows, in order.
    const drawn = await headers();
    assert.ok(inFile.length >= drawn.length);
    assert.deepEqual(inFile.slice(0, drawn.length), drawn);
  }
  // Filter by name: a part of the first agent's name leaves only agents whose names hold it.
  const part = shown[0].split(' ')[0];
  await page.getByLabel('Filter by name').fill(part);
  await page.waitForFunction(
    ([p, teams]) => {
      const region = document.querySelector('[role="region"][aria-label="ISS and teams"]');
      const cells = [...(region?.querySelectorAll('th[scope="row"]') ?? [])].map((c) => (c.textContent ?? '').trim()).filter((c) => !teams.includes(c));
      return cells.length > 0 && cells.every((c) => c.toLowerCase().includes(p.toLowerCase()));
    },
    [part, teamNames] as const,
  );
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-agents-filtered`), fullPage: true });
  await page.getByLabel('Filter by name').fill('');
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-agents`), fullPage: true });
  return shown;
}

/** The conversations table as shown: header cells, then each row's cells (the Open column left out). */
async function conversationsTable(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Conversations' });
  const header = (await table.getByRole('columnheader').allTextContents()).slice(0, -1);
  const rows = await table.locator('tbody tr[aria-rowindex]').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '').slice(0, -1)),
  );
  return [header, ...rows];
}

async function checkConversations(page: Page, role: Role, agents: readonly string[]): Promise<void> {
  await openTab(page, 'Conversations');
  const table = page.getByRole('table', { name: 'Conversations' });
  await table.waitFor({ timeout: SLOW });
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-conversations`), fullPage: true });
  const [header, ...rows] = await conversationsTable(page);
  assert.deepEqual(header, ['Start', 'CS', 'ISS', 'Support type', 'Platform', 'Duration', 'Outcome', 'Transfers']);
  assert.ok(rows.length > 0, 'no conversations drawn');
  const iss = header.indexOf('ISS');
  const cs = header.indexOf('CS');
  if (role === 'stl') {
    for (const r of rows) {
      // Another team's part of a conversation shows as "ISS outside your team", never by name.
      for (const n of r[iss].split(', ').filter((x) => x !== '—' && x !== 'ISS outside your team')) assert.ok(agents.includes(n), `${n}, not in ${myTeam}, is listed`);
    }
  }
  // Finished conversations only, then one customer's: a row that can no longer change.
  await page.getByLabel('Outcome').selectOption('Handled');
  const handled = (await conversationsTable(page)).slice(1);
  const customer = handled.map((r) => r[cs]).find((n) => n !== '—' && !n.includes('•'));
  assert.ok(customer, 'no handled conversation with a customer name');
  await page.getByLabel('Search by name or sid').fill(customer);
  await page.waitForFunction(
    ([name]) =>
      [...document.querySelectorAll('table[aria-label="Conversations"] tbody tr[aria-rowindex]')].every((tr) =>
        (tr.textContent ?? '').toLowerCase().includes(name.toLowerCase()),
      ),
    [customer],
  );
  const [, ...found] = await conversationsTable(page);
  assert.ok(found.length > 0);
  for (const r of found) assert.ok(`${r[cs]} ${r[iss]}`.toLowerCase().includes(customer.toLowerCase()));
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-conversations-search`), fullPage: true });

  assert.equal(await csvButtonCount(page), EXPORTERS.includes(role) ? 1 : 0);
  if (EXPORTERS.includes(role)) {
    const shown = await conversationsTable(page);
    const csv = await downloadCsv(page, page.getByRole('button', { name: 'Download CSV' }));
    assert.match(csv.name, /^insights-conversations-\d{4}-\d{2}-\d{2}\.csv$/);
    // The header as shown, durations in seconds; then the identifiers, a column per kind.
    const IDS = ['Conversation sid', 'Task sids', 'Reservation sids', 'Chat sids', 'Call sids', 'Other identifiers'];
    assert.deepEqual(csv.rows[0], [...shown[0].map((h) => (h === 'Duration' ? 'Duration (s)' : h)), ...IDS]);
    // Start and duration are written for a spreadsheet (ISO instant with offset, whole seconds); the rest as shown.
    const start = shown[0].indexOf('Start');
    const duration = shown[0].indexOf('Duration');
    const besides = (r: string[]) => r.filter((_c, i) => i !== start && i !== duration);
    assert.deepEqual(
      csv.rows.slice(1).map((r) => besides(r.slice(0, -IDS.length).map(asShown))),
      shown.slice(1).map(besides),
    );
    for (const r of csv.rows.slice(1)) {
      assert.match(r[start], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      assert.match(r[duration], /^(\d+)?$/);
    }
    // Search by the conversation sid the file holds: exactly that conversation.
    const sid = csv.rows[1][csv.rows[0].indexOf('Conversation sid')];
    await page.getByLabel('Search by name or sid').fill(sid);
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Conversations"] tbody tr[aria-rowindex]').length === 1);
    assert.deepEqual((await conversationsTable(page))[1], shown[1]);
  }

  // A row opens from the keyboard: focus it, Enter: the drill-down screen (or, for a
  // conversation whose first media is Raw, that link in a new tab, as Flex does).
  const first = table.locator('tbody tr[aria-rowindex]').first();
  await first.focus();
  const popup = page.context().waitForEvent('page', { timeout: 30_000 }).catch(() => undefined);
  await page.keyboard.press('Enter');
  const back = page.getByRole('button', { name: 'Back to Insights' });
  const opened = await Promise.race([
    back.waitFor({ timeout: 30_000 }).then(() => 'screen' as const),
    popup.then((p) => (p ? ('tab' as const) : undefined)),
  ]);
  assert.ok(opened, 'Enter on a row opened nothing');
  if (opened === 'screen') {
    await page.screenshot({ path: screenshotPath(`dashboards-${role}-conversation-opened`), fullPage: true });
    await back.click();
    await page.getByRole('tablist', { name: 'Insights tabs' }).waitFor();
  } else {
    await (await popup)?.close();
  }
}

async function checkMyStats(page: Page, role: Role): Promise<void> {
  await openTab(page, 'My stats');
  await page.getByRole('region', { name: 'My handled today' }).waitFor({ timeout: SLOW });
  await page.getByRole('table', { name: 'My figures' }).waitFor();
  if (role === 'agent') {
    const text = await page.locator('body').innerText();
    for (const n of otherAgents) assert.ok(!text.includes(n), `another agent's name ${n} is on the agent's page`);
  }
  await page.screenshot({ path: screenshotPath(`dashboards-${role}-my-stats`), fullPage: true });
}

describe('the dashboards in Chromium, role by role', () => {
  const session = sandboxSession({ before, after });

  // `E2E_ROLES=stl,admin` runs some roles only (while working on one).
  const only = process.env.E2E_ROLES?.split(',');
  for (const role of ROLES.filter((r) => !only || only.includes(r))) {
    it(`${role}: the tabs, their data scope, a filter each, the CSV`, async () => {
      const { page, at } = session();
      page.setDefaultTimeout(60_000);
      await openAs(page, at, role);
      const tabs = await page.getByRole('tab').allTextContents();
      if (role === 'agent') {
        assert.deepEqual(tabs, ['My stats']);
        await checkMyStats(page, role);
        return;
      }
      await checkOverview(page, role);
      await checkQueues(page, role);
      const agents = await checkAgents(page, role);
      await checkConversations(page, role, agents);
      await checkMyStats(page, role);
      assert.equal(tabs.includes('Export'), EXPORTERS.includes(role));
    });
  }
});
