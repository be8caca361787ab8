import { enqueue } from '../../jobs/jobKinds.js';
import type { TenantStore } from '../../store/store.js';

/**
 * Asks for a deal's attribution to be finalised (now, by the job runner). Pass the transaction's
 * store so the request commits with the change that caused it. Safe to call repeatedly.
 */
export const requestAttributionFinalise = (tx: TenantStore, dealId: string, now: Date) =>
  enqueue(tx, 'attribution.finalise', { dealId }, { runAt: now });

/** A dispute's expiry is scheduled when it opens, for its deadline, once only. */
export const scheduleDisputeExpiry = (tx: TenantStore, dispute: { id: string; deadline: string }) =>
  enqueue(
    tx,
    'attribution.dispute_expire',
    { disputeId: dispute.id },
    { runAt: new Date(dispute.deadline), once: dispute.id },
  );
