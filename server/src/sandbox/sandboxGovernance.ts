import type { SandboxData } from './generateSandboxData.js';
import { SANDBOX_SEED } from './generateSandboxData.js';
import { deriveSandboxToken } from '../secrets/apiKeyTokens.js';
import { registerDeal } from '../use-cases/registerDeal.js';
import type { Store } from '../store/store.js';

const SEED = `entente-sandbox-${SANDBOX_SEED}`;
export const SANDBOX_ADMIN_USER_ID = 'u-admin';

/** Sandbox keys are derived from the seed, so the fixture hands out the same keys on every start. */
export const sandboxPartnerToken = (partnerId: string) => deriveSandboxToken('partner', SEED, partnerId);
export const sandboxAdminToken = () => deriveSandboxToken('internal', SEED, SANDBOX_ADMIN_USER_ID);

/** The registrations the sandbox walks a newcomer through, with ids a test or a reader can rely on. */
export const SCENARIO_IDS = {
  conflictedApproval: 'reg-sbx-conflicted',
  duplicate: 'reg-sbx-duplicate',
  competing: 'reg-sbx-competing',
  otherIdentity: 'reg-sbx-other-identity',
  corporateFamily: 'reg-sbx-family',
  clean: 'reg-sbx-clean',
} as const;

/** The open deal the conflicted-approval scenario collides with: an owned account, an owned open deal. */
export const conflictedDeal = (data: Pick<SandboxData, 'accounts' | 'deals'>) => {
  const owned = new Map(
    data.accounts.filter((a) => a.ownerId && a.parentAccountId === null).map((a) => [a.id, a]),
  );
  const deal = data.deals.find(
    (d) => d.stageCategory === 'open' && d.ownerId && owned.has(d.accountId ?? ''),
  )!;
  return { deal, account: owned.get(deal.accountId!)! };
};

/**
 * Governance for the sandbox: API keys, the default policy (version 1), and scenario registrations
 * made through the real use case, so they carry real conflicts, decisions, clocks and audit entries.
 * Together the scenarios cover every conflict kind.
 */
export const seedSandboxGovernance = async (store: Store, data: SandboxData, now: Date): Promise<void> => {
  const tenantId = data.tenant.id;
  const keys = store.forTenant(tenantId).apiKeys;
  for (const partner of data.partners)
    await keys.save({ partnerId: partner.id }, sandboxPartnerToken(partner.id), 'sandbox');
  await keys.save(
    // The admin's id depends on where users came from ('u-admin' seeded, an owner id over the connector).
    { userId: data.users.find((u) => u.roles.includes('admin'))?.id ?? SANDBOX_ADMIN_USER_ID, role: 'admin' },
    sandboxAdminToken(),
    'sandbox admin',
  );
  await store.forTenant(tenantId).policies.current(now);

  const deps = { store, now: () => now };
  const scoped = store.forTenant(tenantId);
  const register = async (id: string, partnerId: string, customer: { name?: string; domain?: string }) => {
    if (!(await scoped.registrations.get(id)))
      await registerDeal(deps, { tenantId, partnerId, id, values: { customer } });
  };
  const { account } = conflictedDeal(data);
  const family = data.accounts.find((a) => a.parentAccountId !== null)!;
  const helix = data.accounts.find((a) => a.name.startsWith('Helix'))!;

  // A partner claims a customer the direct team is working: a neutral reviewer must decide.
  await register(SCENARIO_IDS.conflictedApproval, 'p-tailspin', {
    name: account.name,
    domain: account.domains[0],
  });
  // The same partner again: a duplicate, refused with its evidence.
  await register(SCENARIO_IDS.duplicate, 'p-tailspin', { domain: account.domains[0] });
  // Another partner on the same customer: a competing claim.
  await register(SCENARIO_IDS.competing, 'p-fabrikam', { name: account.name, domain: account.domains[0] });
  // The same customer under another domain.
  await register(SCENARIO_IDS.otherIdentity, 'p-litware', {
    name: helix.name,
    domain: 'helix-group.example',
  });
  // A subsidiary of an existing account: the corporate family.
  await register(SCENARIO_IDS.corporateFamily, 'p-wingtip', { name: family.name, domain: family.domains[0] });
  // Nothing collides: approved in milliseconds.
  await register(SCENARIO_IDS.clean, 'p-northwind', {
    name: 'Quokka Ridge Outfitters',
    domain: 'quokkaridge.example',
  });
};

export const sandboxGovernanceSeeded = async (store: Store): Promise<boolean> =>
  (await store.forTenant('sandbox').registrations.get(SCENARIO_IDS.clean)) !== undefined;

/**
 * The scenarios in the fixture. `conflictedApproval.conflictedUserId` owns the open deal the
 * registration collides with; `neutralUserId` is the neutral approver it was assigned to.
 */
export const governanceScenarios = async (store: Store) => {
  const scoped = store.forTenant('sandbox');
  const registration = await scoped.registrations.get(SCENARIO_IDS.conflictedApproval);
  const state = await scoped.governance.get(SCENARIO_IDS.conflictedApproval);
  if (!registration || !state) return {};
  const dealConflict = state.conflicts.find((c) => c.kind === 'direct_owned_deal');
  const dealId = dealConflict?.competing[0]?.id;
  const deal = dealId ? await scoped.deals.get(dealId) : undefined;
  const conflictKinds: Record<string, string[]> = {};
  for (const id of Object.values(SCENARIO_IDS)) {
    const scenario = await scoped.governance.get(id);
    for (const conflict of scenario?.conflicts ?? []) (conflictKinds[conflict.kind] ??= []).push(id);
  }
  return {
    conflictedApproval: {
      registrationId: registration.id,
      conflictedUserId: deal?.ownerId ?? null,
      neutralUserId: state.assignedApproverId,
    },
    registrations: SCENARIO_IDS,
    conflictKinds,
  };
};
