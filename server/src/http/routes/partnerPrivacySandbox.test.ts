import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = {
  partners: { id: string; name: string; apiKey: string }[];
  registrations: { id: string; partnerId: string; dealId: string | null }[];
};

/**
 * "What a partner sees" (docs/governance.md) in the sandbox: six partners, 40 seeded registrations
 * and the scenarios that cover every conflict kind. Whatever a partner asks, no answer names
 * another partner or holds a CRM account id.
 */
describe('what a partner sees, in the sandbox', () => {
  let app: TestApp;
  let fixture: Fixture;
  const answers: { partnerId: string; what: string; text: string }[] = [];

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
    const tenant = app.ctx.store.forTenant('sandbox');
    const accounts = await tenant.accounts.list({ limit: 1000 });
    const claimed = await tenant.registrations.list({ limit: 1000 });

    for (const [index, partner] of fixture.partners.entries()) {
      const as = { Authorization: `Bearer ${partner.apiKey}` };
      const keep = (what: string, response: request.Response) =>
        answers.push({ partnerId: partner.id, what, text: response.text });
      // Claims that collide: a customer another partner holds, a direct-owned account under
      // another name, and a family member of an account.
      const rival = claimed.find((r) => r.partnerId !== partner.id && r.customer.name)!;
      const owned = accounts.filter((a) => a.ownerId !== null)[index]!;
      const subsidiary = accounts.find((a) => a.parentAccountId !== null)!;
      for (const customer of [
        rival.customer,
        { name: `${owned.name.split(' ')[0]} Holdings`, domain: owned.domains[0] },
        { name: subsidiary.name },
      ])
        keep(
          'POST /api/v1/registrations',
          await request(app.url).post('/api/v1/registrations').set(as).send({ customer }),
        );
      keep('GET /api/v1/registrations', await request(app.url).get('/api/v1/registrations').set(as));
      const own = fixture.registrations.filter((r) => r.partnerId === partner.id);
      for (const registration of own)
        keep(
          `GET /api/v1/registrations/${registration.id}`,
          await request(app.url).get(`/api/v1/registrations/${registration.id}`).set(as),
        );
      for (const dealId of new Set(own.flatMap((r) => (r.dealId ? [r.dealId] : [])))) {
        keep(
          `GET /api/v1/attributions/${dealId}`,
          await request(app.url).get(`/api/v1/attributions/${dealId}`).set(as),
        );
        keep(
          'POST /api/v1/touchpoints',
          await request(app.url)
            .post('/api/v1/touchpoints')
            .set(as)
            .send({ touchpoints: [{ dealId, kind: 'demo', occurredAt: '2026-10-30T10:00:00.000Z' }] }),
        );
      }
    }
  }, 180_000);
  afterAll(() => app.close());

  it('When each sandbox partner registers, reads and reports, then it is answered every time', () => {
    expect(new Set(answers.map((a) => a.partnerId)).size).toBe(fixture.partners.length);
    expect(answers.some((a) => a.text.includes('competing_registration'))).toBe(true);
    expect(answers.some((a) => a.text.includes('"split"'))).toBe(true);
  });

  it('When a sandbox partner is answered, then no answer names another partner', () => {
    const leaks = answers.flatMap(({ partnerId, what, text }) =>
      fixture.partners
        .filter((other) => other.id !== partnerId)
        .filter((other) => text.includes(other.name) || text.includes(other.id))
        .map((other) => `${partnerId} ${what}: ${other.name}`),
    );
    expect(leaks).toEqual([]);
  });

  it('When a sandbox partner is answered, then no answer holds a CRM account id', async () => {
    const accounts = await app.ctx.store.forTenant('sandbox').accounts.list({ limit: 1000 });
    const ids = accounts.flatMap((a) => [a.crmId, a.id]);
    const leaks = answers.flatMap(({ partnerId, what, text }) =>
      ids
        .filter((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(text))
        .map((id) => `${partnerId} ${what}: ${id}`),
    );
    expect(leaks).toEqual([]);
  });
});
