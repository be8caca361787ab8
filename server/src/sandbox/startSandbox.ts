import type { AppContext } from '../appContext.js';
import type { Config } from '../config/config.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from '../store/store.js';
import { generateSandboxData, SANDBOX_TENANT_ID } from './generateSandboxData.js';
import { SCENARIO_IDS } from './sandboxGovernance.js';
import { sandboxConnectorConfig, startSandboxPortal, throughConnector } from './sandboxPortal.js';
import { runSandboxWalkthrough, sandboxWebhookChange, type WalkthroughResult } from './sandboxWalkthrough.js';

export type Sandbox = {
  /** The configuration with the HubSpot connector pointed at the simulated portal. */
  config: Config;
  /** Once the service listens: install on first start, reconnect on later ones. */
  bringUp(input: { ctx: AppContext; jobs: JobRunner; port: number; url: string }): Promise<WalkthroughResult>;
  /** The simulated portal's API and a fresh token for it, to look at the CRM side directly. */
  crmAccess(): { apiBaseUrl: string; accessToken: string };
  close(): Promise<void>;
};

/**
 * Dates in the sandbox are relative to the day it was first set up. The scenario registrations
 * were submitted that day, so a restart finds it there and the simulated portal is seeded with the
 * same dates as the records Entente already holds.
 */
const anchorDay = async (store: Store, now: Date): Promise<Date> => {
  const clean = await store.forTenant(SANDBOX_TENANT_ID).registrations.get(SCENARIO_IDS.clean);
  return clean ? new Date(clean.submittedAt) : now;
};

export const startSandbox = async (config: Config, store: Store, logger: Logger): Promise<Sandbox> => {
  const data = generateSandboxData(await anchorDay(store, new Date()));
  const portal = await startSandboxPortal(config, data);
  const alreadySetUp = (await store.tenants.get(SANDBOX_TENANT_ID)) !== undefined;
  if (alreadySetUp) {
    // The change the first start sent by webhook is part of the portal's history now.
    const change = sandboxWebhookChange(throughConnector(data, portal.crmIds));
    portal.sim.state.update(portal.sim.portalId, 'deals', change.deal.crmId, change.properties, {
      changeSource: 'IMPORT',
      validate: false,
    });
  }
  logger.info(
    { simulatorUrl: portal.sim.url, portalId: portal.sim.portalId },
    'sandbox: simulated HubSpot portal started',
  );
  return {
    config: sandboxConnectorConfig(config, portal.sim),
    bringUp: async ({ ctx, jobs, port, url }) => {
      // PORT=0 picks a port at listen time; HubSpot (here, the simulator) must call the real one.
      if (new URL(ctx.config.publicUrl).port === '0') ctx.config.publicUrl = `http://localhost:${port}`;
      portal.sim.webhooks.setTargetUrl(`${ctx.config.publicUrl}/webhooks/hubspot`);
      const result = await runSandboxWalkthrough({
        ctx,
        jobs,
        // The service's own address (it may listen on a HOST other than loopback).
        url,
        portal,
        data,
        narrate: (line) => process.stderr.write(`${line}\n`),
      });
      for (const step of result.steps) logger.info(step, `sandbox: ${step.step}`);
      if (result.seeded) logger.info({ tenantId: SANDBOX_TENANT_ID }, 'sandbox tenant seeded');
      return result;
    },
    crmAccess: () => ({ apiBaseUrl: portal.sim.url, accessToken: portal.sim.issueToken().accessToken }),
    close: () => portal.sim.close(),
  };
};
