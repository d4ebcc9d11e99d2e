export { ConversationScreen } from './ConversationScreen';
export type { ConversationScreenProps } from './ConversationScreen';
export { EMBED_SANDBOX, MediaView } from './MediaView';
export type { MediaViewProps } from './MediaView';
export { Transcript } from './Transcript';
export type { TranscriptProps } from './Transcript';
export { TRANSCRIPT_PAGE_SIZE, TRANSCRIPT_STEP, TRANSCRIPT_WINDOW } from './transcriptModel';
export { shownMessage } from './transcriptModel';
export type { MessagePage, ShownMessage, TranscriptClient, TranscriptConversation, TranscriptMessage } from './transcriptModel';
