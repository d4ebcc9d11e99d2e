import * as React from 'react';
import { FigureCard, type TabProps } from '../common';

export function QueuesTab({ store }: TabProps): React.ReactElement {
  return <FigureCard tab="queues" store={store} />;
}
