/**
 * The signed-in user as the roles module needs them, read from Flex: roles, worker sid and
 * team. Read again whenever it matters (Flex may update roles and worker attributes during
 * a session), never kept.
 */
import type * as Flex from '@twilio/flex-ui';
import { NO_TEAM, teamOf, type User } from '../core';

/** The user as the roles module needs them: Flex roles, worker sid and team. */
export function userOf(manager: Flex.Manager): User {
  const worker = manager.workerClient;
  const attributes = (worker?.attributes ?? undefined) as Record<string, unknown> | undefined;
  const team = teamOf(attributes);
  return {
    roles: manager.user?.roles ?? [],
    workerSid: worker?.sid,
    team: team === NO_TEAM ? undefined : team,
  };
}
