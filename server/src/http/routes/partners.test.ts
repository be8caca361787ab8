import http from 'node:http';
import request from 'supertest';
import { createApiKey } from '../auth/index.js';
import { redactUrl } from '../../observability/logger.js';
import { KEY_LINK_TTL_MS } from '../../use-cases/partners/keyLinks.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = { adminToken: string; partners: { id: string; apiKey: string }[] };

const START = new Date('2026-11-02T09:00:00.000Z');
const PUBLIC_URL = 'https://entente.example.com';

describe('partner onboarding and one-time key links, against the sandbox', () => {
  let app: TestApp;
  let fixture: Fixture;
  const asAdmin = () => ({ Authorization: `Bearer ${fixture.adminToken}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const partnerBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Adatum Partners',
    domains: ['https://www.adatum-partners.com/about', 'adatum.co.uk'],
    motions: ['resale', 'services'],
    tier: 'silver',
    regions: ['EU', 'US'],
    certifications: ['Certified Implementer'],
    contacts: [{ name: 'Ana Ortiz', email: 'ana.ortiz@adatum-partners.com', role: 'Alliance lead' }],
    ...overrides,
  });
  let counter = 0;
  /** A partner no other test has: its own name and domain. */
  const freshPartner = async (overrides: Record<string, unknown> = {}) => {
    counter += 1;
    const response = await request(app.url)
      .post('/api/v1/partners')
      .set(asAdmin())
      .send(
        partnerBody({
          name: `Fresh Partner ${counter}`,
          domains: [`fresh-partner-${counter}.com`],
          ...overrides,
        }),
      );
    expect(response.status).toBe(201);
    return response.body as { id: string; name: string };
  };
  const issueKey = async (partnerId: string, name: string) => {
    const response = await request(app.url)
      .post(`/api/v1/partners/${partnerId}/api-keys`)
      .set(asAdmin())
      .send({ name });
    expect(response.status).toBe(201);
    return response.body as { keyId: string; name: string; link: string; expiresAt: string };
  };
  const linkPath = (link: string) => new URL(link).pathname;
  const viewLink = (link: string) => request(app.url).get(linkPath(link));

  beforeAll(async () => {
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp({
      now: START,
      env: { ENCRYPTION_KEY: 'e'.repeat(64), PUBLIC_URL },
    });
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());
  afterEach(() => app.setNow(START));

  it('When an admin adds a partner and issues it a key, then the link shows the key once, the key registers a deal, and the joining day feeds the metrics', async () => {
    const metricsWindow = { from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
    const activation = async () =>
      (
        await request(app.url).get('/api/v1/metrics/program').query(metricsWindow).set(asAdmin())
      ).body.metrics.program_health.find((m: { id: string }) => m.id === 'activation_rate') as {
        value: number | null;
        sampleSize: number;
      };
    const before = await activation();

    const added = await request(app.url).post('/api/v1/partners').set(asAdmin()).send(partnerBody());
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      name: 'Adatum Partners',
      domains: ['adatum-partners.com', 'adatum.co.uk'],
      motions: ['resale', 'services'],
      tier: 'silver',
      regions: ['EU', 'US'],
      certifications: ['Certified Implementer'],
      contacts: [{ name: 'Ana Ortiz', email: 'ana.ortiz@adatum-partners.com', role: 'Alliance lead' }],
      active: true,
      joinedAt: START.toISOString(),
    });
    const partnerId = added.body.id as string;
    expect(partnerId).toMatch(/^p-adatum-partners-[0-9a-f]{8}$/);

    const listed = await request(app.url).get('/api/v1/partners').set(asAdmin());
    expect(listed.status).toBe(200);
    expect(listed.body.partners.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([partnerId, 'p-northwind']),
    );
    // A partner seeded before onboarding existed shows its one domain.
    expect(listed.body.partners.find((p: { id: string }) => p.id === 'p-northwind').domains).toEqual([
      'northwind.example',
    ]);

    const audit = await app.ctx.store.db.query<{ type: string; actor: string; payload: unknown }>(
      'SELECT type, actor, payload FROM audit_log WHERE tenant_id = $1 AND subject = $2 ORDER BY seq',
      ['sandbox', `partner:${partnerId}`],
    );
    expect(audit.rows[0]).toMatchObject({ type: 'partner.added', actor: 'u-admin' });
    // Contacts are counted in the immutable log; their personal data stays out of it.
    expect(JSON.stringify(audit.rows[0]!.payload)).not.toContain('ana.ortiz');

    const issued = await request(app.url)
      .post(`/api/v1/partners/${partnerId}/api-keys`)
      .set(asAdmin())
      .send({ name: 'production' });
    expect(issued.status).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(Object.keys(issued.body).sort()).toEqual(['expiresAt', 'keyId', 'link', 'name', 'partnerId']);
    expect(issued.body.link).toMatch(
      new RegExp(`^${PUBLIC_URL}/api/v1/key-links/ent_kl_[A-Za-z0-9_-]{43}$`.replaceAll('.', '\\.')),
    );
    expect(issued.body.expiresAt).toBe(new Date(START.getTime() + KEY_LINK_TTL_MS).toISOString());
    expect(JSON.stringify(issued.body)).not.toContain('ent_pk_');

    const viewed = await viewLink(issued.body.link);
    expect(viewed.status).toBe(200);
    expect(viewed.headers['cache-control']).toBe('no-store');
    expect(viewed.body).toMatchObject({ keyId: issued.body.keyId, name: 'production', partnerId });
    const apiKey = viewed.body.apiKey as string;
    expect(apiKey).toMatch(new RegExp(`^ent_pk_${issued.body.keyId}_`));

    const registered = await request(app.url)
      .post('/api/v1/registrations')
      .set(bearer(apiKey))
      .send({ customer: { name: 'Brightwater Logistics', domain: 'brightwater-logistics.com' } });
    expect(registered.status).toBe(201);

    const again = await viewLink(issued.body.link);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('KEYS.LINK_GONE');

    const keys = await request(app.url).get(`/api/v1/partners/${partnerId}/api-keys`).set(asAdmin());
    expect(keys.status).toBe(200);
    expect(keys.body.keys).toEqual([
      {
        keyId: issued.body.keyId,
        name: 'production',
        createdAt: START.toISOString(),
        lastUsedAt: START.toISOString(),
        revokedAt: null,
        linkExpiresAt: null,
      },
    ]);
    expect(JSON.stringify(keys.body)).not.toContain(apiKey.slice(-20));

    // Activation counts the new partner from its joining day: it registered within the window.
    const after = await activation();
    expect(after.sampleSize).toBe(before.sampleSize + 1);
    expect(after.value).not.toBeNull();
  });

  it('When a link waits to be viewed, then neither the link token nor the key is stored in clear', async () => {
    const partner = await freshPartner();
    const issued = await issueKey(partner.id, 'storage check');
    const token = issued.link.split('/').at(-1)!;
    const stored = await app.ctx.store.db.query('SELECT * FROM api_key_links WHERE key_id = $1', [
      issued.keyId,
    ]);
    expect(stored.rows).toHaveLength(1);
    const viewed = await viewLink(issued.link);
    const apiKey = viewed.body.apiKey as string;
    const everything = JSON.stringify(stored.rows);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(apiKey.split('_').at(-1));
    // Viewed: the sealed copy is gone.
    const after = await app.ctx.store.db.query('SELECT 1 FROM api_key_links WHERE key_id = $1', [
      issued.keyId,
    ]);
    expect(after.rows).toHaveLength(0);
  });

  it('When a link is older than 24 hours, then it answers 410 and the expiry job deletes unviewed links', async () => {
    const partner = await freshPartner();
    const late = await issueKey(partner.id, 'viewed too late');
    const unviewed = await issueKey(partner.id, 'never viewed');
    app.setNow(new Date(START.getTime() + KEY_LINK_TTL_MS - 1000));
    expect(
      (await request(app.url).get(`/api/v1/partners/${partner.id}/api-keys`).set(asAdmin())).body.keys.map(
        (k: { linkExpiresAt: string | null }) => k.linkExpiresAt,
      ),
    ).toEqual([late.expiresAt, unviewed.expiresAt]);

    app.setNow(new Date(START.getTime() + KEY_LINK_TTL_MS + 1000));
    const expired = await viewLink(late.link);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('KEYS.LINK_GONE');

    await app.jobs.drain();
    const left = await app.ctx.store.db.query('SELECT 1 FROM api_key_links WHERE key_id = ANY($1)', [
      [late.keyId, unviewed.keyId],
    ]);
    expect(left.rows).toHaveLength(0);
    expect((await viewLink(unviewed.link)).status).toBe(410);
  });

  it('When a key is revoked, then it answers 401, and a link to a key revoked before it was viewed is gone', async () => {
    const partner = await freshPartner();
    const issued = await issueKey(partner.id, 'to revoke');
    const apiKey = (await viewLink(issued.link)).body.apiKey as string;
    expect((await request(app.url).get('/api/v1/registrations').set(bearer(apiKey))).status).toBe(200);
    expect((await request(app.url).delete(`/api/v1/api-keys/${issued.keyId}`).set(asAdmin())).status).toBe(
      204,
    );
    const refused = await request(app.url).get('/api/v1/registrations').set(bearer(apiKey));
    expect(refused.status).toBe(401);

    const pending = await issueKey(partner.id, 'revoked unseen');
    await request(app.url).delete(`/api/v1/api-keys/${pending.keyId}`).set(asAdmin());
    expect((await viewLink(pending.link)).status).toBe(410);
  });

  it('When a key is rotated, then the old key stops at once and the new one, under the same name, comes through a new link', async () => {
    const partner = await freshPartner();
    const first = await issueKey(partner.id, 'production');
    const oldKey = (await viewLink(first.link)).body.apiKey as string;

    app.setNow(new Date(START.getTime() + 60_000));
    const rotated = await request(app.url)
      .post(`/api/v1/api-keys/${first.keyId}/rotate`)
      .set(asAdmin())
      .send({});
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({
      name: 'production',
      partnerId: partner.id,
      replacedKeyId: first.keyId,
    });
    expect(JSON.stringify(rotated.body)).not.toContain('ent_pk_');
    expect((await request(app.url).get('/api/v1/registrations').set(bearer(oldKey))).status).toBe(401);
    const newKey = (await viewLink(rotated.body.link)).body.apiKey as string;
    expect((await request(app.url).get('/api/v1/registrations').set(bearer(newKey))).status).toBe(200);

    const keys = (await request(app.url).get(`/api/v1/partners/${partner.id}/api-keys`).set(asAdmin())).body
      .keys as { keyId: string; name: string; revokedAt: string | null }[];
    expect(keys.map((k) => [k.keyId, k.name, k.revokedAt !== null])).toEqual([
      [first.keyId, 'production', true],
      [rotated.body.keyId, 'production', false],
    ]);
    const again = await request(app.url)
      .post(`/api/v1/api-keys/${first.keyId}/rotate`)
      .set(asAdmin())
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('KEYS.REVOKED');
  });

  it('When a partner holds several keys, then each has its own name and a working name cannot be reused', async () => {
    const partner = await freshPartner();
    await issueKey(partner.id, 'production');
    await issueKey(partner.id, 'staging');
    const taken = await request(app.url)
      .post(`/api/v1/partners/${partner.id}/api-keys`)
      .set(asAdmin())
      .send({ name: 'staging' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('KEYS.NAME_TAKEN');
    const missingName = await request(app.url)
      .post(`/api/v1/partners/${partner.id}/api-keys`)
      .set(asAdmin())
      .send({});
    expect(missingName.status).toBe(400);
  });

  it('When a seller tries to add or change partners or issue keys, then the answer is 403 PARTNERS.FORBIDDEN; they may still list partners', async () => {
    const forSeller = { actingUserId: 'u-s-1' };
    const add = await request(app.url)
      .post('/api/v1/partners')
      .set(asAdmin())
      .send(partnerBody({ name: 'Seller Made', domains: ['seller-made.com'], ...forSeller }));
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe('PARTNERS.FORBIDDEN');
    const edit = await request(app.url)
      .patch('/api/v1/partners/p-northwind')
      .set(asAdmin())
      .send({ tier: 'platinum', ...forSeller });
    expect(edit.status).toBe(403);
    const key = await request(app.url)
      .post('/api/v1/partners/p-northwind/api-keys')
      .set(asAdmin())
      .send({ name: 'sneaky', ...forSeller });
    expect(key.status).toBe(403);
    expect(key.body.error.code).toBe('PARTNERS.FORBIDDEN');
    const keys = await request(app.url)
      .get('/api/v1/partners/p-northwind/api-keys')
      .query(forSeller)
      .set(asAdmin());
    expect(keys.status).toBe(403);

    // With the seller's own key, acting as themselves or as someone else.
    const { token } = await createApiKey(app.ctx.store.db, 'sandbox', { userId: 'u-s-1', role: 'user' });
    const own = await request(app.url)
      .post('/api/v1/partners')
      .set(bearer(token))
      .send(partnerBody({ name: 'Seller Made', domains: ['seller-made.com'] }));
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('PARTNERS.FORBIDDEN');
    const impersonating = await request(app.url)
      .post('/api/v1/partners')
      .set(bearer(token))
      .send(partnerBody({ name: 'Seller Made', domains: ['seller-made.com'], actingUserId: 'u-admin' }));
    expect(impersonating.status).toBe(403);
    expect(impersonating.body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await request(app.url).get('/api/v1/partners').set(bearer(token))).status).toBe(200);
    // A partner's key is not an internal user's.
    const partnerKey = fixture.partners[0]!.apiKey;
    expect((await request(app.url).get('/api/v1/partners').set(bearer(partnerKey))).status).toBe(403);
  });

  it('When a partner manager adds and edits a partner, then both are allowed and audited under their name', async () => {
    const added = await request(app.url)
      .post('/api/v1/partners')
      .set(asAdmin())
      .send(
        partnerBody({
          name: 'Proseware Alliances',
          domains: ['proseware-alliances.com'],
          managerUserId: 'u-pm-1',
          joinedAt: '2026-09-01T00:00:00.000Z',
          actingUserId: 'u-pm-1',
        }),
      );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ managerUserId: 'u-pm-1', joinedAt: '2026-09-01T00:00:00.000Z' });

    const { token } = await createApiKey(app.ctx.store.db, 'sandbox', { userId: 'u-pm-2', role: 'user' });
    const edited = await request(app.url)
      .patch(`/api/v1/partners/${added.body.id}`)
      .set(bearer(token))
      .send({
        tier: 'gold',
        regions: ['EU'],
        contacts: [{ name: 'Li Wei', email: 'li.wei@proseware-alliances.com', role: 'Billing' }],
      });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      tier: 'gold',
      regions: ['EU'],
      contacts: [{ name: 'Li Wei', email: 'li.wei@proseware-alliances.com', role: 'Billing' }],
      domains: ['proseware-alliances.com'],
    });
    // A change to nothing records nothing.
    expect(
      (
        await request(app.url)
          .patch(`/api/v1/partners/${added.body.id}`)
          .set(bearer(token))
          .send({ tier: 'gold' })
      ).status,
    ).toBe(200);

    const audit = await app.ctx.store.db.query<{
      type: string;
      actor: string;
      payload: Record<string, unknown>;
    }>('SELECT type, actor, payload FROM audit_log WHERE tenant_id = $1 AND subject = $2 ORDER BY seq', [
      'sandbox',
      `partner:${added.body.id}`,
    ]);
    expect(audit.rows.map((r) => [r.type, r.actor])).toEqual([
      ['partner.added', 'u-pm-1'],
      ['partner.updated', 'u-pm-2'],
    ]);
    expect(audit.rows[1]!.payload).toMatchObject({
      changed: ['tier', 'regions', 'contacts'],
      tier: 'gold',
      contacts: 1,
    });
    const verified = await request(app.url).get('/api/v1/audit/verify').set(asAdmin());
    expect(verified.body.ok).toBe(true);

    // Deactivated, it gets no new keys.
    await request(app.url)
      .patch(`/api/v1/partners/${added.body.id}`)
      .set(bearer(token))
      .send({ active: false });
    const key = await request(app.url)
      .post(`/api/v1/partners/${added.body.id}/api-keys`)
      .set(bearer(token))
      .send({ name: 'production' });
    expect(key.status).toBe(409);
    expect(key.body.error.code).toBe('PARTNERS.INACTIVE');
  });

  it('When a partner would share a name or a domain with another, then the answer is 409 PARTNERS.DUPLICATE naming it', async () => {
    const sameName = await request(app.url)
      .post('/api/v1/partners')
      .set(asAdmin())
      .send(partnerBody({ name: '  northwind   TRADERS ', domains: ['northwind-new.com'] }));
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.code).toBe('PARTNERS.DUPLICATE');
    expect(sameName.body.error.details).toEqual([
      { field: 'name', value: 'northwind TRADERS', partnerId: 'p-northwind' },
    ]);

    const sameDomain = await request(app.url)
      .post('/api/v1/partners')
      .set(asAdmin())
      .send(partnerBody({ name: 'Totally New Name', domains: ['https://shop.northwind.example/'] }));
    expect(sameDomain.status).toBe(409);
    expect(sameDomain.body.error.details).toEqual([
      { field: 'domain', value: 'northwind.example', partnerId: 'p-northwind' },
    ]);

    const first = await freshPartner();
    const second = await freshPartner();
    const renamed = await request(app.url)
      .patch(`/api/v1/partners/${second.id}`)
      .set(asAdmin())
      .send({ name: first.name });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.details[0]).toMatchObject({ field: 'name', partnerId: first.id });
    // Keeping its own name and domain is no duplicate.
    const own = await request(app.url)
      .patch(`/api/v1/partners/${second.id}`)
      .set(asAdmin())
      .send({ name: second.name.toUpperCase() });
    expect(own.status).toBe(200);
  });

  it('When a body carries U+0000, a bad domain or e-mail, or unknown fields, then the answer is 400 or 422 naming the field', async () => {
    const post = (body: unknown) => request(app.url).post('/api/v1/partners').set(asAdmin()).send(body);

    const nul = await post(partnerBody({ name: 'Bad\u0000Name', domains: ['nul-name.com'] }));
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('REQUEST.INVALID_TEXT');
    expect(nul.body.error.details[0].path).toBe('body.name');

    for (const domain of ['localhost', '10.0.0.1', 'not a domain', 'sales@acme.com', 'com']) {
      const bad = await post(
        partnerBody({ name: `Bad Domain ${domain}`, domains: ['ok-domain.com', domain] }),
      );
      expect([bad.status, bad.body.error.code]).toEqual([422, 'PARTNERS.INVALID_FIELDS']);
      expect(bad.body.error.details[0].path).toBe('domains.1');
    }

    const badEmail = await post(
      partnerBody({
        name: 'Bad Email',
        domains: ['bad-email.com'],
        contacts: [{ name: 'Nobody', email: 'not-an-address', role: 'Sales' }],
      }),
    );
    expect(badEmail.status).toBe(422);
    expect(badEmail.body.error.details[0].path).toBe('contacts.0.email');

    const badManager = await post(
      partnerBody({ name: 'Bad Manager', domains: ['bad-manager.com'], managerUserId: 'u-nobody' }),
    );
    expect(badManager.status).toBe(422);
    expect(badManager.body.error.details[0].path).toBe('managerUserId');

    const future = await post(
      partnerBody({ name: 'Future', domains: ['future-partner.com'], joinedAt: '2030-01-01T00:00:00.000Z' }),
    );
    expect(future.status).toBe(422);

    expect((await post(partnerBody({ motions: [] }))).status).toBe(400);
    expect((await post(partnerBody({ motions: ['smuggling'] }))).status).toBe(400);
    expect((await post(partnerBody({ isAdmin: true }))).status).toBe(400);
    expect((await post({ name: 'No motions' })).status).toBe(400);
    expect(
      (await request(app.url).patch('/api/v1/partners/p-northwind').set(asAdmin()).send({})).status,
    ).toBe(400);
    const nulPatch = await request(app.url)
      .patch('/api/v1/partners/p-northwind')
      .set(asAdmin())
      .send({ regions: ['EU\u0000'] });
    expect(nulPatch.status).toBe(400);
    expect(nulPatch.body.error.code).toBe('REQUEST.INVALID_TEXT');
    const nulLink = await request(app.url).get('/api/v1/key-links/ent_kl_%00');
    expect(nulLink.status).toBe(400);
  });

  it('When another tenant’s admin looks, then it cannot see or touch these partners or their keys', async () => {
    await app.ctx.store.tenants.upsert({
      id: 'other-tenant',
      name: 'Other',
      crm: 'hubspot',
      externalId: '4711',
      status: 'active',
      sandbox: false,
    });
    const { token } = await createApiKey(app.ctx.store.db, 'other-tenant', {
      userId: 'u-other',
      role: 'admin',
    });
    const other = bearer(token);
    const partner = await freshPartner();
    const issued = await issueKey(partner.id, 'production');

    const listed = await request(app.url).get('/api/v1/partners').set(other);
    expect(listed.status).toBe(200);
    expect(listed.body.partners).toEqual([]);
    expect((await request(app.url).get(`/api/v1/partners/${partner.id}`).set(other)).status).toBe(404);
    expect(
      (await request(app.url).patch(`/api/v1/partners/${partner.id}`).set(other).send({ tier: 'gold' }))
        .status,
    ).toBe(404);
    expect(
      (await request(app.url).post(`/api/v1/partners/${partner.id}/api-keys`).set(other).send({ name: 'x' }))
        .status,
    ).toBe(404);
    expect((await request(app.url).get(`/api/v1/partners/${partner.id}/api-keys`).set(other)).status).toBe(
      404,
    );
    expect(
      (await request(app.url).post(`/api/v1/api-keys/${issued.keyId}/rotate`).set(other).send({})).status,
    ).toBe(404);
    expect((await request(app.url).delete(`/api/v1/api-keys/${issued.keyId}`).set(other)).status).toBe(404);

    // Names and domains are unique per tenant: the other tenant may have its own "Adatum Partners".
    const own = await request(app.url)
      .post('/api/v1/partners')
      .set(other)
      .send(partnerBody({ domains: ['adatum-partners.com'] }));
    expect(own.status).toBe(201);
    const sandboxView = await request(app.url).get(`/api/v1/partners/${own.body.id}`).set(asAdmin());
    expect(sandboxView.status).toBe(404);
    // The sandbox's key still works after all this.
    expect((await viewLink(issued.link)).status).toBe(200);
  });

  it('When a key link is requested, then its token never reaches a log line', () => {
    expect(redactUrl('/api/v1/key-links/ent_kl_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG?x=1')).toBe(
      '/api/v1/key-links/[redacted]?x=1',
    );
  });
});
