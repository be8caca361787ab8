import http from 'node:http';
import request from 'supertest';
import { buildAccount, buildDeal, buildRegistration, buildUser } from '@entente/shared/testing';
import { sourcedTouchpointId } from '@entente/shared/governance';
import { dealCardPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/dealCard';
import { signCardRequest, type CardSigner } from '../../crm/hubspot/signCardRequest.js';
import { enqueue } from '../../jobs/jobKinds.js';
import { sandboxFixtureSchema, type SandboxFixture } from '../../sandbox/sandboxFixture.js';
import { crmTouch, seedAttributionWorld, type AttributionWorld } from '../../testing/seedAttributionWorld.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { requestAttributionFinalise } from '../../use-cases/attribution/jobs.js';
import { recordTouchpoints } from '../../use-cases/recordTouchpoints.js';
import { createApiKey } from '../auth/index.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

type Split = { participantId: string; shareBp: number; explanation: string };
const sharesOf = (splits: Split[]) => Object.fromEntries(splits.map((s) => [s.participantId, s.shareBp]));

describe('touchpoint provenance and disputes that change the credit, through the API', () => {
  let app: TestApp;
  let world: AttributionWorld;
  /** A seller with no stake in the world's deals: neutral, but not someone who decides disputes. */
  let bystanderKey: string;

  const tenant = () => app.ctx.store.forTenant(world.tenantId);
  const attributionOf = async (dealId: string, key = world.keys.dealDesk) =>
    (await request(app.url).get(`/api/v1/attributions/${dealId}`).set(auth(key)).expect(200)).body;
  const auditTypes = async (tenantId: string): Promise<string[]> =>
    (await app.ctx.store.forTenant(tenantId).audit.list({ limit: 100_000 })).map((entry) => entry.type);

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp({ seed: false });
    world = await seedAttributionWorld(app.ctx, 't-provenance');
    const bystander = buildUser({ id: 'u-bystander', name: 'Bo Bystander', roles: ['seller'] });
    await tenant().users.upsert(bystander);
    bystanderKey = (
      await createApiKey(app.ctx.store.db, world.tenantId, { userId: bystander.id, role: 'user' })
    ).token;
    // Contoso's claim on the open deal is still pending: it takes part, but has no credit yet.
    await tenant().registrations.upsert(
      buildRegistration({
        id: 'r-contoso-open',
        partnerId: world.partners.contoso.id,
        dealId: world.deals.open.id,
        status: 'in_review',
        submittedAt: '2026-09-05T00:00:00.000Z',
      }),
    );
  }, 120_000);
  afterAll(() => app.close());

  describe('what a partner may report', () => {
    it('When a partner posts a `sourced` touchpoint, then 403 ATTRIBUTION.SOURCED_NOT_REPORTABLE and nothing is stored', async () => {
      const res = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.contoso))
        .send({ touchpoints: [{ dealId: 'd-open', kind: 'sourced', occurredAt: '2026-09-06T10:00:00Z' }] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ATTRIBUTION.SOURCED_NOT_REPORTABLE');
      expect(await tenant().attribution.touchpoints.listByDeal('d-open')).toEqual([]);
    });

    it('When a partner posts a referral among other touches, then the whole report is refused: a referral is sourcing too', async () => {
      const res = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.contoso))
        .send({
          touchpoints: [
            { dealId: 'd-open', kind: 'demo', occurredAt: '2026-09-06T10:00:00Z' },
            { dealId: 'd-open', kind: 'referral', occurredAt: '2026-09-06T11:00:00Z' },
          ],
        });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ATTRIBUTION.SOURCED_NOT_REPORTABLE');
      expect(await tenant().attribution.touchpoints.listByDeal('d-open')).toEqual([]);
    });

    it('When a partner reports a demo, then it counts half until confirmed, the direct team holds the rest, and both explanations say so', async () => {
      const res = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.contoso))
        .send({ touchpoints: [{ dealId: 'd-open', kind: 'demo', occurredAt: '2026-09-20T10:00:00Z' }] });
      expect(res.status).toBe(201);
      expect(res.body.recorded).toEqual([expect.objectContaining({ source: 'partner_reported' })]);
      const view = await attributionOf('d-open');
      expect(sharesOf(view.splits)).toEqual({ 'p-contoso': 5000, direct: 5000 });
      expect(view.splits.map((s: Split) => s.explanation)).toEqual([
        'Contoso 50%: ran a demo (only touch, partner-reported, 50%); partner-reported touches count 50% until the CRM or an internal user confirms them',
        'Direct team 50%: keeps the unconfirmed part of Contoso’s report that it ran a demo (only touch, 50%)',
      ]);
      // The partner reads its own half, never the direct team's.
      const partner = await attributionOf('d-open', world.keys.contoso);
      expect(partner.split).toMatchObject({ shareBp: 5000 });
      expect(JSON.stringify(partner)).not.toContain('Direct team');
    });

    it('When a neutral internal user confirms the report, then the company’s record takes its place and it counts in full', async () => {
      const reported = (await tenant().attribution.touchpoints.listByDeal('d-open'))[0]!;
      const res = await request(app.url)
        .post(`/api/v1/attributions/d-open/touchpoints/${reported.id}/confirm`)
        .set(auth(world.keys.dealDesk))
        .send({ note: 'Demo is in the seller’s calendar' });
      expect(res.status).toBe(201);
      expect(res.body.recorded).toEqual([expect.objectContaining({ source: 'internal', kind: 'demo' })]);
      expect(res.body.duplicates).toEqual([expect.objectContaining({ id: reported.id })]);
      expect(sharesOf((await attributionOf('d-open')).splits)).toEqual({ 'p-contoso': 10_000 });
      expect(await auditTypes(world.tenantId)).toContain('attribution.touchpoints_recorded');
    });

    it('When an admin publishes a weight of 0, then unconfirmed reports wait for confirmation and earn nothing meanwhile', async () => {
      const published = await request(app.url)
        .post('/api/v1/attribution/settings')
        .set(auth(world.keys.admin))
        .send({ model: { name: 'position_based' }, partnerReported: { weight: 0 } });
      expect(published.status).toBe(201);
      expect(published.body.partnerReported).toEqual({ weight: 0 });
      await tenant().deals.upsert({ ...world.deals.open, id: 'd-open-2', crmId: 'crm-d-open-2' });
      await tenant().registrations.upsert(
        buildRegistration({
          id: 'r-contoso-open-2',
          partnerId: world.partners.contoso.id,
          dealId: 'd-open-2',
          status: 'in_review',
        }),
      );
      await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.contoso))
        .send({
          touchpoints: [{ dealId: 'd-open-2', kind: 'co_sell_meeting', occurredAt: '2026-09-21T10:00:00Z' }],
        })
        .expect(201);
      const view = await attributionOf('d-open-2');
      expect(sharesOf(view.splits)).toEqual({ 'p-contoso': 0, direct: 10_000 });
      expect(view.splits[0].explanation).toBe(
        'Contoso 0%: joined a co-sell meeting, as reported by the partner; it counts once the CRM or an internal user confirms it',
      );
      // Back to the default for the tests that follow.
      await request(app.url)
        .post('/api/v1/attribution/settings')
        .set(auth(world.keys.admin))
        .send({ model: { name: 'position_based' }, partnerReported: { weight: 0.5 } })
        .expect(201);
    });
  });

  describe('sourcing recorded by an internal user', () => {
    const sourced = { participantId: 'p-northwind', kind: 'sourced', occurredAt: '2026-09-02T09:00:00Z' };

    it('When the deal’s owner or the partner’s manager records sourcing, then 403 GOVERNANCE.NOT_NEUTRAL names the stake', async () => {
      const owner = await request(app.url)
        .post('/api/v1/attributions/d-open/touchpoints')
        .set(auth(world.keys.seller))
        .send({ touchpoints: [sourced] });
      expect(owner.status).toBe(403);
      expect(owner.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
      expect(owner.body.error.message).toContain('owns the deal');
      const manager = await request(app.url)
        .post('/api/v1/attributions/d-open/touchpoints')
        .set(auth(world.keys.partnerManager))
        .send({ touchpoints: [sourced] });
      expect(manager.status).toBe(403);
      expect(manager.body.error.message).toContain('manages Northwind');
    });

    it('When a neutral user without an adjudicating role records sourcing, then 403', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-open/touchpoints')
        .set(auth(bystanderKey))
        .send({ touchpoints: [sourced] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    });

    it('When the deal desk records it, then it is the company’s record, counted in full and audited under the user', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-open/touchpoints')
        .set(auth(world.keys.dealDesk))
        .send({ touchpoints: [sourced] });
      expect(res.status).toBe(201);
      expect(res.body.recorded).toEqual([
        expect.objectContaining({ participantId: 'p-northwind', kind: 'sourced', source: 'internal' }),
      ]);
      const view = await attributionOf('d-open');
      expect(view.splits[0]).toMatchObject({ participantId: 'p-northwind', shareBp: 5000 });
      expect(view.splits[0].explanation).toMatch(/^Northwind 50%: sourced the deal \(first touch, 50%\)/);
      const recorded = (await tenant().audit.list({ limit: 100_000 })).filter(
        (e) => e.type === 'attribution.touchpoints_recorded',
      );
      expect(recorded.at(-1)).toMatchObject({ actor: 'user:u-desk', subject: 'deal:d-open' });
    });
  });

  describe('disputes that change the credit', () => {
    let disputeId: string;
    const decide = (id: string, key: string, body: object) =>
      request(app.url).post(`/api/v1/attributions/d-won/disputes/${id}/decision`).set(auth(key)).send(body);

    beforeAll(async () => {
      await recordTouchpoints(app.ctx, world.tenantId, [
        crmTouch({
          id: 'w-sourced',
          participantId: 'p-northwind',
          kind: 'sourced',
          occurredAt: '2026-08-02T10:00:00.000Z',
        }),
        crmTouch({
          id: 'w-validation',
          participantId: 'p-northwind',
          kind: 'technical_validation',
          occurredAt: '2026-09-15T10:00:00.000Z',
        }),
        crmTouch({
          id: 'w-demo',
          participantId: 'p-contoso',
          kind: 'demo',
          occurredAt: '2026-10-28T10:00:00.000Z',
        }),
      ]);
      await requestAttributionFinalise(tenant(), 'd-won', app.ctx.now());
      await app.jobs.drain();
    });

    it('When a partner names another participant’s share in its remedy, then it is refused', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.contoso))
        .send({
          reason: 'Northwind did less',
          remedy: { kind: 'split', shares: [{ participantId: 'p-northwind', percent: 40 }] },
        });
      expect(res.status).toBe(403);
    });

    it('When a partner disputes its split and names the share it should have, then the dispute carries the remedy', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.contoso))
        .send({
          reason: 'We ran two demos, not one',
          remedy: { kind: 'split', shares: [{ participantId: 'p-contoso', percent: 50 }] },
        });
      expect(res.status).toBe(201);
      disputeId = res.body.id;
      const stored = await tenant().attribution.disputes.get(disputeId);
      expect(stored?.remedy).toEqual({
        kind: 'split',
        shares: [{ participantId: 'p-contoso', percent: 50 }],
      });
    });

    it('When a reviewer lists the deal’s disputes, then each has its remedy, the split upholding it would give, and what the reviewer may do', async () => {
      const desk = await request(app.url)
        .get('/api/v1/attributions/d-won/disputes?state=live')
        .set(auth(world.keys.dealDesk));
      expect(desk.status).toBe(200);
      expect(desk.body).toMatchObject({ dealId: 'd-won', revision: 1 });
      expect(desk.body.disputes).toEqual([
        expect.objectContaining({ id: disputeId, actions: ['start_review'], blockedReason: null }),
      ]);
      expect(sharesOf(desk.body.disputes[0].proposed)).toEqual({ 'p-northwind': 5000, 'p-contoso': 5000 });
      const owner = await request(app.url)
        .get('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.seller));
      expect(owner.body.disputes[0]).toMatchObject({ actions: [] });
      expect(owner.body.disputes[0].blockedReason).toContain('owns the deal');
      const queue = await request(app.url).get('/api/v1/attribution/disputes').set(auth(world.keys.dealDesk));
      expect(queue.body.disputes.map((d: { id: string }) => d.id)).toContain(disputeId);
    });

    it('When someone with a stake decides it, then 403 GOVERNANCE.NOT_NEUTRAL', async () => {
      const res = await decide(disputeId, world.keys.seller, { action: 'start_review', reason: 'looking' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
    });

    it('When a neutral user without an adjudicating role decides it, then 403', async () => {
      const res = await decide(disputeId, bystanderKey, { action: 'start_review', reason: 'looking' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
      expect(res.body.error.message).toContain('partner manager, deal desk member or admin');
    });

    it('When the deal desk upholds it, then its split becomes the deal’s next revision, audited, explained and written to the CRM', async () => {
      expect(
        (await decide(disputeId, world.keys.dealDesk, { action: 'start_review', reason: 'checking' })).status,
      ).toBe(200);
      const upheld = await decide(disputeId, world.keys.dealDesk, {
        action: 'uphold',
        reason: 'a second demo is in the CRM',
      });
      expect(upheld.status).toBe(200);
      expect(upheld.body).toMatchObject({ state: 'upheld', appliedRevision: 2, adjudicatorId: 'u-desk' });

      const view = await attributionOf('d-won');
      expect(view).toMatchObject({
        status: 'finalised',
        revision: 2,
        adjustment: { kind: 'split', disputeId },
      });
      expect(
        view.splits.map((s: Split & { amountMinor: number }) => [s.participantId, s.shareBp, s.amountMinor]),
      ).toEqual([
        ['p-northwind', 5000, 500_001],
        ['p-contoso', 5000, 500_000],
      ]);
      expect(view.splits[1].explanation).toBe(
        `Contoso 50%: set by the upheld dispute ${disputeId} (was 40%)`,
      );
      expect(view.history.at(-1)).toMatchObject({ kind: 'dispute_upheld' });
      expect(view.history.at(-1).line).toContain('upheld');
      expect(view.history.at(-1).line).toContain('(was Northwind 60%, Contoso 40%)');

      const upheldEntry = (await tenant().audit.list({ limit: 100_000 })).find(
        (e) => e.type === 'attribution.dispute_upheld',
      );
      expect(upheldEntry?.payload).toMatchObject({ disputeId, attributionRevision: 1, revision: 2 });
      expect((await tenant().audit.verify()).ok).toBe(true);

      // The settings are at version 2 (published in the tests above) when the deal was finalised.
      const outbox = await tenant().crmSync.pendingWrites('deals', 10);
      expect(outbox).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            crmId: 'crm-d-won',
            fields: expect.objectContaining({
              attributionSummary: `position_based (v2, split set by dispute ${disputeId}): Northwind 50%, Contoso 50%`,
            }),
          }),
        ]),
      );
    });

    it('When the deal is finalised again with nothing new, then the adjudicated split stands', async () => {
      await requestAttributionFinalise(tenant(), 'd-won', app.ctx.now());
      await app.jobs.drain();
      const stored = await tenant().attribution.dealAttributions.get('d-won');
      expect(stored?.revision).toBe(2);
      expect(sharesOf(stored!.result.splits)).toEqual({ 'p-northwind': 5000, 'p-contoso': 5000 });
    });

    it('When a dispute names no remedy, then upholding it needs the adjudicator’s; with another model, the deal is attributed under it', async () => {
      const raised = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(bystanderKey))
        .send({ reason: 'The split should not be adjudicated by hand', participantId: 'p-northwind' });
      expect(raised.status).toBe(201);
      const id = raised.body.id as string;
      await decide(id, world.keys.dealDesk, { action: 'start_review', reason: 'checking' }).expect(200);
      const bare = await decide(id, world.keys.dealDesk, { action: 'uphold', reason: 'agreed' });
      expect(bare.status).toBe(422);
      expect(bare.body.error.code).toBe('DISPUTE.REMEDY_REQUIRED');
      const upheld = await decide(id, world.keys.dealDesk, {
        action: 'uphold',
        reason: 'linear fits a three-touch deal',
        remedy: { kind: 'model', model: { name: 'linear' } },
      });
      expect(upheld.status).toBe(200);
      expect(upheld.body).toMatchObject({
        appliedRevision: 3,
        remedy: { kind: 'model', model: { name: 'linear' } },
      });
      const view = await attributionOf('d-won');
      expect(view).toMatchObject({
        model: 'linear',
        revision: 3,
        adjustment: { kind: 'model', disputeId: id },
      });
      expect(sharesOf(view.splits)).toEqual({ 'p-northwind': 6667, 'p-contoso': 3333 });
    });
  });
});

describe('a registration’s sourcing credit ends with it, through the API and on the deal card', () => {
  let app: TestApp;
  let fixture: SandboxFixture;
  let signer: CardSigner;
  const store = () => app.ctx.store.forTenant('sandbox');
  const asAdmin = () => auth(fixture.adminToken!);
  const northwindKey = () => fixture.partners.find((p) => p.id === 'p-northwind')!.apiKey;

  /** Northwind registers a customer whose one open deal nobody owns: approved and linked at once. */
  const registerClean = async (account: string, domain: string) => {
    const tenant = store();
    await tenant.accounts.upsert(
      buildAccount({ id: account, crmId: account, name: `${account} Inc`, domains: [domain] }),
    );
    await tenant.deals.upsert(
      buildDeal({
        id: `deal-${account}`,
        crmId: `deal-${account}`,
        name: `${account} rollout`,
        accountId: account,
        stage: 'qualifiedtobuy',
        stageCategory: 'open',
        amountMinor: 2_000_000,
        closeDate: '2026-12-20',
        ownerId: null,
        splits: [],
        createdAt: '2026-10-01T00:00:00.000Z',
      }),
    );
    const res = await request(app.url)
      .post('/api/v1/registrations')
      .set(auth(northwindKey()))
      .send({ customer: { name: `${account} Inc`, domain } });
    expect(res.status).toBe(201);
    await app.jobs.drain();
    const registration = (await tenant.registrations.get(res.body.id))!;
    expect(registration).toMatchObject({ status: 'approved', dealId: `deal-${account}` });
    return registration;
  };
  const attributionOf = async (dealId: string) =>
    (await request(app.url).get(`/api/v1/attributions/${dealId}`).set(asAdmin()).expect(200)).body;

  beforeAll(async () => {
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = sandboxFixtureSchema.parse((await request(app.url).get('/sandbox/fixture').expect(200)).body);
    signer = { publicUrl: app.ctx.config.publicUrl, ...fixture.hubspot! };
  }, 120_000);
  afterAll(() => app.close());

  it('When an approved registration is overturned to rejected, then its sourced credit is gone, and the attribution and the deal card say why', async () => {
    const registration = await registerClean('acc-prov-reject', 'prov-reject.example');
    const dealId = registration.dealId!;
    const credited = await attributionOf(dealId);
    expect(sharesOf(credited.splits)).toEqual({ 'p-northwind': 10_000 });
    expect(credited.history.map((h: { kind: string }) => h.kind)).toEqual(['sourcing_credited']);

    const proposed = await request(app.url)
      .post(`/api/v1/registrations/${registration.id}/decisions`)
      .set(asAdmin())
      .send({
        outcome: 'reject',
        reason: 'The customer came in through the direct team',
        actingUserId: 'u-desk',
      });
    expect(proposed.status).toBe(200);
    const confirmed = await request(app.url)
      .post(`/api/v1/registrations/${registration.id}/override-confirmations`)
      .set(asAdmin())
      .send({ decision: 'confirm', reason: 'Checked the CRM history', actingUserId: 'u-admin' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.registration.status).toBe('rejected');

    expect(await store().attribution.touchpoints.listByDeal(dealId)).toEqual([]);
    const after = await attributionOf(dealId);
    expect(sharesOf(after.splits)).toEqual({ direct: 10_000 });
    const withdrawn = after.history.at(-1);
    expect(withdrawn).toMatchObject({ kind: 'sourcing_withdrawn' });
    expect(withdrawn.line).toMatch(
      new RegExp(
        `sourcing credit was withdrawn on \\d{4}-\\d{2}-\\d{2}: its registration ${registration.id} was rejected$`,
      ),
    );
    const audit = (await store().audit.list({ limit: 100_000 })).filter(
      (e) => e.type === 'attribution.sourcing_withdrawn' && e.subject === `deal:${dealId}`,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          registrationId: registration.id,
          touchpointId: sourcedTouchpointId(registration.id, dealId),
        }),
      }),
    ]);

    // The deal card's attribution panel tells the seller on the split that took the credit back.
    const user = fixture.users.find((u) => u.id === 'u-desk')!;
    const req = signCardRequest(
      signer,
      { hubspotUserId: user.hubspotUserId, email: user.email },
      {
        method: 'GET',
        path: `/hubspot/cards/deals/${dealId}`,
        timestamp: app.ctx.now().getTime(),
      },
    );
    const call = request(app.url).get(req.pathAndQuery);
    for (const [name, value] of Object.entries(req.headers)) call.set(name, value);
    const card = dealCardPayloadSchema.parse((await call.expect(200)).body);
    expect(card.attribution?.splits).toEqual([
      expect.objectContaining({ participantId: 'direct', why: expect.stringContaining(withdrawn.line) }),
    ]);
  });

  it('When an approved registration’s protection expires, then its sourced credit is taken back with the reason', async () => {
    const registration = await registerClean('acc-prov-expire', 'prov-expire.example');
    const dealId = registration.dealId!;
    expect(sharesOf((await attributionOf(dealId)).splits)).toEqual({ 'p-northwind': 10_000 });
    app.setNow(new Date(Date.parse(registration.protectedUntil!) + 1000));
    await enqueue(
      store(),
      'governance.protection_expiry',
      { registrationId: registration.id, protectedUntil: registration.protectedUntil! },
      { runAt: app.ctx.now() },
    );
    await app.jobs.drain();
    expect((await store().registrations.get(registration.id))?.status).toBe('expired');
    const after = await attributionOf(dealId);
    expect(sharesOf(after.splits)).toEqual({ direct: 10_000 });
    expect(after.history.at(-1).line).toContain(
      `its registration ${registration.id} expired when protection ended`,
    );
  });
});
