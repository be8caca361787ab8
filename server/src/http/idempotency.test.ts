import http from 'node:http';
import request from 'supertest';
import { SANDBOX_TENANT_ID } from '../config/sandboxIdentity.js';
import { IDEMPOTENCY_LEASE_MS } from '../store/repositories/idempotency.js';
import { startTestApp, type TestApp } from '../testing/testApp.js';
import { idempotencyRequestHash } from './idempotency.js';

describe('Idempotency-Key claims left by a process that died', () => {
  let app: TestApp;
  const start = new Date('2026-11-02T09:00:00.000Z');
  const partnerId = 'p-wingtip';
  let apiKey: string;
  const asPartner = () => ({ Authorization: `Bearer ${apiKey}` });
  const body = { customer: { name: 'Lanternfish Robotics', domain: 'lanternfish.example' } };
  const send = (key: string, payload: object = body) =>
    request(app.url).post('/api/v1/registrations').set(asPartner()).set('Idempotency-Key', key).send(payload);
  const registrationsFor = async (domain: string) =>
    (
      (await request(app.url).get('/api/v1/registrations').set(asPartner())).body as {
        registrations: { id: string; customer: { domain?: string } }[];
      }
    ).registrations.filter((r) => r.customer.domain === domain);

  /** What the first request had done when its process was killed: claimed the key, nothing more. */
  const crashedClaim = async (key: string, at: Date) => {
    const claimed = await app.ctx.store
      .forTenant(SANDBOX_TENANT_ID)
      .idempotency.claim(
        `partner:${partnerId}`,
        key,
        idempotencyRequestHash({ method: 'POST', path: '/api/v1/registrations', body }),
        { now: at, leaseMs: IDEMPOTENCY_LEASE_MS },
      );
    expect(claimed).toBe(true);
  };

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp({ now: start });
    const fixture = (await request(app.url).get('/sandbox/fixture')).body as {
      partners: { id: string; apiKey: string }[];
    };
    apiKey = fixture.partners.find((p) => p.id === partnerId)!.apiKey;
  }, 60_000);
  afterAll(() => app.close());

  it('When the same request comes again within the lease, then 409 REQUEST.IDEMPOTENCY_IN_PROGRESS; after the lease it runs once and creates exactly one registration', async () => {
    await crashedClaim('crashed-1', start);

    app.setNow(new Date(start.getTime() + IDEMPOTENCY_LEASE_MS - 1_000));
    const early = await send('crashed-1');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('REQUEST.IDEMPOTENCY_IN_PROGRESS');
    expect(await registrationsFor('lanternfish.example')).toHaveLength(0);

    app.setNow(new Date(start.getTime() + IDEMPOTENCY_LEASE_MS + 1_000));
    const retried = await send('crashed-1');
    expect(retried.status).toBe(201);
    const again = await send('crashed-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(retried.body.id);
    expect((await registrationsFor('lanternfish.example')).map((r) => r.id)).toEqual([retried.body.id]);
  });

  it('When the lease has expired but the body differs, then the key is still refused with 422', async () => {
    app.setNow(start);
    await crashedClaim('crashed-2', start);
    app.setNow(new Date(start.getTime() + 10 * IDEMPOTENCY_LEASE_MS));
    const other = await send('crashed-2', { customer: { name: 'Other Co', domain: 'otherco.example' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('REQUEST.IDEMPOTENCY_MISMATCH');
    expect(await registrationsFor('otherco.example')).toHaveLength(0);
  });
});
