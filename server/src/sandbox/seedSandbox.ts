import type { Store } from '../store/store.js';
import { generateSandboxData, SANDBOX_TENANT_ID } from './generateSandboxData.js';
import { sandboxGovernanceSeeded, seedSandboxGovernance } from './sandboxGovernance.js';

export type SeedResult = { seeded: boolean; tenantId: string };

/**
 * Seeds the sandbox tenant once. Everything goes in one transaction, so a crash half-way leaves
 * nothing behind and the next start seeds again; a restart after a complete seed changes nothing.
 */
export const seedSandbox = async (store: Store, now: Date): Promise<SeedResult> => {
  const data = generateSandboxData(now);
  if (await store.tenants.get(SANDBOX_TENANT_ID)) {
    // A start that crashed after the data but before governance finishes the job now.
    if (!(await sandboxGovernanceSeeded(store))) await seedSandboxGovernance(store, data, now);
    return { seeded: false, tenantId: SANDBOX_TENANT_ID };
  }
  await store.transaction(async (tx) => {
    await tx.tenants.upsert(data.tenant);
    const scoped = tx.forTenant(data.tenant.id);
    for (const user of data.users) await scoped.users.upsert(user);
    for (const account of data.accounts) await scoped.accounts.upsert(account);
    for (const deal of data.deals) await scoped.deals.upsert(deal);
    for (const partner of data.partners) await scoped.partners.upsert(partner);
    for (const registration of data.registrations) await scoped.registrations.upsert(registration);
  });
  // Governance goes through the real use cases, each in its own transaction, after the data is in.
  await seedSandboxGovernance(store, data, now);
  return { seeded: true, tenantId: SANDBOX_TENANT_ID };
};
