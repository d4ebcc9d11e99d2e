import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import type { Access, SavedStamp, Settings, SettingsFunctionUrls, Tab } from '../core';
import { selectConversationDetail, type AlertStore, type InsightsState, type InsightsStore } from '../store';

const STRING_LOADING = 'Loading…';
import { AlertStrip } from './alerts';
import { ConversationsTab } from './conversations';
import { ConversationScreen, type TranscriptClient } from './drilldown';
import type { ConversationLookup, DrillDownState, RemoteConversation } from './drillDownState';
import { InsightsView } from './InsightsView';
import { AgentsTab } from './agents';
import { StringsProvider, ViewState, ViewStateProvider, useStrings, type Strings } from './common';
import { formatDayTimeZone } from './common/format';
import { ExportTab, type ExportEventsLoader } from './export';
import { MyStatsTab } from './mystats';
import { NowTab } from './now';
import { OverviewTab } from './overview';
import { QueuesTab } from './queues';
import { SettingsTab, type SettingsSaver } from './settings';
import { HistoryProgress } from './common/HistoryProgress';

export interface LiveHandle {
  readonly store: InsightsStore;
  /** The session's live alerts (sessions that see dashboards and have rules). */
  readonly alerts?: AlertStore;
  /** Looks up a conversation the live data does not hold (absent without history). */
  readonly lookup?: ConversationLookup;
  /** The events of a span for the Export tab (roles with export, with history only). */
  readonly exportEvents?: ExportEventsLoader;
  stop(): void;
}

export interface InsightsRootProps {
  readonly access: Access;
  /** Opens live data when the view mounts; `stop` runs when it unmounts. */
  readonly connect: () => LiveHandle;
  /** The conversation being drilled into, shared with the Flex action. */
  readonly drillDown?: DrillDownState;
  /**
   * What the person set in the view (tab, period, search, filters, scroll), kept while a
   * conversation is open; the registration's, so it lasts the Flex session (one per mount without it).
   */
  readonly viewState?: ViewState;
  /** Opens a conversation through the Flex drill-down action. */
  readonly onOpenConversation?: (conversationId: string) => void;
  readonly conversationsClient?: TranscriptClient;
  /** The zone before live data opens; then the one in force in the live store's config (a save may change it). */
  readonly timeZone?: string;
  /** Flex's strings (`manager.strings`): every label is a template a customer can rename. */
  readonly strings?: Strings;
  /** The admin's Settings tab: the settings in force, how to save them, and what a save changes in the session. */
  readonly settings?: {
    /** The settings in force now and their stamp (read when the tab opens: a save may have changed them). */
    current(): { readonly settings: Settings; readonly saved: SavedStamp };
    readonly saver?: SettingsSaver;
    /** Applies a saved value in this session; the live store is the open view's. */
    readonly onSaved?: (stored: Readonly<Record<string, unknown>>, store: LiveHandle['store'] | undefined) => void;
    /** Where the Settings function is now and would be after a save. */
    readonly functionUrls?: SettingsFunctionUrls;
    /** The history URL built into the plugin. */
    readonly bundledHistoryUrl?: string;
  };
}

const NO_STORE = { getState: () => undefined, subscribe: () => () => undefined } as unknown as InsightsStore;

/** The time zone in force: the live store's config once open (a saved change applies at once), else the one given. */
function useZoneInForce(live: LiveHandle | undefined, given: string | undefined): string | undefined {
  const zone = useStore(live?.store ?? NO_STORE, (s: InsightsState | undefined) => s?.config.timeZone);
  return zone ?? given;
}

/**
 * The Settings tab with the settings in force when it opens: read at its mount, not at this
 * view's last render (a save since then changed them; the next save is made on its version).
 */
function SettingsPanel({ settings, store }: { readonly settings: NonNullable<InsightsRootProps['settings']>; readonly store?: InsightsStore }): React.ReactElement {
  const [current] = React.useState(() => settings.current());
  const onSaved = settings.onSaved;
  return (
    <SettingsTab
      settings={current.settings}
      saved={current.saved}
      saver={settings.saver}
      store={store}
      onSaved={onSaved ? (stored) => onSaved(stored, store) : undefined}
      functionUrls={settings.functionUrls}
      bundledHistoryUrl={settings.bundledHistoryUrl}
    />
  );
}

function useDrillDown(drillDown: DrillDownState | undefined): void {
  const [, rerender] = React.useState(0);
  React.useEffect(() => drillDown?.subscribe(() => rerender((n) => n + 1)), [drillDown]);
}

/** What the screen says while a conversation is looked up, or why it cannot be shown. */
function lookupText(t: ReturnType<typeof useStrings>, remote: RemoteConversation | undefined, timeZone: string | undefined): string {
  switch (remote?.status) {
    case undefined:
    case 'found':
      return t('SupervisorInsightsLookupSearching');
    case 'searching':
      return remote.searchedBackTo === undefined
        ? t('SupervisorInsightsLookupSearching')
        : t('SupervisorInsightsLookupSearchedBack', { date: formatDayTimeZone(remote.searchedBackTo, timeZone) });
    case 'forbidden':
      return t('SupervisorInsightsLookupForbidden');
    case 'not_found':
      return t('SupervisorInsightsLookupNotFound', { id: remote.sid });
    case 'unavailable':
      return t('SupervisorInsightsLookupUnavailable');
    case 'error':
      return t('SupervisorInsightsLookupFailed', { error: remote.message });
  }
}

interface DrillDownPaneProps {
  readonly drillDown: DrillDownState;
  readonly conversationId: string;
  readonly store: InsightsStore;
  readonly access: Access;
  readonly conversationsClient?: TranscriptClient;
  readonly timeZone?: string;
}

/**
 * The conversation being drilled into: the live data's while it holds it (redrawn with each
 * batch, so the screen follows the conversation as it goes on), else the history lookup's.
 */
function DrillDownPane({ drillDown, conversationId, store, access, conversationsClient, timeZone }: DrillDownPaneProps): React.ReactElement {
  const t = useStrings();
  const version = useStore(store, (s) => s.version);
  const live = React.useMemo(() => {
    const state = store.getState();
    return selectConversationDetail(state, conversationId) ?? (drillDown.lookupSid ? selectConversationDetail(state, drillDown.lookupSid) : undefined);
  }, [store, conversationId, drillDown.lookupSid, version]);
  const remote = drillDown.remote;
  React.useEffect(() => {
    if (!live) drillDown.startLookup();
  }, [live, drillDown, conversationId]);
  const detail = live ?? (remote?.status === 'found' ? remote.detail : undefined);
  if (detail) {
    return (
      <Box padding="space60" height="100%" overflowY="auto">
        <ConversationScreen detail={detail} conversationsClient={conversationsClient} onBack={() => drillDown.close()} timeZone={timeZone} access={access} />
      </Box>
    );
  }
  const failed = remote !== undefined && remote.status !== 'searching';
  return (
    <Box padding="space60">
      <Text as="p" role={failed ? 'alert' : 'status'}>
        {lookupText(t, remote, timeZone)}
      </Text>
      <Box marginTop="space40">
        <Button variant="secondary" onClick={() => drillDown.close()}>
          {t('SupervisorInsightsLookupBack')}
        </Button>
      </Box>
    </Box>
  );
}

/** The Insights view with live data for as long as it is mounted, and the drill-down screen. */
export function InsightsRoot(props: InsightsRootProps): React.ReactElement {
  const { access, connect, drillDown, onOpenConversation, conversationsClient, settings, strings } = props;
  const [ownViewState] = React.useState(() => new ViewState());
  const viewState = props.viewState ?? ownViewState;
  const [live, setLive] = React.useState<LiveHandle | undefined>(undefined);
  const timeZone = useZoneInForce(live, props.timeZone);
  React.useEffect(() => {
    const handle = connect();
    setLive(handle);
    if (drillDown) {
      drillDown.store = handle.store;
      drillDown.lookup = handle.lookup;
    }
    return () => {
      if (drillDown?.store === handle.store) {
        drillDown.store = undefined;
        drillDown.lookup = undefined;
      }
      handle.stop();
    };
  }, [connect, drillDown]);
  useDrillDown(drillDown);
  const wrap = (node: React.ReactElement): React.ReactElement => (
    <StringsProvider strings={strings}>
      <ViewStateProvider view={viewState}>{node}</ViewStateProvider>
    </StringsProvider>
  );
  if (drillDown?.conversationId) {
    return wrap(
      live ? (
        <DrillDownPane
          drillDown={drillDown}
          conversationId={drillDown.conversationId}
          store={live.store}
          access={access}
          conversationsClient={conversationsClient}
          timeZone={timeZone}
        />
      ) : (
        <Box padding="space60">
          <Text as="p" role="status">
            {STRING_LOADING}
          </Text>
        </Box>
      ),
    );
  }
  const panels: Partial<Record<Tab, React.ReactNode>> = {};
  if (live) {
    const tab = { store: live.store, access, timeZone };
    panels.now = <NowTab {...tab} />;
    panels.overview = <OverviewTab {...tab} />;
    panels.queues = <QueuesTab {...tab} />;
    panels.agents = <AgentsTab {...tab} />;
    panels.myStats = <MyStatsTab {...tab} />;
    if (access.mayExport) panels.export = <ExportTab {...tab} exportEvents={live.exportEvents} />;
    if (onOpenConversation) panels.conversations = <ConversationsTab {...tab} onOpen={onOpenConversation} />;
  }
  if (settings) panels.settings = <SettingsPanel settings={settings} store={live?.store} />;
  // Above the tabs and inside the view's one scroll area, so the view is exactly its box's height.
  const top = (
    <>
      {drillDown?.refused ? (
        <Box paddingTop="space40" role="alert">
          <Text as="p">
            Not opened: {drillDown.refused.reason}. The link was: <Text as="span" fontFamily="fontFamilyCode">{drillDown.refused.text}</Text>
          </Text>
        </Box>
      ) : null}
      {live?.alerts ? <AlertStrip alerts={live.alerts} store={live.store} timeZone={timeZone} /> : null}
    </>
  );
  return wrap(<InsightsView access={access} panels={panels} aside={live ? <HistoryProgress store={live.store} /> : null} top={top} />);
}
