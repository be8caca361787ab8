import {
  startSandboxPortal,
  throughConnector,
  type SandboxPortal,
} from '../../server/src/sandbox/sandboxPortal.js';
import { generateSandboxData, type SandboxData } from '../../server/src/sandbox/generateSandboxData.js';
import { conflictedDeal, sandboxPartnerToken } from '../../server/src/sandbox/sandboxGovernance.js';
import { runSandboxWalkthrough, sandboxWebhookChange } from '../../server/src/sandbox/sandboxWalkthrough.js';
import { signCardRequest } from '../../server/src/crm/hubspot/signCardRequest.js';
import { sandboxHubSpotApp } from '../../server/src/config/cardSigning.js';
import { configureHubSpotConnector } from '../../server/src/crm/hubspot/hubspotConnector.js';
import { sandboxConnectorConfig } from '../../server/src/sandbox/sandboxPortal.js';
import { startTestApp, type TestApp } from '../../server/src/testing/testApp.js';
import { listAudit, verifyAudit } from '../../server/src/store/repositories/audit.js';

jest.setTimeout(120_000);

/**
 * The whole story against the simulated HubSpot portal, through the official client and the real
 * HTTP API: install → backfill → a conflicting registration → a neutral approval from the signed
 * card → closed-won by webhook → attribution finalised and written back to the CRM's deal.
 */
describe('A partner deal from install to attribution, end to end', () => {
  let portal: SandboxPortal;
  let app: TestApp;
  let data: SandboxData;
  let view: SandboxData;
  const now = new Date();

  beforeAll(async () => {
    data = generateSandboxData(now);
    const base = await startTestApp({ seed: false, now, env: { ENTENTE_MODE: 'sandbox' } });
    portal = await startSandboxPortal(base.ctx.config, data, 0);
    await base.close();
    const config = sandboxConnectorConfig(base.ctx.config, portal.sim);
    app = await startTestApp({ seed: false, now, config: { ...config } });
    app.ctx.config.publicUrl = app.url;
    configureHubSpotConnector(app.ctx, { sleep: async () => undefined });
    portal.sim.webhooks.setTargetUrl(`${app.url}/webhooks/hubspot`);
    view = throughConnector(data, portal.crmIds);
  });
  afterAll(async () => {
    await app?.close();
    await portal?.sim.close();
  });

  const signed = (userId: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const user = view.users.find((u) => u.id === userId)!;
    const request = signCardRequest(
      { publicUrl: app.url, ...sandboxHubSpotApp(app.ctx.config) },
      { hubspotUserId: user.crmUserId, email: user.email },
      { method, path, body, timestamp: Date.now() },
    );
    return fetch(request.url, {
      method,
      headers: request.headers,
      ...(request.body ? { body: request.body } : {}),
    });
  };

  it('When the admin installs from the portal, then the CRM arrives through the connector and a partner registration conflicting with a direct deal is approved by a neutral user from the card, and closing it won writes attribution back to HubSpot', async () => {
    // 1–2. Install (OAuth) and backfill, then Entente's own data on top.
    const walk = await runSandboxWalkthrough({
      ctx: app.ctx,
      jobs: app.jobs,
      url: app.url,
      portal,
      data,
      narrate: () => undefined,
    });
    expect(walk.steps.map((s) => s.step)).toEqual([
      'install',
      'backfill',
      'seed',
      'register',
      'webhook',
      'card',
    ]);
    const store = app.ctx.store.forTenant('sandbox');
    expect(await store.deals.count()).toBe(portal.sim.state.list(portal.sim.portalId, 'deals').length);
    expect(await store.accounts.count()).toBe(portal.sim.state.list(portal.sim.portalId, 'companies').length);

    // 3. A partner registers the customer a seller is already working: a conflict.
    const { deal, account } = conflictedDeal(view);
    const registered = await fetch(`${app.url}/api/v1/registrations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandboxPartnerToken('p-northwind').token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ customer: { name: account.name, domain: account.domains[0] } }),
    });
    expect(registered.status).toBe(201);
    const registration = (await registered.json()) as {
      id: string;
      status: string;
      conflicts: { kind: string }[];
    };
    expect(registration.status).toBe('in_review');
    expect(registration.conflicts.map((c) => c.kind)).toContain('direct_owned_deal');
    const state = await store.governance.get(registration.id);
    const approver = state?.assignedApproverId;
    expect(approver).toBeTruthy();
    expect(approver).not.toBe(deal.ownerId);
    // The customer has several open deals, so submission does not guess which one: the approver links it.
    const openDeals = (await store.deals.listByAccount(account.id)).filter((d) => d.stageCategory === 'open');
    expect(openDeals.length).toBeGreaterThan(1);
    expect((await store.registrations.get(registration.id))?.dealId).toBeNull();

    // 4. The deal's owner may not decide; the neutral approver does, from the signed card on the
    //    deal, and links the registration to that deal while approving.
    const refused = await signed(
      deal.ownerId!,
      'POST',
      `/hubspot/cards/registrations/${registration.id}/decision`,
      {
        outcome: 'approve',
        reason: 'My own deal',
      },
    );
    expect(refused.status).toBe(403);
    const approved = await signed(
      approver!,
      'POST',
      `/hubspot/cards/registrations/${registration.id}/decision`,
      {
        outcome: 'approve',
        reason: 'Partner sourced the opportunity; evidence checked',
        dealId: deal.crmId,
      },
    );
    expect(approved.status).toBe(200);
    expect(await store.registrations.get(registration.id)).toMatchObject({
      status: 'approved',
      dealId: deal.id,
    });
    await app.jobs.drain();
    // The partner is credited with sourcing the deal, from its registration, beside any credit an
    // earlier approved registration of another partner already holds on it.
    const touches = await store.attribution.touchpoints.listByDeal(deal.id);
    expect(touches).toContainEqual(
      expect.objectContaining({
        participantId: 'p-northwind',
        kind: 'sourced',
        source: 'registration',
        evidence: expect.objectContaining({ externalId: `registration:${registration.id}` }),
      }),
    );
    expect(touches.every((t) => t.kind === 'sourced' && t.source === 'registration')).toBe(true);

    // The decision is on the deal in HubSpot's own record, where sellers' views and reports see it.
    const readDeal = async () => {
      const token = portal.sim.issueToken().accessToken;
      const response = await fetch(
        `${portal.sim.url}/crm/v3/objects/deals/${deal.crmId}?properties=entente_registration_status,entente_partner,entente_partner_role,entente_protection_until`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return ((await response.json()) as { properties: Record<string, string> }).properties;
    };
    const northwind = view.partners.find((p) => p.id === 'p-northwind')!.name;
    const protectedUntil = (await store.registrations.get(registration.id))?.protectedUntil;
    expect(await readDeal()).toMatchObject({
      entente_registration_status: 'approved',
      entente_partner: northwind,
      entente_partner_role: 'sourced',
      entente_protection_until: protectedUntil?.slice(0, 10),
    });
    // Our own writes come back as webhooks and are recognised as echoes, not applied.
    await portal.sim.webhooks.flush();
    await app.jobs.drain();
    expect((await store.crmSync.eventOutcomes()).some((o) => o.outcome === 'echo')).toBe(true);

    // A deal that only came in by backfill is in sync, and says how Entente heard of it (the
    // walkthrough's webhook changed another one).
    const changed = sandboxWebhookChange(view).deal.id;
    const untouched = view.deals.find(
      (d) => d.id !== deal.id && d.id !== changed && d.stageCategory === 'open',
    )!;
    const quiet = (await (
      await signed(deal.ownerId!, 'GET', `/hubspot/cards/deals/${untouched.crmId}`)
    ).json()) as {
      sync: { state: string; via: string | null };
    };
    expect(quiet.sync).toMatchObject({ state: 'in_sync', via: 'backfill' });

    // 5. The seller closes the deal won in HubSpot; the change arrives as a signed webhook.
    portal.sim.state.update(portal.sim.portalId, 'deals', deal.crmId, { dealstage: 'closedwon' });
    const deliveries = await portal.sim.webhooks.flush();
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    await app.jobs.drain();
    await portal.sim.webhooks.flush();
    await app.jobs.drain();
    expect((await store.deals.get(deal.id))?.stageCategory).toBe('won');
    // The registration follows its deal.
    expect((await store.registrations.get(registration.id))?.status).toBe('won');

    // 6. Attribution is finalised and the summary is on the deal in HubSpot.
    const attribution = await signed(deal.ownerId!, 'GET', `/hubspot/cards/deals/${deal.crmId}`);
    const card = (await attribution.json()) as {
      attribution?: { status?: string; splits: { name: string; shareBp: number; why: string }[] } | null;
    };
    expect(card.attribution?.status).toBe('finalised');
    // The change that closed the deal is how Entente last heard of it.
    expect((card as { sync?: { state: string; via: string | null } }).sync).toMatchObject({
      state: 'in_sync',
      via: 'change',
    });
    expect((await readDeal()).entente_registration_status).toBe('won');
    const partnerName = view.partners.find((p) => p.id === 'p-northwind')!.name;
    // Another partner's earlier approved registration already sourced this deal, and the rules of
    // engagement keep both claims (incumbency: split): position-based credits the first and the
    // last touch, each a sourcing, half and half.
    const earlier = view.partners.find((p) => p.id === 'p-fabrikam')!.name;
    expect(card.attribution?.splits).toEqual([
      expect.objectContaining({
        name: earlier,
        shareBp: 5_000,
        why: expect.stringMatching(/sourced the deal/),
      }),
      expect.objectContaining({
        name: partnerName,
        shareBp: 5_000,
        why: expect.stringMatching(/sourced the deal/),
      }),
    ]);
    const properties = portal.sim.state.get(portal.sim.portalId, 'deals', deal.crmId)?.properties ?? {};
    // The summary Entente finalised, as HubSpot now shows it on the deal: both partners get credit.
    expect(properties.entente_attribution_summary).toMatch(
      new RegExp(`^position_based \\(v\\d+\\): .*${partnerName} 50%`),
    );

    // Every step is in the audit chain, and the chain holds.
    const types = (await listAudit(app.ctx.store.db, 'sandbox', { limit: 100_000 }))
      .filter((e) => e.subject === `registration:${registration.id}`)
      .map((e) => e.type);
    expect(types).toEqual([
      'registration.decided',
      'registration.decided',
      'registration.linked',
      'registration.won',
    ]);
    expect((await verifyAudit(app.ctx.store.db, 'sandbox')).ok).toBe(true);
  });
});
