/**
 * What the conversation screen's header says, in the view's words: the facts (CS, ISS,
 * support types, platform, start with its zone, duration, outcome, transfers) and the
 * identifiers an investigation quotes (seed 004, priority 6), grouped by kind.
 */
import { OTHER_AGENTS, identifierOf, type ConversationDetail, type IdentifierKind } from '../../core';
import type { StringKey, Translate } from '../common/strings';
import { OUTCOME_LABELS } from '../conversations';
import { formatDateTime, formatDuration, listOrNone } from './format';

/** The header's facts, in order: `[label, value]`. */
export function headerFacts(detail: ConversationDetail, t: Translate, timeZone?: string): [string, string][] {
  const agents = detail.agentNames.map((name) => (name === OTHER_AGENTS ? t('SupervisorInsightsOtherAgents') : name));
  return [
    [t('SupervisorInsightsCustomer'), detail.customerName ?? t('SupervisorInsightsUnknownCustomer')],
    [t('SupervisorInsightsAgent'), listOrNone(agents, t('SupervisorInsightsNone'))],
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
const GROUP_ORDER: readonly StringKey[] = [
  'SupervisorInsightsConversationId',
  'SupervisorInsightsTaskSids',
  'SupervisorInsightsReservationSids',
  'SupervisorInsightsChatSids',
  'SupervisorInsightsCallSids',
];

/**
 * The identifiers of a conversation, by kind: its id (the conversation key, often a call
 * or task sid), its task sids, then whatever reservation, chat (`CH…`) and call sids the
 * detail carries (`sids`) and its chat transcripts name. Edge cases: a sid is listed once,
 * under the first group that has it (the id is not repeated below it); text in `sids`
 * that is not a sid of a known kind (a conversation id of the customer's own) is left
 * out; empty groups are left out.
 */
export function identifierGroupsOf(detail: ConversationDetail): IdentifierGroup[] {
  const groups = new Map<StringKey, string[]>(GROUP_ORDER.map((k) => [k, []]));
  const seen = new Set<string>();
  const add = (key: StringKey, sid: string): void => {
    if (sid === '' || seen.has(sid)) return;
    seen.add(sid);
    groups.get(key)?.push(sid);
  };
  add('SupervisorInsightsConversationId', detail.id);
  for (const sid of detail.taskSids) add('SupervisorInsightsTaskSids', sid);
  const transcripts = [detail.media, ...detail.segments.map((s) => s.media)]
    .flatMap((m) => m?.items ?? [])
    .flatMap((item) => (item.type === 'ChatTranscript' ? [item.sid] : []));
  for (const text of [...detail.sids, ...transcripts]) {
    const id = identifierOf(text);
    if (id) add(GROUP_OF[id.kind], id.sid);
  }
  return GROUP_ORDER.flatMap((label) => {
    const sids = groups.get(label) ?? [];
    return sids.length === 0 ? [] : [{ label, sids }];
  });
}
