import http from 'node:http';
import request from 'supertest';
import { buildAccount } from '@entente/shared/testing';
import { reviewCardPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/reviewCard';
import { disputeDecisionResponseSchema } from '../../../../hubspot-app/src/app/cards/types/reviewCard';
import { cardSigningSecret } from '../../config/cardSigning.js';
import { signCardRequest, type CardSigner } from '../../crm/hubspot/signCardRequest.js';
import { crmTouch, seedAttributionWorld, type AttributionWorld } from '../../testing/seedAttributionWorld.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { finaliseDealAttribution } from '../../use-cases/finaliseDealAttribution.js';
import { recordTouchpoints } from '../../use-cases/recordTouchpoints.js';

const PORTAL = '990555';
const TENANT = 'hubspot-990555';

// Opening and seeding a database on a busy machine takes a while; the tests assert behaviour, not speed.
jest.setTimeout(60_000);

describe('attribution disputes on the review card (signed card requests)', () => {
  let app: TestApp;
  let world: AttributionWorld;
  let signer: CardSigner;
  let disputeId: string;

  /** A HubSpot user whose id Entente has not synced yet: linked by e-mail, as the card caller is. */
  const as = (userId: string) => ({ hubspotUserId: '4200001', email: `${userId}@example.com` });
  const signed = (userId: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const req = signCardRequest(signer, as(userId), {
      method,
      path,
      body,
      timestamp: app.ctx.now().getTime(),
    });
    const call =
      method === 'GET' ? request(app.url).get(req.pathAndQuery) : request(app.url).post(req.pathAndQuery);
    for (const [name, value] of Object.entries(req.headers)) call.set(name, value);
    return method === 'POST' ? call.send(req.body) : call;
  };
  const reviewCard = async (userId: string, path = `/hubspot/cards/deals/crm-d-won/registrations`) =>
    reviewCardPayloadSchema.parse((await signed(userId, 'GET', path).expect(200)).body);
  const decide = (userId: string, body: object) =>
    signed(userId, 'POST', `/hubspot/cards/deals/crm-d-won/disputes/${disputeId}/decision`, body);

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp({ seed: false });
    // The tenant is a HubSpot portal's, so signed card requests find it (the world only renames it).
    await app.ctx.store.tenants.upsert({
      id: TENANT,
      name: 'Card disputes',
      crm: 'hubspot',
      externalId: PORTAL,
      status: 'active',
      sandbox: false,
    });
    world = await seedAttributionWorld(app.ctx, TENANT);
    signer = {
      publicUrl: app.ctx.config.publicUrl,
      portalId: PORTAL,
      appId: '1990001',
      clientSecret: cardSigningSecret(app.ctx.config)!,
    };
    // Northwind sourced and validated the won deal, Contoso ran the last demo: 60% / 40% under the
    // default position-based model.
    await recordTouchpoints(app.ctx, TENANT, [
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
    await finaliseDealAttribution(app.ctx, TENANT, 'd-won');
    const raised = await request(app.url)
      .post('/api/v1/attributions/d-won/disputes')
      .set({ authorization: `Bearer ${world.keys.contoso}` })
      .send({
        reason: 'We ran two demos, not one',
        remedy: { kind: 'split', shares: [{ participantId: 'p-contoso', percent: 50 }] },
      })
      .expect(201);
    disputeId = raised.body.id;
  }, 120_000);
  afterAll(() => app.close());

  it('When a neutral deal-desk user opens the won deal’s review card, then the dispute shows with its remedy, the split upholding gives, its clock and Start review', async () => {
    const card = await reviewCard('u-desk');
    expect(card.disputes).toEqual([
      expect.objectContaining({
        id: disputeId,
        participantId: 'p-contoso',
        participantName: 'Contoso',
        disputedShare: '40%',
        raisedBy: { role: 'partner', name: 'Contoso' },
        reason: 'We ran two demos, not one',
        state: 'open',
        remedy: {
          kind: 'split',
          description: 'Set Contoso to 50%; the rest goes to the others in proportion to what they had',
        },
        actions: ['start_review'],
        blockedReason: null,
      }),
    ]);
    const [dispute] = card.disputes;
    expect(dispute!.proposed).toEqual([
      { participantId: 'p-northwind', name: 'Northwind', share: '50%', shareBp: 5000, was: '60%' },
      { participantId: 'p-contoso', name: 'Contoso', share: '50%', shareBp: 5000, was: '40%' },
    ]);
    expect(dispute!.clock).toMatchObject({ label: 'Decision due', overdue: false, hoursLeft: 240 });
  });

  it('When the deal’s owner or Northwind’s manager opens it, then they read why they may not decide and have no actions', async () => {
    const owner = (await reviewCard('u-seller')).disputes[0]!;
    expect(owner.actions).toEqual([]);
    expect(owner.blockedReason).toContain('owns the deal');
    const manager = (await reviewCard('u-pm')).disputes[0]!;
    expect(manager.actions).toEqual([]);
    expect(manager.blockedReason).toContain('manages Northwind');
  });

  it('When someone the card cannot link opens it, then the reason says so; acting gets 403 CARDS.USER_NOT_LINKED', async () => {
    const stranger = (await reviewCard('nobody')).disputes[0]!;
    expect(stranger).toMatchObject({
      actions: [],
      blockedReason: 'Your HubSpot user is not linked to an Entente user.',
    });
    const res = await decide('nobody', { action: 'start_review', reason: 'looking' }).expect(403);
    expect(res.body.error.code).toBe('CARDS.USER_NOT_LINKED');
  });

  it('When a card has no live dispute, then its disputes are empty, on an undisputed deal and on a company', async () => {
    expect((await reviewCard('u-desk', '/hubspot/cards/deals/crm-d-open/registrations')).disputes).toEqual(
      [],
    );
    await app.ctx.store.forTenant(TENANT).accounts.upsert(buildAccount({ id: 'a-acme', crmId: '5005' }));
    expect((await reviewCard('u-desk', '/hubspot/cards/companies/5005/registrations')).disputes).toEqual([]);
  });

  it('When the owner decides from the card, then 403 GOVERNANCE.NOT_NEUTRAL; a remedy sent with anything but an uphold, or an unknown field, is 400', async () => {
    const owner = await decide('u-seller', { action: 'start_review', reason: 'looking' }).expect(403);
    expect(owner.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
    const remedy = { kind: 'split', shares: [{ participantId: 'p-contoso', percent: 45 }] };
    await decide('u-desk', { action: 'start_review', reason: 'looking', remedy }).expect(400);
    await decide('u-desk', { action: 'start_review', reason: 'looking', actingUserId: 'u-admin' }).expect(
      400,
    );
    expect((await reviewCard('u-desk')).disputes[0]).toMatchObject({ state: 'open' });
  });

  it('When the deal desk starts the review and upholds it from the card, then the deal’s credit becomes the remedy’s split, audited and queued for HubSpot', async () => {
    const started = disputeDecisionResponseSchema.parse(
      (await decide('u-desk', { action: 'start_review', reason: 'Checking the CRM' }).expect(200)).body,
    );
    expect(started).toMatchObject({ id: disputeId, state: 'under_review', splits: null });
    expect((await reviewCard('u-desk')).disputes[0]).toMatchObject({
      state: 'under_review',
      actions: ['uphold', 'reject'],
    });

    const upheld = disputeDecisionResponseSchema.parse(
      (await decide('u-desk', { action: 'uphold', reason: 'A second demo is in the CRM' }).expect(200)).body,
    );
    expect(upheld).toMatchObject({
      state: 'upheld',
      appliedRevision: 2,
      splits: [
        { participantId: 'p-northwind', name: 'Northwind', share: '50%' },
        { participantId: 'p-contoso', name: 'Contoso', share: '50%' },
      ],
    });
    expect(upheld.message).toContain('Northwind 50%, Contoso 50%');

    const credit = await request(app.url)
      .get('/api/v1/attributions/d-won')
      .set({ authorization: `Bearer ${world.keys.dealDesk}` })
      .expect(200);
    expect(credit.body).toMatchObject({ revision: 2, adjustment: { kind: 'split', disputeId } });
    expect(
      credit.body.splits.map((s: { participantId: string; shareBp: number }) => [s.participantId, s.shareBp]),
    ).toEqual([
      ['p-northwind', 5000],
      ['p-contoso', 5000],
    ]);
    const tenant = app.ctx.store.forTenant(TENANT);
    const audit = (await tenant.audit.list({ limit: 1000 })).filter((e) =>
      e.type.startsWith('attribution.dispute_'),
    );
    expect(audit.map((e) => [e.type, e.actor])).toEqual([
      ['attribution.dispute_opened', expect.any(String)],
      ['attribution.dispute_under_review', 'user:u-desk'],
      ['attribution.dispute_upheld', 'user:u-desk'],
    ]);
    expect(await tenant.crmSync.pendingWrites('deals', 10)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          crmId: 'crm-d-won',
          fields: expect.objectContaining({
            attributionSummary: expect.stringContaining('Northwind 50%, Contoso 50%'),
          }),
        }),
      ]),
    );
    // Decided: the review card has nothing left to offer on it.
    expect((await reviewCard('u-desk')).disputes).toEqual([]);
  });
});
