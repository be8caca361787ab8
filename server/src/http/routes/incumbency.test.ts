import http from 'node:http';
import request from 'supertest';
import { DEFAULT_POLICY_YAML } from '@entente/shared/governance';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = { partners: { id: string; apiKey: string }[]; adminToken: string };

const DAY = 86_400_000;

describe('approving a competing claim while an incumbent’s protection stands, as the policy says', () => {
  let app: TestApp;
  let fixture: Fixture;
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });
  const asPartner = (id: string) => ({
    Authorization: `Bearer ${fixture.partners.find((p) => p.id === id)!.apiKey}`,
  });
  const register = (partnerId: string, name: string, domain: string) =>
    request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner(partnerId))
      .send({ customer: { name, domain } });
  /** Four eyes: one neutral person proposes approving the rejected claim, another confirms. */
  const overturn = async (id: string) => {
    const proposed = await request(app.url)
      .post(`/api/v1/registrations/${id}/decisions`)
      .set(asAdmin())
      .send({ outcome: 'approve', reason: 'The customer asked for both partners', actingUserId: 'u-desk' });
    expect(proposed.body.registration.status).toBe('pending_second_approval');
    const confirmed = await request(app.url)
      .post(`/api/v1/registrations/${id}/override-confirmations`)
      .set(asAdmin())
      .send({ decision: 'confirm', reason: 'Confirmed with the customer', actingUserId: 'u-admin' });
    expect(confirmed.body.registration.status).toBe('approved');
  };

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  it('When the default policy holds, then both claims stand and each partner is told the credit is shared, without names', async () => {
    const incumbent = await register('p-northwind', 'Halcyon Freight', 'halcyonfreight.example');
    expect(incumbent.body.status).toBe('approved');
    const rival = await register('p-fabrikam', 'Halcyon Freight', 'halcyonfreight.example');
    expect(rival.body.status).toBe('rejected');
    await overturn(rival.body.id);

    const after = (
      await request(app.url).get(`/api/v1/registrations/${incumbent.body.id}`).set(asPartner('p-northwind'))
    ).body;
    expect(after).toMatchObject({ status: 'approved', protectedUntil: incumbent.body.protectedUntil });
    const rule = after.reasons.find((r: { ruleId: string }) => r.ruleId === 'INC-1');
    expect(rule.reason).toMatch(/credit is shared/);
    expect(JSON.stringify(after)).not.toMatch(/fabrikam/i);
    const rivalView = (
      await request(app.url).get(`/api/v1/registrations/${rival.body.id}`).set(asPartner('p-fabrikam'))
    ).body;
    expect(rivalView.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('INC-1');
    const history = (
      await request(app.url).get(`/api/v1/review/registrations/${incumbent.body.id}`).set(asAdmin())
    ).body;
    expect(history.decisions.at(-1)).toMatchObject({ kind: 'incumbency', outcome: 'split' });
  });

  it('When the policy ends the incumbent’s protection with notice, then its window closes after the notice and it is told', async () => {
    const source = DEFAULT_POLICY_YAML.replace(
      'onCompetingApproval: split',
      'onCompetingApproval: end_protection',
    );
    await request(app.url).post('/api/v1/policies/simulations').set(asAdmin()).send({ source }).expect(201);
    await request(app.url).post('/api/v1/policies').set(asAdmin()).send({ source }).expect(201);

    const incumbent = await register('p-northwind', 'Larkspur Mills', 'larkspurmills.example');
    expect(incumbent.body.status).toBe('approved');
    const rival = await register('p-fabrikam', 'Larkspur Mills', 'larkspurmills.example');
    await overturn(rival.body.id);

    const after = (
      await request(app.url).get(`/api/v1/registrations/${incumbent.body.id}`).set(asPartner('p-northwind'))
    ).body;
    expect(after.status).toBe('approved');
    expect(Date.parse(after.protectedUntil) - app.ctx.now().getTime()).toBe(14 * DAY);
    expect(after.reasons.find((r: { ruleId: string }) => r.ruleId === 'INC-1').reason).toMatch(
      /14 days' notice/,
    );

    app.setNow(new Date(Date.parse(after.protectedUntil) + 1000));
    await app.jobs.drain();
    const ended = (
      await request(app.url).get(`/api/v1/registrations/${incumbent.body.id}`).set(asPartner('p-northwind'))
    ).body;
    expect(ended.status).toBe('expired');
    expect((await request(app.url).get('/api/v1/audit/verify').set(asAdmin())).body.ok).toBe(true);
  });
});
