import { startHubSpotSimulator, type HubSpotSimulator } from '../../../../test/crm-sim/index.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { backfill } from '../../use-cases/sync/backfill.js';
import { syncHealth } from '../../use-cases/cards/syncHealth.js';
import { requestDealWriteBack, requestWriteBack } from '../../use-cases/sync/writeBack.js';
import { provisionCrm } from '../../use-cases/provisionCrm.js';
import { configureHubSpotConnector } from './hubspotConnector.js';

// Starting an app on a fresh PostgreSQL schema takes a few seconds on a busy machine.
jest.setTimeout(60_000);

const KEY = 'a'.repeat(64);

/** Install → provision → backfill (killed halfway, resumed) → webhooks → write-back, on the simulator. */
describe('HubSpot connector against the simulator', () => {
  let sim: HubSpotSimulator;
  let app: TestApp;
  let tenantId: string;
  let progressPage: string;
  const now = () => app.ctx.now();

  beforeAll(async () => {
    sim = await startHubSpotSimulator({
      latencyMs: 0,
      seed: 11,
      size: 240,
      searchIndexDelayMs: 0,
      webhookBatchWindowMs: 0,
    });
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
      },
    });
    // HubSpot signs the URL it calls: here, the test app's own.
    app.ctx.config.publicUrl = app.url;
    configureHubSpotConnector(app.ctx, {
      policy: { baseDelayMs: 1, rateLimitWaitMs: 20, searchRateLimitWaitMs: 20 },
      sleep: async () => undefined,
    });
    sim.webhooks.setTargetUrl(`${app.url}/webhooks/hubspot`);
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
  });

  it('When an admin installs the app, then the tenant is created with encrypted tokens and a replayed callback is refused', async () => {
    const install = await fetch(`${app.url}/oauth/hubspot/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location') ?? '');
    expect(authorize.searchParams.get('scope')).toContain('crm.objects.deals.read');
    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = consent.headers.get('location') ?? '';
    const done = await fetch(callback);
    // The callback sends the admin on to the install's progress page.
    expect(done.status).toBe(200);
    expect(done.url).toContain('/oauth/hubspot/installed/');
    expect(await done.text()).toMatch(/Entente is (reading your CRM|ready)/);
    progressPage = done.url;

    tenantId = `hubspot-${sim.portalId}`;
    expect(await app.ctx.store.tenants.get(tenantId)).toMatchObject({
      crm: 'hubspot',
      status: 'active',
      externalId: String(sim.portalId),
    });
    const { rows } = await app.ctx.store.db.query<{ access_token: string; refresh_token: string }>(
      'SELECT * FROM crm_tokens WHERE tenant_id = $1',
      [tenantId],
    );
    expect(rows[0]?.access_token).toMatch(/^v1\./);
    expect(rows[0]?.refresh_token).toMatch(/^v1\./);

    const replay = await fetch(callback);
    expect(replay.status).toBe(400);
    const page = await replay.text();
    expect(page).toContain('HUBSPOT.STATE_USED');
    expect(page).not.toMatch(/at .*\.ts:\d+/);
  });

  it('When provisioning runs twice, then the second run creates nothing', async () => {
    const port = configureHubSpotConnector(app.ctx, { sleep: async () => undefined }).forTenant(tenantId);
    const first = await provisionCrm(app.ctx.store, port, tenantId, now());
    expect(first.created).toEqual(
      expect.arrayContaining(['deals.property:entente_partner', 'companies.group:entente']),
    );
    expect(first.registrationsStore).toBe('custom_object');
    const second = await provisionCrm(app.ctx.store, port, tenantId, now());
    expect(second.created).toEqual([]);
  });

  it('When a backfill is killed halfway and the token expires, then the resumed run ends with exact counts', async () => {
    const connector = configureHubSpotConnector(app.ctx, { sleep: async () => undefined });
    const port = connector.forTenant(tenantId);
    let pages = 0;
    const first = await backfill({
      store: app.ctx.store,
      port,
      tenantId,
      pageSize: 50,
      shouldStop: () => pages++ >= 5,
    });
    expect(first.complete).toBe(false);

    sim.tokens.expireAll();
    const progress: number[] = [];
    // The install job resumes from the checkpoint.
    await app.jobs.drain();
    const second = await backfill({
      store: app.ctx.store,
      port,
      tenantId,
      onProgress: (p) => progress.push(p.done),
    });
    expect(second.complete).toBe(true);

    const store = app.ctx.store.forTenant(tenantId);
    const expected = {
      deals: sim.state.list(sim.portalId, 'deals').length,
      companies: sim.state.list(sim.portalId, 'companies').length,
      contacts: sim.state.list(sim.portalId, 'contacts').length,
    };
    expect(second.counts).toMatchObject(expected);
    expect(await store.deals.count()).toBe(expected.deals);
    expect(await store.accounts.count()).toBe(expected.companies);
    expect(await store.contacts.count()).toBe(expected.contacts);
    const withAccount = (await store.deals.list({ limit: 1000 })).filter((d) => d.accountId !== null).length;
    expect(withAccount).toBeGreaterThan(0);
  });

  it('When the backfill has run, then the admin’s install page says Entente is ready with the counts; a forged page address shows nothing', async () => {
    await app.jobs.drain();
    const page = await fetch(progressPage);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Entente is ready');
    expect(text).toMatch(/read \d+ users, \d+ companies, \d+ contacts and \d+ deals/);
    const forged = progressPage.replace(/[^/.]+$/, 'not-the-signature');
    expect((await fetch(forged)).status).toBe(404);
  });

  it('When HubSpot delivers changes twice and out of order, then each applies once and our own write-back echo is ignored', async () => {
    const [deal] = sim.state.list(sim.portalId, 'deals');
    if (!deal) throw new Error('no deal in the simulator');
    sim.webhooks.options({ duplicates: 1, outOfOrder: true });
    sim.state.update(sim.portalId, 'deals', deal.id, { dealname: 'Renamed in HubSpot' });
    const deliveries = await sim.webhooks.flush();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    await app.jobs.drain();
    const store = app.ctx.store.forTenant(tenantId);
    expect((await store.deals.findByCrmId(deal.id))?.name).toBe('Renamed in HubSpot');
    const outcomes = await store.crmSync.eventOutcomes();
    expect(new Set(outcomes.map((o) => o.eventId)).size).toBe(outcomes.length);

    sim.webhooks.options({ duplicates: 0, outOfOrder: false });
    const local = await store.deals.findByCrmId(deal.id);
    await requestDealWriteBack(
      app.ctx.store.forTenant(tenantId),
      local?.id ?? '',
      { partner: 'Acme Partners', conflictFlag: false },
      now(),
    );
    await app.jobs.drain();
    expect(sim.state.get(sim.portalId, 'deals', deal.id)?.properties.entente_partner).toBe('Acme Partners');
    await sim.webhooks.flush();
    await app.jobs.drain();
    const echoes = (await store.crmSync.eventOutcomes()).filter((o) => o.outcome === 'echo');
    expect(echoes.length).toBeGreaterThan(0);
  });

  it('When a write-back targets a deal deleted in HubSpot meanwhile, then it is dropped with HubSpot’s reason, not retried, and the deal’s sync state says so', async () => {
    const store = app.ctx.store.forTenant(tenantId);
    const [gone, kept] = (await store.deals.list({ limit: 2 })).map((d) => d.crmId);
    sim.state.archive(sim.portalId, 'deals', gone!);
    await store.crmSync.enqueueWrite('deals', gone!, { partner: 'Acme Partners' }, now());
    await requestWriteBack(store, 'deals', kept!, { partner: 'Acme Partners' }, now());
    await app.jobs.drain();

    expect(sim.state.get(sim.portalId, 'deals', kept!)?.properties.entente_partner).toBe('Acme Partners');
    expect(await store.crmSync.pendingWrites('deals', 10)).toEqual([]);
    expect(await syncHealth(store, 'deals', gone!)).toMatchObject({
      state: 'write_refused',
      refusedReason: expect.stringMatching(/may be deleted or not exist/),
      pendingWrites: 0,
    });
    const { rows } = await app.ctx.store.db.query<{ status: string }>(
      `SELECT status FROM jobs WHERE tenant_id = $1 AND kind = 'crm.write_back' AND status <> 'done'`,
      [tenantId],
    );
    expect(rows).toEqual([]);
  });

  it('When the portal uninstalls in the middle of a sync, then it is marked uninstalled, tokens are purged and data is kept until retention ends', async () => {
    sim.tokens.revokePortal(sim.portalId);
    const connector = configureHubSpotConnector(app.ctx, { sleep: async () => undefined });
    await expect(
      backfill({ store: app.ctx.store, port: connector.forTenant(tenantId), tenantId, restart: true }),
    ).rejects.toMatchObject({
      code: 'CRM.UNINSTALLED',
    });
    expect((await app.ctx.store.tenants.get(tenantId))?.status).toBe('uninstalled');
    const tokens = await app.ctx.store.db.query('SELECT * FROM crm_tokens WHERE tenant_id = $1', [tenantId]);
    expect(tokens.rows).toHaveLength(0);
    expect(await app.ctx.store.forTenant(tenantId).deals.count()).toBeGreaterThan(0);

    app.setNow(new Date(now().getTime() + 31 * 86_400_000));
    await app.jobs.drain();
    expect(await app.ctx.store.tenants.get(tenantId)).toBeUndefined();
  });
});
