import request from 'supertest';
import { chooseRenewalOriginal } from '@entente/shared/attribution';
import type { User } from '@entente/shared/domain';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../../test/crm-sim/index.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { recordTouchpoints } from '../../use-cases/recordTouchpoints.js';
import { configureHubSpotConnector } from './hubspotConnector.js';
import { hubspotIds } from './toDomain.js';

// Installing a portal and backfilling it on a fresh database takes a few seconds on a busy machine.
jest.setTimeout(90_000);

const KEY = 'c'.repeat(64);

/**
 * Renewals and partner outcomes recognised from HubSpot, through the whole sync path: the portal is
 * installed and backfilled from the simulator, and changes arrive as signed webhooks.
 */
describe('renewals and outcomes from HubSpot, against the simulator', () => {
  let sim: HubSpotSimulator;
  let app: TestApp;
  let tenantId: string;
  let admin: User;
  const tokens = new Map<string, string>();
  const store = () => app.ctx.store.forTenant(tenantId);
  const bearer = async (userId: string, role: 'user' | 'admin' = 'user') => {
    const key = `${userId}:${role}`;
    if (!tokens.has(key)) tokens.set(key, (await store().apiKeys.create({ userId, role }, 'test')).token);
    return { Authorization: `Bearer ${tokens.get(key)!}` };
  };
  const audit = async (type: string) =>
    (await store().audit.list({ limit: 10_000 })).filter((e) => e.type === type);
  /** HubSpot tells Entente what changed; Entente applies it and runs what follows. */
  const deliver = async () => {
    const deliveries = await sim.webhooks.flush();
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    await app.jobs.drain();
  };
  const company = (name: string) =>
    sim.state.create(sim.portalId, 'companies', { name, domain: `${name}.example` });
  const deal = (companyId: string, properties: Record<string, string>) => {
    const created = sim.state.create(sim.portalId, 'deals', {
      pipeline: 'default',
      amount: '1000',
      ...properties,
    });
    sim.state.associate(sim.portalId, 'deals', created.id, 'companies', companyId, [5]);
    return created;
  };

  beforeAll(async () => {
    sim = await startHubSpotSimulator({
      latencyMs: 0,
      seed: 7,
      size: 80,
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
    app.ctx.config.publicUrl = app.url;
    configureHubSpotConnector(app.ctx, {
      policy: { baseDelayMs: 1, rateLimitWaitMs: 20, searchRateLimitWaitMs: 20 },
      sleep: async () => undefined,
    });
    sim.webhooks.setTargetUrl(`${app.url}/webhooks/hubspot`);
    const install = await fetch(`${app.url}/oauth/hubspot/install`, { redirect: 'manual' });
    const consent = await fetch(new URL(install.headers.get('location') ?? ''), { redirect: 'manual' });
    expect((await fetch(consent.headers.get('location') ?? '')).status).toBe(200);
    tenantId = `hubspot-${sim.portalId}`;
    // Provisioning and the backfill.
    await app.jobs.drain();
    // What the backfill caused in the portal would come back as webhooks: let them pass.
    await deliver();
    admin = (await store().users.list()).find((u) => u.roles.includes('admin'))!;
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('When the backfill reads deals of type existingbusiness, then each is a renewal linked to the latest won deal on its account that closed before it was created, whatever order the parts read them in', async () => {
    const renewals = sim.state
      .list(sim.portalId, 'deals')
      .filter((d) => d.properties.dealtype === 'existingbusiness')
      .map((d) => hubspotIds.deal(d.id));
    expect(renewals.length).toBeGreaterThan(5);
    const links = await store().attribution.renewals.getMany(renewals);
    expect(links.size).toBe(renewals.length);
    const deals = await store().deals.list({ limit: 10_000 });
    let linked = 0;
    for (const id of renewals) {
      const renewal = deals.find((d) => d.id === id)!;
      const expected = chooseRenewalOriginal(renewal, deals);
      expect(links.get(id)).toMatchObject({
        originalDealId: expected.originalDealId,
        recognisedBy: 'deal_type',
        evidence: 'deal type existingbusiness',
        reason: expected.reason,
      });
      if (expected.originalDealId) linked++;
    }
    // The seeded portal has accounts with earlier wins, so some renewals found their original.
    expect(linked).toBeGreaterThan(0);
    const newBusiness = sim.state
      .list(sim.portalId, 'deals')
      .find((d) => d.properties.dealtype === 'newbusiness')!;
    expect(await store().attribution.renewals.get(hubspotIds.deal(newBusiness.id))).toBeUndefined();
  });

  it('When a renewal deal arrives by webhook and later closes won, then it is linked to the account’s last won deal, audited, and its credit inherits the original’s split', async () => {
    const { token } = await store().apiKeys.create({ userId: admin.id, role: 'user' }, 'renewals');
    await store().partners.upsert({
      id: 'p-northwind',
      name: 'Northwind',
      domain: 'northwind.example',
      tier: 'registered',
      motions: ['resale'],
      capabilities: { certifications: [], specialisations: [], regions: [], industries: [] },
      managerUserId: null,
      active: true,
    });
    const acme = company('acme-renewals');
    const older = deal(acme.id, {
      dealname: 'Acme 2023',
      dealstage: 'closedwon',
      closedate: '2023-09-30T00:00:00.000Z',
      createdate: '2023-01-10T00:00:00.000Z',
    });
    const original = deal(acme.id, {
      dealname: 'Acme 2024',
      dealstage: 'closedwon',
      closedate: '2024-09-30T00:00:00.000Z',
      createdate: '2024-01-10T00:00:00.000Z',
      dealtype: 'newbusiness',
    });
    // Won, but after the renewal was created: it cannot be what the renewal renews.
    deal(acme.id, {
      dealname: 'Acme add-on',
      dealstage: 'closedwon',
      closedate: '2025-08-01T00:00:00.000Z',
      createdate: '2025-07-01T00:00:00.000Z',
    });
    const renewal = deal(acme.id, {
      dealname: 'Acme 2025 renewal',
      dealstage: 'appointmentscheduled',
      dealtype: 'existingbusiness',
      closedate: '2025-09-30T00:00:00.000Z',
      createdate: '2025-06-01T00:00:00.000Z',
    });
    await deliver();

    const renewalId = hubspotIds.deal(renewal.id);
    const originalId = hubspotIds.deal(original.id);
    expect(await store().attribution.renewals.get(renewalId)).toMatchObject({
      originalDealId: originalId,
      recognisedBy: 'deal_type',
      evidence: 'deal type existingbusiness',
      reason: expect.stringContaining('it closed on 2024-09-30, the renewal was created on 2025-06-01'),
    });
    expect(hubspotIds.deal(older.id)).not.toBe(originalId);
    expect(await audit('attribution.renewals_linked')).toContainEqual(
      expect.objectContaining({
        actor: 'system',
        subject: `deal:${renewalId}`,
        payload: {
          linked: [
            expect.objectContaining({
              dealId: renewalId,
              originalDealId: originalId,
              previousOriginalDealId: null,
              recognisedBy: 'deal_type',
              evidence: 'deal type existingbusiness',
            }),
          ],
          unlinked: [],
        },
      }),
    );

    // The original's credit: Northwind sourced it, the direct team closed it.
    await recordTouchpoints(app.ctx, tenantId, [
      {
        id: 'tp-orig-sourced',
        dealId: originalId,
        participantId: 'p-northwind',
        kind: 'sourced',
        occurredAt: '2024-02-01T00:00:00.000Z',
        source: 'crm',
        evidence: { externalId: 'crm-orig-sourced' },
      },
      {
        id: 'tp-orig-demo',
        dealId: originalId,
        participantId: 'direct',
        kind: 'demo',
        occurredAt: '2024-09-01T00:00:00.000Z',
        source: 'crm',
        evidence: { externalId: 'crm-orig-demo' },
      },
    ]);
    await app.jobs.drain();
    const originalCredit = await request(app.url)
      .get(`/api/v1/attributions/${originalId}`)
      .set({ Authorization: `Bearer ${token}` });
    expect(originalCredit.status).toBe(200);
    const shares = Object.fromEntries(
      (originalCredit.body.splits as { participantId: string; shareBp: number }[]).map((s) => [
        s.participantId,
        s.shareBp,
      ]),
    );
    expect(shares['p-northwind']).toBeGreaterThan(0);

    sim.state.update(sim.portalId, 'deals', renewal.id, { dealstage: 'closedwon', amount: '1200' });
    await deliver();
    const credit = await request(app.url)
      .get(`/api/v1/attributions/${renewalId}`)
      .set({ Authorization: `Bearer ${token}` });
    expect(credit.status).toBe(200);
    expect(credit.body).toMatchObject({
      status: 'finalised',
      inheritance: { mode: 'inherited', originalDealId: originalId },
    });
    expect(
      Object.fromEntries(
        (credit.body.splits as { participantId: string; shareBp: number }[]).map((s) => [
          s.participantId,
          s.shareBp,
        ]),
      ),
    ).toEqual(shares);
    const northwind = (credit.body.splits as { participantId: string; explanation: string }[]).find(
      (s) => s.participantId === 'p-northwind',
    )!;
    expect(northwind.explanation).toContain(`inherited from the original deal ${originalId}`);
  });

  it('When a renewal arrives before any won deal on its account, then it is a renewal with no original, its credit says why, and it is linked once the original arrives', async () => {
    const globex = company('globex-renewals');
    const renewal = deal(globex.id, {
      dealname: 'Globex renewal',
      dealstage: 'appointmentscheduled',
      dealtype: 'existingbusiness',
      createdate: '2025-06-01T00:00:00.000Z',
    });
    await deliver();
    const renewalId = hubspotIds.deal(renewal.id);
    expect(await store().attribution.renewals.get(renewalId)).toMatchObject({
      originalDealId: null,
      reason: 'no won deal on the account closed before the renewal was created on 2025-06-01',
    });
    const credit = await request(app.url)
      .get(`/api/v1/attributions/${renewalId}`)
      .set(await bearer(admin.id));
    expect(credit.body.inheritance).toEqual({ mode: 'no_original', originalDealId: null });
    expect(credit.body.splits[0].explanation).toContain(
      'this renewal has no original deal to inherit from (no won deal on the account closed before the renewal was created on 2025-06-01)',
    );

    const original = deal(globex.id, {
      dealname: 'Globex 2024',
      dealstage: 'closedwon',
      closedate: '2024-12-15T00:00:00.000Z',
      createdate: '2024-03-01T00:00:00.000Z',
    });
    await deliver();
    expect(await store().attribution.renewals.get(renewalId)).toMatchObject({
      originalDealId: hubspotIds.deal(original.id),
    });
    type Linked = { dealId: string; previousOriginalDealId: string | null; originalDealId: string | null };
    const linked = (await audit('attribution.renewals_linked'))
      .flatMap((e) => e.payload.linked as Linked[])
      .filter((l) => l.dealId === renewalId);
    expect(linked.map((l) => [l.previousOriginalDealId, l.originalDealId])).toEqual([
      [null, null],
      [null, hubspotIds.deal(original.id)],
    ]);

    // HubSpot no longer calls it existing business: it is new business again.
    sim.state.update(sim.portalId, 'deals', renewal.id, { dealtype: 'newbusiness' });
    await deliver();
    expect(await store().attribution.renewals.get(renewalId)).toBeUndefined();
    expect((await audit('attribution.renewals_linked')).at(-1)).toMatchObject({
      subject: `deal:${renewalId}`,
      payload: {
        linked: [],
        unlinked: [
          {
            dealId: renewalId,
            previousOriginalDealId: hubspotIds.deal(original.id),
            reason: 'the CRM no longer marks it a renewal',
          },
        ],
      },
    });
  });

  it('When an admin maps a renewal pipeline the portal does not have, or an outcome to a text property, then 400 CRM.MAPPING_INVALID names each', async () => {
    const res = await request(app.url)
      .put('/api/v1/crm/field-mapping')
      .set(await bearer(admin.id))
      .send({ renewals: { pipelines: 'renewals-pipeline' }, outcomes: { implementation: 'dealname' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CRM.MAPPING_INVALID');
    expect(res.body.error.details).toEqual([
      {
        objectType: 'deals',
        field: 'renewals.pipelines',
        property: 'renewals-pipeline',
        problem: 'unknown_pipeline',
        type: null,
        accepted: ['default'],
      },
      {
        objectType: 'deals',
        field: 'outcomes.implementation',
        property: 'dealname',
        problem: 'wrong_type',
        type: 'string',
        accepted: ['date', 'datetime', 'bool'],
      },
    ]);
  });

  it('When an admin maps a go-live date to implementation and it is set on a deal a partner is credited on, then the outcome is recorded once for that partner and its tier assessed', async () => {
    const created = await fetch(`${sim.url}/crm/v3/properties/deals`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sim.issueToken().accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: 'go_live_date',
        label: 'Go-live date',
        type: 'date',
        fieldType: 'date',
        groupName: 'dealinformation',
      }),
    });
    expect(created.status).toBe(201);
    const saved = await request(app.url)
      .put('/api/v1/crm/field-mapping')
      .set(await bearer(admin.id))
      .send({ outcomes: { implementation: 'go_live_date' } });
    expect(saved.status).toBe(200);
    expect(saved.body.mapping.outcomes).toEqual({ implementation: 'go_live_date' });
    // The settings page saves fields only: the outcome mapping stays.
    const fieldsOnly = await request(app.url)
      .put('/api/v1/crm/field-mapping')
      .set(await bearer(admin.id))
      .send({ deals: {} });
    expect(fieldsOnly.body).toMatchObject({
      changed: false,
      mapping: { outcomes: { implementation: 'go_live_date' } },
    });

    const initech = company('initech-outcomes');
    const won = deal(initech.id, {
      dealname: 'Initech platform',
      dealstage: 'closedwon',
      closedate: '2025-03-31T00:00:00.000Z',
      createdate: '2025-01-05T00:00:00.000Z',
    });
    await deliver();
    const dealId = hubspotIds.deal(won.id);
    await recordTouchpoints(app.ctx, tenantId, [
      {
        id: 'tp-initech-impl',
        dealId,
        participantId: 'p-northwind',
        kind: 'implementation',
        occurredAt: '2025-03-01T00:00:00.000Z',
        source: 'crm',
        evidence: { externalId: 'crm-initech-impl' },
      },
    ]);
    await app.jobs.drain();

    // A custom property has no webhook subscription of its own: the deal is read whole on its next
    // change (here the seller notes the go-live in the deal name), or by reconciliation.
    sim.state.update(sim.portalId, 'deals', won.id, {
      go_live_date: '2025-05-15',
      dealname: 'Initech platform (live)',
    });
    await deliver();
    const outcomes = (await store().attribution.partnerProgram.outcomesOf('p-northwind')).filter(
      (o) => o.dealId === dealId,
    );
    expect(outcomes).toEqual([
      expect.objectContaining({
        kind: 'implementation',
        source: 'crm',
        verified: true,
        occurredAt: '2025-05-15T00:00:00.000Z',
        note: expect.stringContaining('go_live_date = 2025-05-15'),
      }),
    ]);
    const recorded = (await audit('partner.outcome_recorded')).filter((e) => e.payload.dealId === dealId);
    expect(recorded).toHaveLength(1);
    const history = await store().attribution.partnerProgram.tierHistory('p-northwind');
    expect(history.at(-1)?.cause).toEqual({
      kind: 'outcome_recorded',
      outcomeIds: [outcomes[0]!.id],
      by: 'crm',
    });

    // Read again (another change on the deal): nothing new is recorded.
    sim.state.update(sim.portalId, 'deals', won.id, { dealname: 'Initech platform (live since May)' });
    await deliver();
    expect(
      (await store().attribution.partnerProgram.outcomesOf('p-northwind')).filter((o) => o.dealId === dealId),
    ).toHaveLength(1);
    expect((await audit('partner.outcome_recorded')).filter((e) => e.payload.dealId === dealId)).toHaveLength(
      1,
    );
  });
});
