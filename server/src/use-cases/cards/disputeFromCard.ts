import type { AppContext } from '../../appContext.js';
import { raiseAttributionDispute } from '../raiseAttributionDispute.js';
import { type CardCaller, findDeal, requireLinkedUser } from './cardRequest.js';

/** A seller disputes a split from the deal card; the attribution use case does the rest. */
export const disputeFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  dealId: string,
  input: { participantId: string; reason: string },
) => {
  const deal = await findDeal(caller.scoped, dealId);
  const user = requireLinkedUser(caller);
  const dispute = await raiseAttributionDispute(ctx, caller.tenantId, {
    dealId: deal.id,
    participantId: input.participantId,
    raisedBy: { role: 'seller', id: user.id },
    reason: input.reason,
  });
  return { id: dispute.id, state: dispute.state, deadline: dispute.deadline };
};
