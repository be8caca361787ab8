import type { Deal, Registration } from '@entente/shared/domain';
import {
  canTransition,
  CREDITED_STATUSES,
  sourcedTouchpointId,
  transition,
} from '@entente/shared/governance';
import { enqueue } from '../../jobs/jobKinds.js';
import type { TenantStore } from '../../store/store.js';
import { recordSourcingWithdrawn } from '../attribution/history.js';
import { requestAttributionFinalise } from '../attribution/jobs.js';
import { queueRegistrationWriteBack } from './registrationWriteBack.js';

/** How a registration came to be linked, for the audit log. */
export type LinkedBy = 'submission' | 'approver' | 'crm_deal_created';

/**
 * A registration whose deal closed follows it: approved → won or lost. Anything else (pending,
 * rejected, expired) does not move; a registration that lapsed has no claim on the outcome.
 */
export const settleWithDeal = async (
  tx: TenantStore,
  registration: Registration,
  deal: Pick<Deal, 'id' | 'stageCategory'>,
  now: Date,
): Promise<Registration> => {
  const event = deal.stageCategory === 'won' ? 'win' : deal.stageCategory === 'lost' ? 'lose' : null;
  if (!event || registration.dealId !== deal.id || !canTransition(registration.status, event))
    return registration;
  const settled = { ...registration, status: transition(registration.status, event) };
  await tx.registrations.upsert(settled);
  await queueRegistrationWriteBack(tx, settled, now);
  await tx.governance.appendAudit({
    type: `registration.${settled.status}`,
    actor: 'system',
    subject: `registration:${registration.id}`,
    payload: { partnerId: registration.partnerId, dealId: deal.id, from: registration.status },
    at: now,
  });
  return settled;
};

/**
 * Takes a registration's sourcing credit off a deal: every path that ends the credit (relinked
 * elsewhere, the approval overturned, protection expired, the registration withdrawn) comes here.
 * The deal's credit history says why, the audit log keeps the removed touchpoint, and a won deal's
 * finalised split is recomputed without it. Nothing happens when the registration had no credit there.
 */
export const withdrawSourcingCredit = async (
  tx: TenantStore,
  registrationId: string,
  dealId: string,
  now: Date,
): Promise<void> => {
  await tx.attribution.touchpoints.lockDeal(dealId);
  const removed = await tx.attribution.touchpoints.remove(sourcedTouchpointId(registrationId, dealId));
  if (!removed) return;
  const [registration, partner] = await Promise.all([
    tx.registrations.get(registrationId),
    tx.partners.get(removed.participantId),
  ]);
  await recordSourcingWithdrawn(tx, {
    registrationId,
    registration,
    partnerId: removed.participantId,
    partnerName: partner?.name ?? removed.participantId,
    dealId,
    touchpointId: removed.id,
    at: now,
  });
  if ((await tx.deals.get(dealId))?.stageCategory === 'won')
    await requestAttributionFinalise(tx, dealId, now);
};

/**
 * After a registration is approved or linked: the partner's sourcing is credited on the deal (a
 * durable job, so the credit survives a crash after the decision commits), and a deal that already
 * closed settles the registration.
 */
export const followLinkedDeal = async (
  tx: TenantStore,
  registration: Registration,
  deal: Pick<Deal, 'id' | 'stageCategory'>,
  now: Date,
): Promise<Registration> => {
  if (!CREDITED_STATUSES.has(registration.status) || registration.dealId !== deal.id) return registration;
  await enqueue(
    tx,
    'governance.credit_sourcing',
    { registrationId: registration.id, dealId: deal.id },
    { runAt: now, once: `${registration.id}:${deal.id}` },
  );
  return settleWithDeal(tx, registration, deal, now);
};

/**
 * Links (or relinks) a registration to a deal inside the caller's transaction, audited. A relink
 * takes the partner's sourcing credit off the previous deal, whose finalised split is recomputed.
 */
export const linkDeal = async (
  tx: TenantStore,
  registration: Registration,
  deal: Deal,
  link: { actor: string; linkedBy: LinkedBy; reason: string; now: Date },
): Promise<Registration> => {
  const previousDealId = registration.dealId;
  if (previousDealId === deal.id) return followLinkedDeal(tx, registration, deal, link.now);
  const linked: Registration = {
    ...registration,
    dealId: deal.id,
    accountId: deal.accountId ?? registration.accountId,
  };
  await tx.registrations.upsert(linked);
  if (previousDealId) await withdrawSourcingCredit(tx, registration.id, previousDealId, link.now);
  await queueRegistrationWriteBack(tx, linked, link.now, [previousDealId]);
  await tx.governance.appendAudit({
    type: previousDealId ? 'registration.relinked' : 'registration.linked',
    actor: link.actor,
    subject: `registration:${registration.id}`,
    payload: {
      partnerId: registration.partnerId,
      dealId: deal.id,
      previousDealId,
      accountId: linked.accountId,
      linkedBy: link.linkedBy,
      reason: link.reason,
    },
    at: link.now,
  });
  return followLinkedDeal(tx, linked, deal, link.now);
};

/**
 * Deals that just arrived from the CRM or just closed there. A new open deal on an account with an
 * approved registration that has no deal yet is that registration's deal (the first one created
 * after it); a deal that closed settles the registrations linked to it.
 */
export const followCrmDeals = async (
  tx: TenantStore,
  changes: { arrived: readonly Deal[]; closed: readonly Deal[] },
  now: Date,
): Promise<void> => {
  const arrived = changes.arrived
    .filter((deal) => deal.stageCategory === 'open' && deal.accountId !== null)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (arrived.length > 0) {
    const waiting = await tx.registrations.listProtectedWithoutDeal([
      ...new Set(arrived.map((deal) => deal.accountId as string)),
    ]);
    for (const registration of waiting) {
      const deal = arrived.find(
        (d) => d.accountId === registration.accountId && d.createdAt >= registration.submittedAt,
      );
      if (deal)
        await linkDeal(tx, registration, deal, {
          actor: 'system',
          linkedBy: 'crm_deal_created',
          reason: `the first open deal created on the customer’s account after the registration (${deal.name})`,
          now,
        });
    }
  }
  for (const deal of changes.closed)
    for (const registration of await tx.registrations.listByDeal(deal.id))
      await settleWithDeal(tx, registration, deal, now);
};
