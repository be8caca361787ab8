import request from 'supertest';
import { buildPartner } from '@entente/shared/testing';
import { companyCardPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/companyCard';
import { signCardRequest, type CardSigner } from '../../crm/hubspot/signCardRequest.js';
import { sandboxFixtureSchema, type SandboxFixture } from '../../sandbox/sandboxFixture.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { createApiKey } from '../auth/index.js';

// Opening and seeding the sandbox on a busy machine takes a while; the tests assert behaviour, not speed.
jest.setTimeout(60_000);

const TENANT = 'sandbox';

/**
 * Partner outcomes recorded by internal users through the API, the tier they earn stored with its
 * reasons and audited, and the company card showing it, on the sandbox tenant.
 */
describe('partner outcomes and stored tiers', () => {
  let app: TestApp;
  let fixture: SandboxFixture;
  let signer: CardSigner;
  let partnerId: string;
  let managerId: string;
  let accountId: string;
  const keys = new Map<string, string>();
  const as = async (userId: string, role: 'user' | 'admin' = 'user', tenantId = TENANT) => {
    const name = `${tenantId}:${userId}:${role}`;
    if (!keys.has(name))
      keys.set(name, (await createApiKey(app.ctx.store.db, tenantId, { userId, role })).token);
    return { Authorization: `Bearer ${keys.get(name)!}` };
  };
  const record = async (body: object, userId = 'u-desk', partner = partnerId) =>
    request(app.url)
      .post(`/api/v1/partners/${partner}/outcomes`)
      .set(await as(userId))
      .send(body);
  const audit = async (type: string) =>
    (await app.ctx.store.forTenant(TENANT).audit.list({ limit: 10_000 })).filter(
      (e) => e.type === type && e.subject === `partner:${partnerId}`,
    );
  const companyCard = async () => {
    const viewer = fixture.users.find((u) => u.id === 'u-pm-1')!;
    const signed = signCardRequest(
      signer,
      { hubspotUserId: viewer.hubspotUserId, email: viewer.email },
      { method: 'GET', path: `/hubspot/cards/companies/${accountId}`, timestamp: app.ctx.now().getTime() },
    );
    const call = request(app.url).get(signed.pathAndQuery);
    for (const [name, value] of Object.entries(signed.headers)) call.set(name, value);
    const res = await call.expect(200);
    return companyCardPayloadSchema.parse(res.body);
  };

  beforeAll(async () => {
    app = await startTestApp();
    fixture = sandboxFixtureSchema.parse((await request(app.url).get('/sandbox/fixture').expect(200)).body);
    signer = { publicUrl: app.ctx.config.publicUrl, ...fixture.hubspot! };
    const registration = fixture.registrations.find((r) => r.accountId !== null)!;
    partnerId = registration.partnerId;
    accountId = registration.accountId!;
    const tenant = app.ctx.store.forTenant(TENANT);
    const partner = (await tenant.partners.get(partnerId))!;
    managerId = partner.managerUserId!;
    // One certification and no outcome yet: the entry tier, one verified outcome short of Silver.
    await tenant.partners.upsert({
      ...partner,
      tier: 'registered',
      capabilities: { ...partner.capabilities, certifications: ['Certified Implementer'] },
    });
    await app.ctx.store.tenants.upsert({
      id: 't-other',
      name: 'Another company',
      crm: 'sandbox',
      externalId: 'ext-other',
      status: 'active',
      sandbox: false,
    });
    await app.ctx.store.forTenant('t-other').partners.upsert(buildPartner({ id: 'p-elsewhere' }));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('When a deal-desk member records an outcome that meets Silver’s criteria, then the tier rises, is stored with its reasons, audited, and shown on the company card', async () => {
    const res = await record({ kind: 'activation', occurredAt: '2026-10-15T00:00:00Z', csat: 5 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      recorded: true,
      outcome: {
        partnerId,
        kind: 'activation',
        source: 'internal',
        recordedBy: 'u-desk',
        verified: true,
        csat: 5,
      },
      tier: {
        tierId: 'silver',
        tierName: 'Silver',
        changed: true,
        previousTier: 'registered',
        assessment: {
          reasons: ['certifications: 1 of 1 required', 'verified customer outcomes: 1 of 1 required'],
        },
        next: { tierId: 'gold', missing: expect.arrayContaining(['certifications: 1 of 3 required']) },
      },
    });
    expect((await app.ctx.store.forTenant(TENANT).partners.get(partnerId))?.tier).toBe('silver');

    expect(await audit('partner.outcome_recorded')).toEqual([
      expect.objectContaining({ actor: 'u-desk', payload: expect.objectContaining({ kind: 'activation' }) }),
    ]);
    expect(await audit('partner.tier_changed')).toEqual([
      expect.objectContaining({
        actor: 'system',
        payload: expect.objectContaining({
          from: 'registered',
          to: 'silver',
          direction: 'up',
          reasons: ['certifications: 1 of 1 required', 'verified customer outcomes: 1 of 1 required'],
          cause: { kind: 'outcome_recorded', outcomeIds: [res.body.outcome.id], by: 'u-desk' },
        }),
      }),
    ]);
    const verified = await request(app.url)
      .get('/api/v1/audit/verify')
      .set({ Authorization: `Bearer ${fixture.adminToken}` });
    expect(verified.body.ok).toBe(true);

    const card = await companyCard();
    const shown = card.partners.find((p) => p.partnerId === partnerId)!;
    expect(shown).toMatchObject({
      tier: 'Silver',
      tierAssessment: {
        tierId: 'silver',
        tierName: 'Silver',
        reasons: ['certifications: 1 of 1 required', 'verified customer outcomes: 1 of 1 required'],
        next: { tierName: 'Gold' },
      },
    });
  });

  it('When the same outcome is recorded again, then nothing changes and the answer says so', async () => {
    const res = await record({ kind: 'activation', occurredAt: '2026-10-15T00:00:00Z', csat: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recorded: false, tier: { tierId: 'silver', changed: false } });
    expect(await audit('partner.outcome_recorded')).toHaveLength(1);
    expect(await audit('partner.tier_changed')).toHaveLength(1);
  });

  it('When an outcome kind is unknown, then 422 OUTCOME.UNKNOWN_KIND lists the kinds', async () => {
    const res = await record({ kind: 'golf_outing' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('OUTCOME.UNKNOWN_KIND');
    expect(res.body.error.message).toContain('activation, adoption, co_sell, implementation');
  });

  it('When a seller records an outcome, then 403 OUTCOME.FORBIDDEN', async () => {
    const res = await record({ kind: 'adoption' }, 'u-s-1');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUTCOME.FORBIDDEN');
  });

  it('When the partner’s own manager records an outcome, then 403 GOVERNANCE.NOT_NEUTRAL', async () => {
    const res = await record({ kind: 'adoption' }, managerId);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
  });

  it('When the partner belongs to another tenant, then 404, as for a partner that does not exist', async () => {
    const res = await record({ kind: 'adoption' }, 'u-desk', 'p-elsewhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('REQUEST.NOT_FOUND');
  });

  it('When the outcome names a deal the tenant does not have, then 422 OUTCOME.UNKNOWN_DEAL', async () => {
    const res = await record({ kind: 'implementation', dealId: 'no-such-deal' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('OUTCOME.UNKNOWN_DEAL');
    expect(await audit('partner.outcome_recorded')).toHaveLength(1);
  });

  it('When a partner’s value is read, then it shows the tier of record with the stored reasons', async () => {
    const res = await request(app.url)
      .get(`/api/v1/partners/${partnerId}/value`)
      .set(await as('u-desk'));
    expect(res.status).toBe(200);
    expect(res.body.tierOfRecord).toMatchObject({
      tierId: 'silver',
      tierName: 'Silver',
      assessment: {
        reasons: ['certifications: 1 of 1 required', 'verified customer outcomes: 1 of 1 required'],
      },
    });
  });

  it('When the partner’s certifications are taken away, then its tier is assessed again at once, lowered and audited', async () => {
    const res = await request(app.url)
      .patch(`/api/v1/partners/${partnerId}`)
      .set({ Authorization: `Bearer ${fixture.adminToken}` })
      .send({ certifications: [] });
    expect(res.status).toBe(200);
    expect(res.body.tier).toBe('registered');
    const changes = await audit('partner.tier_changed');
    expect(changes.at(-1)?.payload).toMatchObject({
      from: 'silver',
      to: 'registered',
      direction: 'down',
      cause: { kind: 'capabilities_changed' },
    });
    const card = await companyCard();
    expect(card.partners.find((p) => p.partnerId === partnerId)).toMatchObject({
      tier: 'Registered',
      tierAssessment: { reasons: ['entry tier: open to every partner in the program'] },
    });
  });
});
