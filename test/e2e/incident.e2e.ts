/**
 * End to end in Chromium: incident review. A conversation from three days ago is opened
 * by its sid from the Conversations tab's find box: the history function finds it, the
 * screen shows its segments and media, a chat's transcript reads, a call's recording is
 * in the player. A team leader who types the sid of another team's conversation is told
 * it is not theirs to open. The sids come from the same run the sandbox simulates.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_CONFIG, Engine, EventReader, accessOf, conversationDetailsOf, createCalendar, teamOf, type TrEvent } from '../../src/core';
import { sandboxRun } from '../../src/sandbox/server/historyParams';
import { simulate, simulationRoster, toEventStreams } from '../../src/sources/simulator';
import { E2E_NOW, sandboxSession, screenshotPath } from './browser';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 4;
const AGENTS = 40;

/** The sandbox's run at E2E_NOW (40 agents, seed 1, 4 days of history), read as the engine reads it. */
function theRun(): TrEvent[] {
  const now = Date.parse(E2E_NOW);
  const d = new Date(now);
  const run = sandboxRun(AGENTS, 1, Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), HISTORY_DAYS);
  const reader = new EventReader();
  const out: TrEvent[] = [];
  for (const ev of simulate({ agents: run.agents, seed: run.seed, start: run.start, days: run.days })) {
    if (ev.timeMs >= now) break;
    const read = reader.read(toEventStreams(ev));
    if (read.kind === 'event') out.push(read.event);
  }
  return out;
}

const events = theRun();
const calendar = createCalendar(DEFAULT_CONFIG.timeZone);
const threeDaysAgo = calendar.dayKey(Date.parse(E2E_NOW) - 3 * DAY_MS);
const engine = new Engine(DEFAULT_CONFIG, { groupings: [] });
for (const e of events) engine.apply(e);
const pastHandled = [...conversationDetailsOf(engine, accessOf({ roles: ['admin'] }), DEFAULT_CONFIG).values()]
  .filter((c) => calendar.dayKey(c.start) === threeDaysAgo && c.outcome === 'Handled')
  .sort((a, b) => a.start - b.start);

/** Every team a worker had in the run. */
const teamsOf = new Map<string, Set<string>>();
for (const e of events) {
  if (!e.workerSid || !e.workerAttributes) continue;
  const set = teamsOf.get(e.workerSid) ?? new Set<string>();
  set.add(teamOf(e.workerAttributes));
  teamsOf.set(e.workerSid, set);
}

async function openBySid(page: Page, sid: string): Promise<void> {
  await page.getByRole('tab', { name: 'Conversations' }).click();
  await page.getByRole('searchbox', { name: 'Find a conversation' }).fill(sid);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
}

async function backToList(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back to Insights' }).click();
}

describe('incident review in Chromium', () => {
  const session = sandboxSession({ before, after });

  it('the run has handled calls and chats three days ago to review', () => {
    assert.ok(pastHandled.filter((c) => c.platform === 'CISS Central').length > 5, 'no past calls');
    assert.ok(pastHandled.filter((c) => c.platform !== 'CISS Central').length > 5, 'no past chats');
  });

  it('as an SDL: a conversation of three days ago opens by its sid with its transcript or recording', async () => {
    const { page, at } = session();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(at(`role=sdl&speed=0&agents=${AGENTS}&historyDays=${HISTORY_DAYS}`), { timeout: 120_000 });
    await page.getByRole('tab', { name: 'Conversations' }).waitFor({ timeout: 120_000 });
    let sawTranscript = false;
    let sawRecording = false;
    for (const c of pastHandled.slice(0, 30)) {
      if (sawTranscript && sawRecording) break;
      const chat = c.platform !== 'CISS Central';
      if ((chat && sawTranscript) || (!chat && sawRecording)) continue;
      // Its first task's sid, as a ticket would quote it.
      await openBySid(page, c.taskSids[0]);
      const heading = page.getByRole('heading', { level: 2 });
      await heading.waitFor({ timeout: 30_000 });
      // The screen of the past conversation: its identifiers, its timeline as the live one had it.
      const identifiers = page.getByRole('region', { name: 'Identifiers' });
      assert.ok((await identifiers.getByRole('button', { name: `Copy ${c.taskSids[0]}` }).count()) === 1, 'the task sid is not on the screen');
      const timeline = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
      assert.equal(await timeline.count(), c.segments.length, 'the timeline has not the conversation\'s segments');
      if (chat) {
        const transcriptTab = page.getByRole('tab', { name: /transcript/i });
        if ((await transcriptTab.count()) > 0) await transcriptTab.first().click();
        const messages = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
        if (await messages.first().waitFor({ timeout: 5000 }).then(() => true, () => false)) {
          sawTranscript = true;
          await page.screenshot({ path: screenshotPath('incident-past-chat') });
        }
      } else {
        const recordingTab = page.getByRole('tablist', { name: 'Media' }).getByRole('tab', { name: /recording/i });
        if ((await recordingTab.count()) > 0) await recordingTab.first().click();
        if ((await page.locator('audio').count()) > 0) {
          assert.match((await page.locator('audio').first().getAttribute('src')) ?? '', /\/sandbox-media\/recording\.wav$/);
          sawRecording = true;
          await page.screenshot({ path: screenshotPath('incident-past-call') });
        }
      }
      await backToList(page);
    }
    assert.ok(sawTranscript, 'no past chat transcript was read');
    assert.ok(sawRecording, 'no past call recording was in the player');
  });

  it("as a team leader: another team's conversation is not theirs to open", async () => {
    const { page, at } = session();
    await page.setViewportSize({ width: 1440, height: 900 });
    // The shift team leader is the roster's first worker; their team may change in the run.
    const leader = simulationRoster({ agents: AGENTS, seed: 1 }).agents[0];
    const leaderTeams = teamsOf.get(leader.sid) ?? new Set<string>();
    const others = pastHandled.find((c) =>
      c.segments.every((s) => s.kind !== 'engagement' || [...(teamsOf.get(s.agentSid ?? '') ?? [])].every((t) => !leaderTeams.has(t))),
    );
    assert.ok(others, 'no conversation of another team three days ago');
    await page.goto(at(`role=stl&speed=0&agents=${AGENTS}&historyDays=${HISTORY_DAYS}`), { timeout: 120_000 });
    await page.getByRole('tab', { name: 'Conversations' }).waitFor({ timeout: 120_000 });
    await openBySid(page, others.taskSids[0]);
    const refusal = page.getByRole('alert').filter({ hasText: 'not yours to open' });
    await refusal.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('incident-not-yours') });
    // Nothing of the conversation shows: no heading, no customer.
    assert.equal(await page.getByRole('heading', { level: 2 }).count(), 0);
    if (others.customerName) assert.equal(await page.getByText(others.customerName).count(), 0);
  });
});
