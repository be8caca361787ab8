import type { Server } from 'node:http';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { signCardRequest, type CardSigner } from '../crm/hubspot/signCardRequest.js';
import { sandboxFixtureSchema, type SandboxFixture } from '../sandbox/sandboxFixture.js';
import { startTestApp, type TestApp } from '../testing/testApp.js';
import { errorHandler } from './errors.js';
import { defineRoute, mountRoutes } from './route.js';

jest.setTimeout(60_000);

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';

describe('text no database can store, refused at parse time for every route', () => {
  let app: TestApp;
  let fixture: SandboxFixture;
  let signer: CardSigner;
  const asPartner = () => ({ Authorization: `Bearer ${fixture.partners[0]!.apiKey}` });
  const register = (body: unknown) =>
    request(app.url)
      .post('/api/v1/registrations')
      .set(asPartner())
      .send(body as object);

  beforeAll(async () => {
    app = await startTestApp();
    fixture = sandboxFixtureSchema.parse((await request(app.url).get('/sandbox/fixture').expect(200)).body);
    signer = { publicUrl: app.ctx.config.publicUrl, ...fixture.hubspot! };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['a U+0000', `Ini${NUL}tech`],
    ['a lone high surrogate', `Initech ${LONE_HIGH}`],
    ['a lone low surrogate', `${LONE_LOW}Initech`],
  ])(
    'When a customer name contains %s, then the registration gets 400 REQUEST.INVALID_TEXT naming the field',
    async (_what, name) => {
      const res = await register({ customer: { name, domain: 'initech.example' } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
      expect(res.body.error.details).toEqual([{ path: 'body.customer.name', message: expect.any(String) }]);
    },
  );

  it('When notes contain a U+0000, then it is refused the same way', async () => {
    const res = await register({ customer: { domain: 'initech.example' }, notes: `line one${NUL}` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
    expect(res.body.error.details[0].path).toBe('body.notes');
  });

  it('When a well-formed emoji (a surrogate pair) is in a name, then the registration is taken', async () => {
    const res = await register({ customer: { name: 'Rocket 🚀 Labs', domain: 'rocketlabs-emoji.example' } });
    expect(res.status).toBe(201);
    expect(res.body.customer.name).toBe('Rocket 🚀 Labs');
  });

  it('When a path id contains a U+0000, then the partner API answers 400 REQUEST.INVALID_TEXT, not 500', async () => {
    const res = await request(app.url).get('/api/v1/registrations/reg%00x').set(asPartner());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
    expect(res.body.error.details[0].path).toBe('path.registrationId');
    const withdraw = await request(app.url).post('/api/v1/registrations/reg%00x/withdraw').set(asPartner());
    expect(withdraw.status).toBe(400);
    expect(withdraw.body.error.code).toBe('REQUEST.INVALID_TEXT');
  });

  it.each(['%ED%A0%80', '%FF', '%'])(
    'When a path id is percent-encoded text that does not decode (%s), then it gets 400 REQUEST.INVALID_TEXT',
    async (segment) => {
      const res = await request(app.url).get(`/api/v1/registrations/${segment}`).set(asPartner());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
    },
  );

  it('When an internal route gets a decision reason with a U+0000, then it gets 400 REQUEST.INVALID_TEXT', async () => {
    const registrationId = fixture.registrations[0]!.id;
    const res = await request(app.url)
      .post(`/api/v1/registrations/${registrationId}/decisions`)
      .set({ Authorization: `Bearer ${fixture.adminToken}` })
      .send({ outcome: 'reject', reason: `no${NUL}`, actingUserId: 'u-desk' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
    expect(res.body.error.details[0].path).toBe('body.reason');
  });

  describe('the signed card routes', () => {
    const user = () => {
      const found = fixture.users.find((u) => u.roles.includes('partner_manager')) ?? fixture.users[0]!;
      return { hubspotUserId: found.hubspotUserId, email: found.email };
    };
    const signed = (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const req = signCardRequest(signer, user(), {
        method,
        path,
        body,
        timestamp: app.ctx.now().getTime(),
      });
      const call =
        method === 'GET' ? request(app.url).get(req.pathAndQuery) : request(app.url).post(req.pathAndQuery);
      for (const [name, value] of Object.entries(req.headers)) call.set(name, value);
      return method === 'POST' ? call.send(req.body) : call;
    };

    it('When a signed card decision reason contains a U+0000, then it gets 400 REQUEST.INVALID_TEXT', async () => {
      const registrationId = fixture.registrations[0]!.id;
      const res = await signed('POST', `/hubspot/cards/registrations/${registrationId}/decision`, {
        outcome: 'reject',
        reason: `Not ours${NUL}`,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
      expect(res.body.error.details).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    });

    it('When a signed card asks for a deal id with a U+0000, then it gets 400, not 500', async () => {
      const res = await signed('GET', `/hubspot/cards/deals/${encodeURIComponent(`1${NUL}2`)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
      expect(res.body.error.details[0].path).toBe('path.dealId');
    });

    it('When an unsigned card request carries a U+0000, then the signature check still answers first (401)', async () => {
      const res = await request(app.url).get('/hubspot/cards/deals/1%002?portalId=990001&userId=7100001');
      expect(res.status).toBe(401);
    });
  });
});

describe('the generic text check in route.ts', () => {
  let server: Server;
  let url: string;
  const seen: unknown[] = [];
  beforeAll(async () => {
    const router = express.Router();
    mountRoutes(router, [
      defineRoute({
        method: 'post',
        path: '/checked/:id',
        summary: 'checked',
        tags: [],
        params: z.object({ id: z.string() }),
        query: z.object({ q: z.string().optional() }),
        body: z.object({
          list: z.array(z.string()).optional(),
          map: z.record(z.string(), z.string()).optional(),
        }),
        responses: { 200: { description: 'ok' } },
        handler: async () => ({ body: { ok: true } }),
      }),
      defineRoute({
        method: 'post',
        path: '/opaque',
        summary: 'a body its handler validates (the HubSpot webhook is one)',
        tags: [],
        body: z.unknown(),
        responses: { 200: { description: 'ok' } },
        handler: async ({ body }) => {
          seen.push(body);
          return { body: { ok: true } };
        },
      }),
    ]);
    const app = express();
    app.use(express.json());
    app.use(router);
    app.use(errorHandler);
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('When strings in arrays, record keys, record values and the query are bad, then each is named', async () => {
    const res = await request(url)
      .post('/checked/fine?q=%00')
      .send({ list: ['ok', `b${LONE_HIGH}`], map: { [`k${NUL}`]: 'v', good: `${LONE_LOW}` } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID_TEXT');
    // The query is parsed before the body, so it is the one named; then the body on its own.
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.q']);
    const body = await request(url)
      .post('/checked/fine')
      .send({ list: ['ok', `b${LONE_HIGH}`], map: { [`k${NUL}`]: 'v', good: `${LONE_LOW}` } });
    expect(body.body.error.details).toEqual([
      { path: 'body.list.1', message: expect.any(String) },
      { path: 'body.map', message: expect.stringMatching(/key/) },
      { path: 'body.map.good', message: expect.any(String) },
    ]);
  });

  it('When clean text arrives, then the handler runs', async () => {
    await request(url)
      .post('/checked/fine?q=ok')
      .send({ list: ['a'], map: { k: 'v' } })
      .expect(200);
  });

  it('When a route declares an opaque body (z.unknown()), then its body is left to its handler', async () => {
    await request(url)
      .post('/opaque')
      .send({ note: `x${NUL}` })
      .expect(200);
    expect(seen).toEqual([{ note: `x${NUL}` }]);
  });
});
