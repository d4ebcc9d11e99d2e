import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { HelpText } from '@twilio-paste/core/help-text';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { Select, Option } from '@twilio-paste/core/select';
import type { SettingsField, SettingsFunctionUrls, SettingsProblem } from '../../core';
import { Section } from './sectionParts';

export interface GeneralSectionProps {
  readonly serviceLevelSec: string;
  readonly shortAbandonSec: string;
  readonly timeZone: string;
  readonly historyUrl: string;
  readonly onChange: (patch: Partial<Record<'serviceLevelSec' | 'shortAbandonSec' | 'timeZone' | 'historyUrl', string>>) => void;
  /** IANA zones to pick from. */
  readonly zones: readonly string[];
  readonly problems: ReadonlyMap<SettingsField | 'settings', readonly SettingsProblem[]>;
  /** The history URL built into the plugin, which an empty one falls back to. */
  readonly bundledHistoryUrl?: string;
  /** Where the Settings function is now and would be with the URL typed. */
  readonly functionUrls?: SettingsFunctionUrls;
}

/**
 * What the history URL field does, as it is: an empty one brings back the plugin's own
 * (not "no history" when the plugin was built with one), and a URL that moves the
 * Settings function says where saves will go.
 */
export function historyHelpOf(historyUrl: string, bundledHistoryUrl?: string, urls?: SettingsFunctionUrls): string {
  const empty = bundledHistoryUrl ? `Empty: the plugin's own (${bundledHistoryUrl}) applies; history cannot be switched off here.` : 'Empty: no history, live data only.';
  const after = urls?.after(historyUrl);
  const moves = urls?.now !== undefined && after !== undefined && after !== urls.now ? ` Once saved, settings are saved through ${after}.` : '';
  return `POST …/insights-history of the serverless service; the Settings function is found beside it unless the plugin names its own. ${empty}${moves}`;
}

/** The zones this browser knows (`Intl.supportedValuesOf`), UTC first; a short list where it has none. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : ['Europe/London', 'America/New_York', 'Australia/Sydney'];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

function problemText(problems: GeneralSectionProps['problems'], field: SettingsField): string | undefined {
  const list = problems.get(field);
  return list && list.length > 0 ? list.map((p) => p.message).join(' ') : undefined;
}

/** Service level and short abandon seconds, the time zone, the history function's URL. */
export function GeneralSection({ serviceLevelSec, shortAbandonSec, timeZone, historyUrl, onChange, zones, problems, bundledHistoryUrl, functionUrls }: GeneralSectionProps): React.ReactElement {
  const field = (id: SettingsField, label: string, value: string, help: string, input: React.ReactElement) => {
    const error = problemText(problems, id);
    return (
      <Box maxWidth="size50">
        <Label htmlFor={`settings-${id}`}>{label}</Label>
        {React.cloneElement(input, { id: `settings-${id}`, value, hasError: error !== undefined, 'aria-describedby': `settings-${id}-help` })}
        <HelpText id={`settings-${id}-help`} variant={error ? 'error' : 'default'}>
          {error ?? help}
        </HelpText>
      </Box>
    );
  };
  // Hundreds of zones: drawn once per list, not on every keystroke in another field.
  const zoneOptions = React.useMemo(
    () =>
      (zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
        <Option key={z} value={z}>
          {z}
        </Option>
      )),
    [zones, timeZone],
  );
  return (
    <Section id="settings-general" title="Service level, time zone and history">
      {field(
        'serviceLevelSec',
        'Service level target (seconds)',
        serviceLevelSec,
        'A contact accepted within this many seconds meets the service level.',
        <Input type="text" inputMode="numeric" onChange={(e) => onChange({ serviceLevelSec: e.target.value })} />,
      )}
      {field(
        'shortAbandonSec',
        'Short abandon (seconds)',
        shortAbandonSec,
        'A customer who leaves within this many seconds is left out of the service level.',
        <Input type="text" inputMode="numeric" onChange={(e) => onChange({ shortAbandonSec: e.target.value })} />,
      )}
      {field(
        'timeZone',
        'Time zone',
        timeZone,
        'Days, weeks and months are counted in this zone.',
        <Select onChange={(e) => onChange({ timeZone: e.target.value })}>{zoneOptions}</Select>,
      )}
      {field(
        'historyUrl',
        'History function URL',
        historyUrl,
        historyHelpOf(historyUrl, bundledHistoryUrl, functionUrls),
        <Input type="text" onChange={(e) => onChange({ historyUrl: e.target.value })} />,
      )}
    </Section>
  );
}
