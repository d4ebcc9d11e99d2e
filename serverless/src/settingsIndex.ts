/**
 * The Settings bundle's entry: what `functions/insights-settings.js` loads from
 * `assets/insights-settings-handler.private.js` (built by `npm run build:serverless`).
 */
import { allowedOriginsOf } from './origins';
import { createSettingsHandler, twilioFlexConfiguration, type SettingsHandlerDeps } from './settingsHandler';

export { createSettingsHandler, twilioFlexConfiguration } from './settingsHandler';
export type { FlexConfigurationLike, SettingsHandler, SettingsHandlerDeps, SettingsResponse } from './settingsHandler';

/** What a Twilio Function's `context` holds that the handler needs. */
export interface SettingsFunctionContext {
  readonly ACCOUNT_SID?: string;
  readonly AUTH_TOKEN?: string;
  /** Comma-separated origins allowed to read answers; unset: Flex's own (`https://flex.twilio.com`). */
  readonly ALLOWED_ORIGINS?: string;
  getTwilioClient(): { flexApi: { v1: { configuration(): unknown } } };
}

/**
 * The handler for a Function's context: the Flex Configuration through the context's
 * client. Throws with what to set when the context lacks a variable.
 */
export function settingsHandlerFor(context: SettingsFunctionContext, validateToken: SettingsHandlerDeps['validateToken']) {
  const missing = (['ACCOUNT_SID', 'AUTH_TOKEN'] as const).filter((k) => !context[k]);
  if (missing.length > 0) throw new Error(`set ${missing.join(', ')} in the Function's environment (see serverless/.env.example)`);
  return createSettingsHandler({
    validateToken,
    configuration: twilioFlexConfiguration(context.getTwilioClient()),
    accountSid: context.ACCOUNT_SID as string,
    allowedOrigins: allowedOriginsOf(context.ALLOWED_ORIGINS),
  });
}
