import { formatShareBp } from '@entente/shared/attribution';
import type { AppContext } from '../../appContext.js';
import { adjudicateAttributionDispute, type AdjudicationAction } from '../adjudicateAttributionDispute.js';
import { participantNames } from '../attribution/attributableDeals.js';
import { raiseAttributionDispute } from '../raiseAttributionDispute.js';
import { type CardCaller, findDeal, requireLinkedUser } from './cardRequest.js';

/**
 * A seller disputes a split from the deal card, naming the remedy if the card asks for one; the
 * attribution use case does the rest.
 */
export const disputeFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  dealId: string,
  input: { participantId: string; reason: string; remedy?: unknown },
) => {
  const deal = await findDeal(caller.scoped, dealId);
  const user = requireLinkedUser(caller);
  const dispute = await raiseAttributionDispute(ctx, caller.tenantId, {
    dealId: deal.id,
    participantId: input.participantId,
    raisedBy: { role: 'seller', id: user.id },
    reason: input.reason,
    ...(input.remedy === undefined ? {} : { remedy: input.remedy }),
  });
  return { id: dispute.id, state: dispute.state, deadline: dispute.deadline };
};

/**
 * A reviewer takes a dispute into review, upholds or rejects it from the review card, as the signed
 * HubSpot user's Entente user. The attribution use case checks neutrality and the role, and applies
 * an upheld remedy as the deal's next revision; its errors (403 GOVERNANCE.NOT_NEUTRAL, ...) go back
 * to the card unchanged.
 */
export const decideDisputeFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  dealId: string,
  disputeId: string,
  input: { action: AdjudicationAction; reason: string; remedy?: unknown },
) => {
  // Another portal's deal is not found, whoever asks.
  const deal = await findDeal(caller.scoped, dealId);
  const user = requireLinkedUser(caller);
  const dispute = await adjudicateAttributionDispute(ctx, caller.tenantId, {
    dealId: deal.id,
    disputeId,
    actorUserId: user.id,
    action: input.action,
    reason: input.reason,
    ...(input.remedy === undefined ? {} : { remedy: input.remedy }),
  });
  // Upheld, the reviewer reads the credit their decision made, as the deal card will show it.
  const splits = dispute.state === 'upheld' ? await creditOf(caller, deal.id) : null;
  return {
    id: dispute.id,
    state: dispute.state,
    deadline: dispute.deadline,
    appliedRevision: dispute.appliedRevision,
    splits,
    message:
      splits !== null
        ? `Upheld. Revision ${dispute.appliedRevision} of the deal’s credit is ${splits.map((s) => `${s.name} ${s.share}`).join(', ')}; HubSpot shows it once the write-back has run.`
        : (DECIDED[dispute.state] ?? `The dispute is now ${dispute.state.replace('_', ' ')}.`),
  };
};

const DECIDED: Partial<Record<string, string>> = {
  under_review:
    'Review started. Uphold or reject it before its deadline; the split stays as it is until then.',
  rejected: 'Rejected. The split stays as it is.',
};

const creditOf = async (caller: CardCaller, dealId: string) => {
  const [credit, nameOf] = await Promise.all([
    caller.scoped.attribution.dealAttributions.get(dealId),
    participantNames(caller.scoped),
  ]);
  return (credit?.result.splits ?? []).map((s) => ({
    participantId: s.participantId,
    name: nameOf(s.participantId),
    share: formatShareBp(s.shareBp),
    shareBp: s.shareBp,
  }));
};
