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
import type { Store, TenantStore } from '../../store/store.js';
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

/** Records grouped in the order of the accounts they hang on, as one query per account returned them. */
const inAccountOrder = <T extends { accountId: string | null }>(
  accountIds: readonly string[],
  records: T[],
) => {
  const byAccount = new Map<string | null, T[]>();
  for (const record of records) {
    const list = byAccount.get(record.accountId);
    if (list) list.push(record);
    else byAccount.set(record.accountId, [record]);
  }
  return accountIds.flatMap((id) => byAccount.get(id) ?? []);
};

/** The candidates' parents and children (their corporate family), other than the candidates. */
const familyOf = async (
  scoped: TenantStore,
  parents: readonly string[],
  children: readonly string[],
  known: ReadonlySet<string>,
): Promise<Account[]> => {
  const familyIds = (await scoped.customerMatching.familyIds(parents, children)).filter(
    (id) => !known.has(id),
  );
  const byId = await scoped.accounts.getMany(familyIds);
  return compact(familyIds.map((id) => byId.get(id)));
};

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
  // Batched reads: a lookup can return dozens of candidates, and one query each made the decision
  // wait its turn that many times.
  const candidates = await scoped.accounts.getMany(candidateIds);
  const direct = compact(candidateIds.map((id) => candidates.get(id)));
  const parents = direct.map((a) => a.parentAccountId).filter((id): id is string => id !== null);
  const directIds = direct.map((a) => a.id);
  const claimIds = indexes.registrations
    .lookup(registrationToMatchRecord(registration))
    .map((m) => m.rightId);
  // Independent reads, issued together (a pool runs them side by side).
  const [family, dealsOnDirect, linkedDeal, onDirect, matched, partners] = await Promise.all([
    familyOf(scoped, parents, [...candidateIds, ...parents], new Set(directIds)),
    scoped.deals.listByAccounts(directIds),
    registration.dealId ? scoped.deals.get(registration.dealId).then((d) => d ?? null) : null,
    scoped.registrations.listByAccounts(directIds),
    scoped.registrations.getMany(claimIds),
    scoped.partners.list(),
  ]);
  const accounts: Account[] = [...direct, ...family];
  const deals: Deal[] = inAccountOrder(directIds, dealsOnDirect);
  const byAccount = inAccountOrder(directIds, onDirect);
  const byMatch = compact(claimIds.map((id) => matched.get(id)));
  const registrations = [...new Map([...byAccount, ...byMatch].map((r) => [r.id, r])).values()].filter(
    (r) => r.id !== registration.id,
  );

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
