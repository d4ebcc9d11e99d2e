/**
 * The Settings tab's saver in Flex: `POST` to the Settings function with the user's Flex
 * token (`{ Token, baseVersion, settings }`), its answer read into a `SaveOutcome`. A
 * network failure or an answer that is not the function's is `refused` with what
 * happened; the function's own words are shown as they come.
 */
import type { SavedStamp, SettingsError, SettingsSaved } from '../core';
import type { SaveOutcome, SettingsSaver } from '../views/settings';

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; redirect: 'error'; credentials: 'omit' }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function settingsSaverOf(url: string, token: () => string | undefined, fetchImpl: FetchLike = (u, i) => fetch(u, i)): SettingsSaver {
  return {
    async save(settings, baseVersion): Promise<SaveOutcome> {
      const Token = token();
      if (!Token) return { kind: 'refused', message: 'there is no Flex token in this session to prove who is saving' };
      let status: number;
      let body: unknown;
      try {
        const res = await fetchImpl(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ Token, baseVersion, settings }),
          redirect: 'error',
          credentials: 'omit',
        });
        status = res.status;
        body = await res.json().catch(() => undefined);
      } catch (error) {
        return { kind: 'refused', message: `the Settings function could not be reached (${error instanceof Error ? error.message : String(error)})` };
      }
      if (status === 200 && isRecord(body) && isRecord(body.stored) && isRecord(body.saved)) {
        const ok = body as unknown as SettingsSaved;
        return { kind: 'saved', stored: ok.stored, saved: ok.saved as SavedStamp };
      }
      const error = isRecord(body) && isRecord(body.error) ? (body as unknown as SettingsError).error : undefined;
      if (!error) return { kind: 'refused', message: `the Settings function answered ${status} without saying why` };
      if (error.code === 'stale') return { kind: 'stale', message: error.message, current: error.current };
      return { kind: 'refused', message: error.message, problems: error.problems };
    },
  };
}
