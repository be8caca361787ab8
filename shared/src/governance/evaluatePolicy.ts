import type { Conflict, ConflictSeverity } from '../conflicts/index.js';
import type { Deal, Partner, Registration, RegistrationStatus } from '../domain/index.js';
import type { Condition, DecisionOutcome, IntakeField, Policy, Rule, TieBreaker } from './policy.js';

/** A competing partner's active claim on the same customer, as the tie-breakers see it. */
export type CompetingClaim = {
  registrationId: string;
  partnerId: string;
  status: RegistrationStatus;
  submittedAt: string;
  incumbent: boolean;
  capabilityScore: number;
};

/** Everything a policy may look at. The caller gathers it; evaluation only reads it. */
export type PolicyFacts = {
  registration: Registration;
  partner: Partner;
  conflicts: readonly Conflict[];
  /** The deal the registration is linked to, if any. */
  linkedDeal: Pick<Deal, 'stageCategory' | 'amountMinor'> | null;
  /** The partner won an earlier registration with this customer. */
  incumbent: boolean;
  competingClaims: readonly CompetingClaim[];
  now: string;
};

export type FiredRule = { ruleId: string; reason: string };
export type WantedField = { field: IntakeField; ruleId: string; reason: string };
export type TieBreak = { won: boolean; decidedBy: TieBreaker | null; reason: string };

export type PolicyDecision = {
  policyVersion: number;
  outcome: DecisionOutcome;
  /** The rule whose decision was taken, or null when the policy's default applied. */
  decidingRuleId: string | null;
  firedRules: FiredRule[];
  protectionDays: number;
  reviewHours: number;
  /** Optional fields a rule could not judge without (ask the partner for them). */
  wantedFields: WantedField[];
  tieBreak: TieBreak | null;
};

const DAY_MS = 86_400_000;
const SEVERITY_RANK: Record<ConflictSeverity, number> = { info: 0, warning: 1, blocking: 2 };

/** Certifications weigh double: they are audited, specialisations are declared. */
export const capabilityScore = (partner: Pick<Partner, 'capabilities'>): number =>
  partner.capabilities.certifications.length * 2 + partner.capabilities.specialisations.length;

/** Three-valued: a test over a field the partner did not give is unknown, not false. */
type Truth = true | false | 'unknown';
type Judged = { truth: Truth; missing: IntakeField[] };

const known = (truth: boolean): Judged => ({ truth, missing: [] });
const unknownFor = (field: IntakeField): Judged => ({ truth: 'unknown', missing: [field] });

const and = (parts: Judged[]): Judged => {
  const missing = parts.flatMap((part) => part.missing);
  if (parts.some((part) => part.truth === false)) return { truth: false, missing: [] };
  return { truth: parts.every((part) => part.truth === true) ? true : 'unknown', missing };
};

const or = (parts: Judged[]): Judged => {
  if (parts.some((part) => part.truth === true)) return { truth: true, missing: [] };
  const missing = parts.flatMap((part) => part.missing);
  return { truth: parts.every((part) => part.truth === false) ? false : 'unknown', missing };
};

const overlaps = (wanted: readonly string[], held: readonly string[]) => {
  const lower = new Set(held.map((value) => value.toLowerCase()));
  return wanted.some((value) => lower.has(value.toLowerCase()));
};

const judge = (condition: Condition, facts: PolicyFacts): Judged => {
  const { registration, partner, conflicts } = facts;
  const parts: Judged[] = [];
  if (condition.all) parts.push(and(condition.all.map((c) => judge(c, facts))));
  if (condition.any) parts.push(or(condition.any.map((c) => judge(c, facts))));
  if (condition.not) {
    const inner = judge(condition.not, facts);
    parts.push(inner.truth === 'unknown' ? inner : known(!inner.truth));
  }
  if (condition.conflict) {
    const { kinds, minSeverity } = condition.conflict;
    parts.push(
      known(
        conflicts.some(
          (c) =>
            (!kinds || kinds.includes(c.kind)) &&
            (!minSeverity || SEVERITY_RANK[c.severity] >= SEVERITY_RANK[minSeverity]),
        ),
      ),
    );
  }
  if (condition.noConflicts !== undefined)
    parts.push(known((conflicts.length === 0) === condition.noConflicts));
  if (condition.accountOwnedByDirect !== undefined)
    parts.push(
      known(conflicts.some((c) => c.kind === 'direct_owned_account') === condition.accountOwnedByDirect),
    );
  if (condition.openDirectDeal !== undefined)
    parts.push(known(conflicts.some((c) => c.kind === 'direct_owned_deal') === condition.openDirectDeal));
  if (condition.linkedDealStage)
    parts.push(known(condition.linkedDealStage.includes(facts.linkedDeal?.stageCategory ?? 'none')));
  const amount = registration.amountMinor ?? facts.linkedDeal?.amountMinor ?? null;
  if (condition.amountMinorAtLeast !== undefined)
    parts.push(amount === null ? unknownFor('amountMinor') : known(amount >= condition.amountMinorAtLeast));
  if (condition.amountMinorBelow !== undefined)
    parts.push(amount === null ? unknownFor('amountMinor') : known(amount < condition.amountMinorBelow));
  if (condition.partnerTiers) parts.push(known(overlaps(condition.partnerTiers, [partner.tier])));
  if (condition.partnerMotions) parts.push(known(overlaps(condition.partnerMotions, partner.motions)));
  if (condition.partnerCertifications)
    parts.push(known(overlaps(condition.partnerCertifications, partner.capabilities.certifications)));
  if (condition.partnerRegions)
    parts.push(known(overlaps(condition.partnerRegions, partner.capabilities.regions)));
  if (condition.customerCountries) {
    const country = registration.customer.country;
    parts.push(
      country ? known(overlaps(condition.customerCountries, [country])) : unknownFor('customer.country'),
    );
  }
  if (condition.registrationAgeDaysAtLeast !== undefined) {
    const age = (Date.parse(facts.now) - Date.parse(registration.submittedAt)) / DAY_MS;
    parts.push(known(age >= condition.registrationAgeDaysAtLeast));
  }
  if (condition.incumbentPartner !== undefined)
    parts.push(known(facts.incumbent === condition.incumbentPartner));
  return and(parts);
};

/** Compare this claim to the strongest competitor, one tie-breaker at a time, in the policy's order. */
export const breakTie = (order: readonly TieBreaker[], facts: PolicyFacts): TieBreak => {
  const rivals = facts.competingClaims;
  if (rivals.length === 0)
    return { won: true, decidedBy: null, reason: 'No other partner holds an active claim on this customer.' };
  const mine = {
    submittedAt: Date.parse(facts.registration.submittedAt),
    incumbent: facts.incumbent,
    capability: capabilityScore(facts.partner),
  };
  for (const breaker of order) {
    if (breaker === 'first_to_register') {
      const earliest = Math.min(...rivals.map((r) => Date.parse(r.submittedAt)));
      if (mine.submittedAt !== earliest)
        return mine.submittedAt < earliest
          ? {
              won: true,
              decidedBy: breaker,
              reason: 'You registered this customer before any other partner.',
            }
          : { won: false, decidedBy: breaker, reason: 'Another partner registered this customer first.' };
    }
    if (breaker === 'incumbent_partner') {
      const rivalIncumbent = rivals.some((r) => r.incumbent);
      if (mine.incumbent !== rivalIncumbent)
        return mine.incumbent
          ? { won: true, decidedBy: breaker, reason: 'You are the incumbent partner with this customer.' }
          : {
              won: false,
              decidedBy: breaker,
              reason: 'Another partner is the incumbent with this customer.',
            };
    }
    if (breaker === 'higher_capability') {
      const best = Math.max(...rivals.map((r) => r.capabilityScore));
      if (mine.capability !== best)
        return mine.capability > best
          ? {
              won: true,
              decidedBy: breaker,
              reason: 'Your certifications and specialisations are the strongest fit.',
            }
          : {
              won: false,
              decidedBy: breaker,
              reason: 'Another partner has stronger certifications and specialisations.',
            };
    }
  }
  return {
    won: false,
    decidedBy: null,
    reason: 'The competing claims are tied on every tie-breaker; a person decides.',
  };
};

const effectOf = (rule: Rule) => rule.then;

/**
 * Applies a policy to the facts of one registration. Every matching rule fires and is cited; the
 * first one carrying a decision decides, and the first one setting a clock sets it. Pure: the same
 * policy and facts always give the same decision.
 */
export const evaluatePolicy = (policy: Policy, version: number, facts: PolicyFacts): PolicyDecision => {
  const firedRules: FiredRule[] = [];
  const wanted = new Map<string, WantedField>();
  let outcome: DecisionOutcome | undefined;
  let decidingRuleId: string | null = null;
  let protectionDays: number | undefined;
  let reviewHours: number | undefined;
  let tieBreak: TieBreak | null = null;

  for (const rule of policy.rules) {
    const judged = judge(rule.when, facts);
    if (judged.truth === 'unknown') {
      for (const field of judged.missing)
        if (!wanted.has(field)) wanted.set(field, { field, ruleId: rule.id, reason: rule.reason });
      continue;
    }
    if (!judged.truth) continue;
    const then = effectOf(rule);
    let reason = rule.reason;
    if (then.decision && outcome === undefined) {
      if (then.decision === 'tie_break') {
        tieBreak = breakTie(policy.tieBreakers, facts);
        outcome =
          tieBreak.decidedBy === null && !tieBreak.won ? 'review' : tieBreak.won ? 'approve' : 'reject';
        reason = `${rule.reason} ${tieBreak.reason}`;
      } else outcome = then.decision;
      decidingRuleId = rule.id;
    }
    protectionDays ??= then.protectionDays;
    reviewHours ??= then.reviewHours;
    firedRules.push({ ruleId: rule.id, reason });
  }

  return {
    policyVersion: version,
    outcome: outcome ?? policy.defaults.decision,
    decidingRuleId,
    firedRules,
    protectionDays: protectionDays ?? policy.defaults.protectionDays,
    reviewHours: reviewHours ?? policy.defaults.reviewHours,
    wantedFields: [...wanted.values()],
    tieBreak,
  };
};
