import * as React from 'react';
import { FigureCard, type TabProps } from '../common';

export function MyStatsTab({ store }: TabProps): React.ReactElement {
  return <FigureCard tab="myStats" store={store} />;
}
