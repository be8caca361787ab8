import {
  assignTier,
  computePartnerValue,
  defaultTierPolicy,
  type PartnerValue,
  type TierAssignment,
} from '@entente/shared/partner-value';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { closedAtOf, loadAllDeals } from './attribution/attributableDeals.js';

export type PartnerValueView = {
  partnerId: string;
  partnerName: string;
  joinedAt: string;
  /** `recorded` when the joining day is on file; otherwise the partner's first activity stands in for it. */
  joinedAtSource: 'recorded' | 'first_activity';
  value: PartnerValue;
  tier: TierAssignment;
  customerOutcomes: { verified: number; rated: number };
};

/**
 * A partner's value beyond revenue (activation, sourced and influenced pipeline, renewals and
 * adoption supported, co-selling and co-delivery) and the capability-based tier it qualifies for,
 * with the reasons and what the next tier still needs.
 */
export const getPartnerValue = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
): Promise<PartnerValueView> => {
  const tenant = ctx.store.forTenant(tenantId);
  const partner = await tenant.partners.get(partnerId);
  if (!partner) throw CommonErrors.notFound(`Partner ${partnerId}`);
  const [touchpoints, registrations, outcomes, joined, renewals] = await Promise.all([
    tenant.attribution.touchpoints.listByParticipant(partnerId),
    tenant.registrations.listByPartner(partnerId),
    tenant.attribution.partnerProgram.outcomesOf(partnerId),
    tenant.attribution.partnerProgram.joinedAt(),
    tenant.attribution.renewals.renewalDealIds(),
  ]);
  const dealIds = new Set(touchpoints.map((t) => t.dealId));
  // Co-delivery needs the direct team's touches on the same deals, not only the partner's.
  const dealTouches = await tenant.attribution.touchpoints.listByDeals([...dealIds]);
  const deals = (await loadAllDeals(tenant)).filter((deal) => dealIds.has(deal.id));
  const now = ctx.now();
  const firstActivity = [
    ...registrations.map((r) => r.submittedAt),
    ...touchpoints.map((t) => t.occurredAt),
  ].sort()[0];
  const recorded = joined.get(partnerId);
  const joinedAt = recorded ?? firstActivity ?? now.toISOString();

  const value = computePartnerValue({
    partnerId,
    joinedAt,
    registrations: registrations.map((r) => ({ partnerId: r.partnerId, submittedAt: r.submittedAt })),
    deals: deals.map((deal) => ({
      id: deal.id,
      amountMinor: deal.amountMinor,
      outcome: deal.stageCategory,
      kind: renewals.has(deal.id) ? 'renewal' : 'new',
      closedAt: deal.stageCategory === 'open' ? null : closedAtOf(deal, now),
    })),
    touchpoints: dealTouches.map((t) => ({
      dealId: t.dealId,
      participantId: t.participantId,
      kind: t.kind,
      occurredAt: t.occurredAt,
    })),
  });
  const tier = assignTier(
    {
      partnerId,
      certifications: partner.capabilities.certifications,
      specialisations: partner.capabilities.specialisations,
      outcomes: outcomes.map((o) => ({ verified: o.verified, csat: o.csat })),
      value,
    },
    defaultTierPolicy,
  );
  return {
    partnerId,
    partnerName: partner.name,
    joinedAt,
    joinedAtSource: recorded ? 'recorded' : 'first_activity',
    value,
    tier,
    customerOutcomes: {
      verified: outcomes.filter((o) => o.verified).length,
      rated: outcomes.filter((o) => o.csat !== null).length,
    },
  };
};
