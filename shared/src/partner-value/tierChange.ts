import type { TierAssignment } from './assignTier.js';
import type { TierPolicy } from './tierPolicy.js';

/** A partner's last stored assessment: the tier, its reasons and what the next tier still needs. */
export type TierAssessment = Pick<
  TierAssignment,
  'tierId' | 'tierName' | 'policyVersion' | 'reasons' | 'next'
>;

export type TierChange = {
  /** The tier the partner holds now differs from the one it qualifies for. */
  tierChanged: boolean;
  /** Anything a reader is shown differs (tier, reasons, what the next tier needs, the policy): store it. */
  assessmentChanged: boolean;
  /**
   * Which way it moves in the policy's order; `unranked` when the held tier is not one of the
   * policy's (set by hand before tiers were assessed).
   */
  direction: 'up' | 'down' | 'none' | 'unranked';
};

const sameAssessment = (a: TierAssessment, b: TierAssessment): boolean =>
  a.tierId === b.tierId &&
  a.tierName === b.tierName &&
  a.policyVersion === b.policyVersion &&
  JSON.stringify(a.reasons) === JSON.stringify(b.reasons) &&
  JSON.stringify(a.next) === JSON.stringify(b.next);

/**
 * What a fresh assessment changes for a partner that holds `heldTierId` and was last assessed as
 * `last` (null when never): whether its tier moves and which way, and whether the assessment is
 * worth storing again.
 */
export const compareTier = (
  heldTierId: string,
  last: TierAssessment | null,
  next: TierAssignment,
  policy: Pick<TierPolicy, 'tiers'>,
): TierChange => {
  const rank = (id: string) => policy.tiers.findIndex((tier) => tier.id === id);
  const from = rank(heldTierId);
  const to = rank(next.tierId);
  return {
    tierChanged: heldTierId !== next.tierId,
    assessmentChanged: last === null || heldTierId !== next.tierId || !sameAssessment(last, next),
    direction: from < 0 ? 'unranked' : to > from ? 'up' : to < from ? 'down' : 'none',
  };
};
