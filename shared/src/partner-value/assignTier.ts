import { DomainError } from '../errors/index.js';
import { outcomeKindLabels, partnerOutcomeKinds, type PartnerOutcomeKind } from './outcomes.js';
import type { PartnerValue } from './partnerValue.js';
import {
  tierPolicySchema,
  type TierPolicy,
  type TierPolicyInput,
  type TierRequirements,
} from './tierPolicy.js';

/** A customer outcome the partner delivered; `kind` is null for outcomes recorded before kinds existed. */
export type CustomerOutcome = { verified: boolean; csat: number | null; kind?: PartnerOutcomeKind | null };

export type TierInput = {
  partnerId: string;
  certifications: readonly string[];
  specialisations: readonly string[];
  outcomes: readonly CustomerOutcome[];
  value: Pick<PartnerValue, 'wonDeals' | 'coDeliveryDeals'>;
};

export type TierAssignment = {
  partnerId: string;
  tierId: string;
  tierName: string;
  policyVersion: string;
  /** Each requirement of the assigned tier, as met. */
  reasons: string[];
  /** The next tier up and what is still missing for it; null at the top. */
  next: { tierId: string; tierName: string; missing: string[] } | null;
};

type Check = { met: boolean; text: string };

const checks = (r: TierRequirements, input: TierInput): Check[] => {
  const held = new Set(input.certifications);
  const verified = input.outcomes.filter((o) => o.verified);
  const rated = input.outcomes.filter((o): o is CustomerOutcome & { csat: number } => o.csat !== null);
  const csat = rated.length ? rated.reduce((t, o) => t + o.csat, 0) / rated.length : null;
  const list: Check[] = [];
  const atLeast = (have: number, need: number, what: string) =>
    need > 0 && list.push({ met: have >= need, text: `${what}: ${have} of ${need} required` });
  atLeast(input.certifications.length, r.minCertifications, 'certifications');
  for (const name of r.requiredCertifications) {
    list.push({
      met: held.has(name),
      text: `certification ${name}: ${held.has(name) ? 'held' : 'not held'}`,
    });
  }
  atLeast(input.specialisations.length, r.minSpecialisations, 'specialisations');
  atLeast(verified.length, r.minCustomerOutcomes, 'verified customer outcomes');
  for (const kind of partnerOutcomeKinds) {
    const need = r.minOutcomesByKind[kind] ?? 0;
    const have = verified.filter((o) => o.kind === kind).length;
    atLeast(have, need, `verified ${outcomeKindLabels[kind]} outcomes`);
  }
  if (r.minAverageCsat !== null) {
    list.push({
      met: csat !== null && csat >= r.minAverageCsat,
      text: `average customer satisfaction: ${csat === null ? 'no ratings' : csat.toFixed(2)} (needs ${r.minAverageCsat})`,
    });
  }
  atLeast(input.value.coDeliveryDeals, r.minCoDeliveryDeals, 'co-delivered deals');
  atLeast(input.value.wonDeals, r.minWonDeals, 'won deals');
  return list;
};

/**
 * The highest tier whose every requirement the partner meets, with the requirements as reasons and
 * what the next tier still needs. The entry tier is the floor for everyone in the program.
 */
export const assignTier = (input: TierInput, policyInput: TierPolicy | TierPolicyInput): TierAssignment => {
  const parsed = tierPolicySchema.safeParse(policyInput);
  if (!parsed.success) {
    throw new DomainError(
      'TIER.INVALID_POLICY',
      `The tier policy is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      {
        details: parsed.error.issues,
      },
    );
  }
  const policy = parsed.data;
  const evaluated = policy.tiers.map((tier) => ({ tier, checks: checks(tier.requirements, input) }));
  let index = 0;
  for (let i = evaluated.length - 1; i > 0; i -= 1) {
    if (evaluated[i]?.checks.every((c) => c.met)) {
      index = i;
      break;
    }
  }
  const assigned = evaluated[index] as (typeof evaluated)[number];
  const above = evaluated[index + 1];
  return {
    partnerId: input.partnerId,
    tierId: assigned.tier.id,
    tierName: assigned.tier.name,
    policyVersion: policy.version,
    reasons: assigned.checks.length
      ? assigned.checks.map((c) => c.text)
      : ['entry tier: open to every partner in the program'],
    next: above
      ? {
          tierId: above.tier.id,
          tierName: above.tier.name,
          missing: above.checks.filter((c) => !c.met).map((c) => c.text),
        }
      : null,
  };
};
