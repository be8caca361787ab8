import type { Clock } from '../common/clock.js';
import type { RollingWindow } from '../common/rolling-window.js';
import type { QueryEngine } from './query-engine.js';
import type { SalesforceSessions } from './sessions.js';
import type { SalesforceStore } from './store.js';

export type SalesforceContext = {
  store: SalesforceStore;
  sessions: SalesforceSessions;
  queries: QueryEngine;
  /** API requests in the last 24 hours, against the org's daily allowance. */
  apiUsage: RollingWindow;
  clock: Clock;
  clientId: string;
  clientSecret: string;
  /** The simulator's own URL, returned as `instance_url`. */
  baseUrl: () => string;
  adminUserId: string;
};
