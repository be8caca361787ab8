import { z } from 'zod';
import type { AttributableDeal } from './attributableDeal.js';
import { attributeDeal, type AttributeOptions, type DealAttribution } from './attributeDeal.js';
import { allocateLargestRemainder } from './largestRemainder.js';
import type { AttributionModel } from './models/modelTypes.js';
import { touchKindSchema } from './touchpoint.js';

/**
 * How a renewal is credited.
 * - inherit_unless_new_touches (default): the original deal's split carries over unless the renewal
 *   has touchpoints of the listed kinds, in which case the renewal is attributed on its own touches.
 * - inherit: the original split always carries over.
 * - fresh: the renewal is always attributed on its own touches (direct when it has none).
 */
export const renewalPolicySchema = z.object({
  mode: z.enum(['inherit_unless_new_touches', 'inherit', 'fresh']).default('inherit_unless_new_touches'),
  newTouchKinds: z
    .array(touchKindSchema)
    .min(1)
    .default([...touchKindSchema.options]),
});
export type RenewalPolicy = z.output<typeof renewalPolicySchema>;
export const defaultRenewalPolicy: RenewalPolicy = renewalPolicySchema.parse({});

export type RenewalAttribution = DealAttribution &
  (
    | { inheritance: 'inherited' | 'fresh'; originalDealId: string }
    /** The CRM says the deal is a renewal, but no original deal was found to inherit from. */
    | { inheritance: 'no_original'; originalDealId: null }
  );

export const attributeRenewal = (
  renewal: AttributableDeal,
  original: DealAttribution,
  model: AttributionModel,
  policy: RenewalPolicy = defaultRenewalPolicy,
  options: AttributeOptions = {},
): RenewalAttribution => {
  const kinds = new Set(policy.newTouchKinds);
  const newTouches = renewal.touches.filter(
    (touch) =>
      kinds.has(touch.kind) && (renewal.outcome === 'open' || touch.occurredAtMs <= renewal.closedAtMs),
  );
  const inherit =
    policy.mode === 'inherit' || (policy.mode === 'inherit_unless_new_touches' && newTouches.length === 0);
  if (!inherit) {
    const touches = policy.mode === 'fresh' ? renewal.touches : newTouches;
    return {
      ...attributeDeal({ ...renewal, touches }, model, options),
      inheritance: 'fresh',
      originalDealId: original.dealId,
    };
  }
  const nameOf = options.nameOf ?? ((id: string) => id);
  const why = policy.mode === 'inherit' ? 'renewals always inherit' : 'the renewal has no new touchpoints';
  const amounts = allocateLargestRemainder(
    renewal.amountMinor,
    original.splits.map((split) => split.shareBp),
  );
  return {
    dealId: renewal.id,
    model: original.model,
    amountMinor: renewal.amountMinor,
    splits: original.splits.map((split, i) => ({
      ...split,
      amountMinor: amounts[i] as number,
      explanation: `${inheritedHead(split.explanation, nameOf(split.participantId))} inherited from the original deal ${original.dealId} (${why}), where it ${afterHead(split.explanation)}`,
    })),
    ignored: [],
    inheritance: 'inherited',
    originalDealId: original.dealId,
  };
};

/** "Northwind 60%: sourced…" → "Northwind 60%:" */
const inheritedHead = (explanation: string, name: string): string => {
  const colon = explanation.indexOf(': ');
  return colon < 0 ? `${name}:` : explanation.slice(0, colon + 1);
};
const afterHead = (explanation: string): string => {
  const colon = explanation.indexOf(': ');
  return colon < 0 ? explanation : explanation.slice(colon + 2);
};

/**
 * A renewal whose original deal was not found (the CRM marks it a renewal, but no won deal on the
 * account closed before it was created): it is attributed on its own touches, and every split says
 * so, with `why` (the reason no original was found).
 */
export const attributeRenewalWithoutOriginal = (
  renewal: AttributableDeal,
  model: AttributionModel,
  why: string,
  options: AttributeOptions = {},
): RenewalAttribution => {
  const fresh = attributeDeal(renewal, model, options);
  return {
    ...fresh,
    splits: fresh.splits.map((split) => ({
      ...split,
      explanation: `${split.explanation}; this renewal has no original deal to inherit from (${why}), so it is attributed on its own touches`,
    })),
    inheritance: 'no_original',
    originalDealId: null,
  };
};
