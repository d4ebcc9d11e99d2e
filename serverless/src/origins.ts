import { FLEX_ORIGIN } from './http';

/** The origins of `ALLOWED_ORIGINS` (comma-separated); unset or empty: Flex's own only. */
export function allowedOriginsOf(setting: string | undefined): string[] {
  const origins = (setting ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  return origins.length > 0 ? origins : [FLEX_ORIGIN];
}
