import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHubSpotSimulator, type HubSpotSimulator } from './simulator.js';
import { DEFAULT_SUBSCRIPTIONS, projectSubscriptions, type WebhookEvent } from './webhook-payloads.js';

type Received = { url: string; body: string; headers: Record<string, string | string[] | undefined> };

const receiver = async (status = 200) => {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
      });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hubspot/webhooks?source=sim`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** Verification written from HubSpot's documentation, independent of the simulator's signer. */
const verifyV3 = (secret: string, uri: string, r: Received): boolean => {
  const timestamp = String(r.headers['x-hubspot-request-timestamp']);
  const expected = createHmac('sha256', secret).update(`POST${uri}${r.body}${timestamp}`).digest();
  const given = Buffer.from(String(r.headers['x-hubspot-signature-v3']), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

describe('HubSpot simulator webhooks', () => {
  let sim: HubSpotSimulator;
  let target: Awaited<ReturnType<typeof receiver>>;

  beforeEach(async () => {
    target = await receiver();
    sim = await startHubSpotSimulator({
      port: 0,
      latencyMs: 0,
      seed: 4,
      size: 150,
      webhookTargetUrl: target.url,
      webhookBatchWindowMs: 0,
      clientSecret: 'shh-secret',
      // Every change of every property: these tests are about delivery, not about what is declared.
      webhookSubscriptions: DEFAULT_SUBSCRIPTIONS,
    });
  });
  afterEach(async () => {
    await sim.close();
    await target.close();
  });

  const events = (): WebhookEvent[] => target.received.flatMap((r) => JSON.parse(r.body) as WebhookEvent[]);

  it("When a test changes a deal's stage, then a v3-signed propertyChange batch arrives", async () => {
    const [deal] = sim.state.list(sim.portalId, 'deals');
    sim.state.update(sim.portalId, 'deals', deal?.id ?? '', {
      dealstage: 'closedlost' === deal?.properties.dealstage ? 'closedwon' : 'closedlost',
    });
    await sim.webhooks.flush();
    expect(target.received).toHaveLength(1);
    const [request] = target.received;
    expect(verifyV3('shh-secret', target.url, request as Received)).toBe(true);
    expect(events().find((e) => e.propertyName === 'dealstage')).toMatchObject({
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-3',
      objectId: Number(deal?.id),
      portalId: sim.portalId,
      appId: sim.appId,
      attemptNumber: 0,
      changeSource: 'CRM_UI',
    });
  });

  it('When 250 records change, then they arrive in batches of at most 100 events', async () => {
    for (const deal of sim.state.list(sim.portalId, 'deals').slice(0, 125)) {
      sim.state.update(sim.portalId, 'deals', deal.id, { amount: '999', description: 'repriced' });
    }
    await sim.webhooks.flush();
    const sizes = target.received.map((r) => (JSON.parse(r.body) as unknown[]).length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(target.received.every((r) => verifyV3('shh-secret', target.url, r))).toBe(true);
  });

  it('When duplicates, out-of-order batches and late retries are asked for, then they are delivered', async () => {
    sim.webhooks.options({ duplicates: 0.3, outOfOrder: true, lateRetries: 1 });
    for (const deal of sim.state.list(sim.portalId, 'deals').slice(0, 120))
      sim.state.update(sim.portalId, 'deals', deal.id, { amount: '1234' });
    await sim.webhooks.flush();
    const first = events();
    const ids = first.map((e) => e.eventId);
    expect(ids.length).toBeGreaterThan(new Set(ids).size);
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
    sim.webhooks.options({ lateRetries: 0 });
    const [deal] = sim.state.list(sim.portalId, 'deals');
    sim.state.update(sim.portalId, 'deals', deal?.id ?? '', { amount: '42' });
    await sim.webhooks.flush();
    const retried = events().filter((e) => e.attemptNumber === 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((e) => ids.includes(e.eventId))).toBe(true);
  });

  it('When the target answers 500, then the batch is retried with a higher attemptNumber', async () => {
    await target.close();
    target = await receiver(500);
    sim.webhooks.setTargetUrl(target.url);
    const [deal] = sim.state.list(sim.portalId, 'deals');
    sim.state.update(sim.portalId, 'deals', deal?.id ?? '', { amount: '77' });
    await sim.webhooks.flush();
    await sim.webhooks.flush();
    expect(events().map((e) => e.attemptNumber)).toEqual([0, 1]);
    expect(sim.webhooks.deliveries.every((d) => !d.ok)).toBe(true);
  });

  it('When the app writes through the API, then events carry INTEGRATION and the app id as sourceId', async () => {
    const { accessToken } = sim.issueToken();
    const [deal] = sim.state.list(sim.portalId, 'deals');
    const response = await fetch(`${sim.url}/crm/v3/objects/deals/${deal?.id ?? ''}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        connection: 'close',
      },
      body: JSON.stringify({ properties: { amount: '5' } }),
    });
    expect(response.status).toBe(200);
    await sim.webhooks.flush();
    expect(events()[0]).toMatchObject({
      changeSource: 'INTEGRATION',
      sourceId: String(sim.appId),
      propertyName: 'amount',
      propertyValue: '5',
    });
  });

  it('When no subscriptions are given, then those the app declares in webhooks-hsmeta.json apply: a declared property sends an event, another does not', async () => {
    const declared = projectSubscriptions();
    expect(declared).toContainEqual({
      subscriptionType: 'object.propertyChange',
      objectName: 'deal',
      propertyName: 'amount',
    });
    const own = await startHubSpotSimulator({
      latencyMs: 0,
      seed: 4,
      size: 5,
      webhookTargetUrl: target.url,
      webhookBatchWindowMs: 0,
    });
    try {
      const [deal] = own.state.list(own.portalId, 'deals');
      own.state.update(own.portalId, 'deals', deal!.id, { description: 'not declared' });
      own.state.update(own.portalId, 'deals', deal!.id, { amount: '1234' });
      const deliveries = await own.webhooks.flush();
      const events = deliveries.flatMap((d) => d.events);
      expect(events.map((e) => e.propertyName)).toEqual(['amount']);
    } finally {
      await own.close();
    }
  });
});
