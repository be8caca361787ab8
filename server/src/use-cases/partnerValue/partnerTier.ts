import type { Partner } from '@entente/shared/domain';
import {
  assignTier,
  compareTier,
  defaultTierPolicy,
  type TierAssessment,
  type TierAssignment,
  type TierChange,
} from '@entente/shared/partner-value';
import { enqueue } from '../../jobs/jobKinds.js';
import type { StoredTierAssessment, TierCause } from '../../store/repositories/attribution/partnerProgram.js';
import type { TenantStore } from '../../store/store.js';
import { partnerValueFacts } from './partnerValueFacts.js';

/** The tier a partner holds and why: the stored assessment that set it, or none when it was set by hand. */
export type TierOfRecord = {
  tierId: string;
  /** The policy's name for it; null when the tier was typed by hand and is none of the policy's. */
  tierName: string | null;
  assessment: (TierAssessment & { assessedAt: string }) | null;
};

export type TierAssessmentResult = {
  assignment: TierAssignment;
  previousTier: string;
  change: TierChange;
};

const viewOf = (stored: StoredTierAssessment): TierOfRecord['assessment'] => ({
  tierId: stored.tierId,
  tierName: stored.tierName,
  policyVersion: stored.policyVersion,
  reasons: stored.reasons,
  next: stored.next,
  assessedAt: stored.assessedAt,
});

/**
 * Each partner's tier of record. The latest assessment explains the tier only while the partner
 * still holds the tier it set: a tier typed by hand since stands without reasons.
 */
export const tiersOfRecord = async (
  tenant: TenantStore,
  partners: readonly Partner[],
): Promise<Map<string, TierOfRecord>> => {
  const latest = await tenant.attribution.partnerProgram.latestTiers(partners.map((p) => p.id));
  return new Map(
    partners.map((partner) => {
      const stored = latest.get(partner.id);
      const current = stored?.tierId === partner.tier ? stored : undefined;
      return [
        partner.id,
        {
          tierId: partner.tier,
          tierName:
            current?.tierName ??
            defaultTierPolicy.tiers.find((tier) => tier.id === partner.tier)?.name ??
            null,
          assessment: current ? viewOf(current) : null,
        },
      ];
    }),
  );
};

export const tierOfRecord = async (tenant: TenantStore, partner: Partner): Promise<TierOfRecord> =>
  (await tiersOfRecord(tenant, [partner])).get(partner.id) as TierOfRecord;

/**
 * Assesses a partner's tier again, inside the caller's transaction (`tx`), under the default tier
 * policy. A new assessment is stored with its reasons when anything a reader sees differs from the
 * last one; when the tier itself moves, the partner's tier is set and `partner.tier_changed` (from,
 * to, reasons, the cause) goes to the audit log. The partner list is locked first, so an edit to
 * the partner cannot interleave: callers that append audit entries in the same transaction take
 * the lock before them (`tx.partners.lockForChanges()`), in the same order as a partner edit.
 */
export const assessPartnerTier = async (
  tx: TenantStore,
  partnerId: string,
  cause: TierCause,
  now: Date,
): Promise<TierAssessmentResult | undefined> => {
  await tx.partners.lockForChanges();
  const partner = await tx.partners.get(partnerId);
  if (!partner) return undefined;
  const facts = await partnerValueFacts(tx, partner, now);
  const assignment = assignTier(facts.tierInput, defaultTierPolicy);
  const last = (await tx.attribution.partnerProgram.latestTiers([partnerId])).get(partnerId) ?? null;
  const change = compareTier(partner.tier, last, assignment, defaultTierPolicy);
  const previousTier = partner.tier;
  if (change.assessmentChanged)
    await tx.attribution.partnerProgram.appendTierAssessment({
      partnerId,
      assessedAt: now.toISOString(),
      tierId: assignment.tierId,
      tierName: assignment.tierName,
      previousTier,
      policyVersion: assignment.policyVersion,
      reasons: assignment.reasons,
      next: assignment.next,
      cause,
    });
  if (change.tierChanged) {
    await tx.partners.upsert({ ...partner, tier: assignment.tierId });
    await tx.governance.appendAudit({
      type: 'partner.tier_changed',
      actor: 'system',
      subject: `partner:${partnerId}`,
      payload: {
        from: previousTier,
        to: assignment.tierId,
        toName: assignment.tierName,
        direction: change.direction,
        policyVersion: assignment.policyVersion,
        reasons: assignment.reasons,
        next: assignment.next,
        cause,
      },
      at: now,
    });
  }
  return { assignment, previousTier, change };
};

/**
 * Asks for the partners' tiers to be assessed again by the job runner, in the caller's
 * transaction: for changes whose own transaction should not carry the assessment (a deal won).
 */
export const requestTierAssessment = async (
  tx: TenantStore,
  partnerIds: Iterable<string>,
  cause: Extract<TierCause, { kind: 'deal_won' }>,
  now: Date,
): Promise<void> => {
  for (const partnerId of new Set(partnerIds))
    await enqueue(tx, 'partner_value.assess_tier', { partnerId, cause }, { runAt: now });
};
