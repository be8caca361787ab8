import http from 'node:http';
import request from 'supertest';
import type { Deal } from '@entente/shared/domain';
import { buildAccount, buildDeal } from '@entente/shared/testing';
import { listAudit } from '../../store/repositories/audit.js';
import { sourcedTouchpointId } from '@entente/shared/governance';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { applyCrmEntities } from '../../use-cases/sync/applyCrmEntities.js';
import { finaliseDealAttribution } from '../../use-cases/finaliseDealAttribution.js';
import { createApiKey } from '../auth/index.js';

type Fixture = { partners: { id: string; apiKey: string }[]; adminToken: string };

/** Customers of our own, so each test knows exactly which open deals the account has. */
const customers = {
  single: { id: 'acc-lnk-single', name: 'Lumen Harbor Labs', domain: 'lumenharbor.example' },
  ambiguous: { id: 'acc-lnk-ambiguous', name: 'Quillmoor Freight', domain: 'quillmoor.example' },
  byAmount: { id: 'acc-lnk-amount', name: 'Tessellate Robotics', domain: 'tessellate-robotics.example' },
  later: { id: 'acc-lnk-later', name: 'Orchard Vale Dairy', domain: 'orchardvale.example' },
};

const openDeal = (id: string, accountId: string, overrides: Partial<Deal> = {}): Deal =>
  buildDeal({
    id,
    crmId: id,
    name: `${id} deal`,
    accountId,
    amountMinor: 4_000_000,
    closeDate: '2026-12-15',
    createdAt: '2026-10-01T00:00:00.000Z',
    ...overrides,
  });

describe('linking registrations to deals, through the API', () => {
  let app: TestApp;
  let fixture: Fixture;
  const asPartner = () => ({
    Authorization: `Bearer ${fixture.partners.find((p) => p.id === 'p-northwind')!.apiKey}`,
  });
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });
  const store = () => app.ctx.store.forTenant('sandbox');
  const register = async (customer: { name: string; domain: string }, extra: object = {}) => {
    const response = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner())
      .send({ customer: { name: customer.name, domain: customer.domain }, ...extra });
    expect(response.status).toBe(201);
    return (await store().registrations.get(response.body.id))!;
  };
  const link = (registrationId: string, body: object) =>
    request(app.url).post(`/api/v1/registrations/${registrationId}/link`).set(asAdmin()).send(body);
  const auditOf = async (registrationId: string) =>
    (await listAudit(app.ctx.store.db, 'sandbox', { limit: 100_000 })).filter(
      (entry) => entry.subject === `registration:${registrationId}`,
    );
  /** The partner's approved registration of the customer with several open deals. */
  const approvedAmbiguous = async () =>
    (await store().registrations.listByAccount(customers.ambiguous.id)).find((r) => r.status === 'approved')!;
  const sourcedOn = async (dealId: string) =>
    (await store().attribution.touchpoints.listByDeal(dealId)).filter((t) => t.kind === 'sourced');

  beforeAll(async () => {
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
    const tenant = store();
    for (const c of Object.values(customers))
      await tenant.accounts.upsert(
        buildAccount({ id: c.id, crmId: c.id, name: c.name, domains: [c.domain] }),
      );
    // Owned by a seller: the claim goes to a neutral reviewer, and the seller has a stake.
    await tenant.deals.upsert(
      openDeal('deal-lnk-single', customers.single.id, {
        ownerId: 'u-s-1',
        splits: [{ userId: 'u-s-1', role: 'owner', percent: 100 }],
      }),
    );
    await tenant.deals.upsert(openDeal('deal-lnk-amb-1', customers.ambiguous.id));
    await tenant.deals.upsert(openDeal('deal-lnk-amb-2', customers.ambiguous.id, { amountMinor: 7_500_000 }));
    await tenant.deals.upsert(openDeal('deal-lnk-amt-1', customers.byAmount.id));
    await tenant.deals.upsert(openDeal('deal-lnk-amt-2', customers.byAmount.id, { amountMinor: 7_500_000 }));
  }, 60_000);
  afterAll(() => app.close());

  it('When the account has one open deal, then submission links it, audited, and approval credits the partner with sourcing it', async () => {
    const registration = await register(customers.single);
    expect(registration).toMatchObject({ status: 'in_review', dealId: 'deal-lnk-single' });
    const linked = (await auditOf(registration.id)).find((e) => e.type === 'registration.linked');
    expect(linked?.payload).toMatchObject({
      dealId: 'deal-lnk-single',
      linkedBy: 'submission',
      previousDealId: null,
    });
    // The direct team's open deal is still a conflict for the reviewer until someone decides.
    const review = await request(app.url)
      .get(`/api/v1/review/registrations/${registration.id}`)
      .set(asAdmin());
    expect(JSON.stringify(review.body)).toContain('direct_owned_deal');
    await app.jobs.drain();
    expect(await sourcedOn('deal-lnk-single')).toEqual([]);

    const approved = await request(app.url)
      .post(`/api/v1/registrations/${registration.id}/decisions`)
      .set(asAdmin())
      .send({ outcome: 'approve', reason: 'Partner brought the opportunity', actingUserId: 'u-pm-1' });
    expect(approved.status).toBe(200);
    await app.jobs.drain();
    expect(await sourcedOn('deal-lnk-single')).toEqual([
      expect.objectContaining({
        id: sourcedTouchpointId(registration.id, 'deal-lnk-single'),
        participantId: 'p-northwind',
        occurredAt: registration.submittedAt,
        source: 'registration',
        evidence: expect.objectContaining({ externalId: `registration:${registration.id}` }),
      }),
    ]);
  });

  it('When the account has several open deals and nothing singles one out, then the registration is left unlinked for the approver', async () => {
    const registration = await register(customers.ambiguous);
    expect(registration.status).toBe('approved');
    expect(registration.dealId).toBeNull();
    expect((await auditOf(registration.id)).map((e) => e.type)).toEqual(['registration.decided']);
  });

  it('When one of several open deals matches the registered amount, then submission links that one', async () => {
    const registration = await register(customers.byAmount, { amountMinor: 7_500_000 });
    expect(registration.dealId).toBe('deal-lnk-amt-2');
  });

  it('When an approver links and then relinks an approved registration, then the credit moves with the link and both are audited', async () => {
    const first = await approvedAmbiguous();
    expect(first).toMatchObject({ status: 'approved', dealId: null });
    const linked = await link(first.id, { dealId: 'deal-lnk-amb-1', reason: 'The PO names the first deal' });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ previousDealId: null, changed: true });
    expect(linked.body.registration).toMatchObject({ dealId: 'deal-lnk-amb-1' });
    await app.jobs.drain();
    expect(await sourcedOn('deal-lnk-amb-1')).toHaveLength(1);

    const again = await link(first.id, { dealId: 'deal-lnk-amb-1' });
    expect(again.body).toMatchObject({ changed: false });

    const relinked = await link(first.id, {
      dealId: 'deal-lnk-amb-2',
      reason: 'Wrong deal; it is the larger one',
    });
    expect(relinked.status).toBe(200);
    expect(relinked.body).toMatchObject({ previousDealId: 'deal-lnk-amb-1', changed: true });
    await app.jobs.drain();
    expect(await sourcedOn('deal-lnk-amb-1')).toEqual([]);
    expect(await sourcedOn('deal-lnk-amb-2')).toHaveLength(1);
    const entries = (await auditOf(first.id)).filter((e) => e.type.startsWith('registration.'));
    expect(entries.map((e) => e.type)).toEqual([
      'registration.decided',
      'registration.linked',
      'registration.relinked',
    ]);
    expect(entries[2]?.payload).toMatchObject({
      dealId: 'deal-lnk-amb-2',
      previousDealId: 'deal-lnk-amb-1',
      linkedBy: 'approver',
      reason: 'Wrong deal; it is the larger one',
    });
    expect(entries[2]?.actor).toBe('u-admin');
  });

  it('When the seller who owns the deal tries to link a registration to it, then 403 GOVERNANCE.NOT_NEUTRAL names the stake', async () => {
    const registration = await approvedAmbiguous();
    await store().deals.upsert(
      openDeal('deal-lnk-amb-3', customers.ambiguous.id, {
        ownerId: 'u-s-2',
        splits: [{ userId: 'u-s-2', role: 'owner', percent: 100 }],
      }),
    );
    const refused = await link(registration.id, { dealId: 'deal-lnk-amb-3', actingUserId: 'u-s-2' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
    expect(refused.body.error.message).toMatch(/owns the deal this registration claims/);
    // A seller without a stake is not an approver either.
    const notApprover = await link(registration.id, { dealId: 'deal-lnk-amb-3', actingUserId: 'u-s-3' });
    expect(notApprover.status).toBe(403);
    expect(notApprover.body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await store().registrations.get(registration.id))?.dealId).toBe('deal-lnk-amb-2');
  });

  it('When a partner calls the link endpoint, then it is refused and nothing changes', async () => {
    const registration = await approvedAmbiguous();
    const refused = await request(app.url)
      .post(`/api/v1/registrations/${registration.id}/link`)
      .set(asPartner())
      .send({ dealId: 'deal-lnk-amb-1' });
    expect([401, 403]).toContain(refused.status);
    expect((await store().registrations.get(registration.id))?.dealId).toBe('deal-lnk-amb-2');
  });

  it('When the registration or the deal is unknown, or the registration is rejected, then 404 or 409', async () => {
    const registration = await approvedAmbiguous();
    expect((await link('reg-nope', { dealId: 'deal-lnk-amb-1' })).status).toBe(404);
    const noDeal = await link(registration.id, { dealId: 'deal-nope' });
    expect(noDeal.status).toBe(404);
    // The same partner registering the same customer again is a duplicate, rejected at once.
    const rejected = await register(customers.ambiguous);
    expect(rejected.status).toBe('rejected');
    const refused = await link(rejected!.id, { dealId: 'deal-lnk-amb-1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REGISTRATION.NOT_LINKABLE');
  });

  it('When another tenant’s admin links a sandbox registration, then 404 and nothing changes', async () => {
    await app.ctx.store.tenants.upsert({
      id: 'other-link',
      name: 'Other',
      crm: 'hubspot',
      externalId: '4242',
      status: 'active',
      sandbox: false,
    });
    const { token } = await createApiKey(app.ctx.store.db, 'other-link', {
      userId: 'u-admin',
      role: 'admin',
    });
    const registration = await approvedAmbiguous();
    const response = await request(app.url)
      .post(`/api/v1/registrations/${registration.id}/link`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ dealId: 'deal-lnk-amb-1' });
    expect(response.status).toBe(404);
    expect((await store().registrations.get(registration.id))?.dealId).toBe('deal-lnk-amb-2');
  });

  it('When the CRM creates a deal on the account of an approved, unlinked registration and it closes won, then the registration links, is won, and the partner gets the credit', async () => {
    const registration = await register(customers.later);
    expect(registration).toMatchObject({ status: 'approved', dealId: null });
    const later = new Date(Date.parse(registration.submittedAt) + 3_600_000);
    app.setNow(later);
    const deal = openDeal('deal-lnk-later', customers.later.id, { createdAt: later.toISOString() });
    await app.ctx.store.inTransaction('sandbox', (tx) =>
      applyCrmEntities(tx, [{ kind: 'deals', deal, contactIds: [] }], later),
    );
    expect((await store().registrations.get(registration.id))?.dealId).toBe(deal.id);
    const linked = (await auditOf(registration.id)).find((e) => e.type === 'registration.linked');
    expect(linked?.payload).toMatchObject({ linkedBy: 'crm_deal_created', dealId: deal.id });
    await app.jobs.drain();

    const won = { ...deal, stage: 'closedwon', stageCategory: 'won' as const, closeDate: '2026-11-03' };
    await app.ctx.store.inTransaction('sandbox', (tx) =>
      applyCrmEntities(tx, [{ kind: 'deals', deal: won, contactIds: [] }], later),
    );
    expect((await store().registrations.get(registration.id))?.status).toBe('won');
    expect((await auditOf(registration.id)).map((e) => e.type)).toContain('registration.won');

    const { attribution } = await finaliseDealAttribution(app.ctx, 'sandbox', deal.id);
    expect(attribution.result.splits).toEqual([
      expect.objectContaining({ participantId: 'p-northwind', shareBp: 10_000 }),
    ]);
    expect(attribution.result.splits[0]?.explanation).toMatch(/^Northwind Traders 100%: sourced the deal/);
  });
});
