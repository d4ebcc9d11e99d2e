/**
 * What the conversation screen's header says, in the view's words: the facts (CS, ISS,
 * support types, platform, start with its zone, duration, outcome, transfers) and the
 * identifiers an investigation quotes (seed 004, priority 6), grouped by kind.
 */
import { IDENTIFIER_KINDS, sidsByKind, type ConversationDetail, type IdentifierKind } from '../../core';
import type { StringKey, Translate } from '../common/strings';
import { OUTCOME_LABELS, issNames } from '../conversations';
import { formatDateTime, formatDuration, listOrNone } from './format';

/** The header's facts, in order: `[label, value]`. */
export function headerFacts(detail: ConversationDetail, t: Translate, timeZone?: string): [string, string][] {
  return [
    [t('SupervisorInsightsCustomer'), detail.customerName ?? t('SupervisorInsightsUnknownCustomer')],
    [t('SupervisorInsightsAgent'), listOrNone(issNames(detail.agentNames, t), t('SupervisorInsightsNone'))],
    [t('SupervisorInsightsSupportType'), listOrNone(detail.supportTypes.map((type) => t.supportType(type)), t('SupervisorInsightsNone'))],
    [t('SupervisorInsightsPlatform'), detail.platform],
    [t('SupervisorInsightsStart'), formatDateTime(detail.start, timeZone)],
    [t('SupervisorInsightsDuration'), formatDuration(detail.durationSec, t('SupervisorInsightsOngoing'))],
    [t('SupervisorInsightsOutcome'), t(OUTCOME_LABELS[detail.outcome])],
    [t('SupervisorInsightsTransfers'), String(detail.transfers)],
  ];
}

/** One kind of identifier on the screen: its label (a Flex string) and its sids, each once. */
export interface IdentifierGroup {
  readonly label: StringKey;
  readonly sids: readonly string[];
}

const GROUP_OF: Readonly<Record<IdentifierKind, StringKey>> = {
  task: 'SupervisorInsightsTaskSids',
  reservation: 'SupervisorInsightsReservationSids',
  conversation: 'SupervisorInsightsChatSids',
  call: 'SupervisorInsightsCallSids',
};

/**
 * The identifiers of a conversation, by kind: its id (the conversation key, often a call
 * or task sid), its task sids, then whatever reservation, chat (`CH…`) and call sids the
 * detail carries (`sids`) and its chat transcripts name. Edge cases: a sid is listed once,
 * under the first group that has it (the id is not repeated below it); text in `sids`
 * that is not a sid of a known kind (a conversation id of the customer's own) is left
 * out; empty groups are left out.
 */
export function identifierGroupsOf(detail: ConversationDetail): IdentifierGroup[] {
  const transcripts = [detail.media, ...detail.segments.map((s) => s.media)]
    .flatMap((m) => m?.items ?? [])
    .flatMap((item) => (item.type === 'ChatTranscript' ? [item.sid] : []));
  const byKind = sidsByKind(detail.id, detail.taskSids, [...detail.sids, ...transcripts]);
  const groups: IdentifierGroup[] = [
    { label: 'SupervisorInsightsConversationId', sids: detail.id === '' ? [] : [detail.id] },
    ...IDENTIFIER_KINDS.map((kind) => ({ label: GROUP_OF[kind], sids: byKind[kind] })),
  ];
  return groups.filter((g) => g.sids.length > 0);
}
