import type { RegistrationCustomer } from '../domain/index.js';
import type { MatchDecision, MatchReason } from '../matching/index.js';
import type { Conflict, ConflictEvidence, ConflictRecordType } from './conflict.js';

/** How strongly a record matched, without the exact score: enough to judge, too coarse to probe with. */
export type ScoreBand = 'high' | 'medium' | 'low';

export type PartnerSafeEvidence = {
  type: ConflictRecordType;
  /** Only for the partner's own earlier registrations. */
  id?: string;
  scoreBand: ScoreBand;
  decision: MatchDecision;
  /** Each names only a value the partner itself gave. */
  reasons: string[];
};

export type PartnerSafeConflict = {
  kind: Conflict['kind'];
  severity: Conflict['severity'];
  summary: string;
  evidence: PartnerSafeEvidence[];
};

export const scoreBand = (score: number): ScoreBand =>
  score >= 0.9 ? 'high' : score >= 0.5 ? 'medium' : 'low';

const LABELS: Record<MatchReason['field'], string> = {
  name: 'name',
  domain: 'domain',
  phone: 'phone',
  email: 'e-mail',
  address: 'address',
  city: 'city',
  zip: 'postcode',
};

/** What the partner gave for a field, as the matcher read it (a domain-only claim is named by its domain). */
const givenValue = (customer: RegistrationCustomer, field: MatchReason['field']): string | undefined => {
  switch (field) {
    case 'name':
      return customer.name ?? customer.domain;
    case 'domain':
      return customer.domain;
    case 'phone':
      return customer.phone;
    case 'email':
      return customer.email;
    case 'city':
      return customer.city;
    default:
      return undefined;
  }
};

/**
 * A person's link (to an account, a shared account between two claims, the CRM hierarchy) is
 * evidence of score 1 whose reasons contribute nothing; a scored comparison always moves the odds.
 */
const isLinked = (evidence: ConflictEvidence): boolean =>
  evidence.score === 1 && evidence.reasons.every((reason) => reason.contribution === 0);

/**
 * The matcher's reasons name both sides (`name "Acme Group" ≈ "Acme Europe" 0.91`); the partner
 * may hear only its own side. Each reason is retold from the field, its similarity and its
 * direction, quoting what the partner gave and nothing of the record it was compared with.
 */
export const partnerSafeReasons = (evidence: ConflictEvidence, customer: RegistrationCustomer): string[] => {
  if (isLinked(evidence)) return ['Linked to this customer in our records'];
  const told = new Set<string>();
  for (const reason of evidence.reasons) {
    const value = givenValue(customer, reason.field);
    if (value === undefined) continue;
    const label = LABELS[reason.field];
    // A shared domain or phone is told with contribution 0 and similarity 1 (sharedIdentifier).
    const same = (reason.similarity ?? 1) >= 0.97;
    if (reason.contribution > 0 || (reason.contribution === 0 && reason.similarity === 1))
      told.add(`The ${label} you gave, "${value}", ${same ? 'matches' : 'is close to'} a record we hold`);
    else if (reason.contribution < 0)
      told.add(`The ${label} you gave, "${value}", differs from the record we hold`);
  }
  return [...told];
};

/**
 * A conflict as the registering partner sees it: its kind and severity, the summary written for
 * partners, and for each piece of evidence only a score band, the decision and reasons about what
 * the partner gave. Record ids are shown only for the partner's own earlier registrations.
 */
export const partnerSafeConflict = (
  conflict: Conflict,
  customer: RegistrationCustomer,
): PartnerSafeConflict => {
  const own = conflict.kind === 'duplicate_registration';
  return {
    kind: conflict.kind,
    severity: conflict.severity,
    summary: conflict.partnerSafeSummary,
    evidence: conflict.evidence.map((evidence) => ({
      type: evidence.type,
      ...(own && evidence.type === 'registration' ? { id: evidence.id } : {}),
      scoreBand: scoreBand(evidence.score),
      decision: evidence.decision,
      reasons: partnerSafeReasons(evidence, customer),
    })),
  };
};
