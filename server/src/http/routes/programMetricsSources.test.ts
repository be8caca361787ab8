import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = {
  partners: { id: string; apiKey: string }[];
  adminToken: string;
  scenarios: { conflictedApproval: { registrationId: string; neutralUserId: string } };
};
type Metric = {
  id: string;
  value: number | null;
  sampleSize: number;
  breakdown?: Record<string, number>;
  noValueBecause: string | null;
  unavailable: string | null;
};

const HOUR = 3_600_000;

describe('the friction and escalation metrics have a source', () => {
  let app: TestApp;
  let fixture: Fixture;
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });
  const asPartner = (id: string) => ({
    Authorization: `Bearer ${fixture.partners.find((p) => p.id === id)!.apiKey}`,
  });
  const metrics = async () => {
    const now = app.ctx.now().getTime();
    const res = await request(app.url)
      .get('/api/v1/metrics/program')
      .query({ from: new Date(now - 48 * HOUR).toISOString(), to: new Date(now + HOUR).toISOString() })
      .set(asAdmin());
    expect(res.status).toBe(200);
    return Object.fromEntries((Object.values(res.body.metrics).flat() as Metric[]).map((m) => [m.id, m]));
  };

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  it('When partners start, leave and finish registering, then completion, abandonment by stage and fields filled are measured', async () => {
    const before = await metrics();
    const start = async () => {
      const res = await request(app.url)
        .post('/api/v1/intake-sessions')
        .set(asPartner('p-northwind'))
        .send({ channel: 'form' });
      expect(res.status).toBe(201);
      expect(res.body.requiredFields).toEqual(['customer.name|customer.domain']);
      return res.body.id as string;
    };
    const finished = await start();
    await request(app.url)
      .patch(`/api/v1/intake-sessions/${finished}`)
      .set(asPartner('p-northwind'))
      .send({ stage: 'details' })
      .expect(200);
    const registered = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner('p-northwind'))
      .send({
        customer: { name: 'Thistledown Farms', domain: 'thistledown.example', country: 'NZ' },
        intakeSessionId: finished,
      });
    expect(registered.status).toBe(201);
    const left = await start();
    await request(app.url)
      .patch(`/api/v1/intake-sessions/${left}`)
      .set(asPartner('p-northwind'))
      .send({ stage: 'customer' })
      .expect(200);

    // A session ends once; another partner's session is not there at all.
    const reused = await request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner('p-northwind'))
      .send({ customer: { domain: 'other-thing.example' }, intakeSessionId: finished });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('INTAKE.SESSION_CLOSED');
    const stranger = await request(app.url)
      .patch(`/api/v1/intake-sessions/${left}`)
      .set(asPartner('p-fabrikam'))
      .send({ stage: 'review' });
    expect(stranger.status).toBe(404);

    const after = await metrics();
    const completion = after.form_completion_rate!;
    // Every registration opens a session (the seeded ones through the API), and one was left.
    expect(completion.sampleSize).toBe(before.form_completion_rate!.sampleSize + 2);
    expect(completion.value).toBeCloseTo((completion.sampleSize - 1) / completion.sampleSize, 12);
    expect(after.abandonment_by_stage!.breakdown).toEqual({ customer: 1 / completion.sampleSize });
    expect(after.fields_required!.value).not.toBeNull();
    expect(after.fields_required!.unavailable).toBeNull();
  });

  it('When a person decides a review on time, then it is not counted as an escalation', async () => {
    const { registrationId, neutralUserId } = fixture.scenarios.conflictedApproval;
    await request(app.url)
      .post(`/api/v1/registrations/${registrationId}/decisions`)
      .set(asAdmin())
      .send({ outcome: 'approve', reason: 'Checked with the seller', actingUserId: neutralUserId })
      .expect(200);
    const m = await metrics();
    expect(m.human_escalation_rate!.sampleSize).toBeGreaterThan(0);
    expect(m.human_escalation_rate!.value).toBe(0);
    expect(m.routing_cycle_time).toMatchObject({
      value: null,
      unavailable: expect.stringContaining('routing'),
    });
    expect(m.routing_cycle_time!.noValueBecause).toBe(m.routing_cycle_time!.unavailable);
  });
});
