import * as React from 'react';
import { Anchor } from '@twilio-paste/core/anchor';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Text } from '@twilio-paste/core/text';
import { LOG_PREFIX, maskingOf, type Access } from '../../core';
import { useStrings } from '../common/StringsContext';
import { formatTime } from './format';
import {
  TRANSCRIPT_PAGE_SIZE,
  TRANSCRIPT_STEP,
  authorLabels,
  clampSkip,
  messageWindow,
  rolesOnly,
  shownMessage,
  transcriptProblemOf,
  transcriptProblemText,
  type MessagePage,
  type ShownMessage,
  type TranscriptClient,
  type TranscriptMessage,
  type TranscriptPeople,
} from './transcriptModel';

/** The screen's sentence for a failed load; the SDK's own text of a failure goes to the console. */
function problemShown(error: unknown, t: Parameters<typeof transcriptProblemText>[1]): string {
  const problem = transcriptProblemOf(error);
  if (problem.kind === 'failed') console.warn(`${LOG_PREFIX} transcript: ${problem.detail ?? 'failed without a message'}`);
  return transcriptProblemText(problem, t);
}

export interface TranscriptProps {
  /** The conversation (`CH…`) sid. */
  readonly sid: string;
  /** The Conversations client; absent when Flex has none (the screen then says so). */
  readonly client?: TranscriptClient;
  readonly timeZone?: string;
  /** Whose transcript view this is: authors, bodies and labels are masked for it before they render. */
  readonly access: Access;
  /** Who the screen knows in this conversation, to show authors as people; absent, authors read as roles. */
  readonly people?: TranscriptPeople;
}

interface TranscriptState {
  readonly status: 'loading' | 'ready' | 'error';
  /** Every message loaded so far, oldest first, as the SDK gave them (masked as the window renders them). */
  readonly messages: readonly TranscriptMessage[];
  /** The oldest page loaded: where "Load earlier messages" continues. */
  readonly page?: MessagePage;
  /** How many of the newest loaded messages are outside the rendered window. */
  readonly skip: number;
  /** Why the transcript could not be loaded: the sentence shown. */
  readonly error?: string;
  readonly loadingEarlier: boolean;
  readonly earlierError?: string;
}

const LOADING: TranscriptState = { status: 'loading', messages: [], skip: 0, loadingEarlier: false };

function Attachments({ message }: { message: ShownMessage }): React.ReactElement | null {
  const t = useStrings();
  const attachments = message.attachments;
  if (attachments.length === 0) return null;
  return (
    <Box as="ul" margin="space0" paddingLeft="space60">
      {attachments.map((a, i) => (
        <Box as="li" key={i}>
          {a.kind === 'link' ? (
            <Anchor href={a.url} target="_blank" rel="noopener noreferrer">
              {a.label}
            </Anchor>
          ) : (
            <Text as="span" color="colorTextWeak">
              {t('SupervisorInsightsAttachmentNotOpened', { label: a.label, reason: a.reason, text: a.text })}
            </Text>
          )}
        </Box>
      ))}
    </Box>
  );
}

function MessageItemView({ message, timeZone }: { message: ShownMessage; timeZone?: string }): React.ReactElement {
  const { by } = message;
  const after = `${by.roleLabel ? ` (${by.roleLabel})` : ''}${message.dateCreated ? ` · ${formatTime(message.dateCreated.getTime(), timeZone)}` : ''}`;
  return (
    <Box as="li" paddingY="space30" borderBottomStyle="solid" borderBottomWidth="borderWidth10" borderBottomColor="colorBorderWeaker">
      <Text as="p" fontWeight="fontWeightSemibold">
        {/* The masked identity on hover: two ISS the screen cannot name still read apart. A plain span: a long chat renders hundreds. */}
        <span title={message.author ?? undefined}>{by.label}</span>
        {after === '' ? null : (
          <Text as="span" fontWeight="fontWeightNormal" color="colorTextWeak">
            {after}
          </Text>
        )}
      </Text>
      {/* Message bodies are untrusted: always a text node, never markup. */}
      <Text as="p" whiteSpace="pre-wrap" wordBreak="break-word">
        {message.body ?? ''}
      </Text>
      <Attachments message={message} />
    </Box>
  );
}

// A shown message does not change while masking and people stay: moving the window renders only the ones that enter it.
const MessageItem = React.memo(MessageItemView);

/** A chat transcript, loaded page by page through the Conversations SDK; only a window of it is rendered. */
export function Transcript({ sid, client, timeZone, access, people }: TranscriptProps): React.ReactElement {
  const t = useStrings();
  const [state, setState] = React.useState<TranscriptState>(LOADING);
  const masking = React.useMemo(() => maskingOf(access), [access]);
  const known = React.useMemo(() => people ?? rolesOnly(authorLabels(t)), [people, t]);
  // Each message is masked and named once per masking and people, when it first enters the window.
  const shownOf = React.useMemo(() => {
    const cache = new WeakMap<TranscriptMessage, ShownMessage>();
    return (m: TranscriptMessage): ShownMessage => {
      let shown = cache.get(m);
      if (!shown) cache.set(m, (shown = shownMessage(masking, m, known)));
      return shown;
    };
  }, [masking, known]);
  // Results of a load for another sid, or after unmount, are dropped.
  const generation = React.useRef(0);

  React.useEffect(() => {
    const mine = ++generation.current;
    if (!client) {
      setState({ ...LOADING, status: 'error', error: t('SupervisorInsightsTranscriptNoClient') });
      return undefined;
    }
    setState(LOADING);
    (async () => {
      try {
        const conversation = await client.getConversationBySid(sid);
        const page = await conversation.getMessages(TRANSCRIPT_PAGE_SIZE);
        if (generation.current !== mine) return;
        setState({ status: 'ready', messages: page.items, page, skip: 0, loadingEarlier: false });
      } catch (error) {
        if (generation.current !== mine) return;
        setState({ ...LOADING, status: 'error', error: problemShown(error, t) });
      }
    })();
    return () => {
      generation.current++;
    };
  }, [sid, client, t]);

  const loadEarlier = React.useCallback(() => {
    const page = state.page;
    if (!page || !page.hasPrevPage || state.loadingEarlier) return;
    const mine = generation.current;
    setState((s) => ({ ...s, loadingEarlier: true, earlierError: undefined }));
    page.prevPage().then(
      (prev) => {
        if (generation.current !== mine) return;
        setState((s) => {
          const messages = [...prev.items, ...s.messages];
          // Move the window back over the messages just loaded.
          return { ...s, messages, page: prev, skip: clampSkip(messages.length, s.skip + prev.items.length), loadingEarlier: false };
        });
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        setState((s) => ({ ...s, loadingEarlier: false, earlierError: problemShown(error, t) }));
      },
    );
  }, [state.page, state.loadingEarlier, t]);

  if (state.status === 'loading') return <Text as="p">{t('SupervisorInsightsTranscriptLoading')}</Text>;
  if (state.status === 'error') {
    return (
      <Text as="p" color="colorTextError">
        {state.error}
      </Text>
    );
  }

  const loaded = state.messages.length;
  const canLoadEarlier = state.page?.hasPrevPage === true;
  if (loaded === 0 && !canLoadEarlier) return <Text as="p">{t('SupervisorInsightsNoMessages')}</Text>;

  const win = messageWindow(loaded, state.skip);
  const shown = state.messages.slice(win.start, win.end).map(shownOf);
  return (
    <Box as="section" aria-label={t('SupervisorInsightsTranscript')}>
      <Box display="flex" columnGap="space30" alignItems="center" marginBottom="space30">
        {win.start > 0 ? (
          <Button variant="secondary" size="small" onClick={() => setState((s) => ({ ...s, skip: clampSkip(s.messages.length, s.skip + TRANSCRIPT_STEP) }))}>
            {t('SupervisorInsightsShowEarlier')}
          </Button>
        ) : canLoadEarlier ? (
          <Button variant="secondary" size="small" disabled={state.loadingEarlier} onClick={loadEarlier}>
            {t('SupervisorInsightsLoadEarlier')}
          </Button>
        ) : null}
        <Text as="span" color="colorTextWeak">
          {state.loadingEarlier
            ? t('SupervisorInsightsLoadingEarlier')
            : loaded === 0
              ? t('SupervisorInsightsNoMessagesInPage')
              : t('SupervisorInsightsMessagesShown', { from: win.start + 1, to: win.end, loaded })}
        </Text>
      </Box>
      {state.earlierError ? (
        <Text as="p" color="colorTextError">
          {state.earlierError}
        </Text>
      ) : null}
      <Box as="ol" aria-label={t('SupervisorInsightsMessages')} margin="space0" padding="space0" listStyleType="none">
        {shown.map((m) => (
          <MessageItem key={m.sid} message={m} timeZone={timeZone} />
        ))}
      </Box>
      {state.skip > 0 ? (
        <Box marginTop="space30">
          <Button variant="secondary" size="small" onClick={() => setState((s) => ({ ...s, skip: Math.max(0, s.skip - TRANSCRIPT_STEP) }))}>
            {t('SupervisorInsightsShowLater')}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
