import request from 'supertest';
import type { User } from '@entente/shared/domain';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../../test/crm-sim/index.js';
import { crmPortFor } from '../../crm/connectors.js';
import { configureHubSpotConnector } from '../../crm/hubspot/hubspotConnector.js';
import { signCardRequest, type CardSigner } from '../../crm/hubspot/signCardRequest.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

// Installing a portal and backfilling it on a fresh database takes a few seconds on a busy machine.
jest.setTimeout(60_000);

const KEY = 'b'.repeat(64);
/** The custom amount each simulated deal gets: its id, as dollars and cents. */
const netAmountOf = (crmId: string) => `${Number(crmId) % 10_000}.25`;

/**
 * Admins edit the CRM field mapping, through the internal API and the settings page's signed card
 * routes, against a portal installed from the HubSpot simulator.
 */
describe('the CRM field mapping, against the HubSpot simulator', () => {
  let sim: HubSpotSimulator;
  let app: TestApp;
  let tenantId: string;
  let admin: User;
  let seller: User;
  let signer: CardSigner;
  const tokens = new Map<string, string>();
  const store = () => app.ctx.store.forTenant(tenantId);

  const bearer = async (userId: string, role: 'user' | 'admin' = 'user') => {
    const key = `${userId}:${role}`;
    if (!tokens.has(key)) tokens.set(key, (await store().apiKeys.create({ userId, role }, 'test')).token);
    return { Authorization: `Bearer ${tokens.get(key)!}` };
  };
  const putMapping = async (body: object, as = admin.id) =>
    request(app.url)
      .put('/api/v1/crm/field-mapping')
      .set(await bearer(as))
      .send(body);
  const previewMapping = async (body: object, as = admin.id) =>
    request(app.url)
      .post('/api/v1/crm/field-mapping/preview')
      .set(await bearer(as))
      .send(body);
  const card = (as: User, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
    const signed = signCardRequest(
      signer,
      { hubspotUserId: as.crmUserId, email: as.email },
      { method, path, body, timestamp: app.ctx.now().getTime() },
    );
    const call =
      method === 'GET'
        ? request(app.url).get(signed.pathAndQuery)
        : method === 'PUT'
          ? request(app.url).put(signed.pathAndQuery)
          : request(app.url).post(signed.pathAndQuery);
    for (const [name, value] of Object.entries(signed.headers)) call.set(name, value);
    return method === 'GET' ? call : call.send(signed.body);
  };
  const mappingChanges = async () =>
    (await store().audit.list({ limit: 10_000 })).filter((e) => e.type === 'crm.field_mapping_changed');

  beforeAll(async () => {
    sim = await startHubSpotSimulator({
      latencyMs: 0,
      seed: 23,
      size: 30,
      searchIndexDelayMs: 0,
      webhookBatchWindowMs: 0,
    });
    app = await startTestApp({
      seed: false,
      now: new Date(),
      env: {
        HUBSPOT_CLIENT_ID: sim.clientId,
        HUBSPOT_CLIENT_SECRET: sim.clientSecret,
        HUBSPOT_APP_ID: String(sim.appId),
        ENCRYPTION_KEY: KEY,
        HUBSPOT_API_BASE_URL: sim.url,
        HUBSPOT_AUTH_BASE_URL: sim.url,
      },
    });
    // HubSpot signs the URL it calls: here, the test app's own.
    app.ctx.config.publicUrl = app.url;
    configureHubSpotConnector(app.ctx, {
      policy: { baseDelayMs: 1, rateLimitWaitMs: 20, searchRateLimitWaitMs: 20 },
      sleep: async () => undefined,
    });

    const install = await fetch(`${app.url}/oauth/hubspot/install`, { redirect: 'manual' });
    const consent = await fetch(new URL(install.headers.get('location') ?? ''), { redirect: 'manual' });
    expect((await fetch(consent.headers.get('location') ?? '')).status).toBe(200);
    tenantId = `hubspot-${sim.portalId}`;
    // Provisioning and the backfill, which brings the portal's owners in as sellers.
    await app.jobs.drain();

    const users = await store().users.list();
    admin = users.find((u) => u.roles.includes('admin'))!;
    seller = users.find((u) => !u.roles.includes('admin') && /^\d+$/.test(u.crmUserId))!;
    expect(admin).toBeDefined();
    expect(seller).toBeDefined();
    signer = {
      publicUrl: app.url,
      clientSecret: sim.clientSecret,
      portalId: String(sim.portalId),
      appId: String(sim.appId),
    };

    // The admin's own custom amount: a number property on deals, filled on every deal.
    const created = await fetch(`${sim.url}/crm/v3/properties/deals`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sim.issueToken().accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: 'net_amount',
        label: 'Net amount',
        type: 'number',
        fieldType: 'number',
        groupName: 'dealinformation',
      }),
    });
    expect(created.status).toBe(201);
    for (const deal of sim.state.list(sim.portalId, 'deals'))
      sim.state.update(sim.portalId, 'deals', deal.id, { net_amount: netAmountOf(deal.id) });
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('When the mapping is the defaults, then the simulator’s standard properties pass the type check', async () => {
    const tenant = (await app.ctx.store.tenants.get(tenantId))!;
    await expect(crmPortFor(app.ctx, tenant).validateMapping({})).resolves.toBeUndefined();
    const res = await request(app.url)
      .get('/api/v1/crm/field-mapping')
      .set(await bearer(seller.id));
    expect(res.status).toBe(200);
    expect(res.body.current).toMatchObject({ version: null, overrides: {}, changedBy: null });
    expect(res.body.current.mapping.deals.amount).toBe('amount');
    expect(res.body.current.fields).toContainEqual({
      object: 'deals',
      field: 'closeDate',
      property: 'closedate',
      defaultProperty: 'closedate',
      customised: false,
      acceptedTypes: ['date', 'datetime'],
    });
    expect(res.body.history).toEqual([]);
  });

  it('When a field is mapped to a property the portal does not have, then 400 CRM.MAPPING_INVALID names it', async () => {
    const res = await putMapping({ deals: { amount: 'no_such_amount' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CRM.MAPPING_INVALID');
    expect(res.body.error.message).toContain('no_such_amount');
    expect(res.body.error.details).toEqual([
      {
        objectType: 'deals',
        field: 'amount',
        property: 'no_such_amount',
        problem: 'missing',
        type: null,
        accepted: ['number'],
      },
    ]);
    expect(await store().fieldMappingVersions.history()).toEqual([]);
  });

  it('When a field is mapped to a property of the wrong type, then 400 names the type and the types accepted', async () => {
    const res = await previewMapping({ deals: { amount: 'dealname' }, companies: { employees: 'city' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CRM.MAPPING_INVALID');
    expect(res.body.error.message).toContain('"dealname": its type is string, and amount takes number');
    expect(res.body.error.details).toEqual([
      {
        objectType: 'deals',
        field: 'amount',
        property: 'dealname',
        problem: 'wrong_type',
        type: 'string',
        accepted: ['number'],
      },
      {
        objectType: 'companies',
        field: 'employees',
        property: 'city',
        problem: 'wrong_type',
        type: 'string',
        accepted: ['number'],
      },
    ]);
  });

  it('When a field is not mappable at all, then the schema refuses it before HubSpot is asked', async () => {
    const res = await putMapping({ deals: { stage: 'dealstage' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID');
  });

  it('When a non-admin previews or saves, then 403 CRM.ADMIN_ONLY, also through an admin token acting for them', async () => {
    const preview = await previewMapping({ deals: { amount: 'net_amount' } }, seller.id);
    expect(preview.status).toBe(403);
    expect(preview.body.error.code).toBe('CRM.ADMIN_ONLY');
    const save = await putMapping({ deals: { amount: 'net_amount' } }, seller.id);
    expect(save.status).toBe(403);
    expect(save.body.error.code).toBe('CRM.ADMIN_ONLY');
    const acting = await request(app.url)
      .put('/api/v1/crm/field-mapping')
      .set(await bearer(admin.id, 'admin'))
      .send({ deals: { amount: 'net_amount' }, actingUserId: seller.id });
    expect(acting.status).toBe(403);
    expect(acting.body.error.code).toBe('CRM.ADMIN_ONLY');
    const onCard = await card(seller, 'PUT', '/hubspot/cards/settings/field-mapping', {
      deals: { amount: 'net_amount' },
    });
    expect(onCard.status).toBe(403);
    expect(onCard.body.error.code).toBe('CARDS.ADMIN_ONLY');
    expect(await store().fieldMappingVersions.history()).toEqual([]);
    expect(await mappingChanges()).toEqual([]);
  });

  it('When an admin previews a custom amount, then five deals show it and nothing is stored', async () => {
    const res = await previewMapping({ deals: { amount: 'net_amount' } });
    expect(res.status).toBe(200);
    expect(res.body.mapping.deals.amount).toBe('net_amount');
    expect(res.body.deals).toHaveLength(5);
    expect(res.body.companies).toHaveLength(5);
    expect(res.body.contacts).toHaveLength(5);
    const firstDeals = sim.state.list(sim.portalId, 'deals').slice(0, 5);
    expect(res.body.deals).toEqual(
      firstDeals.map((deal) =>
        expect.objectContaining({
          crmId: deal.id,
          name: deal.properties.dealname,
          amountMinor: Math.round(Number(netAmountOf(deal.id)) * 100),
        }),
      ),
    );
    expect(Object.keys(res.body.companies[0]).sort()).toEqual(
      ['address', 'crmId', 'domains', 'employees', 'industry', 'name', 'phone'].sort(),
    );
    expect(res.body.contacts[0]).toMatchObject({ crmId: expect.any(String), email: expect.any(String) });

    const fromCard = await card(admin, 'POST', '/hubspot/cards/settings/field-mapping/preview', {
      deals: { amount: 'net_amount' },
    });
    expect(fromCard.status).toBe(200);
    expect(fromCard.body.deals).toEqual(res.body.deals);

    expect(await store().fieldMappingVersions.history()).toEqual([]);
    expect((await store().crmSync.settings()).fieldMapping).toEqual({});
  });

  it('When an admin saves twice, then versions 1 and 2 are kept and audited, and later reads use the new mapping', async () => {
    const tenant = (await app.ctx.store.tenants.get(tenantId))!;
    const [deal] = sim.state.list(sim.portalId, 'deals');
    // Before the change, reads map HubSpot's own amount.
    const before = await crmPortFor(app.ctx, tenant).readByIds('deals', [deal!.id]);
    expect(before[0]).toMatchObject({
      deal: { amountMinor: Math.round(Number(deal!.properties.amount ?? 0) * 100) },
    });

    const first = await putMapping({ deals: { amount: 'net_amount' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 1,
      previousVersion: null,
      overrides: { deals: { amount: 'net_amount' } },
      changedBy: admin.id,
      changed: true,
    });
    expect(first.body.mapping.deals).toMatchObject({ amount: 'net_amount', name: 'dealname' });

    const read = await crmPortFor(app.ctx, tenant).readByIds('deals', [deal!.id]);
    expect(read[0]).toMatchObject({
      kind: 'deals',
      deal: { crmId: deal!.id, amountMinor: Math.round(Number(netAmountOf(deal!.id)) * 100) },
    });
    const page = await crmPortFor(app.ctx, tenant).readPage('deals', undefined, 3);
    for (const entity of page.entities) {
      if (entity.kind !== 'deals') throw new Error('expected deals');
      expect(entity.deal.amountMinor).toBe(Math.round(Number(netAmountOf(entity.deal.crmId)) * 100));
    }

    const again = await putMapping({ deals: { amount: 'net_amount' } });
    expect(again.body).toMatchObject({ version: 1, changed: false });

    const second = await card(admin, 'PUT', '/hubspot/cards/settings/field-mapping', {
      deals: { amount: 'net_amount' },
      contacts: { jobTitle: 'company' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, previousVersion: 1, changed: true });
    expect(second.body.history.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const overview = await request(app.url)
      .get('/api/v1/crm/field-mapping')
      .set(await bearer(seller.id));
    expect(overview.status).toBe(200);
    expect(overview.body.current).toMatchObject({
      version: 2,
      overrides: { deals: { amount: 'net_amount' }, contacts: { jobTitle: 'company' } },
      changedBy: { userId: admin.id, name: admin.name },
    });
    expect(overview.body.history).toEqual([
      {
        version: 2,
        overrides: { deals: { amount: 'net_amount' }, contacts: { jobTitle: 'company' } },
        changedBy: { userId: admin.id, name: admin.name },
        changedAt: expect.any(String),
      },
      {
        version: 1,
        overrides: { deals: { amount: 'net_amount' } },
        changedBy: { userId: admin.id, name: admin.name },
        changedAt: expect.any(String),
      },
    ]);
    const fromCard = await card(admin, 'GET', '/hubspot/cards/settings/field-mapping');
    expect(fromCard.status).toBe(200);
    expect(fromCard.body.history).toEqual(overview.body.history);

    const audited = await mappingChanges();
    expect(audited.map((e) => [e.actor, e.subject, e.payload])).toEqual([
      [
        admin.id,
        'crm_field_mapping:1',
        { fromVersion: null, toVersion: 1, from: {}, to: { deals: { amount: 'net_amount' } } },
      ],
      [
        admin.id,
        'crm_field_mapping:2',
        {
          fromVersion: 1,
          toVersion: 2,
          from: { deals: { amount: 'net_amount' } },
          to: { deals: { amount: 'net_amount' }, contacts: { jobTitle: 'company' } },
        },
      ],
    ]);
  });
});
