import type { Touchpoint } from '@entente/shared/attribution';
import { buildDeal, buildPartner, buildRegistration, buildUser } from '@entente/shared/testing';
import type { AppContext } from '../appContext.js';
import { createApiKey } from '../http/auth/index.js';

/**
 * A small tenant for attribution tests: a seller who owns the won deal, a partner manager who looks
 * after Northwind, a neutral deal-desk user, an admin, two partners (Northwind registered the deal,
 * Contoso did not) and API keys for each.
 */
export const seedAttributionWorld = async (ctx: AppContext, tenantId: string) => {
  await ctx.store.tenants.upsert({
    id: tenantId,
    name: `Tenant ${tenantId}`,
    crm: 'sandbox',
    externalId: `ext-${tenantId}`,
    status: 'active',
    sandbox: false,
  });
  const tenant = ctx.store.forTenant(tenantId);
  const seller = buildUser({ id: 'u-seller', roles: ['seller'] });
  const partnerManager = buildUser({ id: 'u-pm', roles: ['partner_manager'] });
  const dealDesk = buildUser({ id: 'u-desk', roles: ['deal_desk'] });
  const admin = buildUser({ id: 'u-admin', roles: ['admin'] });
  for (const user of [seller, partnerManager, dealDesk, admin]) await tenant.users.upsert(user);
  const northwind = buildPartner({ id: 'p-northwind', name: 'Northwind', managerUserId: partnerManager.id });
  const contoso = buildPartner({ id: 'p-contoso', name: 'Contoso', managerUserId: null });
  for (const partner of [northwind, contoso]) await tenant.partners.upsert(partner);
  const wonDeal = buildDeal({
    id: 'd-won',
    name: 'Acme platform',
    stage: 'closedwon',
    stageCategory: 'won',
    amountMinor: 1_000_001,
    closeDate: '2026-10-30',
    ownerId: seller.id,
    splits: [{ userId: seller.id, role: 'owner', percent: 100 }],
    createdAt: '2026-08-01T00:00:00.000Z',
  });
  const openDeal = buildDeal({
    id: 'd-open',
    stage: 'qualifiedtobuy',
    stageCategory: 'open',
    amountMinor: 500_000,
    closeDate: '2026-12-15',
    ownerId: seller.id,
    createdAt: '2026-09-01T00:00:00.000Z',
  });
  for (const deal of [wonDeal, openDeal]) await tenant.deals.upsert(deal);
  await tenant.registrations.upsert(
    buildRegistration({
      id: 'r-northwind',
      partnerId: northwind.id,
      dealId: wonDeal.id,
      status: 'approved',
      submittedAt: '2026-08-02T00:00:00.000Z',
    }),
  );
  const key = async (holder: Parameters<typeof createApiKey>[2]) =>
    (await createApiKey(ctx.store.db, tenantId, holder)).token;
  return {
    tenantId,
    users: { seller, partnerManager, dealDesk, admin },
    partners: { northwind, contoso },
    deals: { won: wonDeal, open: openDeal },
    keys: {
      northwind: await key({ partnerId: northwind.id }),
      contoso: await key({ partnerId: contoso.id }),
      seller: await key({ userId: seller.id, role: 'user' }),
      partnerManager: await key({ userId: partnerManager.id, role: 'user' }),
      dealDesk: await key({ userId: dealDesk.id, role: 'user' }),
      admin: await key({ userId: admin.id, role: 'admin' }),
    },
  };
};
export type AttributionWorld = Awaited<ReturnType<typeof seedAttributionWorld>>;

/** A touchpoint as the CRM mapping would record it. */
export const crmTouch = (
  overrides: Partial<Touchpoint> & Pick<Touchpoint, 'id' | 'participantId' | 'kind' | 'occurredAt'>,
): Touchpoint => ({
  dealId: 'd-won',
  source: 'crm',
  evidence: { externalId: `crm-${overrides.id}` },
  ...overrides,
});
