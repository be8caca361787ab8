import type { AppContext } from '../../appContext.js';
import { enqueueJob } from '../../store/repositories/jobQueue.js';
import type { Queryable } from '../../store/database.js';

/** The durable job kinds of the attribution area. */
export const ATTRIBUTION_JOB_KINDS = {
  /** `{ dealId }`: finalise a won deal's attribution. The CRM connector enqueues it when a deal is won. */
  finalise: 'attribution.finalise',
  /** `{ disputeId }`: expire a dispute that is still undecided at its deadline. */
  expireDispute: 'attribution.dispute_expire',
} as const;

/** Asks for a deal's attribution to be finalised (now, by the job runner). Safe to call repeatedly. */
export const requestAttributionFinalise = async (
  ctx: AppContext,
  tenantId: string,
  dealId: string,
  db: Queryable = ctx.store.db,
): Promise<void> => {
  await enqueueJob(db, {
    tenantId,
    kind: ATTRIBUTION_JOB_KINDS.finalise,
    payload: { dealId },
    runAt: ctx.now(),
  });
};

/** A dispute's expiry is scheduled when it opens, for its deadline; the dedupe key makes it once only. */
export const scheduleDisputeExpiry = async (
  db: Queryable,
  tenantId: string,
  dispute: { id: string; deadline: string },
): Promise<void> => {
  await enqueueJob(db, {
    tenantId,
    kind: ATTRIBUTION_JOB_KINDS.expireDispute,
    payload: { disputeId: dispute.id },
    runAt: new Date(dispute.deadline),
    dedupeKey: `attribution.dispute_expire:${tenantId}:${dispute.id}`,
  });
};
