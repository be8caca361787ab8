import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

jest.setTimeout(60_000);

type Fixture = { partners: { id: string; apiKey: string }[] };

/** The service clock is 2026-11-02 (startTestApp). */
describe('registration intake: blank and implausible values are refused', () => {
  let app: TestApp;
  let fixture: Fixture;
  const register = (body: object) =>
    request(app.url)
      .post('/api/v1/registrations')
      .set({ Authorization: `Bearer ${fixture.partners.find((p) => p.id === 'p-northwind')!.apiKey}` })
      .send(body);
  const stored = async () =>
    (await app.ctx.store.forTenant('sandbox').registrations.listByPartner('p-northwind')).length;

  beforeAll(async () => {
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 120_000);
  afterAll(() => app.close());

  it('When the name is only spaces, then it gets 422 REGISTRATION.INVALID_FIELDS naming customer.name and nothing is stored', async () => {
    const before = await stored();
    const res = await register({ customer: { name: '     ' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REGISTRATION.INVALID_FIELDS');
    expect(res.body.error.details).toEqual({
      invalid: [{ field: 'customer.name', message: expect.stringMatching(/blank/) }],
    });
    expect(await stored()).toBe(before);
  });

  it.each([
    ['a bare IP address as the domain', 'customer.domain', { customer: { domain: '203.0.113.7' } }],
    ['localhost as the domain', 'customer.domain', { customer: { name: 'Acme', domain: 'localhost' } }],
    ['@@@ as the e-mail', 'customer.email', { customer: { name: 'Acme', email: '@@@' } }],
    ['a phone without digits', 'customer.phone', { customer: { name: 'Acme', phone: 'call me' } }],
    [
      'a close date in the year 9999',
      'expectedCloseDate',
      { customer: { name: 'Acme' }, expectedCloseDate: '9999-12-31' },
    ],
    [
      'a close date two years ago',
      'expectedCloseDate',
      { customer: { name: 'Acme' }, expectedCloseDate: '2024-11-01' },
    ],
  ])('When a partner sends %s, then it gets 422 naming %s', async (_what, field, body) => {
    const res = await register(body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REGISTRATION.INVALID_FIELDS');
    expect(res.body.error.details.invalid.map((i: { field: string }) => i.field)).toEqual([field]);
  });

  it('When the close date is 0000-01-01, then it gets 400 REQUEST.INVALID at parse time, not 500', async () => {
    const res = await register({ customer: { name: 'Acme' }, expectedCloseDate: '0000-01-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID');
    expect(res.body.error.details[0].path).toBe('body.expectedCloseDate');
  });

  it('When values carry spaces around them, then they are stored trimmed', async () => {
    const res = await register({
      customer: {
        name: '  Pinecrest Mills  ',
        domain: ' pinecrest.example ',
        email: ' jo@pinecrest.example ',
      },
      expectedCloseDate: '2027-03-31',
    });
    expect(res.status).toBe(201);
    expect(res.body.customer).toEqual({
      name: 'Pinecrest Mills',
      domain: 'pinecrest.example',
      email: 'jo@pinecrest.example',
    });
    expect(res.body.expectedCloseDate).toBe('2027-03-31');
  });

  it('When only a domain, or only a name, is given, then the registration is still taken', async () => {
    expect((await register({ customer: { domain: 'www.saltmarsh-foods.example' } })).status).toBe(201);
    expect(
      (await register({ customer: { name: 'Saltmarsh Bakery' }, expectedCloseDate: '2036-11-02' })).status,
    ).toBe(201);
  });

  it('When neither name nor domain is given, then it is still 422 REGISTRATION.MISSING_FIELDS', async () => {
    const res = await register({ customer: { email: 'jo@acme.com' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REGISTRATION.MISSING_FIELDS');
  });
});
