import { configureHubSpotConnector } from '../crm/hubspot/hubspotConnector.js';
import { readAllDealsWithClientDefaults } from '../crm/hubspot/peerDealsRead.js';
import { backfill } from '../use-cases/sync/backfill.js';
import { round } from './benchmark.js';
import { startBenchService } from './benchService.js';
import { startSimulatorProcess } from './simulatorProcess.js';

export type SyncBackfillBench = {
  deals: number;
  latencyMs: number;
  ceilingRecordsPerSecond: number;
  ours: { records: number; seconds: number; recordsPerSecond: number; rejected: number; pages: number };
  peer: { records: number; seconds: number; recordsPerSecond: number; rejected: number };
};

const TENANT = 'bench-backfill';

/**
 * The deals backfill through Entente's connector (rate limiter, retries, token manager, mapping,
 * store writes) against the HubSpot simulator at its realistic latency, then the same deals read
 * with `@hubspot/api-client`'s defaults from a second portal holding the same data, in the same
 * run. Two portals, so each side starts with a full rate-limit window. The simulator runs in its own
 * process: HubSpot is another system, and its work must not take CPU from the side being measured.
 */
export const benchSyncBackfill = async (options: { deals: number; latencyMs: number }) => {
  const sim = await startSimulatorProcess({ latencyMs: options.latencyMs, size: options.deals, seed: 5 });
  const peerPortal = sim.portalId + 1;
  await sim.addPortal(peerPortal);
  const service = await startBenchService(
    {
      HUBSPOT_CLIENT_ID: sim.clientId,
      HUBSPOT_CLIENT_SECRET: sim.clientSecret,
      HUBSPOT_APP_ID: String(sim.appId),
      HUBSPOT_API_BASE_URL: sim.url,
      HUBSPOT_AUTH_BASE_URL: sim.url,
      ENCRYPTION_KEY: 'c'.repeat(64),
    },
    { listen: false },
  );
  try {
    const { ctx } = service;
    await ctx.store.tenants.upsert({
      id: TENANT,
      name: 'Bench portal',
      crm: 'hubspot',
      externalId: String(sim.portalId),
      status: 'active',
      sandbox: false,
    });
    const connector = configureHubSpotConnector(ctx, {});
    const issued = await sim.issueToken();
    await connector.tokens.save(
      TENANT,
      {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresInSeconds: issued.expiresIn,
      },
      ['crm.objects.deals.read', 'crm.objects.companies.read', 'crm.objects.contacts.read'],
    );
    const rejectedBefore = await sim.rejectedRequests();
    let pages = 0;
    const started = performance.now();
    const result = await backfill({
      store: ctx.store,
      port: connector.forTenant(TENANT),
      tenantId: TENANT,
      kinds: ['deals'],
      onProgress: () => pages++,
    });
    const seconds = (performance.now() - started) / 1000;
    const records = result.counts.deals ?? 0;
    const rejectedOurs = (await sim.rejectedRequests()) - rejectedBefore;

    const peerToken = (await sim.issueToken(peerPortal)).accessToken;
    const peerStarted = performance.now();
    const peerRecords = await readAllDealsWithClientDefaults(sim.url, peerToken);
    const peerSeconds = (performance.now() - peerStarted) / 1000;
    const rejectedPeer = (await sim.rejectedRequests()) - rejectedBefore - rejectedOurs;
    await connector.close();
    return {
      deals: options.deals,
      latencyMs: options.latencyMs,
      ceilingRecordsPerSecond: 1_100,
      ours: {
        records,
        seconds: round(seconds, 2),
        recordsPerSecond: round(records / seconds, 1),
        rejected: rejectedOurs,
        pages,
      },
      peer: {
        records: peerRecords,
        seconds: round(peerSeconds, 2),
        recordsPerSecond: round(peerRecords / peerSeconds, 1),
        rejected: rejectedPeer,
      },
    } satisfies SyncBackfillBench;
  } finally {
    await service.close();
    await sim.close();
  }
};
