import { z } from 'zod';
import { partnerOutcomeKindSchema } from './outcomes.js';

const count = z.number().int().min(0);

/**
 * What a tier demands. Tiers are about capability: certifications, specialisations and customer
 * outcomes. Volume (won deals) may be a floor but can never earn a tier on its own; the schema
 * refuses a tier above the entry tier that asks for nothing but volume.
 */
export const tierRequirementsSchema = z.object({
  minCertifications: count.default(0),
  /** Certifications that must be held by name, on top of the count. */
  requiredCertifications: z.array(z.string().min(1)).default([]),
  minSpecialisations: count.default(0),
  /** Verified customer outcomes (references, go-lives, case studies), of any kind. */
  minCustomerOutcomes: count.default(0),
  /**
   * Verified outcomes of particular kinds (`{implementation: 3}`), on top of the count: a tier can
   * ask for delivered implementations or adoption rather than any outcome at all.
   */
  minOutcomesByKind: z.partialRecord(partnerOutcomeKindSchema, count).default({}),
  /** Average satisfaction (1–5) over the partner's rated outcomes; null for no floor. */
  minAverageCsat: z.number().min(1).max(5).nullable().default(null),
  minCoDeliveryDeals: count.default(0),
  minWonDeals: count.default(0),
});
export type TierRequirements = z.output<typeof tierRequirementsSchema>;

export const tierSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  requirements: tierRequirementsSchema.default(tierRequirementsSchema.parse({})),
});

const asksForCapability = (r: TierRequirements): boolean =>
  r.minCertifications > 0 ||
  r.requiredCertifications.length > 0 ||
  r.minSpecialisations > 0 ||
  r.minCustomerOutcomes > 0 ||
  Object.values(r.minOutcomesByKind).some((n) => (n ?? 0) > 0) ||
  r.minAverageCsat !== null ||
  r.minCoDeliveryDeals > 0;

/** Tiers from the entry tier (which everyone gets) up to the highest. */
export const tierPolicySchema = z
  .object({
    version: z.string().min(1),
    tiers: z.array(tierSchema).min(1),
  })
  .refine((policy) => new Set(policy.tiers.map((t) => t.id)).size === policy.tiers.length, {
    message: 'tier ids must be unique',
  })
  .refine((policy) => policy.tiers.slice(1).every((tier) => asksForCapability(tier.requirements)), {
    message: 'every tier above the entry tier must require a capability, not volume alone',
  });
export type TierPolicyInput = z.input<typeof tierPolicySchema>;
export type TierPolicy = z.output<typeof tierPolicySchema>;

/**
 * Gold asks for a delivered implementation among its outcomes and Platinum for implementations and
 * adoption: a partner reaches the top tiers by what its customers achieved, not by what it sold.
 */
export const defaultTierPolicy: TierPolicy = tierPolicySchema.parse({
  version: 'default-2',
  tiers: [
    { id: 'registered', name: 'Registered' },
    { id: 'silver', name: 'Silver', requirements: { minCertifications: 1, minCustomerOutcomes: 1 } },
    {
      id: 'gold',
      name: 'Gold',
      requirements: {
        minCertifications: 3,
        minSpecialisations: 1,
        minCustomerOutcomes: 3,
        minOutcomesByKind: { implementation: 1 },
        minAverageCsat: 4,
        minWonDeals: 1,
      },
    },
    {
      id: 'platinum',
      name: 'Platinum',
      requirements: {
        minCertifications: 5,
        minSpecialisations: 2,
        minCustomerOutcomes: 10,
        minOutcomesByKind: { implementation: 3, adoption: 2 },
        minAverageCsat: 4.5,
        minCoDeliveryDeals: 5,
        minWonDeals: 3,
      },
    },
  ],
});
