import {
  assignTier,
  defaultTierPolicy,
  type PartnerValue,
  type TierAssignment,
} from '@entente/shared/partner-value';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { partnerValueFacts } from './partnerValue/partnerValueFacts.js';
import { tierOfRecord, type TierOfRecord } from './partnerValue/partnerTier.js';

export type PartnerValueView = {
  partnerId: string;
  partnerName: string;
  joinedAt: string;
  /** `recorded` when the joining day is on file; otherwise the partner's first activity stands in for it. */
  joinedAtSource: 'recorded' | 'first_activity';
  value: PartnerValue;
  /** The tier the partner qualifies for now. */
  tier: TierAssignment;
  /** The tier it holds, and the stored assessment that set it (null when set by hand). */
  tierOfRecord: TierOfRecord;
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
  const facts = await partnerValueFacts(tenant, partner, ctx.now());
  const tier = assignTier(facts.tierInput, defaultTierPolicy);
  const { outcomes } = facts;
  return {
    partnerId,
    partnerName: partner.name,
    joinedAt: facts.joinedAt,
    joinedAtSource: facts.joinedAtSource,
    value: facts.value,
    tier,
    tierOfRecord: await tierOfRecord(tenant, partner),
    customerOutcomes: {
      verified: outcomes.filter((o) => o.verified).length,
      rated: outcomes.filter((o) => o.csat !== null).length,
    },
  };
};
