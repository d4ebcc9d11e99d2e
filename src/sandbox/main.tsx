/**
 * The sandbox: the plugin's own `init()` in a Flex-like page, with fake clients driven by
 * the simulator. `?role=agent|stl|sdl|analyst|admin` picks who is signed in,
 * `?speed=60` how fast simulated time runs, `?agents=40` how big the centre is,
 * `?now=2025-11-19T15:00:00Z` where simulated time starts (default: the real now).
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { Theme } from '@twilio-paste/core/theme';
import { SupervisorInsightsPlugin } from '../SupervisorInsightsPlugin';
import { VIEW_NAME } from '../flex';
import { simulationRoster } from '../sources/simulator';
import { createBenchCentre, type BenchCentre } from './bench/benchCentre';
import { SimulatedCentre } from './centre';
import { FakeConversationsClient } from './fakes/fakeConversationsClient';
import { exposeExpected } from './expected';
import { historyDaysFor, pinnedNow, sandboxHistoryUrl, sandboxToken } from './server/historyParams';
import { sandboxMedia } from './server/media';
import { localStoragePersistence } from './rulesStorage';
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
// Days of history the run holds before today (`?historyDays=`; `?history=off` for none).
// The browser simulates them to reach today, so bigger centres get fewer by default.
const historyDays = params.get('history') === 'off' ? 0 : historyDaysFor(agents, params.get('historyDays'));
const roster = simulationRoster({ agents, seed });
const me = roster.agents[0];

// `?bench=1&workers=2000&tasks=400`: a fixed centre for the live benchmark, driven by it.
const bench = params.get('bench') === '1';
let insightsClient: unknown;
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
    seed,
    speed,
    realNow,
    startMs,
    historyDays,
    attributes: (text, sid) => sandboxMedia(text, sid, origin),
    // The expected report needs the day before today too (tasks and activity crossing midnight).
    keepEventsFrom: expected ? (todayStart) => todayStart - 86_400_000 : undefined,
  });
  Date.now = () => centre.now();
  setInterval(() => centre.tick(), 100);
  insightsClient = centre.client;
  myAttributes = centre.workerAttributes(me.sid) ?? me.profile;
  if (historyDays > 0) historyUrl = sandboxHistoryUrl(window.location.origin, centre.run);
  if (expected) exposeExpected(centre);
}

const flex = createFakeFlex(VIEW_NAME);

const manager = {
  // Sandbox-only token: the sandbox's history function reads the persona and worker from it.
  user: { roles: [...PERSONAS[persona].roles], token: sandboxToken(persona, me.sid) },
  workerClient: { sid: me.sid, attributes: myAttributes },
  serviceConfiguration: { ui_attributes: historyUrl ? { supervisorInsights: { historyUrl } } : {} },
  insightsClient,
  conversationsClient: new FakeConversationsClient(),
};

// The same code path as in Flex: the plugin's init with Flex-shaped objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
new SupervisorInsightsPlugin({ rulesPersistence: localStoragePersistence() }).init(flex as any, manager as any);

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

ReactDOM.render(
  <Theme.Provider theme="default">
    <Host flex={flex} header={header} />
  </Theme.Provider>,
  document.getElementById('root'),
);
