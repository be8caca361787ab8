import type { Conflict } from '../conflicts/index.js';
import type { Account, Deal, Partner } from '../domain/index.js';

/** Why a person is not neutral on a registration: what they stand to gain or lose by the outcome. */
export type StakeKind =
  | 'competing_deal_owner'
  | 'competing_deal_credited'
  | 'claimed_deal_owner'
  | 'claimed_deal_credited'
  | 'account_owner'
  | 'competing_partner_manager';

export type Stake = {
  userId: string;
  kind: StakeKind;
  recordType: 'deal' | 'account' | 'partner';
  recordId: string;
  description: string;
};

/** The records the conflicts point at, loaded by the caller (only these, never the whole tenant). */
export type StakeFacts = {
  conflicts: readonly Conflict[];
  /** The deal the registration claims, if linked: its owner and split holders are paid on it. */
  claimedDeal: Deal | null;
  deals: readonly Deal[];
  accounts: readonly Account[];
  partners: readonly Partner[];
};

const dealStakes = (deal: Deal, claimed: boolean): Stake[] => {
  const stakes: Stake[] = [];
  const which = claimed ? 'the deal this registration claims' : 'a competing deal';
  if (deal.ownerId)
    stakes.push({
      userId: deal.ownerId,
      kind: claimed ? 'claimed_deal_owner' : 'competing_deal_owner',
      recordType: 'deal',
      recordId: deal.id,
      description: `owns ${which} (${deal.id} "${deal.name}")`,
    });
  for (const split of deal.splits) {
    if (split.userId === deal.ownerId && split.role === 'owner') continue;
    stakes.push({
      userId: split.userId,
      kind: claimed ? 'claimed_deal_credited' : 'competing_deal_credited',
      recordType: 'deal',
      recordId: deal.id,
      description: `is credited ${split.percent}% as ${split.role} on ${which} (${deal.id} "${deal.name}")`,
    });
  }
  return stakes;
};

/**
 * Every stake anyone holds in the outcome: owners of competing deals and of the customer's account,
 * everyone credited on those deals (splits and team roles), and the managers of competing partners.
 * Pure: it reads only what the caller passes.
 */
export const computeStakes = (facts: StakeFacts): Stake[] => {
  const deals = new Map(facts.deals.map((deal) => [deal.id, deal]));
  const accounts = new Map(facts.accounts.map((account) => [account.id, account]));
  const partners = new Map(facts.partners.map((partner) => [partner.id, partner]));
  const stakes: Stake[] = facts.claimedDeal ? dealStakes(facts.claimedDeal, true) : [];
  for (const conflict of facts.conflicts) {
    for (const record of conflict.competing) {
      if (record.type === 'deal') {
        const deal = deals.get(record.id);
        if (deal) stakes.push(...dealStakes(deal, false));
        else
          for (const userId of record.ownerUserIds)
            stakes.push({
              userId,
              kind: 'competing_deal_owner',
              recordType: 'deal',
              recordId: record.id,
              description: `has a stake in competing deal ${record.id}`,
            });
      } else if (record.type === 'account') {
        // Family members are context; the account itself, under whatever identity, is a stake.
        if (conflict.kind === 'corporate_family') continue;
        const ownerId = accounts.get(record.id)?.ownerId ?? record.ownerUserIds[0];
        if (ownerId)
          stakes.push({
            userId: ownerId,
            kind: 'account_owner',
            recordType: 'account',
            recordId: record.id,
            description: `owns the customer's account (${record.id})`,
          });
      } else if (record.partnerId) {
        const partner = partners.get(record.partnerId);
        const managerId = partner?.managerUserId ?? record.ownerUserIds[0];
        if (managerId && conflict.kind === 'competing_registration')
          stakes.push({
            userId: managerId,
            kind: 'competing_partner_manager',
            recordType: 'partner',
            recordId: record.partnerId,
            description: `manages ${partner?.name ?? record.partnerId}, which holds a competing registration (${record.id})`,
          });
      }
    }
  }
  const seen = new Set<string>();
  return stakes.filter((stake) => {
    const key = `${stake.userId}|${stake.kind}|${stake.recordId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export const stakesOf = (userId: string, stakes: readonly Stake[]): Stake[] =>
  stakes.filter((stake) => stake.userId === userId);

/** "owns a competing deal (...); is credited 20% ..." — the words a refused approver reads. */
export const describeStakes = (stakes: readonly Stake[]): string =>
  stakes.map((stake) => stake.description).join('; ');

export type ApproverCandidate = { userId: string; openReviews: number };

/**
 * The neutral candidate with the fewest open reviews (ties by id, so assignment is reproducible).
 * Undefined when everyone has a stake: the review then escalates.
 */
export const pickNeutralApprover = (
  candidates: readonly ApproverCandidate[],
  stakes: readonly Stake[],
  exclude: readonly string[] = [],
): ApproverCandidate | undefined => {
  const conflicted = new Set([...stakes.map((stake) => stake.userId), ...exclude]);
  return candidates
    .filter((candidate) => !conflicted.has(candidate.userId))
    .sort((a, b) => a.openReviews - b.openReviews || a.userId.localeCompare(b.userId))[0];
};
