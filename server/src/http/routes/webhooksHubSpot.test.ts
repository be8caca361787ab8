import request from 'supertest';
import { signV3 } from '../../crm/hubspot/webhookSignature.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

// Starting an app on a fresh PostgreSQL schema takes a few seconds on a busy machine.
jest.setTimeout(60_000);

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const PUBLIC_URL = 'https://entente.example.com';
const PORTAL = 62515;

const event = (eventId: number, occurredAt: number) => ({
  eventId,
  subscriptionId: 12345,
  portalId: PORTAL,
  appId: 54321,
  occurredAt,
  subscriptionType: 'deal.propertyChange',
  attemptNumber: 0,
  objectId: 123,
  propertyName: 'dealname',
  propertyValue: 'x',
  changeSource: 'CRM_UI',
});

describe('POST /webhooks/hubspot', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        HUBSPOT_CLIENT_ID: 'cid',
        HUBSPOT_CLIENT_SECRET: SECRET,
        ENCRYPTION_KEY: 'b'.repeat(64),
        PUBLIC_URL,
      },
    });
    await app.ctx.store.tenants.upsert({
      id: 'hubspot-62515',
      name: 'Portal',
      crm: 'hubspot',
      externalId: String(PORTAL),
      status: 'active',
      sandbox: false,
    });
  });
  afterAll(() => app.close());

  const send = (body: string, headers: Record<string, string>) =>
    request(app.url)
      .post('/webhooks/hubspot')
      .set('content-type', 'application/json')
      .set(headers)
      .send(body);
  const signed = (body: string, timestamp = String(app.ctx.now().getTime())) => ({
    'x-hubspot-signature-v3': signV3(SECRET, 'POST', `${PUBLIC_URL}/webhooks/hubspot`, body, timestamp),
    'x-hubspot-request-timestamp': timestamp,
  });

  it('When a webhook is unsigned, then it gets 401 WEBHOOK.SIGNATURE_MISSING', async () => {
    const res = await send(JSON.stringify([event(1, 1)]), {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WEBHOOK.SIGNATURE_MISSING');
  });

  it('When a webhook is forged (signed with another secret or a changed body), then it gets 401 WEBHOOK.SIGNATURE_INVALID', async () => {
    const body = JSON.stringify([event(1, 1)]);
    const timestamp = String(app.ctx.now().getTime());
    const forged = signV3('another-secret', 'POST', `${PUBLIC_URL}/webhooks/hubspot`, body, timestamp);
    const res = await send(body, {
      'x-hubspot-signature-v3': forged,
      'x-hubspot-request-timestamp': timestamp,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WEBHOOK.SIGNATURE_INVALID');
    const tampered = await send(JSON.stringify([event(2, 1)]), signed(body));
    expect(tampered.body.error.code).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('When a webhook is stale (older than five minutes), then it gets 401 WEBHOOK.SIGNATURE_STALE, even if replayed with its valid signature', async () => {
    const body = JSON.stringify([event(1, 1)]);
    const old = String(app.ctx.now().getTime() - 5 * 60_000 - 1);
    const res = await send(body, signed(body, old));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WEBHOOK.SIGNATURE_STALE');
  });

  it('When the signed body is not a batch of events, then it gets 400 WEBHOOK.MALFORMED and nothing is stored', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const res = await send(body, signed(body));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WEBHOOK.MALFORMED');
    const notJson = '[{"eventId":';
    expect((await send(notJson, signed(notJson))).status).toBe(400);
  });

  it('When a valid batch is delivered twice, then both get 2xx and the events are stored once', async () => {
    const t = app.ctx.now().getTime();
    const body = JSON.stringify([event(10, t), event(11, t + 1), event(12, t + 2)]);
    const first = await send(body, signed(body));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 3, stored: 3, duplicates: 0, quarantined: 0, ignored: 0 });
    const again = await send(body, signed(body));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: 3, stored: 0, duplicates: 3, quarantined: 0, ignored: 0 });
    const stored = await app.ctx.store.forTenant('hubspot-62515').crmSync.eventOutcomes();
    expect(stored.map((e) => e.eventId)).toEqual(['10', '11', '12']);
  });

  it('When one event of a signed batch holds text no database stores, then the others are stored and it is set aside with its reason', async () => {
    const t = app.ctx.now().getTime();
    const bad = { ...event(21, t + 1), propertyValue: 'Acme\u0000 Ltd' };
    const odd = { ...event(22, t + 2), occurredAt: 'yesterday' };
    const body = JSON.stringify([event(20, t), bad, odd, event(23, t + 3)]);
    const first = await send(body, signed(body));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 4, stored: 2, duplicates: 0, quarantined: 2, ignored: 0 });
    // HubSpot retries a delivery; the retry changes nothing and still succeeds.
    const again = await send(body, signed(body));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0, quarantined: 0 });

    const sync = app.ctx.store.forTenant('hubspot-62515').crmSync;
    const stored = (await sync.eventOutcomes()).map((e) => e.eventId);
    expect(stored).toEqual(expect.arrayContaining(['20', '23']));
    expect(stored).not.toContain('21');
    expect(await sync.quarantined()).toEqual([
      { eventId: '21', reason: expect.stringMatching(/U\+0000 or an unpaired surrogate\) at propertyValue/) },
      { eventId: '22', reason: expect.stringMatching(/not a HubSpot event: occurredAt/) },
    ]);
  });
});
