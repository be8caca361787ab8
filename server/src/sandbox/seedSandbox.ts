import {
  CREDITED_STATUSES,
  PROTECTED_STATUSES,
  remindersBefore,
  sourcedTouchpoint,
} from '@entente/shared/governance';
import type { Store, TenantStore } from '../store/store.js';
import { requestAttributionFinalise } from '../use-cases/attribution/jobs.js';
import { scheduleClocks } from '../use-cases/governance/clocks.js';
import { queueAllRegistrationFields } from '../use-cases/governance/registrationWriteBack.js';
import { generateSandboxData, SANDBOX_TENANT_ID, type SandboxData } from './generateSandboxData.js';
import { sandboxGovernanceSeeded, seedSandboxGovernance } from './sandboxGovernance.js';

export type SeedResult = { seeded: boolean; tenantId: string };

/**
 * What Entente itself owns in the sandbox: partners (with the day they joined) and the
 * registrations they made before today,
 * loaded as they stand. A protected one gets the clocks a decision would have started (its expiry
 * and the reminders still ahead), so it lapses on time. An approved (or won, or lost) one linked to
 * its deal carries the sourcing credit its approval gave, so the deal's attribution and its
 * registrations tell the same story; a won deal's split is finalised from it.
 */
const seedEntenteOwned = async (scoped: TenantStore, data: SandboxData, now: Date): Promise<void> => {
  const DAY_MS = 86_400_000;
  for (const partner of data.partners) {
    await scoped.partners.upsert(partner);
    // A partner joined a month before its first registration (two months ago without one), so the
    // program metrics that count from joining have something to count in the sandbox.
    const first = data.registrations
      .filter((r) => r.partnerId === partner.id)
      .map((r) => Date.parse(r.submittedAt))
      .sort((a, b) => a - b)[0];
    const joinedAt = new Date((first ?? now.getTime() - 30 * DAY_MS) - 30 * DAY_MS).toISOString();
    await scoped.attribution.partnerProgram.setJoinedAt(partner.id, joinedAt);
  }
  for (const registration of data.registrations) {
    await scoped.registrations.upsert(registration);
    const { protectedUntil } = registration;
    if (protectedUntil && PROTECTED_STATUSES.includes(registration.status))
      await scheduleClocks(
        scoped,
        registration.id,
        { reviewDueAt: null, protectedUntil, reminders: remindersBefore(protectedUntil, [14, 3], now) },
        true,
      );
    if (registration.dealId && CREDITED_STATUSES.has(registration.status)) {
      const credited = await scoped.attribution.touchpoints.insertIfAbsent(
        sourcedTouchpoint(registration, registration.dealId),
        now,
      );
      if (credited && registration.status === 'won')
        await requestAttributionFinalise(scoped, registration.dealId, now);
    }
  }
};

/**
 * Seeds the sandbox tenant once, straight into the store: the fast path for API tests, which do
 * not need the connector in between (`connectorSandbox.test.ts` proves the connector path gives
 * the same fixture). Everything goes in one transaction, so a crash half-way leaves nothing
 * behind and the next start seeds again; a restart after a complete seed changes nothing.
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
    await seedEntenteOwned(scoped, data, now);
  });
  // Governance goes through the real use cases, each in its own transaction, after the data is in.
  await seedSandboxGovernance(store, data, now);
  return { seeded: true, tenantId: SANDBOX_TENANT_ID };
};

/**
 * After the connector has brought the CRM records in: the roles and reporting lines Entente gives
 * the portal's owners, the deal splits it keeps, then partners, registrations and the governance
 * scenarios, all pointing at records that arrived through the connector. Safe to run again.
 */
export const seedSandboxOverConnector = async (store: Store, data: SandboxData, now: Date): Promise<void> => {
  const tenantId = data.tenant.id;
  await store.inTransaction(tenantId, async (scoped) => {
    for (const user of data.users) {
      const arrived = await scoped.users.get(user.id);
      if (!arrived) throw new Error(`owner ${user.crmUserId} did not arrive through the connector`);
      await scoped.users.upsert({ ...arrived, roles: user.roles, managerId: user.managerId });
    }
    for (const account of data.accounts)
      if (!(await scoped.accounts.get(account.id)))
        throw new Error(`company ${account.crmId} did not arrive through the connector`);
    for (const deal of data.deals) {
      const arrived = await scoped.deals.get(deal.id);
      if (!arrived) throw new Error(`deal ${deal.crmId} did not arrive through the connector`);
      await scoped.deals.upsert({ ...arrived, splits: deal.splits });
    }
    await seedEntenteOwned(scoped, data, now);
  });
  if (!(await sandboxGovernanceSeeded(store))) await seedSandboxGovernance(store, data, now);
  // The past registrations were loaded as they stand, not decided here: the portal's deals and
  // companies show them too.
  await store.inTransaction(tenantId, (tx) => queueAllRegistrationFields(tx, now));
};
