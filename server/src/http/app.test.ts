import request from 'supertest';
import { startTestApp, type TestApp } from '../testing/testApp.js';

describe('the HTTP service', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('When /healthz and /readyz are asked, then both answer 200', async () => {
    expect((await request(app.url).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(app.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.migrations.ok).toBe(true);
  });

  it('When the route does not exist, then a JSON 404 with a code comes back', async () => {
    const res = await request(app.url).get('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('REQUEST.NOT_FOUND');
  });

  it('When the JSON body is malformed, then 400 REQUEST.MALFORMED_JSON', async () => {
    const res = await request(app.url).post('/healthz').set('content-type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('When the body is larger than the limit, then 413 REQUEST.TOO_LARGE', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(1_100_000) });
    const res = await request(app.url).post('/healthz').set('content-type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('REQUEST.TOO_LARGE');
  });

  it('When a request id is sent, then it is echoed; otherwise one is made', async () => {
    expect(
      (await request(app.url).get('/healthz').set('x-request-id', 'abc-123')).headers['x-request-id'],
    ).toBe('abc-123');
    expect((await request(app.url).get('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When /openapi.json is fetched, then it is an OpenAPI 3.1 document describing the routes', async () => {
    const doc = (await request(app.url).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/sandbox/fixture']),
    );
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it('When /metrics is scraped, then Prometheus text with request counters comes back', async () => {
    const res = await request(app.url).get('/metrics');
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/entente_http_requests_total/);
  });

  it('When the sandbox fixture is asked in sandbox mode, then it lists the seeded data', async () => {
    const res = await request(app.url).get('/sandbox/fixture');
    expect(res.status).toBe(200);
    expect(res.body.tenant.id).toBe('sandbox');
    expect(res.body.users.length).toBeGreaterThan(5);
    expect(res.body.deals.length).toBe(400);
  });
});

describe('outside sandbox mode', () => {
  it('When the sandbox fixture is asked, then it does not exist', async () => {
    const app = await startTestApp({
      env: { HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret', ENCRYPTION_KEY: 'a'.repeat(64) },
      seed: false,
    });
    try {
      const res = await request(app.url).get('/sandbox/fixture');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('REQUEST.NOT_FOUND');
    } finally {
      await app.close();
    }
  });
});
