import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import type { Access, DrillDownRule, Tab } from '../core';
import { selectConversationDetail, type InsightsStore } from '../store';
import { ConversationsPanel } from './conversations/ConversationsPanel';
import { ConversationScreen, type TranscriptClient } from './drilldown';
import type { DrillDownState } from './drillDownState';
import { InsightsView } from './InsightsView';
import { figureOf } from './figures';
import { SettingsTab, type RulesPersistence } from './settings';

export interface LiveHandle {
  readonly store: InsightsStore;
  stop(): void;
}

export interface InsightsRootProps {
  readonly access: Access;
  /** Opens live data when the view mounts; `stop` runs when it unmounts. */
  readonly connect: () => LiveHandle;
  /** The conversation being drilled into, shared with the Flex action. */
  readonly drillDown?: DrillDownState;
  /** Opens a conversation through the Flex drill-down action. */
  readonly onOpenConversation?: (conversationId: string) => void;
  readonly conversationsClient?: TranscriptClient;
  readonly timeZone?: string;
  /** The admin's drill-down rules editor (the Settings tab). */
  readonly settings?: {
    readonly rules: readonly DrillDownRule[];
    readonly persistence: RulesPersistence;
    readonly onChange?: (rules: DrillDownRule[]) => void;
  };
}

function useDrillDown(drillDown: DrillDownState | undefined): void {
  const [, rerender] = React.useState(0);
  React.useEffect(() => drillDown?.subscribe(() => rerender((n) => n + 1)), [drillDown]);
}

function FigureCard({ tab, store }: { tab: Tab; store: InsightsStore }): React.ReactElement {
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

/** The Insights view with live data for as long as it is mounted, and the drill-down screen. */
export function InsightsRoot(props: InsightsRootProps): React.ReactElement {
  const { access, connect, drillDown, onOpenConversation, conversationsClient, timeZone, settings } = props;
  const [live, setLive] = React.useState<LiveHandle | undefined>(undefined);
  React.useEffect(() => {
    const handle = connect();
    setLive(handle);
    if (drillDown) drillDown.store = handle.store;
    return () => {
      if (drillDown?.store === handle.store) drillDown.store = undefined;
      handle.stop();
    };
  }, [connect, drillDown]);
  useDrillDown(drillDown);
  const version = live ? live.store.getState().version : 0;
  const detail = React.useMemo(
    () => (live && drillDown?.conversationId ? selectConversationDetail(live.store.getState(), drillDown.conversationId) : undefined),
    [live, drillDown?.conversationId, version],
  );
  if (drillDown?.conversationId) {
    return detail ? (
      <Box padding="space60" height="100%" overflowY="auto">
        <ConversationScreen detail={detail} conversationsClient={conversationsClient} onBack={() => drillDown.close()} timeZone={timeZone} />
      </Box>
    ) : (
      <Box padding="space60">
        <Text as="p">That conversation is not in the data loaded here.</Text>
        <button type="button" onClick={() => drillDown.close()}>
          Back to Insights
        </button>
      </Box>
    );
  }
  const panels: Partial<Record<Tab, React.ReactNode>> = {};
  if (live) {
    for (const tab of access.tabs) panels[tab] = <FigureCard tab={tab} store={live.store} />;
    if (onOpenConversation) panels.conversations = <ConversationsPanel store={live.store} onOpen={onOpenConversation} />;
  }
  if (settings) panels.settings = <SettingsTab rules={settings.rules} persistence={settings.persistence} onChange={settings.onChange} />;
  return (
    <>
      {drillDown?.refused ? (
        <Box paddingX="space60" paddingTop="space40" role="alert">
          <Text as="p">
            Not opened: {drillDown.refused.reason}. The link was: <Text as="span" fontFamily="fontFamilyCode">{drillDown.refused.text}</Text>
          </Text>
        </Box>
      ) : null}
      <InsightsView access={access} panels={panels} />
    </>
  );
}
