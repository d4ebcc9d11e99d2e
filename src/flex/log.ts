/** The prefix of everything the plugin logs inside Flex, so its lines are easy to find. */
export const LOG_PREFIX = '[supervisor-insights]';
