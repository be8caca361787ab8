import { transitionDispute, type Dispute, type DisputeEvent } from '@entente/shared/attribution';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { auditAttribution } from './attribution/audit.js';
import { assertNeutral, disputeStakes } from './attribution/disputeStakes.js';
import { inAttributionTransaction } from './attribution/transaction.js';

export type AdjudicationAction = 'start_review' | 'uphold' | 'reject';

export type AdjudicateInput = {
  dealId: string;
  disputeId: string;
  actorUserId: string;
  action: AdjudicationAction;
  reason: string;
};

/**
 * A neutral internal user takes a dispute into review and decides it. Anyone with a stake in the
 * deal's credit is refused (403 GOVERNANCE.NOT_NEUTRAL, naming the stake), and every step, with
 * its reason, goes to the audit log.
 */
export const adjudicateAttributionDispute = async (
  ctx: AppContext,
  tenantId: string,
  input: AdjudicateInput,
): Promise<Dispute> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [deal, actor, partners, finalised] = await Promise.all([
    tenant.deals.get(input.dealId),
    tenant.users.get(input.actorUserId),
    tenant.partners.list(),
    tenant.attribution.dealAttributions.get(input.dealId),
  ]);
  if (!deal || !finalised) throw CommonErrors.notFound(`Dispute ${input.disputeId}`);
  if (!actor?.active) throw CommonErrors.forbidden('Only an active internal user can adjudicate a dispute');
  const now = ctx.now();

  return inAttributionTransaction(ctx, tenantId, async (repos, tx) => {
    const dispute = await repos.disputes.getForUpdate(input.disputeId);
    if (!dispute || dispute.dealId !== input.dealId)
      throw CommonErrors.notFound(`Dispute ${input.disputeId}`);
    const participants = finalised.result.splits.map((split) => split.participantId);
    assertNeutral(input.actorUserId, disputeStakes(deal, dispute, participants, partners));
    const next = transitionDispute(dispute, toEvent(input), now.toISOString());
    await repos.disputes.update(next);
    await auditAttribution(tx, {
      type: `attribution.dispute_${next.state}`,
      actor: `user:${input.actorUserId}`,
      subject: `deal:${input.dealId}`,
      at: now,
      payload: {
        disputeId: next.id,
        participantId: next.participantId,
        from: dispute.state,
        to: next.state,
        reason: input.reason,
        attributionRevision: finalised.revision,
      },
    });
    return next;
  });
};

const toEvent = ({ action, actorUserId, reason }: AdjudicateInput): DisputeEvent =>
  action === 'start_review'
    ? { type: 'start_review', adjudicatorId: actorUserId }
    : { type: action, adjudicatorId: actorUserId, reason };
