/**
 * The bundle entry: what `functions/insights-history.js` loads from
 * `assets/insights-history-handler.private.js` (built by `npm run build:serverless`).
 */
import pluginConfig from '../../flex-plugin.config.js';
import { createHistoryHandler, type HistoryHandlerDeps } from './historyHandler';
import { allowedOriginsOf } from './origins';
import { lastRetryAfterSec, twilioWorkspace } from './taskRouter';

export { DEFAULT_HISTORY_OPTIONS, FLEX_ORIGIN, createHistoryHandler, methodOf } from './historyHandler';
export type { HistoryHandler, HistoryHandlerDeps, HistoryHandlerOptions, HistoryResponse, RequestMeta } from './historyHandler';
export { lastRetryAfterSec, parseRetryAfter, toEventResource, twilioWorkspace } from './taskRouter';
export type { EventLike, EventPageLike, EventPageParams, WorkerLike, WorkspaceLike } from './taskRouter';

/** What a Twilio Function's `context` holds that the handler needs. */
export interface FunctionContext {
  readonly ACCOUNT_SID?: string;
  readonly AUTH_TOKEN?: string;
  readonly TWILIO_WORKSPACE_SID?: string;
  /** Comma-separated origins allowed to read answers; unset: Flex's own (`https://flex.twilio.com`). */
  readonly ALLOWED_ORIGINS?: string;
  getTwilioClient(): { taskrouter: { v1: { workspaces(sid: string): unknown } } };
}

export { allowedOriginsOf } from './origins';

/**
 * The handler for a Function's context: TaskRouter through the context's client, cursors
 * signed with its auth token, the plugin's own configuration. Throws with what to set
 * when the context lacks a variable.
 */
export function historyHandlerFor(context: FunctionContext, validateToken: HistoryHandlerDeps['validateToken']) {
  const missing = (['ACCOUNT_SID', 'AUTH_TOKEN', 'TWILIO_WORKSPACE_SID'] as const).filter((k) => !context[k]);
  if (missing.length > 0) {
    throw new Error(`set ${missing.join(', ')} in the Function's environment (see serverless/.env.example)`);
  }
  const workspaceSid = context.TWILIO_WORKSPACE_SID as string;
  const client = context.getTwilioClient();
  return createHistoryHandler({
    validateToken,
    workspace: twilioWorkspace(client, workspaceSid),
    workspaceSid,
    cursorSecret: context.AUTH_TOKEN as string,
    retryAfterSecOf: () => lastRetryAfterSec(client),
    config: pluginConfig,
    options: {
      allowedOrigins: allowedOriginsOf(context.ALLOWED_ORIGINS),
    },
  });
}
