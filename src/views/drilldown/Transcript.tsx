import * as React from 'react';
import { Anchor } from '@twilio-paste/core/anchor';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Text } from '@twilio-paste/core/text';
import { maskingOf, type Access } from '../../core';
import { formatTime } from './format';
import {
  TRANSCRIPT_PAGE_SIZE,
  TRANSCRIPT_STEP,
  clampSkip,
  loadErrorText,
  messageWindow,
  shownMessage,
  type MessagePage,
  type ShownMessage,
  type TranscriptClient,
} from './transcriptModel';

export interface TranscriptProps {
  /** The conversation (`CH…`) sid. */
  readonly sid: string;
  /** The Conversations client; absent when Flex has none (the screen then says so). */
  readonly client?: TranscriptClient;
  readonly timeZone?: string;
  /** Whose transcript view this is: authors, bodies and labels are masked for it before they render. */
  readonly access: Access;
}

interface TranscriptState {
  readonly status: 'loading' | 'ready' | 'error';
  /** Every message loaded so far, oldest first, as shown (masked when loaded). */
  readonly messages: readonly ShownMessage[];
  /** The oldest page loaded: where "Load earlier messages" continues. */
  readonly page?: MessagePage;
  /** How many of the newest loaded messages are outside the rendered window. */
  readonly skip: number;
  readonly error?: string;
  readonly loadingEarlier: boolean;
  readonly earlierError?: string;
}

const LOADING: TranscriptState = { status: 'loading', messages: [], skip: 0, loadingEarlier: false };

export const NO_CLIENT_TEXT = 'The transcript cannot be loaded: the Conversations client is not available.';

function Attachments({ message }: { message: ShownMessage }): React.ReactElement | null {
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
              {`${a.label} not opened (${a.reason}): ${a.text}`}
            </Text>
          )}
        </Box>
      ))}
    </Box>
  );
}

function MessageItemView({ message, timeZone }: { message: ShownMessage; timeZone?: string }): React.ReactElement {
  return (
    <Box as="li" paddingY="space30" borderBottomStyle="solid" borderBottomWidth="borderWidth10" borderBottomColor="colorBorderWeaker">
      <Text as="p" fontWeight="fontWeightSemibold">
        {message.author ?? 'Unknown author'}
        {message.dateCreated ? (
          <Text as="span" fontWeight="fontWeightNormal" color="colorTextWeak">
            {` · ${formatTime(message.dateCreated.getTime(), timeZone)}`}
          </Text>
        ) : null}
      </Text>
      {/* Message bodies are untrusted: always a text node, never markup. */}
      <Text as="p" whiteSpace="pre-wrap" wordBreak="break-word">
        {message.body ?? ''}
      </Text>
      <Attachments message={message} />
    </Box>
  );
}

// Messages never change once loaded: moving the window renders only the ones that enter it.
const MessageItem = React.memo(MessageItemView);

/** A chat transcript, loaded page by page through the Conversations SDK; only a window of it is rendered. */
export function Transcript({ sid, client, timeZone, access }: TranscriptProps): React.ReactElement {
  const [state, setState] = React.useState<TranscriptState>(LOADING);
  const masking = React.useMemo(() => maskingOf(access), [access]);
  // Results of a load for another sid, or after unmount, are dropped.
  const generation = React.useRef(0);

  React.useEffect(() => {
    const mine = ++generation.current;
    if (!client) {
      setState({ ...LOADING, status: 'error', error: NO_CLIENT_TEXT });
      return undefined;
    }
    setState(LOADING);
    (async () => {
      try {
        const conversation = await client.getConversationBySid(sid);
        const page = await conversation.getMessages(TRANSCRIPT_PAGE_SIZE);
        if (generation.current !== mine) return;
        setState({ status: 'ready', messages: page.items.map((m) => shownMessage(masking, m)), page, skip: 0, loadingEarlier: false });
      } catch (error) {
        if (generation.current !== mine) return;
        setState({ ...LOADING, status: 'error', error: loadErrorText(error) });
      }
    })();
    return () => {
      generation.current++;
    };
  }, [sid, client, masking]);

  const loadEarlier = React.useCallback(() => {
    const page = state.page;
    if (!page || !page.hasPrevPage || state.loadingEarlier) return;
    const mine = generation.current;
    setState((s) => ({ ...s, loadingEarlier: true, earlierError: undefined }));
    page.prevPage().then(
      (prev) => {
        if (generation.current !== mine) return;
        setState((s) => {
          const messages = [...prev.items.map((m) => shownMessage(masking, m)), ...s.messages];
          // Move the window back over the messages just loaded.
          return { ...s, messages, page: prev, skip: clampSkip(messages.length, s.skip + prev.items.length), loadingEarlier: false };
        });
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        setState((s) => ({ ...s, loadingEarlier: false, earlierError: loadErrorText(error) }));
      },
    );
  }, [state.page, state.loadingEarlier, masking]);

  if (state.status === 'loading') return <Text as="p">Loading the transcript…</Text>;
  if (state.status === 'error') {
    return (
      <Text as="p" color="colorTextError">
        {state.error}
      </Text>
    );
  }

  const loaded = state.messages.length;
  const canLoadEarlier = state.page?.hasPrevPage === true;
  if (loaded === 0 && !canLoadEarlier) return <Text as="p">No messages</Text>;

  const win = messageWindow(loaded, state.skip);
  const shown = state.messages.slice(win.start, win.end);
  return (
    <Box as="section" aria-label="Chat transcript">
      <Box display="flex" columnGap="space30" alignItems="center" marginBottom="space30">
        {win.start > 0 ? (
          <Button variant="secondary" size="small" onClick={() => setState((s) => ({ ...s, skip: clampSkip(s.messages.length, s.skip + TRANSCRIPT_STEP) }))}>
            Show earlier messages
          </Button>
        ) : canLoadEarlier ? (
          <Button variant="secondary" size="small" disabled={state.loadingEarlier} onClick={loadEarlier}>
            Load earlier messages
          </Button>
        ) : null}
        <Text as="span" color="colorTextWeak">
          {state.loadingEarlier
            ? 'Loading earlier messages…'
            : loaded === 0
              ? 'No messages in this page'
              : `Messages ${win.start + 1}–${win.end} of ${loaded} loaded`}
        </Text>
      </Box>
      {state.earlierError ? (
        <Text as="p" color="colorTextError">
          {state.earlierError}
        </Text>
      ) : null}
      <Box as="ol" aria-label="Messages" margin="space0" padding="space0" listStyleType="none">
        {shown.map((m) => (
          <MessageItem key={m.sid} message={m} timeZone={timeZone} />
        ))}
      </Box>
      {state.skip > 0 ? (
        <Box marginTop="space30">
          <Button variant="secondary" size="small" onClick={() => setState((s) => ({ ...s, skip: Math.max(0, s.skip - TRANSCRIPT_STEP) }))}>
            Show later messages
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
