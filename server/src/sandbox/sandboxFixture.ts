import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { sandboxHubSpotApp } from '../config/cardSigning.js';
import { SANDBOX_TENANT_ID } from './generateSandboxData.js';
import { governanceScenarios, sandboxAdminToken, sandboxPartnerToken } from './sandboxGovernance.js';

export const sandboxFixtureSchema = z
  .object({
    tenant: z.object({ id: z.string(), name: z.string(), crm: z.string(), portalId: z.string() }),
    users: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        email: z.string(),
        roles: z.array(z.string()),
        crmUserId: z.string(),
        /** The HubSpot user id a signed card request carries as `userId`. */
        hubspotUserId: z.string(),
      }),
    ),
    /** Signs card requests as HubSpot would (`X-HubSpot-Signature-v3`); see docs/hubspot-app.md. */
    hubspot: z
      .object({
        portalId: z.string(),
        appId: z.string(),
        clientSecret: z.string(),
        /** The simulated portal's API: HubSpot's own endpoints (`/crm/v3/objects/deals/{id}`, ...). */
        apiBaseUrl: z.string().optional(),
        /** A fresh access token for that API (Authorization: Bearer ...), valid for 30 minutes. */
        accessToken: z.string().optional(),
      })
      .optional(),
    partners: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        tier: z.string(),
        motions: z.array(z.string()),
        /** The partner's API key for /api/v1 (Authorization: Bearer ...); the same on every start. */
        apiKey: z.string(),
      }),
    ),
    /** An internal admin token; with `actingUserId` it decides on behalf of a user, as a CRM surface does. */
    adminToken: z.string(),
    deals: z.array(
      z.object({
        id: z.string(),
        crmId: z.string(),
        name: z.string(),
        accountId: z.string().nullable(),
        stage: z.string(),
        stageCategory: z.string(),
        amountMinor: z.number(),
        ownerId: z.string().nullable(),
      }),
    ),
    registrations: z.array(
      z.object({
        id: z.string(),
        partnerId: z.string(),
        dealId: z.string().nullable(),
        accountId: z.string().nullable(),
        status: z.string(),
      }),
    ),
    scenarios: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SandboxFixture' });
export type SandboxFixture = z.infer<typeof sandboxFixtureSchema>;

/** Reads back what the sandbox holds, so a newcomer (or a test) knows which ids to try. */
/** The simulated portal's API and a token for it, when the sandbox runs one. */
export type SandboxCrmAccess = () => { apiBaseUrl: string; accessToken: string };

export const sandboxFixture = async (
  store: Store,
  config?: Config,
  crmAccess?: SandboxCrmAccess,
): Promise<SandboxFixture | undefined> => {
  const tenant = await store.tenants.get(SANDBOX_TENANT_ID);
  if (!tenant) return undefined;
  const s = store.forTenant(tenant.id);
  const [users, partners, deals, registrations] = await Promise.all([
    s.users.list(),
    s.partners.list(),
    s.deals.list({ limit: 10_000 }),
    s.registrations.list({ limit: 10_000 }),
  ]);
  return {
    tenant: { id: tenant.id, name: tenant.name, crm: tenant.crm, portalId: tenant.externalId },
    users: users.map(({ id, name, email, roles, crmUserId }) => ({
      id,
      name,
      email,
      roles,
      crmUserId,
      hubspotUserId: crmUserId,
    })),
    ...(config ? { hubspot: { ...sandboxHubSpotApp(config), ...crmAccess?.() } } : {}),
    partners: partners.map(({ id, name, tier, motions }) => ({
      id,
      name,
      tier,
      motions,
      apiKey: sandboxPartnerToken(id).token,
    })),
    adminToken: sandboxAdminToken().token,
    deals: deals.map(({ id, crmId, name, accountId, stage, stageCategory, amountMinor, ownerId }) => ({
      id,
      crmId,
      name,
      accountId,
      stage,
      stageCategory,
      amountMinor,
      ownerId,
    })),
    registrations: registrations.map(({ id, partnerId, dealId, accountId, status }) => ({
      id,
      partnerId,
      dealId,
      accountId,
      status,
    })),
    scenarios: await governanceScenarios(store),
  };
};
