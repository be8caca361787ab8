import { signV3 } from '../crm/hubspot/webhookSignature.js';
import { percentile, round } from './benchmark.js';
import { runConcurrently, startBenchService } from './benchService.js';

export type WebhookIngestBench = {
  events: number;
  batchSize: number;
  concurrency: number;
  events_per_s: number;
  stored: number;
  p50_ms: number;
  p99_ms: number;
};

const PORTAL_ID = 880_001;
const APP_ID = 1_880_001;
const SECRET = 'bench-client-secret-0000-000000000000';

/**
 * HubSpot delivering property changes: signed (v3) batches of 100 events, 10 requests in flight
 * (HubSpot's per-account maximum), each answered only once its events are committed to the store.
 * Events are distinct, so every one is stored (no duplicate short-cut).
 */
export const benchWebhookIngest = async (options: {
  events: number;
  batchSize: number;
  concurrency: number;
}): Promise<WebhookIngestBench> => {
  const service = await startBenchService({
    HUBSPOT_CLIENT_ID: 'bench-client',
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_APP_ID: String(APP_ID),
    ENCRYPTION_KEY: 'b'.repeat(64),
  });
  try {
    await service.ctx.store.tenants.upsert({
      id: 'bench-portal',
      name: 'Bench portal',
      crm: 'hubspot',
      externalId: String(PORTAL_ID),
      status: 'active',
      sandbox: false,
    });
    const uri = `${service.url}/webhooks/hubspot`;
    const occurredAt = Date.now();
    const batch = (index: number) =>
      JSON.stringify(
        Array.from({ length: options.batchSize }, (_, i) => {
          const n = index * options.batchSize + i;
          return {
            eventId: 1_000_000 + n,
            subscriptionId: 4242,
            portalId: PORTAL_ID,
            appId: APP_ID,
            occurredAt: occurredAt + n,
            subscriptionType: 'object.propertyChange',
            objectTypeId: '0-3',
            attemptNumber: 0,
            objectId: 20_000_000 + (n % 5_000),
            changeSource: 'CRM_UI',
            changeFlag: 'UPDATED',
            propertyName: 'amount',
            propertyValue: String(1000 + n),
          };
        }),
      );
    const post = async (index: number) => {
      const body = batch(index);
      const timestamp = String(Date.now());
      const response = await fetch(uri, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': signV3(SECRET, 'POST', uri, body, timestamp),
          'x-hubspot-request-timestamp': timestamp,
        },
      });
      const result = (await response.json()) as { stored?: number };
      if (response.status !== 200 || result.stored !== options.batchSize)
        throw new Error(`webhook answered ${response.status} ${JSON.stringify(result)}`);
    };
    const batches = Math.ceil(options.events / options.batchSize);
    // A few batches first so the timings are of warm code; their events are not counted.
    await runConcurrently(options.concurrency, options.concurrency, (i) => post(batches + i));
    const { latencies, seconds } = await runConcurrently(batches, options.concurrency, post);
    const { rows } = await service.ctx.store.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM crm_webhook_events WHERE tenant_id = $1',
      ['bench-portal'],
    );
    return {
      events: batches * options.batchSize,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      events_per_s: Math.round((batches * options.batchSize) / seconds),
      stored: Number(rows[0]?.n ?? 0),
      p50_ms: round(percentile(latencies, 50), 2),
      p99_ms: round(percentile(latencies, 99), 2),
    };
  } finally {
    await service.close();
  }
};
