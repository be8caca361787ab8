import { z } from 'zod';

/**
 * What a partner achieved for a customer, beyond the deal itself: the customer went live on the
 * product (activation), kept using it (adoption), the partner sold alongside the direct team
 * (co-sell), or it delivered the implementation. These are the outcomes revenue-only scorecards miss,
 * and what capability tiers ask for.
 */
export const partnerOutcomeKindSchema = z.enum(['activation', 'adoption', 'co_sell', 'implementation']);
export type PartnerOutcomeKind = z.infer<typeof partnerOutcomeKindSchema>;
export const partnerOutcomeKinds: readonly PartnerOutcomeKind[] = partnerOutcomeKindSchema.options;

/** How reasons and explanations name each kind. */
export const outcomeKindLabels: Record<PartnerOutcomeKind, string> = {
  activation: 'activation',
  adoption: 'adoption',
  co_sell: 'co-sell',
  implementation: 'implementation',
};

export const isPartnerOutcomeKind = (value: string): value is PartnerOutcomeKind =>
  (partnerOutcomeKinds as readonly string[]).includes(value);
