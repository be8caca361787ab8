import { DIRECT_PARTICIPANT_ID, type Dispute } from '@entente/shared/attribution';
import type { Deal, Partner } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import { computeStakes, describeStakes, stakesOf, type Stake } from '@entente/shared/governance';

/**
 * Who stands to gain or lose by a dispute's outcome, by the governance rules: the deal's owner and
 * everyone credited on it (moving partner credit moves theirs), the managers of every partner whose
 * split the outcome can change, and a seller who raised the dispute.
 */
export const disputeStakes = (
  deal: Deal,
  dispute: Dispute,
  participantIds: readonly string[],
  partners: readonly Partner[],
): Stake[] => {
  const stakes = computeStakes({ conflicts: [], claimedDeal: deal, deals: [], accounts: [], partners: [] });
  const involved = new Set([...participantIds, dispute.participantId]);
  for (const partner of partners) {
    if (!involved.has(partner.id) || partner.id === DIRECT_PARTICIPANT_ID || !partner.managerUserId) continue;
    stakes.push({
      userId: partner.managerUserId,
      kind: 'competing_partner_manager',
      recordType: 'partner',
      recordId: partner.id,
      description: `manages ${partner.name}, whose credit on deal ${deal.id} the outcome changes`,
    });
  }
  if (dispute.raisedBy.role === 'seller') {
    stakes.push({
      userId: dispute.raisedBy.id,
      kind: 'claimed_deal_credited',
      recordType: 'deal',
      recordId: deal.id,
      description: `raised this dispute on deal ${deal.id}`,
    });
  }
  return stakes;
};

/** 403 GOVERNANCE.NOT_NEUTRAL naming the stake, as for registrations and conflicts. */
export const assertNeutral = (userId: string, stakes: readonly Stake[]): void => {
  const mine = stakesOf(userId, stakes);
  if (mine.length === 0) return;
  throw new DomainError(
    'GOVERNANCE.NOT_NEUTRAL',
    `You cannot adjudicate this dispute: you ${describeStakes(mine)}`,
    {
      details: { stakes: mine.map(({ kind, recordType, recordId }) => ({ kind, recordType, recordId })) },
    },
  );
};
