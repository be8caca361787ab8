import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../observability/logger.js';
import { buildContext } from '../service.js';
import type { Database } from '../store/database.js';
import { openTestDatabase } from '../store/testing.js';
import { startTestApp, type TestApp } from '../testing/testApp.js';
import { createApp } from './app.js';

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

describe('request logs', () => {
  let db: Database;
  let lines: string[];
  let app: ReturnType<typeof createApp>;
  /** The request log lines for `path` (pino-http writes one when the response has finished). */
  const logged = async (path: string): Promise<string> => {
    const of = () => lines.filter((line) => line.includes(`"url":"${path}`));
    for (let i = 0; i < 50 && of().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return of().join('');
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    lines = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: 'client-secret',
      ENCRYPTION_KEY: 'a'.repeat(64),
      LOG_LEVEL: 'info',
    });
    app = createApp(buildContext(config, db, createLogger('info', capture)));
  });
  afterAll(() => db.close());

  it('When HubSpot sends the admin back with a code and state, then the log line has neither value', async () => {
    const res = await request(app).get('/oauth/hubspot/callback?code=SECRET-CODE-1&state=SECRET-STATE-1');
    expect(res.status).toBe(400);
    const output = await logged('/oauth/hubspot/callback');
    expect(output).toMatch(/"url":"\/oauth\/hubspot\/callback\?code=\[redacted\]&state=\[redacted\]"/);
    expect(output).not.toMatch(/SECRET-CODE-1|SECRET-STATE-1/);
  });

  it('When tokens come as query parameters, then their values are redacted from the logged URL and query', async () => {
    await request(app).get(
      '/openapi.json?access_token=SECRET-AT&refresh_token=SECRET-RT&token=SECRET-T&Code=SECRET-C&keep=visible',
    );
    const output = await logged('/openapi.json');
    expect(output).not.toMatch(/SECRET-/);
    expect(output).toMatch(/keep=visible/);
  });

  it("When the install redirects to HubSpot's consent page, then the logged Location has no state", async () => {
    const res = await request(app).get('/oauth/hubspot/install');
    expect(res.status).toBe(302);
    const state = new URL(res.headers.location!).searchParams.get('state');
    expect(state).toBeTruthy();
    const output = await logged('/oauth/hubspot/install');
    expect(output).toMatch(/"location":"https:\/\/app\.hubspot\.com\/oauth\/authorize\?client_id=client-id/);
    expect(output).not.toContain(state!);
  });
});
