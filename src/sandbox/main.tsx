/**
 * The sandbox: the plugin's own `init()` in a Flex-like page, with fake clients driven by
 * the simulator. `?role=agent|stl|sdl|analyst|admin` picks who is signed in,
 * `?speed=60` how fast simulated time runs.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { Theme } from '@twilio-paste/core/theme';
import { SupervisorInsightsPlugin } from '../SupervisorInsightsPlugin';
import { VIEW_NAME } from '../flex';
import { simulationRoster } from '../sources/simulator';
import { Host, createFakeFlex } from './fakeFlex';
import { PERSONAS, personaOf, type PersonaId } from './personas';

const params = new URLSearchParams(window.location.search);
const persona = personaOf(params.get('role'));
const roster = simulationRoster({ agents: 40, seed: 1 });
const me = roster.agents[0];

const flex = createFakeFlex(VIEW_NAME);
const manager = {
  user: { roles: [...PERSONAS[persona].roles] },
  workerClient: { sid: me.sid, attributes: me.profile },
  serviceConfiguration: { ui_attributes: {} },
};

// The same code path as in Flex: the plugin's init with Flex-shaped objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
new SupervisorInsightsPlugin().init(flex as any, manager as any);

function switchTo(id: PersonaId): void {
  params.set('role', id);
  window.location.search = params.toString();
}

const header = (
  <>
    <strong style={{ fontSize: 16 }}>Flex</strong>
    <span style={{ opacity: 0.7 }}>sandbox</span>
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
  </>
);

ReactDOM.render(
  <Theme.Provider theme="default">
    <Host flex={flex} header={header} />
  </Theme.Provider>,
  document.getElementById('root'),
);
