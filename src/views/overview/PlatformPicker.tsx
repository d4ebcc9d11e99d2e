import * as React from 'react';
import { Radio, RadioGroup } from '@twilio-paste/core/radio-group';
import { useStrings } from '../common';
import { ALL_PLATFORMS, SIDE_BY_SIDE, type PlatformChoice } from './overviewTab.selectors';

export interface PlatformPickerProps {
  readonly id: string;
  /** The configured platforms, in config order. */
  readonly platforms: readonly string[];
  readonly choice: PlatformChoice;
  readonly onChange: (choice: PlatformChoice) => void;
}

const ALL = 'all';
const SIDE = 'sideBySide';
const valueOf = (c: PlatformChoice): string => (c.mode === 'one' ? `platform:${c.platform}` : c.mode === 'all' ? ALL : SIDE);

/** All platforms, one of them, or each side by side with the total. */
export function PlatformPicker({ id, platforms, choice, onChange }: PlatformPickerProps): React.ReactElement {
  const t = useStrings();
  const change = (value: string): void => {
    if (value === ALL) onChange(ALL_PLATFORMS);
    else if (value === SIDE) onChange(SIDE_BY_SIDE);
    else onChange({ mode: 'one', platform: value.slice('platform:'.length) });
  };
  return (
    <RadioGroup name={`${id}-platform`} legend={t('SupervisorInsightsPlatform')} orientation="horizontal" value={valueOf(choice)} onChange={change}>
      <Radio id={`${id}-platform-all`} value={ALL}>
        {t('SupervisorInsightsAllPlatforms')}
      </Radio>
      {platforms.map((p, i) => (
        <Radio key={p} id={`${id}-platform-${i}`} value={`platform:${p}`}>
          {p}
        </Radio>
      ))}
      {platforms.length > 1 ? (
        <Radio id={`${id}-platform-side`} value={SIDE}>
          {t('SupervisorInsightsSideBySide')}
        </Radio>
      ) : null}
    </RadioGroup>
  );
}
