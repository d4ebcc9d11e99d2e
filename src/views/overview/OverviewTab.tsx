import * as React from 'react';
import { FigureCard, type TabProps } from '../common';

export function OverviewTab({ store }: TabProps): React.ReactElement {
  return <FigureCard tab="overview" store={store} />;
}
