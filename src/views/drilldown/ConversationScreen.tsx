import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Heading } from '@twilio-paste/core/heading';
import { Tab, TabList, TabPanel, TabPanels, Tabs, useTabState } from '@twilio-paste/core/tabs';
import { Text } from '@twilio-paste/core/text';
import type { Access, ConversationDetail, ResolvedMedia } from '../../core';
import { formatDateTime, formatDuration, listOrNone, mediaLabel, segmentSummary } from './format';
import { MediaView } from './MediaView';
import type { TranscriptClient } from './transcriptModel';

export interface ConversationScreenProps {
  readonly detail: ConversationDetail;
  /** The Conversations SDK client for chat transcripts; absent, the transcript says so. */
  readonly conversationsClient?: TranscriptClient;
  readonly onBack: () => void;
  /** IANA zone for the times shown; the browser's when absent. */
  readonly timeZone?: string;
  /** Whose screen this is: the detail came masked for it, the transcript is masked for it. */
  readonly access: Access;
}

function headerFacts(detail: ConversationDetail, timeZone?: string): [string, string][] {
  return [
    ['Agents', listOrNone(detail.agentNames, 'No agent')],
    ['Support types', listOrNone(detail.supportTypes, 'None')],
    ['Platform', detail.platform],
    ['Started', formatDateTime(detail.start, timeZone)],
    ['Duration', formatDuration(detail.durationSec)],
    ['Outcome', detail.outcome],
  ];
}

function Media({ media, client, timeZone, access }: { media: ResolvedMedia; client?: TranscriptClient; timeZone?: string; access: Access }): React.ReactElement {
  const tabs = useTabState({ baseId: 'drilldown-media' });
  const { items } = media;
  let body: React.ReactNode;
  if (items.length === 0) body = <Text as="p">No media for this conversation.</Text>;
  else if (items.length === 1) body = <MediaView item={items[0]} index={0} conversationsClient={client} timeZone={timeZone} access={access} />;
  else {
    body = (
      <Tabs state={tabs}>
        <TabList aria-label="Media">
          {items.map((item, i) => (
            <Tab key={item.position} id={`drilldown-media-${i}`}>
              {mediaLabel(item, i)}
            </Tab>
          ))}
        </TabList>
        <TabPanels>
          {items.map((item, i) => (
            // Only the open item is mounted: one iframe, one player, one transcript load at a time.
            <TabPanel key={item.position}>
              {tabs.selectedId === `drilldown-media-${i}` ? <MediaView item={item} index={i} conversationsClient={client} timeZone={timeZone} access={access} /> : null}
            </TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    );
  }
  return (
    <Box as="section" aria-label="Media" marginTop="space60">
      <Heading as="h3" variant="heading40">
        Media
      </Heading>
      {body}
      {media.problems.length > 0 ? (
        <Box marginTop="space40">
          <Text as="p" color="colorTextWeak" fontSize="fontSize20">
            Some media entries could not be shown:
          </Text>
          <Box as="ul" margin="space0" paddingLeft="space60">
            {media.problems.map((p, i) => (
              <Text as="li" key={i} color="colorTextWeak" fontSize="fontSize20">
                {p}
              </Text>
            ))}
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}

/** The drill-down of one conversation: who and what, the timeline of segments, and its media. */
export function ConversationScreen({ detail, conversationsClient, onBack, timeZone, access }: ConversationScreenProps): React.ReactElement {
  return (
    <Box padding="space60" overflowY="auto" height="100%">
      <Button variant="link" onClick={onBack}>
        Back to Insights
      </Button>
      <Heading as="h2" variant="heading20">
        {detail.customerName ?? 'Unknown customer'}
      </Heading>
      <Box as="dl" display="grid" gridTemplateColumns="max-content 1fr" columnGap="space40" rowGap="space20" margin="space0">
        {headerFacts(detail, timeZone).map(([term, value]) => (
          <React.Fragment key={term}>
            <Text as="dt" fontWeight="fontWeightSemibold">
              {term}
            </Text>
            <Text as="dd" margin="space0">
              {value}
            </Text>
          </React.Fragment>
        ))}
      </Box>
      <Box as="section" aria-label="Timeline" marginTop="space60">
        <Heading as="h3" variant="heading40">
          Timeline
        </Heading>
        <Box as="ol" margin="space0" paddingLeft="space60">
          {detail.segments.map((s, i) => (
            <Text as="li" key={`${s.taskSid}-${s.kind}-${i}`}>
              {segmentSummary(s, timeZone)}
            </Text>
          ))}
        </Box>
      </Box>
      <Media key={detail.id} media={detail.media} client={conversationsClient} timeZone={timeZone} access={access} />
    </Box>
  );
}
