import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = { partners: { id: string; apiKey: string }[] };

/** The claim from the attack report: another name on a direct-owned domain that a partner holds. */
describe('a registration under another name on a known domain, against the sandbox', () => {
  let app: TestApp;
  let fixture: Fixture;
  beforeAll(async () => {
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  const register = (partnerId: string, customer: Record<string, string>) =>
    request(app.url)
      .post('/api/v1/registrations')
      .set({ Authorization: `Bearer ${fixture.partners.find((p) => p.id === partnerId)!.apiKey}` })
      .send({ customer });

  it('When a partner registers a direct-owned, already-claimed domain under a different name, then it goes to review with the direct-owned and competing-claim conflicts', async () => {
    const answer = await register('p-contoso', {
      name: 'Blue Ocean Holdings',
      domain: 'groovestreet.example',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe('in_review');
    const kinds = answer.body.conflicts.map((c: { kind: string }) => c.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['direct_owned_deal', 'direct_owned_account', 'competing_registration']),
    );
  });

  it('When one partner registers only a domain and another a different name with that domain, then the second is not approved alongside the first', async () => {
    const first = await register('p-northwind', { domain: 'quietharbor-robotics.example' });
    expect(first.body.status).toBe('approved');
    const second = await register('p-litware', {
      name: 'Other Name Inc',
      domain: 'quietharbor-robotics.example',
    });
    expect(second.status).toBe(201);
    expect(second.body.status).not.toBe('approved');
    expect(second.body.conflicts.map((c: { kind: string }) => c.kind)).toContain('competing_registration');
  });
});
