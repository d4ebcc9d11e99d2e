import * as React from 'react';
import { FigureCard, type TabProps } from '../common';

export function AgentsTab({ store }: TabProps): React.ReactElement {
  return <FigureCard tab="agents" store={store} />;
}
