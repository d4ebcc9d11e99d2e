/**
 * The sandbox: the plugin's own `init()` in a Flex-like page, with fake clients driven by
 * the simulator. `?role=agent|stl|sdl|analyst|admin` picks who is signed in,
 * `?speed=60` how fast simulated time runs, `?agents=40` how big the centre is (`&teamSize=30`
 * about how many agents each team has; 11 by default),
 * `?now=2025-11-19T15:00:00Z` where simulated time starts (default: the real now),
 * `?surge=imminent` stages a surge of that support type's contacts (`&surgeAfter=30`
 * seconds of simulated time after the page opens, `&surgeCount=5`, `&surgeWait=300`
 * seconds each waits before hanging up) so an alert raises and clears.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { Theme } from '@twilio-paste/core/theme';
import { SupervisorInsightsPlugin } from '../SupervisorInsightsPlugin';
import { VIEW_NAME } from '../flex';
import { simulationRoster, surgeEvents, surgeTypeOf } from '../sources/simulator';
import { createBenchCentre, type BenchCentre } from './bench/benchCentre';
import { SimulatedCentre } from './centre';
import { FakeConversationsClient } from './fakes/fakeConversationsClient';
import { exposeExpected } from './expected';
import { historyDaysFor, pinnedNow, sandboxHistoryUrl, sandboxToken } from './server/historyParams';
import { sandboxMedia } from './server/media';
import { SETTINGS_PATH } from '../core';

/** Where the dev server gives the stored Flex configuration (src/sandbox/server/settingsServer.ts). */
const FLEX_CONFIGURATION_PATH = '/sandbox/flex-configuration';
import { Host, createFakeFlex } from './fakes/fakeFlex';
import { PERSONAS, personaOf, type PersonaId } from './personas';

const params = new URLSearchParams(window.location.search);
const persona = personaOf(params.get('role'));
// `?speed=0` freezes simulated time (the tests compare figures at one instant).
const speedParam = Number(params.get('speed') ?? 60);
const speed = params.get('speed') === '0' ? 0 : Math.max(1, Number.isFinite(speedParam) && speedParam > 0 ? speedParam : 60);
// `?now=` pins where simulated time starts, so a page opened at any hour meets the same
// centre (the history function follows: the run is named in the history URL).
const startMs = pinnedNow(params.get('now'));
if (params.has('now') && startMs === undefined) console.warn(`[supervisor-insights] sandbox: ?now=${params.get('now')} is not an ISO instant with Z or an offset; using the real clock`);
const agents = Math.min(500, Math.max(5, Number(params.get('agents') ?? 40) || 40));
const seed = 1;
const teamSizeParam = Number(params.get('teamSize'));
const teamSize = params.has('teamSize') && Number.isInteger(teamSizeParam) && teamSizeParam >= 1 ? Math.min(agents, teamSizeParam) : undefined;
// Days of history the run holds before today (`?historyDays=`; `?history=off` for none).
// The browser simulates them to reach today, so bigger centres get fewer by default.
const historyDays = params.get('history') === 'off' ? 0 : historyDaysFor(agents, params.get('historyDays'));
const roster = simulationRoster({ agents, seed, teamSize });
const me = roster.agents[0];

// `?bench=1&workers=2000&tasks=400`: a fixed centre for the live benchmark, driven by it.
const bench = params.get('bench') === '1';
let insightsClient: unknown;
// Chats' transcripts follow the simulated centre's chats (the bench has none: made-up ones).
let conversationsClient = new FakeConversationsClient();
let historyUrl: string | undefined;
// The signed-in worker's attributes now: the simulator moves agents between teams, and the
// history function scopes a team leader by the team their worker has now.
let myAttributes: object = me.profile;
if (bench) {
  const centre = createBenchCentre(Number(params.get('workers') ?? 2000), Number(params.get('tasks') ?? 400), Date.now);
  insightsClient = centre.client;
  (window as unknown as { sandboxBench: BenchCentre }).sandboxBench = centre;
} else {
  // The whole page runs on simulated time, so "today", waits and activity durations follow it.
  const realNow = Date.now.bind(Date);
  const origin = window.location.origin;
  const expected = params.get('expected') === '1';
  const centre = new SimulatedCentre({
    agents,
    teamSize,
    seed,
    speed,
    realNow,
    startMs,
    historyDays,
    attributes: (text, sid) => sandboxMedia(text, sid, origin),
    // The expected report needs the day before today too (tasks and activity crossing midnight).
    keepEventsFrom: expected ? (todayStart) => todayStart - 86_400_000 : undefined,
    staged: surgeOf(params),
  });
  Date.now = () => centre.now();
  setInterval(() => centre.tick(), 100);
  insightsClient = centre.client;
  conversationsClient = new FakeConversationsClient({ chats: centre.chats, now: () => centre.now() });
  // For the least-data test: every item the live queries handed this session, as delivered.
  (window as unknown as { sandboxDelivered: () => unknown[] }).sandboxDelivered = () => [...centre.client.deliveredItems().values()].flat();
  myAttributes = centre.workerAttributes(me.sid) ?? me.profile;
  if (historyDays > 0) historyUrl = sandboxHistoryUrl(window.location.origin, centre.run);
  if (expected) exposeExpected(centre);
}

/** `?surge=<support type>`: the staged surge, from the simulated start. */
function surgeOf(p: URLSearchParams): ((simStartMs: number) => ReturnType<typeof surgeEvents>) | undefined {
  const supportType = surgeTypeOf(p.get('surge'));
  if (p.has('surge') && !supportType) console.warn(`[supervisor-insights] sandbox: ?surge=${p.get('surge')} is not a support type of the simulator; no surge`);
  if (!supportType) return undefined;
  const num = (name: string, fallback: number): number => {
    const v = Number(p.get(name));
    return p.has(name) && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return (simStartMs) =>
    surgeEvents({ supportType, atMs: simStartMs + num('surgeAfter', 30) * 1000, count: Math.min(50, Math.max(1, Math.round(num('surgeCount', 5)))), waitMs: num('surgeWait', 300) * 1000 });
}

const flex = createFakeFlex(VIEW_NAME);

/**
 * The Flex configuration's `ui_attributes` as the dev server keeps them (what the Settings
 * function saved), as Flex hands `manager.serviceConfiguration` to plugins at start. The
 * history URL is always this page's run: the sandbox serves history for no other.
 */
async function serviceConfiguration(): Promise<{ ui_attributes: Record<string, unknown> }> {
  let stored: Record<string, unknown> = {};
  try {
    const res = await fetch(FLEX_CONFIGURATION_PATH, { cache: 'no-store' });
    const body = (await res.json()) as { ui_attributes?: unknown };
    if (typeof body.ui_attributes === 'object' && body.ui_attributes !== null) stored = body.ui_attributes as Record<string, unknown>;
  } catch (err) {
    console.warn('[supervisor-insights] sandbox: the stored Flex configuration could not be read; starting with the bundled settings', err);
  }
  const own = typeof stored.supervisorInsights === 'object' && stored.supervisorInsights !== null ? (stored.supervisorInsights as Record<string, unknown>) : {};
  return { ui_attributes: { ...stored, supervisorInsights: { ...own, historyUrl: historyUrl ?? '' } } };
}

/** The simulated time, so a person sees the clock the numbers follow. */
function SimClock(): React.ReactElement {
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  return (
    <span aria-label="Simulated time" style={{ fontVariantNumeric: 'tabular-nums', opacity: 0.85 }}>
      {new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC · {speed}×
    </span>
  );
}

function switchTo(id: PersonaId): void {
  params.set('role', id);
  window.location.search = params.toString();
}

const header = (
  <>
    <strong style={{ fontSize: 16 }}>Flex</strong>
    <span style={{ opacity: 0.7 }}>sandbox</span>
    <SimClock />
    <label style={{ marginLeft: 'auto', display: 'flex', gap: 8, alignItems: 'center' }}>
      Signed in as
      <select aria-label="Role" value={persona} onChange={(e) => switchTo(e.target.value as PersonaId)}>
        {Object.entries(PERSONAS).map(([id, p]) => (
          <option key={id} value={id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
    <button type="button" onClick={() => void flex.Actions.invokeAction('Logout')}>
      Log out
    </button>
  </>
);

async function start(): Promise<void> {
  const manager = {
    // Sandbox-only token: the sandbox's history and settings functions read the persona and worker from it.
    user: { roles: [...PERSONAS[persona].roles], identity: (me.profile as { email?: string }).email ?? me.sid, token: sandboxToken(persona, me.sid) },
    workerClient: { sid: me.sid, attributes: myAttributes },
    serviceConfiguration: await serviceConfiguration(),
    insightsClient,
    conversationsClient,
  };
  // The same code path as in Flex: the plugin's init with Flex-shaped objects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  new SupervisorInsightsPlugin({ settingsUrl: `${window.location.origin}${SETTINGS_PATH}` }).init(flex as any, manager as any);
  ReactDOM.render(
    <Theme.Provider theme="default">
      <Host flex={flex} header={header} />
    </Theme.Provider>,
    document.getElementById('root'),
  );
}

void start();
