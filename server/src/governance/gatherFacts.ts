import { detectConflicts, registrationToMatchRecord, type Conflict } from '@entente/shared/conflicts';
import type { Account, Deal, Partner, Registration } from '@entente/shared/domain';
import {
  capabilityScore,
  computeStakes,
  PENDING_STATUSES,
  type CompetingClaim,
  type PolicyFacts,
  type Stake,
} from '@entente/shared/governance';
import type { Store, TenantStore } from '../store/store.js';
import { customerIndexes } from './customerIndexes.js';

export type RegistrationFacts = {
  policyFacts: PolicyFacts;
  conflicts: Conflict[];
  stakes: Stake[];
  /** The best-matching account, used to link the registration. */
  matchedAccountId: string | null;
  partners: Partner[];
};

const compact = <T>(items: readonly (T | undefined)[]): T[] =>
  items.filter((item): item is T => item !== undefined);

/**
 * Loads only what one registration can collide with: candidate accounts from the blocking index and
 * their corporate family, the open deals on them, and the active claims on the same customer. Then
 * runs conflict detection and computes everyone's stake. Cost does not grow with the tenant's size.
 */
export const gatherFacts = async (
  store: Store,
  scoped: TenantStore,
  registration: Registration,
  now: Date,
): Promise<RegistrationFacts> => {
  const tenantId = scoped.tenantId;
  const indexes = await customerIndexes(store, tenantId);
  const query = indexes.accounts.prepare(registrationToMatchRecord(registration));
  const matches = indexes.accounts.lookup(query);
  const candidateIds = [
    ...new Set([
      ...matches.map((m) => m.rightId),
      ...(registration.accountId ? [registration.accountId] : []),
    ]),
  ];
  const direct = compact(await Promise.all(candidateIds.map((id) => scoped.accounts.get(id))));
  const parents = direct.map((a) => a.parentAccountId).filter((id): id is string => id !== null);
  const familyIds = (
    await store.db.query<{ id: string }>(
      `SELECT id FROM accounts WHERE tenant_id = $1 AND (id = ANY($2) OR parent_account_id = ANY($3))`,
      [tenantId, parents, [...candidateIds, ...parents]],
    )
  ).rows.map((row) => row.id);
  const known = new Set(direct.map((a) => a.id));
  const family = compact(
    await Promise.all(familyIds.filter((id) => !known.has(id)).map((id) => scoped.accounts.get(id))),
  );
  const accounts: Account[] = [...direct, ...family];

  const deals: Deal[] = (await Promise.all(direct.map((a) => scoped.deals.listByAccount(a.id)))).flat();
  const linkedDeal = registration.dealId ? ((await scoped.deals.get(registration.dealId)) ?? null) : null;

  const claimIds = indexes.registrations
    .lookup(registrationToMatchRecord(registration))
    .map((m) => m.rightId);
  const byAccount = (await Promise.all(direct.map((a) => scoped.registrations.listByAccount(a.id)))).flat();
  const byMatch = compact(await Promise.all(claimIds.map((id) => scoped.registrations.get(id))));
  const registrations = [...new Map([...byAccount, ...byMatch].map((r) => [r.id, r])).values()].filter(
    (r) => r.id !== registration.id,
  );

  const partners = await scoped.partners.list();
  // A deal linked before anyone decided does not settle the claim: until then the direct team's
  // open deal is still a conflict, and its owner still has a stake.
  const claim = PENDING_STATUSES.includes(registration.status)
    ? { ...registration, dealId: null }
    : registration;
  const conflicts = detectConflicts({
    registration: claim,
    accounts,
    deals,
    registrations,
    partners,
    now: now.toISOString(),
    accountIndex: indexes.accounts,
  });

  const partner = partners.find((p) => p.id === registration.partnerId);
  if (!partner)
    throw new Error(`partner ${registration.partnerId} of registration ${registration.id} does not exist`);
  const wonWith = (partnerId: string) =>
    byAccount.some((r) => r.partnerId === partnerId && r.status === 'won');
  const competingClaims: CompetingClaim[] = conflicts
    .filter((c) => c.kind === 'competing_registration')
    .flatMap((c) => c.competing)
    .map((record) => registrations.find((r) => r.id === record.id))
    .filter((r): r is Registration => r !== undefined)
    .map((r) => {
      const rival = partners.find((p) => p.id === r.partnerId);
      return {
        registrationId: r.id,
        partnerId: r.partnerId,
        status: r.status,
        submittedAt: r.submittedAt,
        incumbent: wonWith(r.partnerId),
        capabilityScore: rival ? capabilityScore(rival) : 0,
      };
    });

  const stakes = computeStakes({ conflicts, claimedDeal: linkedDeal, deals, accounts, partners });
  const best = matches.find((m) => m.decision === 'match');
  return {
    policyFacts: {
      registration,
      partner,
      conflicts,
      linkedDeal,
      incumbent: wonWith(registration.partnerId),
      competingClaims,
      now: now.toISOString(),
    },
    conflicts,
    stakes,
    matchedAccountId: registration.accountId ?? best?.rightId ?? null,
    partners,
  };
};
