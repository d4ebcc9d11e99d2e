import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import type { SettingsProblem } from '../../core';
import { Section } from './sectionParts';
import { newKey, type ChannelRow } from './settingsDraft';

export interface PlatformsSectionProps {
  readonly platformDefault: string;
  readonly onDefault: (name: string) => void;
  readonly channels: readonly ChannelRow[];
  readonly onChannels: (rows: readonly ChannelRow[]) => void;
  readonly problems?: readonly SettingsProblem[];
}

/** TaskRouter channel → platform, and the platform of every other channel. */
export function PlatformsSection({ platformDefault, onDefault, channels, onChannels, problems }: PlatformsSectionProps): React.ReactElement {
  const set = (i: number, patch: Partial<ChannelRow>) => onChannels(channels.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Section id="settings-platforms" title="Platforms" problems={problems}>
      <Box maxWidth="size40">
        <Label htmlFor="settings-platform-default">Platform of any other channel</Label>
        <Input id="settings-platform-default" type="text" value={platformDefault} onChange={(e) => onDefault(e.target.value)} />
      </Box>
      <Table>
        <THead>
          <Tr>
            <Th>TaskRouter channel</Th>
            <Th>Platform</Th>
            <Th>
              <ScreenReaderOnly>Remove</ScreenReaderOnly>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {channels.map((row, i) => (
            <Tr key={row.key}>
              <Td>
                <ScreenReaderOnly>
                  <Label htmlFor={`ch-${row.key}-channel`}>Channel {i + 1}</Label>
                </ScreenReaderOnly>
                <Input id={`ch-${row.key}-channel`} type="text" value={row.channel} onChange={(e) => set(i, { channel: e.target.value })} />
              </Td>
              <Td>
                <ScreenReaderOnly>
                  <Label htmlFor={`ch-${row.key}-platform`}>Platform of channel {row.channel || i + 1}</Label>
                </ScreenReaderOnly>
                <Input id={`ch-${row.key}-platform`} type="text" value={row.platform} onChange={(e) => set(i, { platform: e.target.value })} />
              </Td>
              <Td>
                <Button variant="destructive_secondary" size="small" aria-label={`Remove channel ${row.channel || i + 1}`} onClick={() => onChannels(channels.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Box>
        <Button variant="secondary" onClick={() => onChannels([...channels, { key: newKey(), channel: '', platform: '' }])}>
          Add channel
        </Button>
      </Box>
    </Section>
  );
}
