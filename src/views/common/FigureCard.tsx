import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import type { Tab } from '../../core';
import type { InsightsStore } from '../../store';
import { figureOf } from '../figures';

/** One live figure of a tab (the first figure each tab had). */
export function FigureCard({ tab, store }: { tab: Tab; store: InsightsStore }): React.ReactElement {
  // Primitives only: a selector that returned a new object each time would re-render forever.
  const label = useStore(store, (s) => figureOf(tab, s)?.label);
  const value = useStore(store, (s) => figureOf(tab, s)?.value);
  const detail = useStore(store, (s) => figureOf(tab, s)?.detail);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  if (status === 'error') return <Text as="p" color="colorTextError">{error ?? 'Live data failed.'}</Text>;
  if (label === undefined || value === undefined) return <Text as="p">This tab arrives with the dashboards.</Text>;
  const figure = { label, value, detail };
  return (
    <Box
      as="section"
      aria-label={figure.label}
      backgroundColor="colorBackgroundBody"
      borderRadius="borderRadius30"
      boxShadow="shadowCard"
      padding="space60"
      maxWidth="size30"
    >
      <Text as="h3" fontSize="fontSize30" color="colorTextWeak">
        {figure.label}
      </Text>
      <Text as="p" fontSize="fontSize90" fontWeight="fontWeightBold" lineHeight="lineHeight90" data-figure={tab}>
        {figure.value}
      </Text>
      {figure.detail ? (
        <Text as="p" color="colorTextWeak">
          {figure.detail}
        </Text>
      ) : null}
      {status === 'loading' ? <Text as="p" color="colorTextWeak">Loading live data…</Text> : null}
    </Box>
  );
}
