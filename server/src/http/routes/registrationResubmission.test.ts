import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = {
  partners: { id: string; apiKey: string }[];
  adminToken: string;
  scenarios: {
    conflictedApproval: { registrationId: string; conflictedUserId: string; neutralUserId: string };
    registrations: Record<string, string>;
  };
};

describe('a registration asked for more information, answered with PATCH', () => {
  let app: TestApp;
  let fixture: Fixture;
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });
  const asPartner = (id: string) => ({
    Authorization: `Bearer ${fixture.partners.find((p) => p.id === id)!.apiKey}`,
  });

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  it('When a reviewer asks for more information, then only the wanted fields are accepted, the claim is judged again and keeps its place', async () => {
    const { registrationId, neutralUserId } = fixture.scenarios.conflictedApproval;
    const review = (
      await request(app.url).get(`/api/v1/review/registrations/${registrationId}`).set(asAdmin())
    ).body;
    const partnerId: string = review.registration.partnerId;
    const asked = await request(app.url)
      .post(`/api/v1/registrations/${registrationId}/decisions`)
      .set(asAdmin())
      .send({
        outcome: 'request_info',
        reason: 'When do they expect to sign?',
        fields: ['expectedCloseDate'],
        actingUserId: neutralUserId,
      });
    expect(asked.status).toBe(200);
    expect(asked.body.registration.status).toBe('info_requested');

    const own = (
      await request(app.url).get(`/api/v1/registrations/${registrationId}`).set(asPartner(partnerId))
    ).body;
    // What the rules could not judge without, and what the reviewer asked, each with who wants it.
    expect(own.wantedFields).toContainEqual({
      field: 'expectedCloseDate',
      ruleId: 'reviewer',
      reason: 'When do they expect to sign?',
    });
    expect(own.wantedFields).toContainEqual(expect.objectContaining({ field: 'amountMinor', ruleId: 'S-1' }));

    const patch = (body: object) =>
      request(app.url).patch(`/api/v1/registrations/${registrationId}`).set(asPartner(partnerId)).send(body);
    const unasked = await patch({ amountMinor: 5_000_000, customer: { country: 'DE' } });
    expect(unasked.status).toBe(400);
    expect(unasked.body.error).toMatchObject({
      code: 'REGISTRATION.FIELDS_NOT_REQUESTED',
      details: { notRequested: ['customer.country'] },
    });
    expect((await patch({})).status).toBe(400);

    app.setNow(new Date(app.ctx.now().getTime() + 3_600_000));
    const answered = await patch({ amountMinor: 5_000_000 });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ amountMinor: 5_000_000, submittedAt: own.submittedAt });
    expect(['in_review', 'approved', 'rejected']).toContain(answered.body.status);
    if (answered.body.status === 'in_review')
      expect(Date.parse(answered.body.reviewDueAt)).toBeGreaterThan(Date.parse(app.ctx.now().toISOString()));

    const again = await patch({ amountMinor: 6_000_000 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REGISTRATION.NOT_AWAITING_INFO');

    const history = (
      await request(app.url).get(`/api/v1/review/registrations/${registrationId}`).set(asAdmin())
    ).body;
    expect(history.decisions.map((d: { kind: string }) => d.kind).slice(-3)).toEqual([
      'human',
      'resubmission',
      'policy',
    ]);
    expect((await request(app.url).get('/api/v1/audit/verify').set(asAdmin())).body.ok).toBe(true);
  });

  it('When another partner patches the registration, then it is not found', async () => {
    const { registrationId } = fixture.scenarios.conflictedApproval;
    const owner = (
      await request(app.url).get(`/api/v1/review/registrations/${registrationId}`).set(asAdmin())
    ).body.registration.partnerId;
    const stranger = fixture.partners.find((p) => p.id !== owner)!.id;
    const res = await request(app.url)
      .patch(`/api/v1/registrations/${registrationId}`)
      .set(asPartner(stranger))
      .send({ amountMinor: 1 });
    expect(res.status).toBe(404);
  });
});
