import { startHubSpotSimulator, type HubSpotSimulator } from '../../../test/crm-sim/index.js';
import { configureHubSpotConnector } from '../crm/hubspot/hubspotConnector.js';
import { signCardRequest } from '../crm/hubspot/signCardRequest.js';
import { startTestApp, type TestApp } from '../testing/testApp.js';
import { hubspotRecordUrl } from './cards/cardViews.js';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_SCOPES } from './installHubSpot.js';

// Starting an app on a fresh PostgreSQL schema takes a few seconds on a busy machine.
jest.setTimeout(60_000);

const KEY = 'b'.repeat(64);
const PORTAL_B = 20_260_402;
const PORTAL_STATELESS = 20_260_403;
const PORTAL_BARE = 20_260_404;
const PORTAL_FORGED = 20_260_405;
const PORTAL_EU = 20_260_406;

/**
 * The install as a real portal runs it, on the v3 OAuth endpoints: the installing user becomes the
 * tenant's first admin, installs may start from HubSpot's own install URL (no state), and portals
 * without custom objects still provision.
 */
describe('Installing Entente into a HubSpot portal', () => {
  let sim: HubSpotSimulator;
  let app: TestApp;

  beforeAll(async () => {
    sim = await startHubSpotSimulator({ latencyMs: 0, seed: 5, size: 12, searchIndexDelayMs: 0 });
    sim.addPortal(PORTAL_B, { size: 6 });
    sim.addPortal(PORTAL_STATELESS, { size: 3 });
    sim.addPortal(PORTAL_BARE, { size: 6, customObjects: false });
    sim.addPortal(PORTAL_FORGED, { size: 3 });
    sim.addPortal(PORTAL_EU, { size: 3, dataHostingLocation: 'eu1' });
    // Nothing may use OAuth v1 (it retires on 16 Feb 2027): every v1 call would fail.
    sim.faults.inject({ kind: '5xx', pathPrefix: '/oauth/v1/', count: 1_000_000 });
    app = await startTestApp({
      seed: false,
      now: new Date(),
      env: {
        HUBSPOT_CLIENT_ID: sim.clientId,
        HUBSPOT_CLIENT_SECRET: sim.clientSecret,
        HUBSPOT_APP_ID: String(sim.appId),
        ENCRYPTION_KEY: KEY,
        HUBSPOT_API_BASE_URL: sim.url,
        HUBSPOT_AUTH_BASE_URL: sim.url,
        HUBSPOT_TOKEN_PATH: '/oauth/2026-03/token',
      },
    });
    app.ctx.config.publicUrl = app.url;
    configureHubSpotConnector(app.ctx, { sleep: async () => undefined });
  });
  afterAll(async () => {
    expect(sim.faults.hits()['5xx']).toBe(0);
    await app.close();
    await sim.close();
  });

  const redirect = (url: string) =>
    fetch(url, { redirect: 'manual' }).then((r) => r.headers.get('location')!);
  /** Entente's install link → HubSpot's consent (as `who`) → the callback. */
  const install = async (who: { portalId: number; userId?: number }) => {
    const authorize = new URL(await redirect(`${app.url}/oauth/hubspot/install`));
    authorize.searchParams.set('portalId', String(who.portalId));
    if (who.userId !== undefined) authorize.searchParams.set('userId', String(who.userId));
    return fetch(await redirect(authorize.toString()));
  };
  /** An install started from the install URL in HubSpot's app settings: no state anywhere. */
  const installFromHubSpot = async (who: { portalId: number; userId?: number }) => {
    const callback = await redirect(
      sim.authorizeUrl(`${app.url}/oauth/hubspot/callback`, HUBSPOT_SCOPES, undefined, {
        ...who,
        optionalScopes: HUBSPOT_OPTIONAL_SCOPES,
      }),
    );
    expect(new URL(callback).searchParams.has('state')).toBe(false);
    return fetch(callback);
  };
  const owners = (portalId: number) => sim.portals.get(portalId)!.owners;
  const tenant = (portalId: number) => app.ctx.store.forTenant(`hubspot-${portalId}`);
  const audit = (portalId: number) => tenant(portalId).audit.list({ limit: 1000 });
  /** A card request signed as HubSpot signs hubspot.fetch, with an e-mail that matches nobody. */
  const settingsCard = async (portalId: number, hubspotUserId: number) => {
    const signed = signCardRequest(
      {
        publicUrl: app.url,
        clientSecret: sim.clientSecret,
        portalId: String(portalId),
        appId: String(sim.appId),
      },
      { hubspotUserId: String(hubspotUserId), email: 'someone-else@elsewhere.example' },
      { method: 'GET', path: '/hubspot/cards/settings', timestamp: Date.now() },
    );
    const response = await fetch(signed.url, { headers: signed.headers });
    return { status: response.status, body: (await response.json()) as Record<string, never> };
  };
  const snapshot = async (portalId: number) => {
    const { rows } = await app.ctx.store.db.query<{ access_token: string; refresh_token: string }>(
      'SELECT access_token, refresh_token FROM crm_tokens WHERE tenant_id = $1',
      [`hubspot-${portalId}`],
    );
    return {
      tenant: await app.ctx.store.tenants.get(`hubspot-${portalId}`),
      tokens: rows,
      users: await tenant(portalId).users.list(),
      audit: (await audit(portalId)).length,
    };
  };

  it('When the portal’s first owner installs, then they are its admin, a signed card carrying their HubSpot user id finds them, the install is audited, and the owner backfill keeps one user with the role', async () => {
    const [first, second] = owners(sim.portalId);
    const done = await install({ portalId: sim.portalId });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/Entente is (reading your CRM|ready)/);

    const [user] = await tenant(sim.portalId).users.list();
    expect(await tenant(sim.portalId).users.list()).toHaveLength(1);
    expect(user).toMatchObject({
      id: `hs-owner-${first!.id}`,
      crmUserId: String(first!.userId),
      email: first!.email.toLowerCase(),
      roles: ['seller', 'admin'],
      active: true,
    });
    const entries = await audit(sim.portalId);
    expect(entries.map((e) => e.type)).toEqual(['user.roles_changed', 'tenant.installed']);
    expect(entries[0]).toMatchObject({
      subject: `user:${user!.id}`,
      payload: { userId: user!.id, from: [], to: ['seller', 'admin'], created: true },
    });
    expect(entries[1]).toMatchObject({
      actor: user!.id,
      subject: `tenant:hubspot-${sim.portalId}`,
      payload: {
        portalId: String(sim.portalId),
        reinstalled: false,
        startedFrom: 'entente',
        admin: user!.id,
        installedBy: { userId: user!.id, hubspotUserId: String(first!.userId) },
      },
    });
    expect((await tenant(sim.portalId).audit.verify()).ok).toBe(true);

    // HubSpot's user id (not the owner id, not the e-mail) is what finds the admin.
    const card = await settingsCard(sim.portalId, first!.userId);
    expect(card.status).toBe(200);
    expect(card.body.viewer).toMatchObject({ userId: user!.id, isAdmin: true });

    await app.jobs.drain();
    const users = await tenant(sim.portalId).users.list();
    expect(users).toHaveLength(owners(sim.portalId).length);
    expect(users.filter((u) => u.roles.includes('admin')).map((u) => u.id)).toEqual([user!.id]);
    expect(users.find((u) => u.id === user!.id)?.roles).toEqual(['seller', 'admin']);
    // Every backfilled owner is found by their HubSpot user id too: linked, but not an admin.
    const other = await settingsCard(sim.portalId, second!.userId);
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain('CARDS.ADMIN_ONLY');
  });

  it('When another user reinstalls, then they become an admin as well and the first admin stays one', async () => {
    const [first, second] = owners(sim.portalId);
    // Later than the first install, so the reinstall queues its own provisioning and backfill.
    app.setNow(new Date(app.ctx.now().getTime() + 60_000));
    expect((await install({ portalId: sim.portalId, userId: second!.userId })).status).toBe(200);
    const users = await tenant(sim.portalId).users.list();
    expect(users).toHaveLength(owners(sim.portalId).length);
    expect(users.find((u) => u.id === `hs-owner-${first!.id}`)?.roles).toEqual(['seller', 'admin']);
    expect(users.find((u) => u.id === `hs-owner-${second!.id}`)?.roles).toEqual(['seller', 'admin']);
    const entries = (await audit(sim.portalId)).slice(-2);
    expect(entries).toMatchObject([
      { type: 'user.roles_changed', payload: { from: ['seller'], to: ['seller', 'admin'], created: false } },
      { type: 'tenant.installed', payload: { reinstalled: true } },
    ]);
    expect((await settingsCard(sim.portalId, second!.userId)).status).toBe(200);
    expect((await settingsCard(sim.portalId, first!.userId)).status).toBe(200);
    // The reinstall's backfill reads both owners again and keeps what Entente granted.
    await app.jobs.drain();
    const after = await tenant(sim.portalId).users.list();
    expect(after.filter((u) => u.roles.includes('admin')).map((u) => u.id)).toEqual(
      [`hs-owner-${first!.id}`, `hs-owner-${second!.id}`].sort(),
    );
  });

  it('When a HubSpot user who owns no records installs, then they are admin under their user id, and when they become an owner the backfill merges the two into one admin', async () => {
    const userId = 8_765_001;
    expect((await install({ portalId: PORTAL_B, userId })).status).toBe(200);
    expect(await tenant(PORTAL_B).users.list()).toEqual([
      {
        id: `hs-user-${userId}`,
        crmUserId: String(userId),
        email: `user-${userId}@${sim.portals.get(PORTAL_B)!.domain}`,
        name: `user-${userId}@${sim.portals.get(PORTAL_B)!.domain}`,
        roles: ['admin'],
        managerId: null,
        active: true,
      },
    ]);
    expect((await settingsCard(PORTAL_B, userId)).status).toBe(200);

    // Before the backfill runs, HubSpot makes them an owner (a new owner id, the same user id).
    const template = owners(PORTAL_B)[0]!;
    const ownerId = String(Number(template.id) + 500);
    owners(PORTAL_B).push({
      ...template,
      id: ownerId,
      userId,
      userIdIncludingInactive: userId,
      email: 'new.owner@example-seller.com',
      firstName: 'Nia',
      lastName: 'Owner',
    });
    await app.jobs.drain();
    const users = await tenant(PORTAL_B).users.list();
    expect(users).toHaveLength(owners(PORTAL_B).length);
    expect(users.some((u) => u.id === `hs-user-${userId}`)).toBe(false);
    expect(users.find((u) => u.crmUserId === String(userId))).toMatchObject({
      id: `hs-owner-${ownerId}`,
      name: 'Nia Owner',
      roles: ['seller', 'admin'],
    });
    const card = await settingsCard(PORTAL_B, userId);
    expect(card.status).toBe(200);
    expect(card.body.viewer).toMatchObject({ userId: `hs-owner-${ownerId}`, isAdmin: true });
  });

  it('When an install comes from HubSpot’s install URL without state, then the portal the token names is installed, and a stateless callback for portal B does not touch tenant A', async () => {
    const before = await snapshot(sim.portalId);
    const done = await installFromHubSpot({ portalId: PORTAL_STATELESS });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`portal ${PORTAL_STATELESS}`);
    expect(await app.ctx.store.tenants.get(`hubspot-${PORTAL_STATELESS}`)).toMatchObject({
      crm: 'hubspot',
      externalId: String(PORTAL_STATELESS),
      status: 'active',
    });
    const [admin] = await tenant(PORTAL_STATELESS).users.list();
    expect(admin?.roles).toContain('admin');
    expect((await audit(PORTAL_STATELESS)).at(-1)).toMatchObject({
      type: 'tenant.installed',
      payload: { startedFrom: 'hubspot_install_url', reinstalled: false },
    });

    // Portal B again, without state: its own tenant is refreshed (new tokens), A stays as it was.
    const tokensOfB = (await snapshot(PORTAL_B)).tokens;
    expect((await installFromHubSpot({ portalId: PORTAL_B })).status).toBe(200);
    expect((await snapshot(PORTAL_B)).tokens).not.toEqual(tokensOfB);
    expect(await snapshot(sim.portalId)).toEqual(before);
    expect(
      (await app.ctx.store.tenants.list()).filter((t) => t.externalId === String(PORTAL_B)),
    ).toHaveLength(1);
    await app.jobs.drain();
  });

  it('When the state is present but not valid, then the install is refused and nothing is created', async () => {
    const callback = new URL(
      await redirect(
        sim.authorizeUrl(`${app.url}/oauth/hubspot/callback`, HUBSPOT_SCOPES, 'forged.1999999999999.c2ln', {
          portalId: PORTAL_FORGED,
        }),
      ),
    );
    const refused = await fetch(callback);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('HUBSPOT.STATE_INVALID');
    expect(await app.ctx.store.tenants.get(`hubspot-${PORTAL_FORGED}`)).toBeUndefined();
  });

  it('When the portal has no custom objects, then the install grants no custom-object scopes and provisioning falls back to properties instead of failing', async () => {
    expect((await install({ portalId: PORTAL_BARE })).status).toBe(200);
    const { rows: tokenRows } = await app.ctx.store.db.query<{ scopes: string[] }>(
      'SELECT scopes FROM crm_tokens WHERE tenant_id = $1',
      [`hubspot-${PORTAL_BARE}`],
    );
    expect(tokenRows[0]?.scopes.some((s) => s.includes('custom'))).toBe(false);
    await app.jobs.drain();
    const { rows } = await app.ctx.store.db.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM jobs WHERE tenant_id = $1 AND kind = 'crm.provision'`,
      [`hubspot-${PORTAL_BARE}`],
    );
    expect(rows).toEqual([{ status: 'done', attempts: 1 }]);
    expect(await tenant(PORTAL_BARE).crmSync.settings()).toMatchObject({
      registrationsStore: 'properties',
      registrationsObjectType: null,
    });
    const deals = sim.portals.get(PORTAL_BARE)!.properties.get('0-3')!;
    expect(deals.get('entente_partner')?.archived).toBe(false);
    expect(sim.portals.get(PORTAL_BARE)!.schemas.size).toBe(0);
  });

  it('When the portal’s data is hosted in the EU, then the install records its UI domain and record links point there', async () => {
    expect((await install({ portalId: PORTAL_EU })).status).toBe(200);
    const installed = await app.ctx.store.hubspotPortals.findWithUser(String(PORTAL_EU), '0');
    expect(installed?.uiDomain).toBe('app-eu1.hubspot.com');
    expect(
      hubspotRecordUrl(app.ctx, { portalId: String(PORTAL_EU), uiDomain: installed?.uiDomain }, 'deal', '42'),
    ).toBe(`https://app-eu1.hubspot.com/contacts/${PORTAL_EU}/record/0-3/42`);
    // A portal installed before the details were read keeps HubSpot's default.
    expect(hubspotRecordUrl(app.ctx, { portalId: '1', uiDomain: null }, 'company', '7')).toBe(
      `${app.ctx.config.hubspot.authBaseUrl}/contacts/1/record/0-2/7`,
    );
  });
});
