import request from 'supertest';
import { signCardRequest, type CardSigner } from '../../crm/hubspot/signCardRequest.js';
import { sandboxFixtureSchema, type SandboxFixture } from '../../sandbox/sandboxFixture.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

jest.setTimeout(60_000);

/** The settings page as a real install's first admin uses it: roles, partners, keys, own API key. */
describe('people and partners on the settings page (signed requests against the sandbox)', () => {
  let app: TestApp;
  let fixture: SandboxFixture;
  let signer: CardSigner;

  const signed = (as: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
    const user = fixture.users.find((u) => u.id === as)!;
    const req = signCardRequest(
      signer,
      { hubspotUserId: user.hubspotUserId, email: user.email },
      { method, path, body, timestamp: app.ctx.now().getTime() },
    );
    const call =
      method === 'GET'
        ? request(app.url).get(req.pathAndQuery)
        : method === 'PUT'
          ? request(app.url).put(req.pathAndQuery)
          : request(app.url).post(req.pathAndQuery);
    for (const [name, value] of Object.entries(req.headers)) call.set(name, value);
    return method === 'GET' ? call : call.send(req.body);
  };

  beforeAll(async () => {
    app = await startTestApp();
    fixture = sandboxFixtureSchema.parse((await request(app.url).get('/sandbox/fixture').expect(200)).body);
    signer = { publicUrl: app.ctx.config.publicUrl, ...fixture.hubspot! };
  }, 120_000);
  afterAll(() => app?.close());

  it('When a seller opens people and partners, then it gets 403 CARDS.ADMIN_ONLY; an admin sees users and partners with their keys', async () => {
    expect((await signed('u-s-1', 'GET', '/hubspot/cards/settings/people').expect(403)).body.error.code).toBe(
      'CARDS.ADMIN_ONLY',
    );
    const people = (await signed('u-admin', 'GET', '/hubspot/cards/settings/people').expect(200)).body;
    expect(people.users).toContainEqual(
      expect.objectContaining({ id: 'u-admin', roles: expect.arrayContaining(['admin']) }),
    );
    expect(people.partners).toContainEqual(
      expect.objectContaining({
        id: 'p-northwind',
        keys: [expect.objectContaining({ name: 'sandbox', revokedAt: null })],
      }),
    );
    expect(JSON.stringify(people)).not.toMatch(/ent_pk_|ent_ik_/);
  });

  it('When the admin makes a seller a partner manager, then the change is made and the last admin cannot be removed', async () => {
    const answer = await signed('u-admin', 'PUT', '/hubspot/cards/settings/users/u-s-1/roles', {
      roles: ['seller', 'partner_manager'],
    }).expect(200);
    expect(answer.body).toMatchObject({
      changed: true,
      previousRoles: ['seller'],
      user: { roles: ['seller', 'partner_manager'] },
    });
    const admins = fixture.users.filter((u) => u.roles.includes('admin'));
    for (const admin of admins.slice(1))
      await signed('u-admin', 'PUT', `/hubspot/cards/settings/users/${admin.id}/roles`, {
        roles: ['seller'],
      }).expect(200);
    const last = await signed('u-admin', 'PUT', '/hubspot/cards/settings/users/u-admin/roles', {
      roles: ['seller'],
    });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('ROLES.LAST_ADMIN');
    const bad = await signed('u-admin', 'PUT', '/hubspot/cards/settings/users/u-s-1/roles', {
      roles: ['overlord'],
    });
    expect(bad.status).toBe(400);
  });

  it('When the admin adds a partner and issues it a key, then the link shows the key once and the key registers a deal', async () => {
    const added = await signed('u-admin', 'POST', '/hubspot/cards/settings/partners', {
      name: 'Harbor Point Systems',
      domains: ['harborpoint.example'],
      motions: ['resale'],
      tier: 'silver',
    }).expect(201);
    const partnerId = added.body.partner.id as string;
    const duplicate = await signed('u-admin', 'POST', '/hubspot/cards/settings/partners', {
      name: 'Harbor Point Systems',
      domains: ['harborpoint.example'],
      motions: ['resale'],
      tier: 'silver',
    });
    expect(duplicate.status).toBe(409);

    const issued = await signed('u-admin', 'POST', `/hubspot/cards/settings/partners/${partnerId}/keys`, {
      name: 'production',
    }).expect(201);
    expect(issued.body).toMatchObject({
      name: 'production',
      link: expect.stringContaining('/api/v1/key-links/'),
    });
    expect(JSON.stringify(issued.body)).not.toMatch(/ent_pk_/);
    const linkPath = new URL(issued.body.link).pathname;
    const shown = await request(app.url).get(linkPath).expect(200);
    const key = JSON.stringify(shown.body).match(/ent_pk_[^"]+/)?.[0];
    expect(key).toBeTruthy();
    expect((await request(app.url).get(linkPath)).status).toBe(410);

    const registered = await request(app.url)
      .post('/api/v1/registrations')
      .set({ Authorization: `Bearer ${key}` })
      .send({ customer: { name: 'Tidewater Analytics', domain: 'tidewater-analytics.example' } });
    expect(registered.status).toBe(201);
  });

  it('When the admin asks for an own API key, then a one-time link gives an internal key that works on the internal API', async () => {
    const issued = await signed('u-admin', 'POST', '/hubspot/cards/settings/api-key', {
      name: 'my laptop',
    }).expect(201);
    const shown = await request(app.url).get(new URL(issued.body.link).pathname).expect(200);
    const key = JSON.stringify(shown.body).match(/ent_ik_[^"]+/)?.[0];
    expect(key).toBeTruthy();
    const users = await request(app.url)
      .get('/api/v1/users')
      .set({ Authorization: `Bearer ${key}` });
    expect(users.status).toBe(200);
    expect((await signed('u-s-2', 'POST', '/hubspot/cards/settings/api-key', { name: 'mine' })).status).toBe(
      403,
    );
  });
});
