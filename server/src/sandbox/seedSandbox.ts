import type { Store } from '../store/store.js';
import { generateSandboxData, SANDBOX_TENANT_ID } from './generateSandboxData.js';

export type SeedResult = { seeded: boolean; tenantId: string };

/**
 * Seeds the sandbox tenant once. Everything goes in one transaction, so a crash half-way leaves
 * nothing behind and the next start seeds again; a restart after a complete seed changes nothing.
 */
export const seedSandbox = async (store: Store, now: Date): Promise<SeedResult> => {
  if (await store.tenants.get(SANDBOX_TENANT_ID)) return { seeded: false, tenantId: SANDBOX_TENANT_ID };
  const data = generateSandboxData(now);
  await store.transaction(async (tx) => {
    await tx.tenants.upsert(data.tenant);
    const scoped = tx.forTenant(data.tenant.id);
    for (const user of data.users) await scoped.users.upsert(user);
    for (const account of data.accounts) await scoped.accounts.upsert(account);
    for (const deal of data.deals) await scoped.deals.upsert(deal);
    for (const partner of data.partners) await scoped.partners.upsert(partner);
    for (const registration of data.registrations) await scoped.registrations.upsert(registration);
  });
  return { seeded: true, tenantId: SANDBOX_TENANT_ID };
};
