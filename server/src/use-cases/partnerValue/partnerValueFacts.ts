import type { Partner } from '@entente/shared/domain';
import { computePartnerValue, type PartnerValue, type TierInput } from '@entente/shared/partner-value';
import type { StoredCustomerOutcome } from '../../store/repositories/attribution/partnerProgram.js';
import type { TenantStore } from '../../store/store.js';
import { closedAtOf } from '../attribution/attributableDeals.js';

export type PartnerValueFacts = {
  joinedAt: string;
  /** `recorded` when the joining day is on file; otherwise the partner's first activity stands in for it. */
  joinedAtSource: 'recorded' | 'first_activity';
  value: PartnerValue;
  outcomes: StoredCustomerOutcome[];
  /** What `assignTier` judges the partner on. */
  tierInput: TierInput;
};

/**
 * Everything a partner is valued and tiered on, read from the store: its touchpoints and the deals
 * they are on (with the direct team's touches there, which co-delivery needs), its registrations,
 * its customer outcomes, its capabilities and when it joined. Pass a transaction's store to read
 * what that transaction has written.
 */
export const partnerValueFacts = async (
  tenant: TenantStore,
  partner: Partner,
  now: Date,
): Promise<PartnerValueFacts> => {
  const partnerId = partner.id;
  const [touchpoints, registrations, outcomes, joined] = await Promise.all([
    tenant.attribution.touchpoints.listByParticipant(partnerId),
    tenant.registrations.listByPartner(partnerId),
    tenant.attribution.partnerProgram.outcomesOf(partnerId),
    tenant.attribution.partnerProgram.joinedAt(),
  ]);
  const dealIds = [...new Set(touchpoints.map((t) => t.dealId))];
  const [dealTouches, deals, renewals] = await Promise.all([
    tenant.attribution.touchpoints.listByDeals(dealIds),
    tenant.deals.getMany(dealIds),
    tenant.attribution.renewals.getMany(dealIds),
  ]);
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
    deals: [...deals.values()].map((deal) => ({
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
  return {
    joinedAt,
    joinedAtSource: recorded ? 'recorded' : 'first_activity',
    value,
    outcomes,
    tierInput: {
      partnerId,
      certifications: partner.capabilities.certifications,
      specialisations: partner.capabilities.specialisations,
      outcomes: outcomes.map((o) => ({ verified: o.verified, csat: o.csat, kind: o.kind })),
      value,
    },
  };
};
