import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { runAuditVerify } from '../../cli/commands/audit.js';
import { simulatePolicyChange } from '../../use-cases/simulatePolicy.js';
import { DEFAULT_POLICY_YAML } from '@entente/shared/governance';

type Fixture = {
  partners: { id: string; apiKey: string }[];
  adminToken: string;
  scenarios: {
    conflictedApproval: { registrationId: string; conflictedUserId: string; neutralUserId: string };
    registrations: Record<string, string>;
    conflictKinds: Record<string, string[]>;
  };
};

describe('governance through the API, against the sandbox', () => {
  let app: TestApp;
  let fixture: Fixture;
  const key = (partnerId: string) => fixture.partners.find((p) => p.id === partnerId)!.apiKey;
  const asPartner = (partnerId: string) => ({ Authorization: `Bearer ${key(partnerId)}` });
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  it('When the sandbox is seeded, then its scenarios cover every conflict kind', () => {
    expect(Object.keys(fixture.scenarios.conflictKinds).sort()).toEqual([
      'competing_registration',
      'corporate_family',
      'direct_owned_account',
      'direct_owned_deal',
      'duplicate_registration',
      'same_customer_other_identity',
    ]);
  });

  it('When a partner registers the same customer twice, then the duplicate is flagged with its evidence', async () => {
    const first = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner('p-northwind'))
      .send({ customer: { name: 'Quillfeather Analytics', domain: 'quillfeather.example' } });
    expect(first.status).toBe(201);
    const again = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner('p-northwind'))
      .send({ customer: { domain: 'quillfeather.example' } });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('rejected');
    const duplicate = again.body.conflicts.find((c: { kind: string }) => c.kind === 'duplicate_registration');
    expect(duplicate.evidence[0]).toMatchObject({ type: 'registration', id: first.body.id });
    expect(duplicate.evidence[0].reasons.length).toBeGreaterThan(0);
    expect(again.body.reasons[0]).toMatchObject({ ruleId: 'D-1' });
    const metrics = await app.ctx.metrics.registry.getSingleMetricAsString('entente_intake_required_fields');
    expect(metrics).toMatch(/entente_intake_required_fields\{tenant="sandbox"\} 1/);
  });

  it('When the conflicted user decides, then 403 GOVERNANCE.NOT_NEUTRAL names the stake; the neutral user approves', async () => {
    const { registrationId, conflictedUserId, neutralUserId } = fixture.scenarios.conflictedApproval;
    expect(conflictedUserId).toBeTruthy();
    expect(neutralUserId).toBeTruthy();
    const refused = await request(app.url)
      .post(`/api/v1/registrations/${registrationId}/decisions`)
      .set(asAdmin())
      .send({ outcome: 'approve', reason: 'Looks fine to me', actingUserId: conflictedUserId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
    expect(refused.body.error.message).toMatch(/owns a competing deal/);

    const approved = await request(app.url)
      .post(`/api/v1/registrations/${registrationId}/decisions`)
      .set(asAdmin())
      .send({
        outcome: 'approve',
        reason: 'The partner brought the customer in',
        actingUserId: neutralUserId,
      });
    expect(approved.status).toBe(200);
    expect(approved.body.registration.status).toBe('approved');

    const again = await request(app.url)
      .post(`/api/v1/registrations/${registrationId}/decisions`)
      .set(asAdmin())
      .send({ outcome: 'reject', reason: 'changed my mind', actingUserId: neutralUserId });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REGISTRATION.ILLEGAL_TRANSITION');
  });

  it('When two partners claim the same customer, then the first to register wins and the other is not told who', async () => {
    const earlier = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner('p-contoso'))
      .send({ customer: { name: 'Brightwater Logistics', domain: 'brightwater.example' } });
    app.setNow(new Date(app.ctx.now().getTime() + 60_000));
    const later = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner('p-fabrikam'))
      .send({ customer: { name: 'Brightwater Logistics', domain: 'brightwater.example' } });
    expect(earlier.body.status).toBe('approved');
    expect(later.body.status).toBe('rejected');
    // The later partner is told why without learning who holds the other claim.
    expect(JSON.stringify(later.body)).not.toMatch(/contoso|p-contoso|u-pm-1/i);
    expect(later.body.conflicts.map((c: { kind: string }) => c.kind)).toContain('competing_registration');
  });

  it('When an automatic rejection is overridden, then it waits for a second person’s own request, who cannot be the proposer', async () => {
    const { duplicate } = fixture.scenarios.registrations;
    const decide = (body: object) =>
      request(app.url).post(`/api/v1/registrations/${duplicate}/decisions`).set(asAdmin()).send(body);
    const confirm = (body: object) =>
      request(app.url)
        .post(`/api/v1/registrations/${duplicate}/override-confirmations`)
        .set(asAdmin())
        .send(body);
    // A second approver named in the same request is not four eyes: the field no longer exists.
    const named = await decide({
      outcome: 'approve',
      reason: 'The partner has a second, separate project',
      actingUserId: 'u-desk',
      override: { secondApproverId: 'u-admin' },
    });
    expect(named.status).toBe(400);
    const proposed = await decide({
      outcome: 'approve',
      reason: 'The partner has a second, separate project',
      actingUserId: 'u-desk',
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      override: 'proposed',
      registration: { status: 'pending_second_approval', protectedUntil: null },
    });
    const review = await request(app.url).get(`/api/v1/review/registrations/${duplicate}`).set(asAdmin());
    expect(review.body.registration.status).toBe('pending_second_approval');

    const self = await confirm({ decision: 'confirm', reason: 'Agreed', actingUserId: 'u-desk' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('GOVERNANCE.SAME_APPROVER');
    const second = await confirm({
      decision: 'confirm',
      reason: 'Checked the contract',
      actingUserId: 'u-admin',
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ override: 'confirmed', registration: { status: 'approved' } });
    expect(second.body.registration.protectedUntil).not.toBeNull();
    const again = await confirm({ decision: 'confirm', reason: 'Once more', actingUserId: 'u-admin' });
    expect(again.status).toBe(409);

    const history = await request(app.url).get(`/api/v1/review/registrations/${duplicate}`).set(asAdmin());
    const kinds = history.body.decisions.map((d: { kind: string }) => d.kind);
    expect(kinds.slice(-2)).toEqual(['override_proposal', 'override']);
    expect(history.body.decisions.at(-1)).toMatchObject({
      actorUserId: 'u-desk',
      secondApproverId: 'u-admin',
    });
  });

  it('When a partner reads another partner’s registration, then 404; its own, then status, clock and reasons', async () => {
    const { conflictedApproval, clean } = fixture.scenarios.registrations;
    const other = await request(app.url)
      .get(`/api/v1/registrations/${conflictedApproval}`)
      .set(asPartner('p-northwind'));
    expect(other.status).toBe(404);
    const own = await request(app.url).get(`/api/v1/registrations/${clean}`).set(asPartner('p-northwind'));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'approved', policyVersion: 1, conflicts: [] });
    expect(own.body.protectedUntil).toBeTruthy();
    expect(own.body.reasons[0].ruleId).toMatch(/^P-/);
    const unauthenticated = await request(app.url).get(`/api/v1/registrations/${clean}`);
    expect(unauthenticated.status).toBe(401);
  });

  it('When a POST is repeated with the same Idempotency-Key, then the first result comes back; another body gets 422', async () => {
    const send = (body: object) =>
      request(app.url)
        .post('/api/v1/registrations')
        .set(asPartner('p-wingtip'))
        .set('Idempotency-Key', 'k-1')
        .send(body);
    const first = await send({ customer: { name: 'Juniper Dynamics', domain: 'juniperdyn.example' } });
    const repeat = await send({ customer: { name: 'Juniper Dynamics', domain: 'juniperdyn.example' } });
    expect(repeat.status).toBe(first.status);
    expect(repeat.body.id).toBe(first.body.id);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    const mismatch = await send({ customer: { name: 'Other Co' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('REQUEST.IDEMPOTENCY_MISMATCH');
  });

  it('When a key is revoked, then it no longer authenticates', async () => {
    const issued = await request(app.url)
      .post('/api/v1/partners/p-litware/api-keys')
      .set(asAdmin())
      .send({ name: 'revocation test' });
    expect(issued.status).toBe(201);
    // The secret comes through the one-time link, never in the issuing answer.
    expect(JSON.stringify(issued.body)).not.toContain('ent_pk_');
    const viewed = await request(app.url).get(new URL(issued.body.link as string).pathname);
    expect(viewed.status).toBe(200);
    const auth = { Authorization: `Bearer ${viewed.body.apiKey}` };
    expect((await request(app.url).get('/api/v1/registrations').set(auth)).status).toBe(200);
    expect(
      (await request(app.url).delete(`/api/v1/api-keys/${issued.body.keyId}`).set(asAdmin())).status,
    ).toBe(204);
    expect((await request(app.url).get('/api/v1/registrations').set(auth)).status).toBe(401);
  });

  it('When the audit log is verified, then it passes; after one stored row is edited by SQL, it fails naming that row', async () => {
    const ok = await request(app.url).get('/api/v1/audit/verify').set(asAdmin());
    expect(ok.body).toMatchObject({ ok: true, tenantId: 'sandbox' });
    expect(ok.body.entries).toBeGreaterThan(5);
    expect((await runAuditVerify(app.ctx.store.db, 'sandbox')).every((r) => r.ok)).toBe(true);

    await app.ctx.store.db.query(
      `UPDATE audit_log SET payload = jsonb_set(payload, '{status}', '"approved"') WHERE tenant_id = 'sandbox' AND seq = 3`,
    );
    const bad = await request(app.url).get('/api/v1/audit/verify').set(asAdmin());
    expect(bad.body).toMatchObject({ ok: false, firstBadSeq: 3 });
    const cli = await runAuditVerify(app.ctx.store.db, 'sandbox');
    expect(cli[0]).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('When a stricter policy is simulated, then the flipped decisions and the partners who lose are reported', async () => {
    const stricter = DEFAULT_POLICY_YAML.replace('protectionDays: 90 ', 'protectionDays: 30 ').replace(
      '  - id: P-1\n',
      '  - id: X-1\n    reason: Registered partners are always reviewed.\n    when: { partnerTiers: [registered, silver] }\n    then: { decision: review }\n  - id: P-1\n',
    );
    const report = await simulatePolicyChange(app.ctx, { tenantId: 'sandbox', source: stricter });
    expect(report.evaluated).toBeGreaterThan(0);
    expect(report.flipped.length).toBeGreaterThan(0);
    expect(report.flipped.every((f) => f.from !== f.to)).toBe(true);
    expect(report.partners.some((p) => p.approvalsLost > 0)).toBe(true);
  });

  it('When a policy is published through the API, then only a simulation the server recorded of that exact text opens the gate', async () => {
    const source = `${DEFAULT_POLICY_YAML}\n# Reviewed by the deal desk.\n`;
    const publish = (body: object) => request(app.url).post('/api/v1/policies').set(asAdmin()).send(body);
    const blind = await publish({ source });
    expect(blind.status).toBe(409);
    expect(blind.body.error).toMatchObject({
      code: 'POLICY.SIMULATION_REQUIRED',
      details: { gate: 'simulate_before_publish' },
    });
    // The old gate was a hash any client could compute; it opens nothing now.
    const { createHash } = await import('node:crypto');
    const forged = await publish({
      source,
      simulationId: createHash('sha256').update(source).digest('hex').slice(0, 32),
    });
    expect(forged.status).toBe(409);

    const simulateOther = await request(app.url)
      .post('/api/v1/policies/simulations')
      .set(asAdmin())
      .send({ source: DEFAULT_POLICY_YAML });
    expect(simulateOther.status).toBe(201);
    const mismatched = await publish({ source, simulationId: simulateOther.body.simulationId });
    expect(mismatched.status).toBe(409);
    expect(mismatched.body.error.message).toMatch(/different text/);

    const simulation = await request(app.url)
      .post('/api/v1/policies/simulations')
      .set(asAdmin())
      .send({ source });
    expect(simulation.body.report.evaluated).toBeGreaterThan(0);
    const published = await publish({ source });
    expect(published.status).toBe(201);
    expect(published.body.simulationId).toBe(simulation.body.simulationId);

    // A day later the same simulation no longer opens the gate.
    app.setNow(new Date(app.ctx.now().getTime() + 25 * 3_600_000));
    const stale = await publish({ source });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/older than 24 hours|never simulated/);
  });

  it('When another tenant’s key is used, then the sandbox tenant’s registrations stay invisible', async () => {
    await app.ctx.store.tenants.upsert({
      id: 'other',
      name: 'Other',
      crm: 'hubspot',
      externalId: '42',
      status: 'active',
      sandbox: false,
    });
    await app.ctx.store.forTenant('other').partners.upsert({
      id: 'p-northwind',
      name: 'Same id, other tenant',
      domain: null,
      tier: 'gold',
      motions: ['resale'],
      capabilities: { certifications: [], specialisations: [], regions: [], industries: [] },
      managerUserId: null,
      active: true,
    });
    const { createApiKey } = await import('../auth/index.js');
    const { token } = await createApiKey(app.ctx.store.db, 'other', { partnerId: 'p-northwind' });
    const list = await request(app.url)
      .get('/api/v1/registrations')
      .set({ Authorization: `Bearer ${token}` });
    expect(list.body.registrations).toEqual([]);
    const read = await request(app.url)
      .get(`/api/v1/registrations/${fixture.scenarios.registrations.clean}`)
      .set({ Authorization: `Bearer ${token}` });
    expect(read.status).toBe(404);
  });
});
