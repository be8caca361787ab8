import type { Deal } from '../domain/deal.js';

/** What choosing a renewal's original needs to know about a deal. */
export type RenewalCandidate = Pick<
  Deal,
  'id' | 'name' | 'accountId' | 'stageCategory' | 'closeDate' | 'createdAt'
>;

/** The renewal's original deal with why it is the one, or why there is none. */
export type RenewalOriginal =
  { originalDealId: string; reason: string } | { originalDealId: null; reason: string };

/** The UTC day an ISO date-time falls on. */
const dayOf = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

/** Strictly earlier in creation order: time, then id, so no two deals can each precede the other. */
const createdBefore = (a: RenewalCandidate, b: RenewalCandidate): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * Which deal a renewal renews: the latest won deal on the same account that closed before the
 * renewal was created. A deal closed on the day the renewal was created counts, because CRMs
 * commonly create the renewal when the original closes. The original must also have been created
 * before the renewal, so a chain of renewals can never loop back on itself. Ties go to the later
 * close date, then the later creation, then the smaller id, so every run picks the same deal. A
 * won deal without a close date cannot be placed in time and is passed over.
 */
export const chooseRenewalOriginal = (
  renewal: RenewalCandidate,
  deals: readonly RenewalCandidate[],
): RenewalOriginal => {
  if (renewal.accountId === null)
    return {
      originalDealId: null,
      reason: 'the renewal is on no account, so it has no earlier deal to renew',
    };
  const createdDay = dayOf(renewal.createdAt);
  const candidates = deals.filter(
    (deal): deal is RenewalCandidate & { closeDate: string } =>
      deal.id !== renewal.id &&
      deal.accountId === renewal.accountId &&
      deal.stageCategory === 'won' &&
      deal.closeDate !== null &&
      deal.closeDate <= createdDay &&
      createdBefore(deal, renewal),
  );
  candidates.sort(
    (a, b) =>
      b.closeDate.localeCompare(a.closeDate) ||
      b.createdAt.localeCompare(a.createdAt) ||
      a.id.localeCompare(b.id),
  );
  const chosen = candidates[0];
  if (!chosen)
    return {
      originalDealId: null,
      reason: `no won deal on the account closed before the renewal was created on ${createdDay}`,
    };
  return {
    originalDealId: chosen.id,
    reason: `${chosen.name} (${chosen.id}) is the latest won deal on the account that closed before the renewal was created: it closed on ${chosen.closeDate}, the renewal was created on ${createdDay}`,
  };
};
