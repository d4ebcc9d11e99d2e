// The shape of flex-plugin.config.js, for the TypeScript code that bundles it.
declare const config: {
  timeZone: string;
  serviceLevelSec: number;
  shortAbandonSec: number;
  reorderWindowMs: number;
  supportTypes: Record<string, string[]>;
  platforms: { default: string; byChannel: Record<string, string> };
  thresholds: Record<string, { amber: number; red: number }>;
  roleScopes: Record<string, unknown>;
  drillDownRules: unknown[];
  alertRules: unknown[];
  historyUrl: string;
  historyCacheDays: number;
};
export default config;
