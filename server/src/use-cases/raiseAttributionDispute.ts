import { randomUUID } from 'node:crypto';
import { openDispute, type Dispute, type DisputeRaiser } from '@entente/shared/attribution';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { auditAttribution } from './attribution/audit.js';
import { scheduleDisputeExpiry } from './attribution/jobs.js';
import { parseRemedy } from './attribution/remedies.js';
import { inAttributionTransaction } from './attribution/transaction.js';

export type RaiseDisputeInput = {
  dealId: string;
  /** The participant whose split is disputed; a partner always disputes its own. */
  participantId: string;
  raisedBy: DisputeRaiser;
  reason: string;
  /** What the credit should become if the dispute is upheld (`disputeRemedySchema`). */
  remedy?: unknown;
};

/**
 * A partner or a seller challenges a finalised split, and may name the remedy: a new split (a
 * partner names only its own share) or another model for the deal. The deadline comes from the
 * tenant's dispute policy; the dispute is in the audit log from the start, and it expires by a
 * durable job if nobody decides it in time. A split has at most one live dispute.
 */
export const raiseAttributionDispute = async (
  ctx: AppContext,
  tenantId: string,
  input: RaiseDisputeInput,
): Promise<Dispute> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [finalised, settings, partners] = await Promise.all([
    tenant.attribution.dealAttributions.get(input.dealId),
    tenant.attribution.settings.current(),
    tenant.partners.list(),
  ]);
  const remedy = parseRemedy(input.remedy, { raisedBy: input.raisedBy, partners });
  if (!finalised) {
    throw new DomainError(
      'DISPUTE.NOT_FINALISED',
      `Deal ${input.dealId} has no finalised attribution yet; a split can be disputed once the deal is won`,
    );
  }
  if (
    input.raisedBy.role === 'seller' &&
    !finalised.result.splits.some((split) => split.participantId === input.participantId)
  ) {
    throw CommonErrors.notFound(`A split for ${input.participantId} on deal ${input.dealId}`);
  }
  const now = ctx.now();
  const dispute = openDispute(
    {
      id: `dsp_${randomUUID()}`,
      dealId: input.dealId,
      participantId: input.participantId,
      raisedBy: input.raisedBy,
      reason: input.reason,
      remedy,
      openedAt: now.toISOString(),
    },
    settings.disputePolicy,
  );
  return inAttributionTransaction(ctx, tenantId, async (repos, tx) => {
    if (!(await repos.disputes.insert(dispute))) {
      throw CommonErrors.conflict(
        'DISPUTE.ALREADY_OPEN',
        `The split of ${input.participantId} on deal ${input.dealId} already has an open dispute`,
      );
    }
    await auditAttribution(tx, {
      type: 'attribution.dispute_opened',
      actor: `${input.raisedBy.role}:${input.raisedBy.id}`,
      subject: `deal:${input.dealId}`,
      at: now,
      payload: {
        disputeId: dispute.id,
        participantId: dispute.participantId,
        reason: dispute.reason,
        remedy: dispute.remedy,
        deadline: dispute.deadline,
        attributionRevision: finalised.revision,
        disputePolicy: settings.disputePolicy,
        settingsVersion: settings.version,
      },
    });
    await scheduleDisputeExpiry(tx, dispute);
    return dispute;
  });
};
