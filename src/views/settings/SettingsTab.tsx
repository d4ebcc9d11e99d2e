import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { HelpText } from '@twilio-paste/core/help-text';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { parseSettingsJson, settingsJson, type SavedStamp, type Settings, type SettingsFunctionUrls, type SettingsProblem } from '../../core';
import type { InsightsStore } from '../../store';
import { downloadFile } from '../common';
import { AlertRulesSection } from './AlertRulesSection';
import { GeneralSection, knownTimeZones } from './GeneralSection';
import { PlatformsSection } from './PlatformsSection';
import type { SaveOutcome, SettingsSaver } from './persistence';
import { RulesSection } from './RulesSection';
import { selectKnownQueues } from './knownQueues';
import { checkDraft, describeProblem, draftOf, type Draft } from './settingsDraft';
import { SupportTypesSection } from './SupportTypesSection';
import { ThresholdsSection } from './ThresholdsSection';

export interface SettingsTabProps {
  /** The settings in force when the tab opens. */
  readonly settings: Settings;
  /** Their stamp: a save is made on this version. */
  readonly saved: SavedStamp;
  /** Saves through the Settings function; absent when none is configured. */
  readonly saver?: SettingsSaver;
  /** The session's store: the queues it has seen feed the support-type preview. */
  readonly store?: InsightsStore;
  /** Called with the stored value after a save that took effect, so the session uses it at once. */
  readonly onSaved?: (stored: Readonly<Record<string, unknown>>) => void;
  /** IANA zones offered (default: the browser's). */
  readonly zones?: readonly string[];
  /** Where the Settings function is now and would be after a save: a history URL that loses it is refused. */
  readonly functionUrls?: SettingsFunctionUrls;
  /** The history URL built into the plugin (an empty one falls back to it). */
  readonly bundledHistoryUrl?: string;
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | SaveOutcome
  | { readonly kind: 'imported'; readonly name: string }
  | { readonly kind: 'importFailed'; readonly name: string; readonly problems: readonly SettingsProblem[] };

const NO_QUEUES: readonly string[] = [];
const GENERAL_FIELDS = ['serviceLevelSec', 'shortAbandonSec', 'timeZone', 'historyUrl'] as const;

// A keystroke redraws only the section it edits (the zone list alone is hundreds of options).
const Rules = React.memo(RulesSection);
const SupportTypes = React.memo(SupportTypesSection);
const Platforms = React.memo(PlatformsSection);
const Thresholds = React.memo(ThresholdsSection);
const AlertRules = React.memo(AlertRulesSection);
const General = React.memo(GeneralSection);

function useKnownQueues(store: InsightsStore | undefined): readonly string[] {
  const fallback = React.useMemo(
    () => ({ getState: () => undefined, subscribe: () => () => undefined }) as unknown as InsightsStore,
    [],
  );
  const queues = useStore(store ?? fallback, (s) => (s ? selectKnownQueues(s) : NO_QUEUES));
  return queues;
}

/** A file's text (FileReader: every browser the plugin supports, and test DOMs, have it). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

function downloadJson(fileName: string, text: string): void {
  downloadFile(fileName, [text], 'application/json;charset=utf-8');
}

/** The admin's settings, in sections, saved whole through the Settings function. */
export function SettingsTab({ settings, saved, saver, store, onSaved, zones, functionUrls, bundledHistoryUrl }: SettingsTabProps): React.ReactElement {
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(settings));
  const [inForce, setInForce] = React.useState<{ settings: Settings; saved: SavedStamp }>({ settings, saved });
  const [status, setStatus] = React.useState<Status>({ kind: 'idle' });
  const queues = useKnownQueues(store);
  const zoneList = React.useMemo(() => zones ?? knownTimeZones(), [zones]);
  const checked = React.useMemo(() => checkDraft(draft, queues, functionUrls), [draft, queues, functionUrls]);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const statusNow = React.useRef(status);
  statusNow.current = status;
  const edit = React.useCallback((patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    const kind = statusNow.current.kind;
    if (kind !== 'saving' && kind !== 'idle') setStatus({ kind: 'idle' });
  }, []);
  // One stable callback per field, so the memoised sections see the same props until their own part changes.
  const on = React.useMemo(
    () => ({
      rules: (rules: Draft['rules']) => edit({ rules }),
      supportTypes: (supportTypes: Draft['supportTypes']) => edit({ supportTypes }),
      platformDefault: (platformDefault: string) => edit({ platformDefault }),
      channels: (channels: Draft['channels']) => edit({ channels }),
      thresholds: (thresholds: Draft['thresholds']) => edit({ thresholds }),
      typeThresholds: (typeThresholds: Draft['typeThresholds']) => edit({ typeThresholds }),
      alertRules: (alertRules: Draft['alertRules']) => edit({ alertRules }),
      general: (patch: Partial<Pick<Draft, 'serviceLevelSec' | 'shortAbandonSec' | 'timeZone' | 'historyUrl'>>) => edit(patch),
    }),
    [edit],
  );

  const save = async () => {
    if (!saver || !checked.check.ok) return;
    const value = checked.check.settings;
    setStatus({ kind: 'saving' });
    const outcome = await saver.save(value, inForce.saved.version);
    if (!mounted.current) return;
    setStatus(outcome);
    if (outcome.kind === 'saved') {
      setInForce({ settings: value, saved: outcome.saved });
      onSaved?.(outcome.stored);
    }
  };

  const importFile = async (file: File) => {
    let text: string;
    try {
      text = await readText(file);
    } catch (err) {
      if (mounted.current) setStatus({ kind: 'importFailed', name: file.name, problems: [{ field: 'settings', message: err instanceof Error ? err.message : String(err) }] });
      return;
    }
    const result = parseSettingsJson(text, { queues });
    if (!mounted.current) return;
    if (result.ok) {
      setDraft(draftOf(result.settings));
      setStatus({ kind: 'imported', name: file.name });
    } else setStatus({ kind: 'importFailed', name: file.name, problems: result.problems });
  };

  const p = checked.byField;
  // Each check makes new objects: sections get the same ones while their content is the same.
  const mapKey = JSON.stringify(checked.supportTypes);
  const map = React.useMemo(() => checked.supportTypes, [mapKey]);
  const generalKey = JSON.stringify(GENERAL_FIELDS.map((f) => p.get(f) ?? []));
  const generalProblems = React.useMemo(() => p, [generalKey]);
  // The same names keep the same list: a pattern edit changes no type.
  const typesKey = draft.supportTypes
    .map((r) => r.type.trim())
    .filter((t) => t !== '')
    .join('\n');
  const types = React.useMemo(() => (typesKey === '' ? [] : typesKey.split('\n')), [typesKey]);
  const platforms = React.useMemo(
    () => [...new Set([draft.platformDefault, ...draft.channels.map((c) => c.platform)].map((x) => x.trim()).filter((x) => x !== ''))],
    [draft.platformDefault, draft.channels],
  );
  const problemCount = checked.check.ok ? 0 : checked.check.problems.length;
  return (
    <Box display="flex" flexDirection="column" rowGap="space60" paddingTop="space40" maxWidth="size100">
      <SavedLine saved={inForce.saved} />
      <Rules rows={draft.rules} onRows={on.rules} />
      <SupportTypes
        rows={draft.supportTypes}
        onRows={on.supportTypes}
        map={map}
        queues={queues}
        problems={p.get('supportTypes')}
      />
      <Platforms
        platformDefault={draft.platformDefault}
        onDefault={on.platformDefault}
        channels={draft.channels}
        onChannels={on.channels}
        problems={p.get('platforms')}
      />
      <Thresholds
        general={draft.thresholds}
        onGeneral={on.thresholds}
        rows={draft.typeThresholds}
        onRows={on.typeThresholds}
        types={types}
        problems={p.get('thresholds')}
      />
      <AlertRules rows={draft.alertRules} onRows={on.alertRules} types={types} platforms={platforms} problems={p.get('alertRules')} />
      <General
        serviceLevelSec={draft.serviceLevelSec}
        shortAbandonSec={draft.shortAbandonSec}
        timeZone={draft.timeZone}
        historyUrl={draft.historyUrl}
        onChange={on.general}
        zones={zoneList}
        problems={generalProblems}
        bundledHistoryUrl={bundledHistoryUrl}
        functionUrls={functionUrls}
      />
      {(p.get('settings') ?? []).map((x) => (
        <HelpText key={x.field + x.message} variant="error">
          {describeProblem(x)}
        </HelpText>
      ))}
      <Box as="section" aria-label="Save and files" display="flex" flexDirection="column" rowGap="space30">
        <Box display="flex" columnGap="space30" alignItems="center" flexWrap="wrap">
          <Button variant="primary" disabled={!saver || !checked.check.ok || status.kind === 'saving'} onClick={() => void save()}>
            Save
          </Button>
          <Button variant="secondary" onClick={() => downloadJson('supervisor-insights-settings.json', settingsJson(inForce.settings, inForce.saved))}>
            Export JSON
          </Button>
          <Button variant="secondary" onClick={() => fileInput.current?.click()}>
            Import JSON
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            aria-label="Settings file to import"
            style={{ display: 'none' }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </Box>
        {!saver ? (
          <HelpText variant="error">
            Saving needs the Settings function (serverless/, POST /insights-settings) beside the history function: set historyUrl or settingsUrl in
            flex-plugin.config.js. Export still works.
          </HelpText>
        ) : !checked.check.ok ? (
          <HelpText variant="error">
            {problemCount === 1 ? 'Fix the problem above to save.' : `Fix the ${problemCount} problems above to save.`} Nothing is saved until every
            section is valid.
          </HelpText>
        ) : null}
        <StatusLine status={status} />
        <Text as="p" color="colorTextWeak">
          A save applies at once in this session. Other open sessions take it when Insights next starts there (a reload of Flex).
        </Text>
      </Box>
    </Box>
  );
}

function SavedLine({ saved }: { readonly saved: SavedStamp }): React.ReactElement {
  return (
    <Text as="p" color="colorTextWeak">
      {saved.version === 0
        ? 'These are the bundled settings: none has been saved in this Flex account yet.'
        : `Version ${saved.version}, saved${saved.savedBy ? ` by ${saved.savedBy}` : ''}${saved.savedAt ? ` at ${saved.savedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}.`}
    </Text>
  );
}

function StatusLine({ status }: { readonly status: Status }): React.ReactElement | null {
  switch (status.kind) {
    case 'idle':
      return null;
    case 'saving':
      return (
        <Text as="p" role="status">
          Saving…
        </Text>
      );
    case 'saved':
      return (
        <Text as="p" role="status" color="colorTextSuccess">
          Saved (version {status.saved.version}). In force in this session now.
        </Text>
      );
    case 'stale':
      return (
        <HelpText variant="error" role="alert">
          Not saved: {status.message}
        </HelpText>
      );
    case 'refused':
      return (
        <Box role="alert">
          <HelpText variant="error">Not saved: {status.message}</HelpText>
          {(status.problems ?? []).map((x) => (
            <HelpText key={x.field + x.message} variant="error">
              {x.field}: {x.message}
            </HelpText>
          ))}
        </Box>
      );
    case 'imported':
      return (
        <Text as="p" role="status">
          Imported {status.name}: review the sections, then Save.
        </Text>
      );
    case 'importFailed':
      return (
        <Box role="alert">
          <HelpText variant="error">Not imported: {status.name} is not a valid settings file.</HelpText>
          {status.problems.map((x) => (
            <HelpText key={x.field + x.message} variant="error">
              {x.field}: {x.message}
            </HelpText>
          ))}
        </Box>
      );
  }
}
