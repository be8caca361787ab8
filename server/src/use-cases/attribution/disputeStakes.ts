import { DIRECT_PARTICIPANT_ID, type Dispute } from '@entente/shared/attribution';
import type { Deal, Partner } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import { computeStakes, describeStakes, stakesOf, type Stake } from '@entente/shared/governance';

/**
 * Who stands to gain or lose when a deal's credit moves between participants: the deal's owner and
 * everyone credited on it in the CRM (moving partner credit moves theirs), and the managers of the
 * partners whose credit moves.
 */
export const creditStakes = (
  deal: Deal,
  participantIds: Iterable<string>,
  partners: readonly Partner[],
): Stake[] => {
  const stakes = computeStakes({ conflicts: [], claimedDeal: deal, deals: [], accounts: [], partners: [] });
  return [...stakes, ...managerStakes(deal, participantIds, partners)];
};

/** The managers of the partners whose credit on the deal moves: they are paid on their partners. */
export const managerStakes = (
  deal: Pick<Deal, 'id'>,
  participantIds: Iterable<string>,
  partners: readonly Partner[],
): Stake[] => {
  const involved = new Set(participantIds);
  return partners
    .filter((p) => involved.has(p.id) && p.id !== DIRECT_PARTICIPANT_ID && p.managerUserId)
    .map((partner) => ({
      userId: partner.managerUserId as string,
      kind: 'competing_partner_manager' as const,
      recordType: 'partner' as const,
      recordId: partner.id,
      description: `manages ${partner.name}, whose credit on deal ${deal.id} the outcome changes`,
    }));
};

/**
 * Who stands to gain or lose by a dispute's outcome, by the governance rules: the credit stakes of
 * every participant the outcome can move (those on the split, the one disputed, those its remedy
 * names, and those with touches on the deal, whom a different model would credit), and a seller
 * who raised it.
 */
export const disputeStakes = (
  deal: Deal,
  dispute: Dispute,
  participantIds: readonly string[],
  partners: readonly Partner[],
): Stake[] => {
  const named = dispute.remedy?.kind === 'split' ? dispute.remedy.shares.map((s) => s.participantId) : [];
  const stakes = creditStakes(deal, [...participantIds, dispute.participantId, ...named], partners);
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

/** Why the user may not do it, naming the stake; null when they are neutral. */
export const neutralityRefusal = (
  userId: string,
  stakes: readonly Stake[],
  what = 'adjudicate this dispute',
): string | null => {
  const mine = stakesOf(userId, stakes);
  return mine.length === 0 ? null : `You cannot ${what}: you ${describeStakes(mine)}`;
};

/** 403 GOVERNANCE.NOT_NEUTRAL naming the stake, as for registrations and conflicts. */
export const assertNeutral = (
  userId: string,
  stakes: readonly Stake[],
  what = 'adjudicate this dispute',
): void => {
  const refusal = neutralityRefusal(userId, stakes, what);
  if (refusal === null) return;
  throw new DomainError('GOVERNANCE.NOT_NEUTRAL', refusal, {
    details: {
      stakes: stakesOf(userId, stakes).map(({ kind, recordType, recordId }) => ({
        kind,
        recordType,
        recordId,
      })),
    },
  });
};
