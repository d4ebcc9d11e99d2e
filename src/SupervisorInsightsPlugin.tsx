import { FlexPlugin } from '@twilio/flex-plugin';
import type * as Flex from '@twilio/flex-ui';
import { registerInsights, type HostOptions } from './flex';

export const PLUGIN_NAME = 'SupervisorInsightsPlugin';

/** The plugin: wires the parts in `init`, nothing else. */
export class SupervisorInsightsPlugin extends FlexPlugin {
  /** Flex constructs it with no arguments; a host (the sandbox) may add capabilities. */
  constructor(private readonly host: HostOptions = {}) {
    super(PLUGIN_NAME);
  }

  init(flex: typeof Flex, manager: Flex.Manager): void {
    registerInsights(flex, manager, this.host);
  }
}
