import { isDisputeClosed, transitionDispute } from '@entente/shared/attribution';
import type { AppContext } from '../appContext.js';
import { auditAttribution } from './attribution/audit.js';
import { inAttributionTransaction } from './attribution/transaction.js';

export type ExpireOutcome = 'expired' | 'already_closed' | 'not_due' | 'not_found';

/**
 * A dispute nobody decided by its deadline expires, and the audit log says so. Run by the durable
 * job scheduled when the dispute opened; a decision that came first makes it a no-op.
 */
export const expireAttributionDispute = async (
  ctx: AppContext,
  tenantId: string,
  disputeId: string,
): Promise<ExpireOutcome> => {
  const now = ctx.now();
  return inAttributionTransaction(ctx, tenantId, async (repos, tx) => {
    const dispute = await repos.disputes.getForUpdate(disputeId);
    if (!dispute) return 'not_found';
    if (isDisputeClosed(dispute)) return 'already_closed';
    if (now.getTime() < Date.parse(dispute.deadline)) return 'not_due';
    const expired = transitionDispute(dispute, { type: 'expire' }, now.toISOString());
    await repos.disputes.update(expired);
    await auditAttribution(tx, {
      type: 'attribution.dispute_expired',
      actor: 'system',
      subject: `deal:${dispute.dealId}`,
      at: now,
      payload: { disputeId, participantId: dispute.participantId, deadline: dispute.deadline },
    });
    return 'expired';
  });
};
