import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { recordTouchpoints } from '../../use-cases/recordTouchpoints.js';
import { requestAttributionFinalise } from '../../use-cases/attribution/jobs.js';
import { crmTouch, seedAttributionWorld, type AttributionWorld } from '../../testing/seedAttributionWorld.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('attribution through the API', () => {
  let app: TestApp;
  let world: AttributionWorld;
  let other: AttributionWorld;

  beforeAll(async () => {
    app = await startTestApp({ seed: false, now: new Date('2026-11-02T09:00:00.000Z') });
    world = await seedAttributionWorld(app.ctx, 't-acme');
    other = await seedAttributionWorld(app.ctx, 't-other');
    await recordTouchpoints(app.ctx, world.tenantId, [
      crmTouch({
        id: 'a-sourced',
        participantId: 'p-northwind',
        kind: 'sourced',
        occurredAt: '2026-08-02T10:00:00.000Z',
      }),
      crmTouch({
        id: 'a-validation',
        participantId: 'p-northwind',
        kind: 'technical_validation',
        occurredAt: '2026-09-15T10:00:00.000Z',
      }),
    ]);
  });
  afterAll(() => app.close());

  const auditTypes = async (tenantId: string): Promise<string[]> =>
    (
      await app.ctx.store.db.query<{ type: string }>(
        'SELECT type FROM audit_log WHERE tenant_id = $1 ORDER BY seq',
        [tenantId],
      )
    ).rows.map((row) => row.type);

  describe('touchpoints', () => {
    it('When a partner reports a touch on a deal it registered, then it is stored under its own identity, and resending it changes nothing', async () => {
      const report = {
        dealId: 'd-won',
        kind: 'demo',
        occurredAt: '2026-10-20T15:00:00Z',
        externalId: 'mtg-1',
      };
      const first = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.northwind))
        .send({ touchpoints: [report] });
      expect(first.status).toBe(201);
      expect(first.body.recorded).toHaveLength(1);
      expect(first.body.recorded[0]).toMatchObject({
        participantId: 'p-northwind',
        source: 'partner_reported',
        kind: 'demo',
      });
      const again = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.northwind))
        .send({ touchpoints: [report] });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ recorded: [], alreadyKnown: [first.body.recorded[0].id] });
      const stored = await app.ctx.store
        .forTenant(world.tenantId)
        .attribution.touchpoints.listByDeal('d-won');
      expect(stored.filter((t) => t.kind === 'demo')).toHaveLength(1);
    });

    it('When the CRM later logs the same meeting, then one touch remains: the CRM record, with the partner’s evidence merged in', async () => {
      const result = await recordTouchpoints(app.ctx, world.tenantId, [
        crmTouch({
          id: 'a-demo',
          participantId: 'p-northwind',
          kind: 'demo',
          occurredAt: '2026-10-20T15:20:00.000Z',
          evidence: { externalId: 'crm-a-demo', note: 'logged by the seller' },
        }),
      ]);
      expect(result.recorded.map((t) => t.id)).toEqual(['a-demo']);
      expect(result.duplicates).toHaveLength(1);
      const demos = (
        await app.ctx.store.forTenant(world.tenantId).attribution.touchpoints.listByDeal('d-won')
      ).filter((t) => t.kind === 'demo');
      expect(demos).toEqual([expect.objectContaining({ id: 'a-demo', source: 'crm' })]);
      // And the partner resending its report still changes nothing: its id is a known duplicate.
      const resend = await recordTouchpoints(
        app.ctx,
        world.tenantId,
        [result.duplicates[0]!.id].map(() => ({
          id: result.duplicates[0]!.id,
          dealId: 'd-won',
          participantId: 'p-northwind',
          kind: 'demo',
          occurredAt: '2026-10-20T15:00:00.000Z',
          source: 'partner_reported',
          evidence: {},
        })),
      );
      expect(resend.alreadyKnown).toEqual([result.duplicates[0]!.id]);
    });

    it('When a partner reports on a deal it is not part of, then the deal is not found', async () => {
      const res = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.contoso))
        .send({ touchpoints: [{ dealId: 'd-open', kind: 'demo', occurredAt: '2026-10-01T00:00:00Z' }] });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('REQUEST.NOT_FOUND');
    });

    it('When an internal key posts touchpoints, then it is refused: the endpoint is for partners', async () => {
      const res = await request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.seller))
        .send({ touchpoints: [{ dealId: 'd-won', kind: 'demo', occurredAt: '2026-10-01T00:00:00Z' }] });
      expect(res.status).toBe(403);
    });
  });

  describe('finalising at close', () => {
    beforeAll(async () => {
      // Contoso closes the deal; the CRM knows it ran the last demo.
      await recordTouchpoints(app.ctx, world.tenantId, [
        crmTouch({
          id: 'a-contoso',
          participantId: 'p-contoso',
          kind: 'demo',
          occurredAt: '2026-10-28T10:00:00.000Z',
        }),
      ]);
      await requestAttributionFinalise(app.ctx.store.forTenant(world.tenantId), 'd-won', app.ctx.now());
      await app.jobs.drain();
    });

    it('When the won deal’s finalise job runs, then the split is position-based 40/20/40 and adds up to the amount', async () => {
      const res = await request(app.url).get('/api/v1/attributions/d-won').set(auth(world.keys.seller));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'finalised',
        model: 'position_based',
        settingsVersion: 0,
        revision: 1,
      });
      const splits = res.body.splits as {
        participantId: string;
        shareBp: number;
        amountMinor: number;
        explanation: string;
      }[];
      expect(splits.map((s) => [s.participantId, s.shareBp, s.amountMinor])).toEqual([
        ['p-northwind', 6000, 600_001],
        ['p-contoso', 4000, 400_000],
      ]);
      expect(splits.reduce((sum, s) => sum + s.amountMinor, 0)).toBe(1_000_001);
      expect(splits[0]!.explanation).toBe(
        'Northwind 60%: sourced the deal (first touch, 40%), ran the technical validation (10%) and ran a demo (10%)',
      );
    });

    it('When it is finalised, then the audit log records it and the CRM connector is asked to show the summary', async () => {
      expect(await auditTypes(world.tenantId)).toContain('attribution.finalised');
      const outbox = await app.ctx.store.forTenant(world.tenantId).crmSync.pendingWrites('deals', 10);
      expect(outbox).toEqual([
        expect.objectContaining({
          crmId: 'crm-d-won',
          fields: expect.objectContaining({
            attributionSummary: 'position_based (v0): Northwind 60%, Contoso 40%',
          }),
        }),
      ]);
    });

    it('When the job runs again with nothing new, then nothing changes (no new revision, no new audit entry)', async () => {
      const before = (await auditTypes(world.tenantId)).length;
      await requestAttributionFinalise(app.ctx.store.forTenant(world.tenantId), 'd-won', app.ctx.now());
      await app.jobs.drain();
      expect((await auditTypes(world.tenantId)).length).toBe(before);
      expect(
        (await app.ctx.store.forTenant(world.tenantId).attribution.dealAttributions.get('d-won'))?.revision,
      ).toBe(1);
    });

    it('When a partner reads the deal, then it sees only its own split and never another partner', async () => {
      const res = await request(app.url).get('/api/v1/attributions/d-won').set(auth(world.keys.contoso));
      expect(res.status).toBe(200);
      expect(res.body.split).toMatchObject({ participantId: 'p-contoso', shareBp: 4000 });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('Northwind');
      expect(text).not.toContain('p-northwind');
      expect(res.body).not.toHaveProperty('splits');
    });

    it('When an open deal is read, then its split is provisional under the current settings', async () => {
      const res = await request(app.url).get('/api/v1/attributions/d-open').set(auth(world.keys.seller));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'provisional', revision: null });
      expect(res.body.splits).toEqual([
        expect.objectContaining({ participantId: 'direct', shareBp: 10_000 }),
      ]);
    });

    it('When a deal is not won, then finalising it is refused with ATTRIBUTION.DEAL_NOT_WON', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-open/finalise')
        .set(auth(world.keys.admin));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ATTRIBUTION.DEAL_NOT_WON');
    });
  });

  describe('disputes', () => {
    let disputeId: string;

    it('When a partner disputes its split, then it gets a deadline from the policy and the audit log has it', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.contoso))
        .send({ reason: 'We ran two demos, not one' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ state: 'open', deadline: '2026-11-12T09:00:00.000Z' });
      expect(res.body).not.toHaveProperty('raisedBy');
      disputeId = res.body.id;
      expect(await auditTypes(world.tenantId)).toContain('attribution.dispute_opened');
    });

    it('When the same split is disputed again while open, then 409 DISPUTE.ALREADY_OPEN', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.contoso))
        .send({ reason: 'again' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('DISPUTE.ALREADY_OPEN');
    });

    it('When a partner names another partner’s split, then it is refused', async () => {
      const res = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.contoso))
        .send({ reason: 'theirs is too high', participantId: 'p-northwind' });
      expect(res.status).toBe(403);
    });

    it('When the deal’s owner tries to decide, then 403 GOVERNANCE.NOT_NEUTRAL names the stake', async () => {
      const res = await request(app.url)
        .post(`/api/v1/attributions/d-won/disputes/${disputeId}/decision`)
        .set(auth(world.keys.seller))
        .send({ action: 'start_review', reason: 'looking' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
      expect(res.body.error.message).toContain('owns the deal');
    });

    it('When the manager of a partner on the deal tries to decide, then 403 GOVERNANCE.NOT_NEUTRAL', async () => {
      const res = await request(app.url)
        .post(`/api/v1/attributions/d-won/disputes/${disputeId}/decision`)
        .set(auth(world.keys.partnerManager))
        .send({ action: 'start_review', reason: 'looking' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('manages Northwind');
    });

    // Upholding applies a remedy and changes the split: attributionProvenance.api.test.ts covers it.
    it('When a neutral user reviews and rejects it, then the outcome is audited, the split stands and the partner sees it', async () => {
      const review = await request(app.url)
        .post(`/api/v1/attributions/d-won/disputes/${disputeId}/decision`)
        .set(auth(world.keys.dealDesk))
        .send({ action: 'start_review', reason: 'checking the CRM activities' });
      expect(review.status).toBe(200);
      expect(review.body.state).toBe('under_review');
      const rejected = await request(app.url)
        .post(`/api/v1/attributions/d-won/disputes/${disputeId}/decision`)
        .set(auth(world.keys.dealDesk))
        .send({ action: 'reject', reason: 'only one demo is in the CRM' });
      expect(rejected.body).toMatchObject({
        state: 'rejected',
        adjudicatorId: 'u-desk',
        outcomeReason: 'only one demo is in the CRM',
        appliedRevision: null,
      });
      expect(await auditTypes(world.tenantId)).toEqual(
        expect.arrayContaining(['attribution.dispute_under_review', 'attribution.dispute_rejected']),
      );
      expect(
        (await app.ctx.store.forTenant(world.tenantId).attribution.dealAttributions.get('d-won'))?.revision,
      ).toBe(1);
      const seen = await request(app.url).get('/api/v1/attributions/d-won').set(auth(world.keys.contoso));
      expect(seen.body.disputes).toEqual([
        expect.objectContaining({
          id: disputeId,
          state: 'rejected',
          outcomeReason: 'only one demo is in the CRM',
        }),
      ]);
    });

    it('When nobody decides a dispute by its deadline, then the durable job expires it', async () => {
      const raised = await request(app.url)
        .post('/api/v1/attributions/d-won/disputes')
        .set(auth(world.keys.seller))
        .send({ reason: 'Northwind did not source this', participantId: 'p-northwind' });
      expect(raised.status).toBe(201);
      expect(raised.body.raisedBy).toEqual({ role: 'seller', id: 'u-seller' });
      await app.jobs.drain();
      expect(
        (await app.ctx.store.forTenant(world.tenantId).attribution.disputes.get(raised.body.id))?.state,
      ).toBe('open');
      app.setNow(new Date('2026-11-12T09:00:01.000Z'));
      await app.jobs.drain();
      const expired = await app.ctx.store.forTenant(world.tenantId).attribution.disputes.get(raised.body.id);
      expect(expired).toMatchObject({
        state: 'expired',
        outcomeReason: 'the deadline passed without a decision',
      });
      expect(await auditTypes(world.tenantId)).toContain('attribution.dispute_expired');
      app.setNow(new Date('2026-11-02T09:00:00.000Z'));
    });
  });

  describe('renewals', () => {
    it('When a renewal without new touches is won, then it inherits the original deal’s split', async () => {
      const tenant = app.ctx.store.forTenant(world.tenantId);
      await tenant.deals.upsert({
        ...world.deals.won,
        id: 'd-renewal',
        crmId: 'crm-d-renewal',
        amountMinor: 300,
        closeDate: '2027-10-30',
      });
      await tenant.attribution.renewals.link('d-renewal', 'd-won');
      await requestAttributionFinalise(app.ctx.store.forTenant(world.tenantId), 'd-renewal', app.ctx.now());
      await app.jobs.drain();
      const res = await request(app.url).get('/api/v1/attributions/d-renewal').set(auth(world.keys.seller));
      expect(res.body.inheritance).toEqual({ mode: 'inherited', originalDealId: 'd-won' });
      expect(res.body.splits.map((s: { amountMinor: number }) => s.amountMinor)).toEqual([180, 120]);
      expect(res.body.splits[1].explanation).toMatch(/^Contoso 40%: inherited from the original deal d-won/);
    });
  });

  describe('settings', () => {
    it('When an admin publishes time decay, then it is version 1, audited, and a non-admin cannot publish', async () => {
      const refused = await request(app.url)
        .post('/api/v1/attribution/settings')
        .set(auth(world.keys.seller))
        .send({ model: { name: 'linear' } });
      expect(refused.status).toBe(403);
      const res = await request(app.url)
        .post('/api/v1/attribution/settings')
        .set(auth(world.keys.admin))
        .send({ model: { name: 'time_decay' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ version: 1, model: { name: 'time_decay', halfLifeDays: 7 } });
      expect(await auditTypes(world.tenantId)).toContain('attribution.settings_published');
      const open = await request(app.url).get('/api/v1/attributions/d-open').set(auth(world.keys.seller));
      expect(open.body).toMatchObject({ model: 'time_decay', settingsVersion: 1 });
      const won = await request(app.url).get('/api/v1/attributions/d-won').set(auth(world.keys.seller));
      expect(won.body).toMatchObject({ model: 'position_based', settingsVersion: 0 });
    });
  });

  describe('tenant isolation', () => {
    it('When another tenant’s users or partners ask for this tenant’s deal, then they only see their own tenant', async () => {
      // t-other has a deal with the same id but no touches and nothing finalised.
      const internal = await request(app.url).get('/api/v1/attributions/d-won').set(auth(other.keys.seller));
      expect(internal.body).toMatchObject({ status: 'provisional' });
      expect(internal.body.splits).toEqual([expect.objectContaining({ participantId: 'direct' })]);
      const partner = await request(app.url).get('/api/v1/attributions/d-won').set(auth(other.keys.contoso));
      expect(partner.status).toBe(404);
      const value = await request(app.url)
        .get('/api/v1/partners/p-northwind/value')
        .set(auth(other.keys.seller));
      expect(value.body.value.sourcedPipelineMinor).toBe(0);
    });
  });

  describe('metrics and partner value', () => {
    it('When the program metrics are asked for, then each has its definition, and missing sources are null with a reason', async () => {
      const res = await request(app.url)
        .get('/api/v1/metrics/program')
        .query({ from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })
        .set(auth(world.keys.dealDesk));
      expect(res.status).toBe(200);
      const all = Object.values(res.body.metrics).flat() as {
        id: string;
        value: number | null;
        sampleSize: number;
        definition: string;
        unavailable: string | null;
      }[];
      expect(all).toHaveLength(19);
      expect(all.every((m) => m.definition.length > 0)).toBe(true);
      const byId = Object.fromEntries(all.map((m) => [m.id, m]));
      expect(byId.routing_cycle_time).toMatchObject({
        value: null,
        unavailable: expect.stringContaining('routing'),
      });
      // Two deals finalised in the window (d-won, d-renewal), two disputes opened.
      expect(byId.dispute_rate).toMatchObject({ value: 1, sampleSize: 2, unavailable: null });
      expect(byId.partner_attachment_rate).toMatchObject({ value: 1, sampleSize: 1 });
    });

    it('When a partner key asks for program metrics, then it is refused; without a key, 401', async () => {
      const query = { from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
      expect(
        (await request(app.url).get('/api/v1/metrics/program').query(query).set(auth(world.keys.northwind)))
          .status,
      ).toBe(403);
      expect((await request(app.url).get('/api/v1/metrics/program').query(query)).status).toBe(401);
    });

    it('When a partner’s value is asked for, then it shows sourced pipeline, activation and a tier with reasons', async () => {
      const tenant = app.ctx.store.forTenant(world.tenantId);
      await tenant.attribution.partnerProgram.setJoinedAt('p-northwind', '2026-07-01T00:00:00.000Z');
      const res = await request(app.url)
        .get('/api/v1/partners/p-northwind/value')
        .set(auth(world.keys.dealDesk));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        joinedAtSource: 'recorded',
        value: {
          sourcedPipelineMinor: 1_000_001,
          sourcedRevenueMinor: 1_000_001,
          wonDeals: 1,
          activation: { daysToFirstRegistration: 32 },
        },
        tier: { tierId: 'registered', next: { tierId: 'silver' } },
      });
      expect(res.body.tier.next.missing).toEqual(
        expect.arrayContaining([expect.stringContaining('certifications')]),
      );
    });
  });
  // Last in the file: the touch it records would change the splits the tests above pin.
  it('When a touchpoint report is sent again with the same Idempotency-Key, then the first answer is replayed; another body gets 422', async () => {
    const send = (body: unknown) =>
      request(app.url)
        .post('/api/v1/touchpoints')
        .set(auth(world.keys.northwind))
        .set('Idempotency-Key', 'touch-report-1')
        .send(body);
    const report = {
      dealId: 'd-won',
      kind: 'demo',
      occurredAt: '2026-10-21T15:00:00Z',
      externalId: 'mtg-idem',
    };
    const first = await send({ touchpoints: [report] });
    expect(first.status).toBe(201);
    expect(first.body.recorded).toHaveLength(1);
    const replay = await send({ touchpoints: [report] });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // A replay, not a second run: a second run would answer "already known".
    expect(replay.body).toEqual(first.body);
    const other = await send({ touchpoints: [{ ...report, externalId: 'mtg-other' }] });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('REQUEST.IDEMPOTENCY_MISMATCH');
  });
});
