import type { FaultInjector } from '../common/faults.js';
import { listen } from '../common/listen.js';
import type { RollingWindow } from '../common/rolling-window.js';
import { createSalesforceApp, type SalesforceAppOptions } from './app.js';
import type { SalesforceSessions } from './sessions.js';
import type { SalesforceStore } from './store.js';

export type SalesforceSimulatorOptions = SalesforceAppOptions & { port?: number; host?: string };

export type SalesforceSimulator = {
  /** Use as both `loginUrl` and `instanceUrl` for jsforce. */
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** API version the simulator is usually called with; every `vXX.X` path works. */
  version: string;
  state: SalesforceStore;
  sessions: SalesforceSessions;
  apiUsage: RollingWindow;
  faults: FaultInjector;
  /** A session plus refresh token for the integration user, skipping the OAuth dance. */
  issueToken(): { accessToken: string; refreshToken: string };
  setLatency(ms: number): void;
  close(): Promise<void>;
};

/** Starts the Salesforce simulator on the loopback interface. */
export const startSalesforceSimulator = async (
  options: SalesforceSimulatorOptions = {},
): Promise<SalesforceSimulator> => {
  const built = createSalesforceApp(options);
  const running = await listen(built.app, options.port ?? 0, options.host);
  built.setBaseUrl(running.url);
  const { context } = built;
  return {
    url: running.url,
    port: running.port,
    clientId: context.clientId,
    clientSecret: context.clientSecret,
    version: '66.0',
    state: context.store,
    sessions: context.sessions,
    apiUsage: context.apiUsage,
    faults: built.faults,
    issueToken: () => {
      const issued = context.sessions.issue(context.adminUserId, true);
      return { accessToken: issued.accessToken, refreshToken: issued.refreshToken ?? '' };
    },
    setLatency: (ms) => {
      built.latency.latencyMs = ms;
    },
    close: async () => {
      built.faults.dispose();
      await running.close();
    },
  };
};
