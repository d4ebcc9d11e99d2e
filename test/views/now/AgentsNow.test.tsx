/**
 * @jest-environment jsdom
 */
/**
 * The Now tab's agents: at most `MAX_AGENT_ROWS` listed, the rest counted in words of their own.
 */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { AgentsNow, MAX_AGENT_ROWS } from '../../../src/views/now/AgentsNow';
import type { NowAgent } from '../../../src/views/now';

const agent = (i: number): NowAgent => ({ sid: `WK${i}`, name: `Agent ${i}`, team: 'Team Blue', state: 'available', activity: 'Available', inActivitySec: 60, moreContacts: 0 });

describe('AgentsNow', () => {
  it(`lists ${MAX_AGENT_ROWS} agents and counts the others as more, not earlier`, () => {
    render(<AgentsNow agents={Array.from({ length: MAX_AGENT_ROWS + 3 }, (_, i) => agent(i))} offline={[]} />);
    expect(within(screen.getByRole('list', { name: 'Agents now' })).getAllByRole('listitem')).toHaveLength(MAX_AGENT_ROWS);
    expect(screen.getByText('and 3 more')).toBeTruthy();
    expect(screen.queryByText(/earlier/)).toBeNull();
  });

  it('counts nobody when every agent is listed', () => {
    render(<AgentsNow agents={Array.from({ length: MAX_AGENT_ROWS }, (_, i) => agent(i))} offline={[]} />);
    expect(screen.queryByText(/^and \d+ more/)).toBeNull();
  });
});
