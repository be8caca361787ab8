import http from 'node:http';
import request from 'supertest';
import type { User } from '@entente/shared/domain';
import { buildUser } from '@entente/shared/testing';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { applyCrmEntities } from '../../use-cases/sync/applyCrmEntities.js';

type Fixture = {
  adminToken: string;
  partners: { id: string; apiKey: string }[];
  users: { id: string; roles: string[] }[];
  scenarios: { conflictedApproval: { registrationId: string } };
};

type Stake = { userId: string };

describe('roles that admins grant and revoke, against the sandbox', () => {
  let app: TestApp;
  let fixture: Fixture;
  /** A user-role (non-admin) token for each user that asked for one. */
  const userTokens = new Map<string, string>();
  const store = () => app.ctx.store.forTenant('sandbox');
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const asAdmin = () => bearer(fixture.adminToken);
  const asUser = async (userId: string) => {
    if (!userTokens.has(userId))
      userTokens.set(userId, (await store().apiKeys.create({ userId, role: 'user' }, 'test')).token);
    return bearer(userTokens.get(userId)!);
  };
  const setRoles = (userId: string, body: object, headers: Record<string, string> = asAdmin()) =>
    request(app.url).put(`/api/v1/users/${userId}/roles`).set(headers).send(body);
  const rolesOf = async (userId: string) => (await store().users.get(userId))?.roles;
  const roleChanges = async () =>
    (await store().audit.list({ limit: 10_000 })).filter((e) => e.type === 'user.roles_changed');
  /** The sandbox's one admin, bound to the fixture's admin token. */
  const ADMIN = 'u-admin';

  beforeAll(async () => {
    // Keep-alive sockets closed under the request interceptor at teardown overflow its stack.
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
    expect(fixture.users.filter((u) => u.roles.includes('admin')).map((u) => u.id)).toEqual([ADMIN]);
  }, 60_000);
  afterAll(() => app.close());

  it('When an internal user lists the users, then each comes with its roles and nothing secret; a partner key is refused', async () => {
    const listed = await request(app.url)
      .get('/api/v1/users')
      .set(await asUser('u-s-1'));
    expect(listed.status).toBe(200);
    const users = listed.body.users as Record<string, unknown>[];
    expect(users.map((u) => u.id).sort()).toEqual(fixture.users.map((u) => u.id).sort());
    expect(users.find((u) => u.id === ADMIN)).toEqual({
      id: ADMIN,
      crmUserId: expect.any(String),
      name: 'Ada Admin',
      email: expect.stringContaining('@'),
      roles: ['admin'],
      managerId: null,
      active: true,
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/secret|token|ent_[pi]k_/i);

    const partner = await request(app.url).get('/api/v1/users').set(bearer(fixture.partners[0]!.apiKey));
    expect(partner.status).toBe(403);
  });

  it('When an admin grants partner_manager to a seller, then the seller can decide a registration they could not before', async () => {
    const { registrationId } = fixture.scenarios.conflictedApproval;
    const review = await request(app.url)
      .get(`/api/v1/review/registrations/${registrationId}`)
      .set(asAdmin());
    const stakeholders = new Set((review.body.stakes as Stake[]).map((s) => s.userId));
    const seller = fixture.users.find((u) => u.roles.join() === 'seller' && !stakeholders.has(u.id))!.id;
    const decide = async () =>
      request(app.url)
        .post(`/api/v1/registrations/${registrationId}/decisions`)
        .set(await asUser(seller))
        .send({ outcome: 'approve', reason: 'The partner brought the customer in' });

    const before = await decide();
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('AUTH.FORBIDDEN');

    const granted = await setRoles(seller, { roles: ['partner_manager', 'seller'] });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      user: { id: seller, roles: ['seller', 'partner_manager'] },
      previousRoles: ['seller'],
      changed: true,
    });
    expect(await rolesOf(seller)).toEqual(['seller', 'partner_manager']);

    const after = await decide();
    expect(after.status).toBe(200);
    expect(after.body.registration.status).toBe('approved');
  });

  it('When roles change, then the audit log has the change with from, to and actor, and the chain still verifies', async () => {
    const changed = await setRoles('u-mgr-east', { roles: ['sales_manager', 'deal_desk'] });
    expect(changed.status).toBe(200);
    const entry = (await roleChanges()).find((e) => e.subject === 'user:u-mgr-east');
    expect(entry).toMatchObject({
      actor: ADMIN,
      payload: { userId: 'u-mgr-east', from: ['sales_manager'], to: ['sales_manager', 'deal_desk'] },
    });
    expect(entry!.at).toBe(app.ctx.now().toISOString());

    // The same roles again change nothing and add no entry.
    const entries = (await roleChanges()).length;
    const again = await setRoles('u-mgr-east', { roles: ['deal_desk', 'sales_manager', 'deal_desk'] });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(await roleChanges()).toHaveLength(entries);

    const verified = await request(app.url).get('/api/v1/audit/verify').set(asAdmin());
    expect(verified.body.ok).toBe(true);
  });

  it('When someone who is not an active admin changes roles, then 403 ROLES.ADMIN_ONLY and nothing changes', async () => {
    const entries = (await roleChanges()).length;
    // A seller with their own token.
    const seller = await setRoles('u-s-2', { roles: ['admin'] }, await asUser('u-s-2'));
    expect(seller.status).toBe(403);
    expect(seller.body.error.code).toBe('ROLES.ADMIN_ONLY');
    // The deal desk decides registrations but does not grant roles.
    const desk = await setRoles('u-s-3', { roles: ['partner_manager'] }, await asUser('u-desk'));
    expect(desk.status).toBe(403);
    expect(desk.body.error.code).toBe('ROLES.ADMIN_ONLY');
    // An admin token acting for a non-admin is that non-admin.
    const acting = await setRoles('u-s-3', { roles: ['partner_manager'], actingUserId: 'u-pm-1' });
    expect(acting.status).toBe(403);
    expect(acting.body.error.code).toBe('ROLES.ADMIN_ONLY');
    // Only an admin token may name someone else to act as.
    const posing = await setRoles(
      'u-s-3',
      { roles: ['partner_manager'], actingUserId: ADMIN },
      await asUser('u-s-3'),
    );
    expect(posing.status).toBe(403);
    expect(posing.body.error.code).toBe('AUTH.FORBIDDEN');
    // An inactive admin is no admin.
    const gone = buildUser({ id: 'u-gone', roles: ['admin'], active: false });
    await store().users.upsert(gone);
    const inactive = await setRoles('u-s-3', { roles: ['partner_manager'], actingUserId: gone.id });
    expect(inactive.status).toBe(403);
    expect(inactive.body.error.code).toBe('ROLES.ADMIN_ONLY');

    expect(await rolesOf('u-s-2')).toEqual(['seller']);
    expect(await rolesOf('u-s-3')).toEqual(['seller']);
    expect(await roleChanges()).toHaveLength(entries);
  });

  it('When the last active admin is demoted, then 409 ROLES.LAST_ADMIN; with a second admin, one may step down', async () => {
    const alone = await setRoles(ADMIN, { roles: ['partner_manager'] });
    expect(alone.status).toBe(409);
    expect(alone.body.error.code).toBe('ROLES.LAST_ADMIN');
    expect(await rolesOf(ADMIN)).toEqual(['admin']);
    // An inactive admin does not count as another admin.
    expect((await store().users.get('u-gone'))?.active).toBe(false);

    expect((await setRoles('u-pm-2', { roles: ['partner_manager', 'admin'] })).status).toBe(200);
    const stepDown = await setRoles('u-pm-2', { roles: ['partner_manager'], actingUserId: 'u-pm-2' });
    expect(stepDown.status).toBe(200);
    expect(await rolesOf('u-pm-2')).toEqual(['partner_manager']);
  });

  it('When two admins step down at the same moment, then one does and the other gets 409 ROLES.LAST_ADMIN', async () => {
    expect((await setRoles('u-desk', { roles: ['deal_desk', 'admin'] })).status).toBe(200);
    const answers = await Promise.all([
      setRoles(ADMIN, { roles: ['seller'] }),
      setRoles('u-desk', { roles: ['deal_desk'], actingUserId: 'u-desk' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('ROLES.LAST_ADMIN');
    const admins = (await store().users.list()).filter((u) => u.active && u.roles.includes('admin'));
    expect(admins).toHaveLength(1);

    // Put the sandbox admin back for the tests that follow.
    const remaining = admins[0]!.id;
    if (remaining !== ADMIN)
      expect((await setRoles(ADMIN, { roles: ['admin'], actingUserId: remaining })).status).toBe(200);
    expect(await rolesOf(ADMIN)).toEqual(['admin']);
  });

  it.each([
    { what: 'an unknown role', body: { roles: ['superuser'] }, code: 'REQUEST.INVALID' },
    { what: 'an empty list', body: { roles: [] }, code: 'REQUEST.INVALID' },
    { what: 'no roles at all', body: {}, code: 'REQUEST.INVALID' },
    { what: 'roles that are not a list', body: { roles: 'admin' }, code: 'REQUEST.INVALID' },
    { what: 'an extra field', body: { roles: ['seller'], active: false }, code: 'REQUEST.INVALID' },
    { what: 'a NUL in a role', body: { roles: ['seller\u0000'] }, code: 'REQUEST.INVALID' },
    {
      what: 'a NUL in actingUserId',
      body: { roles: ['seller'], actingUserId: 'u-admin\u0000' },
      code: 'REQUEST.INVALID_TEXT',
    },
  ])('When the body has $what, then 400 $code and nothing changes', async ({ body, code }) => {
    const answer = await setRoles('u-s-4', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect(await rolesOf('u-s-4')).toEqual(['seller']);
  });

  it('When the user id in the path has a NUL, then 400 REQUEST.INVALID_TEXT', async () => {
    const answer = await setRoles('u-s-4%00', { roles: ['seller'] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('REQUEST.INVALID_TEXT');
  });

  it("When an admin names another tenant's user or an unknown one, then 404 and the other tenant is untouched", async () => {
    await app.ctx.store.tenants.upsert({
      id: 'other',
      name: 'Other',
      crm: 'hubspot',
      externalId: '424242',
      status: 'active',
      sandbox: false,
    });
    await app.ctx.store.forTenant('other').users.upsert(buildUser({ id: 'u-elsewhere', roles: ['seller'] }));
    const elsewhere = await setRoles('u-elsewhere', { roles: ['admin'] });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('REQUEST.NOT_FOUND');
    expect((await app.ctx.store.forTenant('other').users.get('u-elsewhere'))?.roles).toEqual(['seller']);
    expect((await app.ctx.store.forTenant('other').audit.list()).length).toBe(0);

    const unknown = await setRoles('u-nobody', { roles: ['seller'] });
    expect(unknown.status).toBe(404);
  });

  it('When the CRM owner of a user with granted roles is synced again, then the roles Entente granted stay', async () => {
    expect((await setRoles('u-s-5', { roles: ['seller', 'deal_desk'] })).status).toBe(200);
    const before = (await store().users.get('u-s-5'))!;
    // What the connector reads for the owner: a seller, as every owner arrives, with a new name.
    const fromCrm: User = { ...before, name: 'Corliss Cosme-Hart', roles: ['seller'], managerId: null };
    await applyCrmEntities(store(), [{ kind: 'owners', user: fromCrm }], app.ctx.now());
    const after = (await store().users.get('u-s-5'))!;
    expect(after).toEqual({ ...before, name: 'Corliss Cosme-Hart' });

    const listed = await request(app.url).get('/api/v1/users').set(asAdmin());
    expect(listed.body.users.find((u: { id: string }) => u.id === 'u-s-5').roles).toEqual([
      'seller',
      'deal_desk',
    ]);
  });
});
