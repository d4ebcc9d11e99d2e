/**
 * The page `npm run bench:views` drives (`bench-views.html?agents=2000`): a store holding a
 * synthetic day of `agents` agents (`benchDay.ts`), and hooks that time the Agents & teams
 * tab in this browser — a first render (row model, React, style and layout) and a change
 * of the name filter. Each first render follows a new store version, as after a batch of
 * live events, so the row model is built every time and never read from its memo.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { Theme } from '@twilio-paste/core/theme';
import { DEFAULT_CONFIG, accessOf } from '../../core';
import { applyQueued, createInsightsStore, ingest } from '../../store';
import { AgentsTab, selectAgentsModel } from '../../views/agents';
import { syntheticDay } from './benchDay';

export interface ViewsBench {
  readonly agents: number;
  readonly events: number;
  /** Renders the tab from nothing; ms until it is laid out, and the rows in the DOM. */
  mount(): { ms: number; rows: number };
  /** Builds the row model alone (after a new version), ms. */
  model(): number;
  /** Types `value` into the name filter; ms until the table is laid out again. */
  filter(value: string): { ms: number; rows: number };
  unmount(): void;
}

const params = new URLSearchParams(window.location.search);
const agents = Math.max(1, Number(params.get('agents') ?? 2000) || 2000);
const HOUR = 3_600_000;
const dayStart = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR;
// Late afternoon of today (UTC), so the day has its breaks, lunches and ended shifts.
const now = dayStart + 17 * HOUR;

const store = createInsightsStore({ access: accessOf({ roles: ['admin'] }), config: DEFAULT_CONFIG, now: () => now, schedule: () => undefined });
const events = syntheticDay(agents, dayStart, now);
ingest(store, events);
applyQueued(store);

const root = document.getElementById('root') as HTMLElement;
const laidOut = (): number => root.getBoundingClientRect().height + document.body.offsetHeight;
const rowCount = (): number => root.querySelectorAll('tbody tr:not([aria-hidden])').length;

const bench: ViewsBench = {
  agents,
  events: events.length,
  mount() {
    ReactDOM.unmountComponentAtNode(root);
    const s = store.getState();
    store.setState({ version: s.version + 1 });
    const t0 = performance.now();
    ReactDOM.render(
      <Theme.Provider theme="default">
        <AgentsTab store={store} access={store.getState().access} />
      </Theme.Provider>,
      root,
    );
    laidOut();
    return { ms: performance.now() - t0, rows: rowCount() };
  },
  model() {
    const s = store.getState();
    store.setState({ version: s.version + 1 });
    const t0 = performance.now();
    selectAgentsModel(store.getState(), { from: new Date(dayStart).toISOString().slice(0, 10), to: new Date(dayStart).toISOString().slice(0, 10) });
    return performance.now() - t0;
  },
  filter(value) {
    const input = root.querySelector('input[type="search"]') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const t0 = performance.now();
    setValue?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    laidOut();
    return { ms: performance.now() - t0, rows: rowCount() };
  },
  unmount() {
    ReactDOM.unmountComponentAtNode(root);
  },
};
(window as unknown as { viewsBench: ViewsBench }).viewsBench = bench;
