import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Heading } from '@twilio-paste/core/heading';
import { Tab, TabList, TabPanel, TabPanels, Tabs, useTabState } from '@twilio-paste/core/tabs';
import { Text } from '@twilio-paste/core/text';
import type { Access, ConversationDetail, ResolvedMedia } from '../../core';
import { useStrings } from '../common/StringsContext';
import { CopySid } from './CopySid';
import { mediaLabel, segmentSummary } from './format';
import { MediaView } from './MediaView';
import { headerFacts, identifierGroupsOf } from './screenModel';
import { authorLabels, samePeople, transcriptPeopleOf, type TranscriptClient, type TranscriptPeople } from './transcriptModel';

export interface ConversationScreenProps {
  readonly detail: ConversationDetail;
  /** The Conversations SDK client for chat transcripts; absent, the transcript says so. */
  readonly conversationsClient?: TranscriptClient;
  readonly onBack: () => void;
  /** IANA zone for the times shown; the browser's when absent. */
  readonly timeZone?: string;
  /** Whose screen this is: the detail came masked for it, the transcript is masked for it. */
  readonly access: Access;
  /**
   * Flex identities the host knows (a worker's `contact_uri` without `client:`) → the ISS's
   * name, so transcript authors read as people; without them an ISS the detail does not
   * name reads as the ISS label.
   */
  readonly agentIdentities?: ReadonlyMap<string, string>;
}

interface MediaProps {
  readonly media: ResolvedMedia;
  readonly client?: TranscriptClient;
  readonly timeZone?: string;
  readonly access: Access;
  readonly people: TranscriptPeople;
}

function Media({ media, client, timeZone, access, people }: MediaProps): React.ReactElement {
  const t = useStrings();
  const tabs = useTabState({ baseId: 'drilldown-media' });
  const { items } = media;
  const view = { conversationsClient: client, timeZone, access, people };
  let body: React.ReactNode;
  if (items.length === 0) body = <Text as="p">{t('SupervisorInsightsNoMedia')}</Text>;
  else if (items.length === 1) body = <MediaView item={items[0]} index={0} {...view} />;
  else {
    body = (
      <Tabs state={tabs}>
        <TabList aria-label={t('SupervisorInsightsMedia')}>
          {items.map((item, i) => (
            <Tab key={item.position} id={`drilldown-media-${i}`}>
              {mediaLabel(item, i, t)}
            </Tab>
          ))}
        </TabList>
        <TabPanels>
          {items.map((item, i) => (
            // Only the open item is mounted: one iframe, one player, one transcript load at a time.
            <TabPanel key={item.position}>{tabs.selectedId === `drilldown-media-${i}` ? <MediaView item={item} index={i} {...view} /> : null}</TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    );
  }
  return (
    <Box as="section" aria-label={t('SupervisorInsightsMedia')} marginTop="space60">
      <Heading as="h3" variant="heading40">
        {t('SupervisorInsightsMedia')}
      </Heading>
      {body}
      {media.problems.length > 0 ? (
        <Box marginTop="space40">
          <Text as="p" color="colorTextWeak" fontSize="fontSize20">
            {t('SupervisorInsightsMediaProblems')}
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

function Identifiers({ detail }: { detail: ConversationDetail }): React.ReactElement {
  const t = useStrings();
  const groups = React.useMemo(() => identifierGroupsOf(detail), [detail]);
  return (
    <Box as="section" aria-label={t('SupervisorInsightsIdentifiers')} marginTop="space60">
      <Heading as="h3" variant="heading40">
        {t('SupervisorInsightsIdentifiers')}
      </Heading>
      <Box as="dl" display="grid" gridTemplateColumns="max-content 1fr" columnGap="space40" rowGap="space20" margin="space0">
        {groups.map((g) => (
          <React.Fragment key={g.label}>
            <Text as="dt" fontWeight="fontWeightSemibold">
              {t(g.label)}
            </Text>
            <Box as="dd" margin="space0">
              {g.sids.map((sid) => (
                <CopySid key={sid} sid={sid} />
              ))}
            </Box>
          </React.Fragment>
        ))}
      </Box>
    </Box>
  );
}

/** The drill-down of one conversation: who and what, its identifiers, the timeline of segments, and its media. */
export function ConversationScreen({ detail, conversationsClient, onBack, timeZone, access, agentIdentities }: ConversationScreenProps): React.ReactElement {
  const t = useStrings();
  // The same object while a live update changes nobody: the transcript then renders nothing again.
  const latest = transcriptPeopleOf(detail, authorLabels(t), agentIdentities);
  const people = React.useRef(latest);
  if (!samePeople(people.current, latest)) people.current = latest;
  return (
    <Box padding="space60" overflowY="auto" height="100%">
      <Button variant="link" onClick={onBack}>
        {t('SupervisorInsightsBackToInsights')}
      </Button>
      <Heading as="h2" variant="heading20">
        {detail.customerName ?? t('SupervisorInsightsUnknownCustomer')}
      </Heading>
      <Box as="dl" display="grid" gridTemplateColumns="max-content 1fr" columnGap="space40" rowGap="space20" margin="space0">
        {headerFacts(detail, t, timeZone).map(([term, value]) => (
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
      <Identifiers detail={detail} />
      <Box as="section" aria-label={t('SupervisorInsightsTimeline')} marginTop="space60">
        <Heading as="h3" variant="heading40">
          {t('SupervisorInsightsTimeline')}
        </Heading>
        <Box as="ol" margin="space0" paddingLeft="space60">
          {detail.segments.map((s, i) => (
            <Text as="li" key={`${s.taskSid}-${s.kind}-${i}`}>
              {segmentSummary(s, t, timeZone)}
            </Text>
          ))}
        </Box>
      </Box>
      <Media key={detail.id} media={detail.media} client={conversationsClient} timeZone={timeZone} access={access} people={people.current} />
    </Box>
  );
}
