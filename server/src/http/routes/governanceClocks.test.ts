import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = {
  partners: { id: string; apiKey: string }[];
  adminToken: string;
  scenarios: { registrations: Record<string, string> };
};

const DAY = 86_400_000;

describe('governance clocks', () => {
  let app: TestApp;
  let fixture: Fixture;
  const asPartner = (id: string) => ({
    Authorization: `Bearer ${fixture.partners.find((p) => p.id === id)!.apiKey}`,
  });
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  it('When a review passes its due time undecided, then the escalation job reassigns it and audits it', async () => {
    const id = fixture.scenarios.registrations.conflictedApproval!;
    const before = (await request(app.url).get(`/api/v1/review/registrations/${id}`).set(asAdmin())).body;
    expect(before.reviewDueAt).toBeTruthy();
    app.setNow(new Date(Date.parse(before.reviewDueAt) + 1000));
    await app.jobs.drain();
    const after = (await request(app.url).get(`/api/v1/review/registrations/${id}`).set(asAdmin())).body;
    expect(after.escalatedAt).toBeTruthy();
    expect(after.assignedApproverId).not.toBe(before.assignedApproverId);
    expect(after.stakes.map((s: { userId: string }) => s.userId)).not.toContain(after.assignedApproverId);
  });

  it('When a protection window nears its end, then one extension within the policy is granted, a second refused, and it expires on time', async () => {
    const id = fixture.scenarios.registrations.clean!;
    const early = await request(app.url)
      .post(`/api/v1/registrations/${id}/extensions`)
      .set(asPartner('p-northwind'));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('REGISTRATION.EXTENSION_NOT_ALLOWED');

    const own = (await request(app.url).get(`/api/v1/registrations/${id}`).set(asPartner('p-northwind')))
      .body;
    app.setNow(new Date(Date.parse(own.protectedUntil) - 10 * DAY));
    const extended = await request(app.url)
      .post(`/api/v1/registrations/${id}/extensions`)
      .set(asPartner('p-northwind'));
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ status: 'extended', extensionsUsed: 1 });
    expect(Date.parse(extended.body.protectedUntil) - Date.parse(own.protectedUntil)).toBe(30 * DAY);
    const second = await request(app.url)
      .post(`/api/v1/registrations/${id}/extensions`)
      .set(asPartner('p-northwind'));
    expect(second.body.error.code).toBe('REGISTRATION.EXTENSION_NOT_ALLOWED');

    // The old window's expiry job finds the window moved and leaves the registration alone.
    app.setNow(new Date(Date.parse(own.protectedUntil) + 1000));
    await app.jobs.drain();
    expect(
      (await request(app.url).get(`/api/v1/registrations/${id}`).set(asPartner('p-northwind'))).body.status,
    ).toBe('extended');
    app.setNow(new Date(Date.parse(extended.body.protectedUntil) + 1000));
    await app.jobs.drain();
    expect(
      (await request(app.url).get(`/api/v1/registrations/${id}`).set(asPartner('p-northwind'))).body.status,
    ).toBe('expired');
    expect((await request(app.url).get('/api/v1/audit/verify').set(asAdmin())).body.ok).toBe(true);
  });

  it('When a partner withdraws after a decision, then 409 REGISTRATION.ILLEGAL_TRANSITION', async () => {
    const id = fixture.scenarios.registrations.duplicate!;
    const res = await request(app.url)
      .post(`/api/v1/registrations/${id}/withdraw`)
      .set(asPartner('p-tailspin'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REGISTRATION.ILLEGAL_TRANSITION');
  });

  it('When nobody confirms a proposed override in time, then a late confirmation is refused and the automatic decision stands', async () => {
    const id = fixture.scenarios.registrations.duplicate!;
    const proposed = await request(app.url)
      .post(`/api/v1/registrations/${id}/decisions`)
      .set(asAdmin())
      .send({ outcome: 'approve', reason: 'A separate project with its own budget', actingUserId: 'u-desk' });
    expect(proposed.body.registration.status).toBe('pending_second_approval');
    app.setNow(new Date(app.ctx.now().getTime() + 49 * 3_600_000));
    const late = await request(app.url)
      .post(`/api/v1/registrations/${id}/override-confirmations`)
      .set(asAdmin())
      .send({ decision: 'confirm', reason: 'Agreed', actingUserId: 'u-admin' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('GOVERNANCE.OVERRIDE_LAPSED');
    await app.jobs.drain();
    const after = (await request(app.url).get(`/api/v1/review/registrations/${id}`).set(asAdmin())).body;
    expect(after.registration.status).toBe('rejected');
    expect(after.decisions.at(-1)).toMatchObject({ kind: 'override_lapse', outcome: 'lapsed' });
    expect((await request(app.url).get('/api/v1/audit/verify').set(asAdmin())).body.ok).toBe(true);
  });
});
