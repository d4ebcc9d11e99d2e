import { loadPlugin } from '@twilio/flex-plugin';
import { SupervisorInsightsPlugin } from './SupervisorInsightsPlugin';

loadPlugin(SupervisorInsightsPlugin);
