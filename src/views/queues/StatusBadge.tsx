import * as React from 'react';
import { Badge } from '@twilio-paste/core/badge';
import { ErrorIcon } from '@twilio-paste/icons/cjs/ErrorIcon';
import { SuccessIcon } from '@twilio-paste/icons/cjs/SuccessIcon';
import { WarningIcon } from '@twilio-paste/icons/cjs/WarningIcon';
import { useStrings, type StringKey } from '../common';
import type { TileStatus } from './queuesTab.selectors';

export const STATUS_LABELS: Readonly<Record<TileStatus, StringKey>> = {
  green: 'SupervisorInsightsStatusGreen',
  amber: 'SupervisorInsightsStatusAmber',
  red: 'SupervisorInsightsStatusRed',
};

/** A figure's text colour by its status (the Queues tiles and the Now tab). */
export const STATUS_TEXT_COLOURS = { green: 'colorText', amber: 'colorTextWarningStrong', red: 'colorTextError' } as const;

const VARIANTS = { green: 'success', amber: 'warning', red: 'error' } as const;

/** A status in colour, icon and word, so it never relies on colour alone. */
export function StatusBadge({ status }: { status: TileStatus }): React.ReactElement {
  const t = useStrings();
  const Icon = status === 'red' ? ErrorIcon : status === 'amber' ? WarningIcon : SuccessIcon;
  return (
    <Badge as="span" variant={VARIANTS[status]}>
      <Icon decorative size="sizeIcon10" />
      {t(STATUS_LABELS[status])}
    </Badge>
  );
}
