import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Text } from '@twilio-paste/core/text';
import { useStrings } from '../common/StringsContext';

/** How long "Copied" stays after a copy. */
export const COPIED_MS = 2000;

type CopyState = 'idle' | 'copied' | 'unavailable';

/** The page's clipboard, when it has one (absent outside a secure context, or refused in some frames). */
function clipboardOf(): Pick<Clipboard, 'writeText'> | undefined {
  const clipboard = typeof navigator === 'undefined' ? undefined : (navigator.clipboard as Clipboard | undefined);
  return typeof clipboard?.writeText === 'function' ? clipboard : undefined;
}

/** Selects the sid's text, so the person can copy it by hand. */
function select(node: HTMLElement | null): void {
  const selection = typeof window === 'undefined' ? null : window.getSelection();
  if (!node || !selection) return;
  try {
    selection.selectAllChildren(node);
  } catch {
    // Nothing selected: the message still says what to do.
  }
}

/**
 * One identifier with a copy button: "Copied" when the clipboard took it; when there is no
 * clipboard, or it refuses, the sid is selected and a message says to copy it by hand.
 */
export function CopySid({ sid }: { sid: string }): React.ReactElement {
  const t = useStrings();
  const [state, setState] = React.useState<CopyState>('idle');
  const text = React.useRef<HTMLElement>(null);
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = React.useRef(true);
  React.useEffect(
    () => () => {
      alive.current = false;
      clearTimeout(timer.current);
    },
    [],
  );
  const show = (next: CopyState): void => {
    if (!alive.current) return;
    clearTimeout(timer.current);
    setState(next);
    if (next === 'copied') timer.current = setTimeout(() => alive.current && setState('idle'), COPIED_MS);
  };
  const copy = (): void => {
    const clipboard = clipboardOf();
    const unavailable = (): void => {
      select(text.current);
      show('unavailable');
    };
    if (!clipboard) return unavailable();
    clipboard.writeText(sid).then(() => show('copied'), unavailable);
  };
  return (
    <Box display="flex" alignItems="center" columnGap="space30" flexWrap="wrap">
      <Text as="span" ref={text} fontFamily="fontFamilyCode" wordBreak="break-all">
        {sid}
      </Text>
      <Button variant="secondary" size="small" onClick={copy} aria-label={t('SupervisorInsightsCopyLabel', { sid })}>
        {t('SupervisorInsightsCopy')}
      </Button>
      <Text as="span" role="status" color={state === 'unavailable' ? 'colorTextWarning' : 'colorTextSuccess'} fontSize="fontSize20">
        {state === 'copied' ? t('SupervisorInsightsCopied') : state === 'unavailable' ? t('SupervisorInsightsCopyUnavailable') : ''}
      </Text>
    </Box>
  );
}
