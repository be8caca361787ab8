import { createHash } from 'node:crypto';
import type { Touchpoint } from '@entente/shared/attribution';
import type { Deal, Registration } from '@entente/shared/domain';
import { canTransition, transition } from '@entente/shared/governance';
import { ATTRIBUTION_JOB_KINDS } from '../attribution/jobs.js';
import { enqueueJob } from '../../store/repositories/jobQueue.js';
import type { TenantStore } from '../../store/store.js';

/** The job that records the partner's `sourced` touchpoint for a registration's deal. */
export const SOURCING_CREDIT_JOB = 'governance.credit_sourcing';

/** Statuses in which the partner's registration counts as having sourced its deal. */
export const CREDITED_STATUSES: ReadonlySet<Registration['status']> = new Set([
  'approved',
  'extended',
  'won',
  'lost',
]);

/** How a registration came to be linked, for the audit log. */
export type LinkedBy = 'submission' | 'approver' | 'crm_deal_created';

export type DealChoice = { deal: Deal; reason: string } | { deal: null; reason: string };

const hitsOf = (registration: Registration, deal: Deal): string[] => [
  ...(registration.amountMinor !== null && registration.amountMinor === deal.amountMinor ? ['amount'] : []),
  ...(registration.expectedCloseDate !== null && registration.expectedCloseDate === deal.closeDate
    ? ['expected close date']
    : []),
  ...(registration.notes?.toLowerCase().includes(deal.name.toLowerCase()) ? ['deal name'] : []),
];

/**
 * The deal a new registration is about, when that is unambiguous: the only open deal on the
 * account, or the one open deal that matches the registration's amount, close date or named deal
 * better than every other. Anything else is left for the approver, with the reason.
 */
export const chooseDeal = (registration: Registration, deals: readonly Deal[]): DealChoice => {
  const open = deals.filter((deal) => deal.stageCategory === 'open');
  if (open.length === 0) return { deal: null, reason: 'the customer has no open deal' };
  if (open.length === 1)
    return { deal: open[0] as Deal, reason: 'the only open deal on the customer’s account' };
  const scored = open.map((deal) => ({ deal, hits: hitsOf(registration, deal) }));
  const best = Math.max(...scored.map((s) => s.hits.length));
  const winners = scored.filter((s) => s.hits.length === best);
  if (best > 0 && winners.length === 1) {
    const { deal, hits } = winners[0] as (typeof scored)[number];
    return { deal, reason: `the open deal that matches the registration’s ${hits.join(', ')}` };
  }
  return {
    deal: null,
    reason: `${open.length} open deals on the customer’s account and nothing singles one out; an approver links it`,
  };
};

/** One id per registration and deal, so recording the credit again is a no-op. */
export const sourcedTouchpointId = (registrationId: string, dealId: string): string =>
  `tp-sourced-${createHash('sha256').update(`${registrationId}\u0000${dealId}`).digest('hex').slice(0, 32)}`;

/** The partner sourced the deal when it registered the customer. */
export const sourcedTouchpoint = (registration: Registration, dealId: string): Touchpoint => ({
  id: sourcedTouchpointId(registration.id, dealId),
  dealId,
  participantId: registration.partnerId,
  kind: 'sourced',
  occurredAt: registration.submittedAt,
  source: 'partner_api',
  evidence: {
    externalId: `registration:${registration.id}`,
    note: `Registered the customer (registration ${registration.id}), ${registration.status}`,
  },
});

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
 * Takes a registration's sourcing credit off a deal (relinked elsewhere, or the approval was
 * overturned); a won deal's finalised split is recomputed without it.
 */
export const withdrawSourcingCredit = async (
  tx: TenantStore,
  registrationId: string,
  dealId: string,
  now: Date,
): Promise<void> => {
  await tx.attribution.touchpoints.lockDeal(dealId);
  await tx.attribution.touchpoints.remove(sourcedTouchpointId(registrationId, dealId));
  if ((await tx.deals.get(dealId))?.stageCategory === 'won')
    await enqueueJob(tx.governance.db, {
      tenantId: tx.tenantId,
      kind: ATTRIBUTION_JOB_KINDS.finalise,
      payload: { dealId },
      runAt: now,
    });
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
  await enqueueJob(tx.governance.db, {
    tenantId: tx.tenantId,
    kind: SOURCING_CREDIT_JOB,
    payload: { registrationId: registration.id, dealId: deal.id },
    runAt: now,
    dedupeKey: `${SOURCING_CREDIT_JOB}:${tx.tenantId}:${registration.id}:${deal.id}`,
  });
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
    const { rows } = await tx.governance.db.query<{ id: string }>(
      `SELECT id FROM registrations WHERE tenant_id = $1 AND account_id = ANY($2) AND deal_id IS NULL
         AND status IN ('approved', 'extended') ORDER BY submitted_at, id`,
      [tx.tenantId, [...new Set(arrived.map((deal) => deal.accountId))]],
    );
    for (const { id } of rows) {
      const registration = await tx.registrations.get(id);
      const deal = arrived.find(
        (d) => d.accountId === registration?.accountId && d.createdAt >= (registration?.submittedAt ?? ''),
      );
      if (registration && deal)
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
