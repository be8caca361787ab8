import type { AppContext } from '../appContext.js';
import { crmPortFor } from '../crm/connectors.js';
import { hubspotConnector } from '../crm/hubspot/hubspotConnector.js';
import { queueAllRegistrationFields } from '../use-cases/governance/registrationWriteBack.js';
import { provisionCrm } from '../use-cases/provisionCrm.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import { signCardRequest } from '../crm/hubspot/signCardRequest.js';
import { sandboxHubSpotApp } from '../config/cardSigning.js';
import { SANDBOX_TENANT_ID, type SandboxData } from './generateSandboxData.js';
import { conflictedDeal, sandboxGovernanceSeeded, sandboxPartnerToken } from './sandboxGovernance.js';
import { throughConnector, type SandboxPortal } from './sandboxPortal.js';
import { seedSandboxOverConnector } from './seedSandbox.js';

export type WalkthroughStep = { step: string; ms: number; summary: string };
export type WalkthroughResult = { seeded: boolean; steps: WalkthroughStep[] };

type Deps = {
  ctx: AppContext;
  jobs: JobRunner;
  /** Where this process listens; the sandbox calls its own HTTP API like any client. */
  url: string;
  portal: SandboxPortal;
  /** The sandbox data with its original ids (from `generateSandboxData`). */
  data: SandboxData;
  narrate: (line: string) => void;
};

/** The CRM-side change the walkthrough makes in the simulated portal, to arrive by webhook. */
export const sandboxWebhookChange = (view: SandboxData) => {
  const deal = view.deals.find((d) => d.stageCategory === 'open' && d.id !== conflictedDeal(view).deal.id)!;
  return { deal, properties: { amount: ((deal.amountMinor + 250_000) / 100).toFixed(2) } };
};

const follow = async (url: string): Promise<string> => {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location)
    throw new Error(`expected a redirect from ${new URL(url).pathname}, got ${response.status}`);
  return location;
};

/** Step 1: the admin's install, exactly as in production: authorize → consent → callback. */
const install = async ({ ctx, url, data }: Deps): Promise<string> => {
  // The sandbox tenant is registered first, so the portal's install attaches to it (same id as the
  // seeded sandbox) instead of creating hubspot-<portal id>.
  await ctx.store.tenants.upsert(data.tenant);
  const authorize = await follow(`${url}/oauth/hubspot/install`);
  const callback = await follow(authorize);
  const done = await fetch(callback);
  if (done.status !== 200)
    throw new Error(`the install callback answered ${done.status}: ${await done.text()}`);
  // The install names the tenant after the portal's domain and marks it as a real one.
  await ctx.store.tenants.upsert(data.tenant);
  return `OAuth authorize → consent → callback (state checked, code exchanged, portal ${data.tenant.externalId} identified, tokens stored encrypted)`;
};

/**
 * The simulated portal lives in this process, so a restart brings a fresh one that knows none of
 * the stored tokens: the portal grants new ones (as a re-consent would) and nothing else is redone.
 */
const reconnect = async ({ ctx, portal }: Deps): Promise<void> => {
  const issued = portal.sim.issueToken();
  const connector = hubspotConnector(ctx);
  const info = await connector.oauth().tokenInfo(issued.accessToken);
  await connector.tokens.save(
    SANDBOX_TENANT_ID,
    {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresInSeconds: issued.expiresIn,
    },
    info.scopes,
  );
  // The simulated portal is in memory: it starts again without Entente's properties or the values
  // written to them. Provision again (idempotent) and queue every registration's fields again.
  const tenant = await ctx.store.tenants.get(SANDBOX_TENANT_ID);
  if (!tenant) return;
  await provisionCrm(ctx.store, crmPortFor(ctx, tenant), SANDBOX_TENANT_ID, ctx.now());
  await ctx.store.inTransaction(SANDBOX_TENANT_ID, (tx) => queueAllRegistrationFields(tx, ctx.now()));
};

const timed = async (
  steps: WalkthroughStep[],
  narrate: (line: string) => void,
  step: string,
  work: () => Promise<string>,
): Promise<void> => {
  const started = performance.now();
  const summary = await work();
  const ms = Math.round(performance.now() - started);
  steps.push({ step, ms, summary });
  narrate(`  ✓ ${step.padEnd(12)} ${summary} (${ms} ms)`);
};

/**
 * Brings the sandbox up through the real product: on first start the admin installs the app from
 * the simulated HubSpot portal, provisioning and the backfill run as jobs, Entente's own data is
 * seeded on top of what arrived, a partner registers through the API, a CRM change arrives as a
 * signed webhook, and the deal card answers a signed request. On later starts it only reconnects.
 */
export const runSandboxWalkthrough = async (deps: Deps): Promise<WalkthroughResult> => {
  const { ctx, jobs, url, portal, data, narrate } = deps;
  const view = throughConnector(data, portal.crmIds);
  const steps: WalkthroughStep[] = [];
  const tenant = await ctx.store.tenants.get(SANDBOX_TENANT_ID);
  const complete = tenant !== undefined && (await sandboxGovernanceSeeded(ctx.store));
  if (complete) {
    await reconnect(deps);
    return { seeded: false, steps };
  }
  narrate('\n  Setting up the sandbox against a simulated HubSpot portal (first start only):');
  if (tenant && (await ctx.store.forTenant(SANDBOX_TENANT_ID).crmTokens.get())) await reconnect(deps);
  else await timed(steps, narrate, 'install', () => install(deps));

  await timed(steps, narrate, 'backfill', async () => {
    await jobs.drain();
    const scoped = ctx.store.forTenant(SANDBOX_TENANT_ID);
    const [owners, companies, deals] = await Promise.all([
      scoped.users.list(),
      scoped.accounts.count(),
      scoped.deals.count(),
    ]);
    return `provisioned the Entente properties, then read ${owners.length} owners, ${companies} companies and ${deals} deals through the connector within the rate limit`;
  });

  await timed(steps, narrate, 'seed', async () => {
    await seedSandboxOverConnector(ctx.store, view, ctx.now());
    await jobs.drain();
    return `roles, ${view.partners.length} partners with API keys, ${view.registrations.length} past registrations and the governance scenarios, on the records that arrived`;
  });

  await timed(steps, narrate, 'register', async () => {
    const partner = view.partners.find((p) => p.id === 'p-contoso')!;
    const response = await fetch(`${url}/api/v1/registrations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandboxPartnerToken(partner.id).token}`,
        'content-type': 'application/json',
        'idempotency-key': 'sandbox-walkthrough',
      },
      body: JSON.stringify({ customer: { name: 'Kestrel Analytics', domain: 'kestrelanalytics.example' } }),
    });
    const body = (await response.json()) as { id?: string; status?: string };
    if (response.status !== 201) throw new Error(`the partner API answered ${response.status}`);
    await jobs.drain();
    return `${partner.name} registered "Kestrel Analytics" via POST /api/v1/registrations → ${body.status} (${body.id})`;
  });

  await timed(steps, narrate, 'webhook', async () => {
    const change = sandboxWebhookChange(view);
    portal.sim.state.update(portal.sim.portalId, 'deals', change.deal.crmId, change.properties);
    const deliveries = await portal.sim.webhooks.flush();
    await jobs.drain();
    const after = await ctx.store.forTenant(SANDBOX_TENANT_ID).deals.get(change.deal.id);
    return `a seller changed "${change.deal.name}" in HubSpot; ${deliveries.length} v3-signed batch(es) → ${deliveries.map((d) => d.status).join(', ')}, applied: amount ${(after?.amountMinor ?? 0) / 100}`;
  });

  await timed(steps, narrate, 'card', async () => {
    const { deal } = conflictedDeal(view);
    const owner = view.users.find((u) => u.id === deal.ownerId)!;
    const app = sandboxHubSpotApp(ctx.config);
    const signed = signCardRequest(
      { publicUrl: ctx.config.publicUrl, ...app },
      { hubspotUserId: owner.crmUserId, email: owner.email },
      { method: 'GET', path: `/hubspot/cards/deals/${deal.crmId}`, timestamp: Date.now() },
    );
    const response = await fetch(`${url}${signed.pathAndQuery}`, { headers: signed.headers });
    const card = (await response.json()) as { registrations?: unknown[]; conflicts?: unknown[] };
    if (response.status !== 200) throw new Error(`the deal card answered ${response.status}`);
    return `signed GET /hubspot/cards/deals/${deal.crmId} as ${owner.name} → 200 with ${card.registrations?.length ?? 0} registrations and ${card.conflicts?.length ?? 0} conflicts`;
  });
  return { seeded: true, steps };
};
