import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { Tab, TabList, TabPanel, TabPanels, Tabs, useTabState } from '@twilio-paste/core/tabs';
import { Text } from '@twilio-paste/core/text';
import type { Access, Tab as TabId } from '../core';
import { useViewState, useViewStateObject, viewKey } from './common/viewState';

/** Tab labels; every label goes through Flex strings later so a customer can rename them. */
export const TAB_LABELS: Readonly<Record<TabId, string>> = {
  now: 'Now',
  overview: 'Overview',
  queues: 'Queues',
  agents: 'Agents & teams',
  conversations: 'Conversations',
  myStats: 'My stats',
  export: 'Export',
  settings: 'Settings',
};

export interface InsightsViewProps {
  readonly access: Access;
  /** What each tab shows; a tab without its panel yet says it is loading. */
  readonly panels?: Partial<Record<TabId, React.ReactNode>>;
  /** Beside the heading, whatever tab is open (the history line). */
  readonly aside?: React.ReactNode;
  /** Above the tabs, whatever tab is open (the alert strip). */
  readonly top?: React.ReactNode;
}

/** The open tab and how far the page was scrolled, kept while a conversation is open. */
const OPEN_TAB = viewKey<TabId | undefined>('tab', undefined);
const SCROLL_TOP = viewKey<number>('scrollTop', 0);

/**
 * The Insights view: only the tabs the user's roles allow; only the open tab is rendered.
 * It fills its box exactly (Flex's view area): everything scrolls inside it, so nothing
 * of it is cut off below the window. The open tab and the scroll position are kept in the
 * view state, so the view comes back as it was left (Back from a conversation).
 */
export function InsightsView({ access, panels = {}, aside, top }: InsightsViewProps): React.ReactElement {
  const [openTab, setOpenTab] = useViewState(OPEN_TAB);
  const view = useViewStateObject();
  const first = openTab !== undefined && access.tabs.includes(openTab) ? openTab : access.tabs[0];
  const tabs = useTabState({ baseId: 'supervisor-insights-tabs', selectedId: `tab-${first}` });
  const selected = access.tabs.find((t) => tabs.selectedId === `tab-${t}`);
  React.useEffect(() => {
    if (selected !== undefined && selected !== openTab) setOpenTab(selected);
  }, [selected, openTab, setOpenTab]);
  const scroller = React.useRef<HTMLDivElement>(null);
  // Back to where the page was: after the first render, when the open tab has drawn.
  React.useLayoutEffect(() => {
    const el = scroller.current;
    const top = view?.get(SCROLL_TOP) ?? 0;
    if (el && top > 0) el.scrollTop = top;
  }, [view]);
  const onScroll = React.useCallback((e: React.UIEvent<HTMLDivElement>) => view?.set(SCROLL_TOP, e.currentTarget.scrollTop), [view]);
  if (access.tabs.length === 0) {
    return (
      <Box padding="space60">
        <Heading as="h2" variant="heading20">
          Insights
        </Heading>
        <Text as="p">Your roles do not include any Insights view. Ask an administrator for access.</Text>
      </Box>
    );
  }
  return (
    <Box ref={scroller} onScroll={onScroll} padding="space60" overflowY="auto" height="100%" boxSizing="border-box" data-insights-scroll="">
      {/* One line for the heading and the history line: the room goes to the tab. */}
      <Box display="flex" flexWrap="wrap" alignItems="center" columnGap="space60" marginBottom="space20">
        <Heading as="h2" variant="heading20" marginBottom="space0">
          Insights
        </Heading>
        {aside}
      </Box>
      {top}
      <Tabs state={tabs}>
        <TabList aria-label="Insights tabs">
          {access.tabs.map((t) => (
            <Tab key={t} id={`tab-${t}`}>
              {TAB_LABELS[t]}
            </Tab>
          ))}
        </TabList>
        <TabPanels>
          {access.tabs.map((t) => (
            // A hidden tab computes nothing: its selectors run only while it is open.
            <TabPanel key={t}>
              {/* A tab without its panel yet: live data is still opening. */}
              {tabs.selectedId === `tab-${t}` ? (panels[t] ?? <Text as="p" role="status">Loading…</Text>) : null}
            </TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    </Box>
  );
}
