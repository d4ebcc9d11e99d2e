import * as React from 'react';
import { Anchor } from '@twilio-paste/core/anchor';
import { Box } from '@twilio-paste/core/box';
import { Text } from '@twilio-paste/core/text';
import type { Access, MediaItem } from '../../core';
import { useStrings } from '../common/StringsContext';
import { formatDateTime, mediaLabel } from './format';
import { Transcript } from './Transcript';
import type { TranscriptClient, TranscriptPeople } from './transcriptModel';

/**
 * The iframe may run the page's scripts and forms, but never as our origin
 * (no `allow-same-origin`) and never navigate Flex away (no `allow-top-navigation`).
 */
export const EMBED_SANDBOX = 'allow-scripts allow-forms allow-popups';

export interface MediaViewProps {
  readonly item: MediaItem;
  /** The item's place in the list, for a label when it has no title. */
  readonly index: number;
  readonly conversationsClient?: TranscriptClient;
  readonly timeZone?: string;
  /** Whose screen this is (the transcript masks contacts for it). */
  readonly access: Access;
  /** Who the screen knows in the conversation: the transcript names authors with it. */
  readonly people?: TranscriptPeople;
}

function ExternalLink({ url, children }: { url: string; children: string }): React.ReactElement {
  return (
    <Anchor href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </Anchor>
  );
}

/** One media item, each type in the one element it may use; a refused URL is plain text. */
export function MediaView({ item, index, conversationsClient, timeZone, access, people }: MediaViewProps): React.ReactElement {
  const t = useStrings();
  const label = mediaLabel(item, index, t);
  switch (item.type) {
    case 'Embedded':
      return (
        <Box borderStyle="solid" borderWidth="borderWidth10" borderColor="colorBorderWeak" height="size60">
          <iframe src={item.url} title={label} sandbox={EMBED_SANDBOX} referrerPolicy="no-referrer" width="100%" height="100%" style={{ border: 0 }} />
        </Box>
      );
    case 'Raw':
    case 'Referenced':
      return (
        <Text as="p">
          <ExternalLink url={item.url}>{label}</ExternalLink>
        </Text>
      );
    case 'Link':
      return (
        <Text as="p">
          <ExternalLink url={item.url}>{label}</ExternalLink>
          <Text as="span" color="colorTextWeak">{` (${item.declaredType})`}</Text>
        </Text>
      );
    case 'VoiceRecording': {
      const details = [
        item.startTime === undefined ? undefined : t('SupervisorInsightsRecordingStarts', { time: formatDateTime(item.startTime, timeZone) }),
        item.channels.length === 0 ? undefined : t('SupervisorInsightsRecordingChannels', { channels: item.channels.join(', ') }),
      ].filter((d): d is string => d !== undefined);
      return (
        <Box>
          {item.playable ? (
            <audio controls preload="none" src={item.url} aria-label={label} />
          ) : (
            <Text as="p">
              <ExternalLink url={item.url}>{label}</ExternalLink>
              <Text as="span" color="colorTextWeak">
                {` ${t('SupervisorInsightsRecordingNotPlayed')}`}
              </Text>
            </Text>
          )}
          {details.length > 0 ? (
            <Text as="p" color="colorTextWeak">
              {details.join(' · ')}
            </Text>
          ) : null}
        </Box>
      );
    }
    case 'ChatTranscript':
      return <Transcript sid={item.sid} client={conversationsClient} timeZone={timeZone} access={access} people={people} />;
    case 'Unsafe':
      return (
        <Box>
          <Text as="p" color="colorTextWeak">
            {t('SupervisorInsightsMediaNotOpened', { label, type: item.declaredType, reason: item.unsafe })}
          </Text>
          <Text as="p" fontFamily="fontFamilyCode" wordBreak="break-all">
            {item.text}
          </Text>
        </Box>
      );
  }
}
