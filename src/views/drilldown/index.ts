export { ConversationScreen } from './ConversationScreen';
export type { ConversationScreenProps } from './ConversationScreen';
export { COPIED_MS, CopySid } from './CopySid';
export { EMBED_SANDBOX, MediaView } from './MediaView';
export type { MediaViewProps } from './MediaView';
export { headerFacts, identifierGroupsOf } from './screenModel';
export type { IdentifierGroup } from './screenModel';
export { Transcript } from './Transcript';
export type { TranscriptProps } from './Transcript';
export { TRANSCRIPT_PAGE_SIZE, TRANSCRIPT_STEP, TRANSCRIPT_WINDOW } from './transcriptModel';
export { authorLabels, authorOf, rolesOnly, samePeople, shownMessage, transcriptPeopleOf, transcriptProblemOf, transcriptProblemText } from './transcriptModel';
export type {
  AuthorLabels,
  AuthorRole,
  MessageAuthor,
  MessagePage,
  ShownMessage,
  TranscriptClient,
  TranscriptConversation,
  TranscriptMessage,
  TranscriptPeople,
  TranscriptProblem,
} from './transcriptModel';
