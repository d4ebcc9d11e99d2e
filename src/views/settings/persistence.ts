/**
 * How the Settings tab saves: through a `SettingsSaver` the host gives it (in Flex, the
 * Settings function `POST /insights-settings`; see `src/flex/settingsSaver.ts`). No saver
 * means no function is configured: the tab says so and still exports the settings.
 */
import type { SavedStamp, Settings, SettingsProblem } from '../../core';

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly stored: Readonly<Record<string, unknown>>; readonly saved: SavedStamp }
  /** Someone saved after this copy was loaded (409): nothing was written. */
  | { readonly kind: 'stale'; readonly message: string; readonly current?: SavedStamp }
  /** Not saved: why, and the problems by field when the function named them. */
  | { readonly kind: 'refused'; readonly message: string; readonly problems?: readonly SettingsProblem[] };

export interface SettingsSaver {
  /** Saves a whole checked value made on `baseVersion`; resolves with the outcome, never rejects. */
  save(settings: Settings, baseVersion: number): Promise<SaveOutcome>;
}
