/** The prefix of every line the plugin logs, so a Flex admin can filter them. */
export const LOG_PREFIX = '[supervisor-insights]';
