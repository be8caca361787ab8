import type { Conflict } from '@entente/shared/conflicts';
import type { Registration } from '@entente/shared/domain';
import type { Stake } from '@entente/shared/governance';
import type { DecisionRecord, GovernanceState } from '../../store/repositories/governanceStore.js';

/**
 * What a partner sees: status, clocks and reasons. Conflicts are described without naming any other
 * partner or internal owner; evidence ids are shown only for the partner's own registrations.
 */
export const partnerView = (registration: Registration, state: GovernanceState | undefined) => ({
  id: registration.id,
  status: registration.status,
  customer: registration.customer,
  amountMinor: registration.amountMinor,
  currency: registration.currency,
  expectedCloseDate: registration.expectedCloseDate,
  submittedAt: registration.submittedAt,
  decidedAt: registration.decidedAt,
  protectedUntil: registration.protectedUntil,
  reviewDueAt: state?.reviewDueAt ?? null,
  extensionsUsed: state?.extensionsUsed ?? 0,
  policyVersion: state?.policyVersion ?? null,
  reasons: (state?.firedRules ?? []).map((rule) => ({ ruleId: rule.ruleId, reason: rule.reason })),
  conflicts: (state?.conflicts ?? []).map((conflict) => partnerSafeConflict(conflict)),
  wantedFields: state?.wantedFields.map(({ field, reason }) => ({ field, reason })) ?? [],
});
export type PartnerRegistrationView = ReturnType<typeof partnerView>;

const partnerSafeConflict = (conflict: Conflict) => {
  const own = conflict.kind === 'duplicate_registration';
  return {
    kind: conflict.kind,
    severity: conflict.severity,
    summary: conflict.partnerSafeSummary,
    evidence: conflict.evidence
      .filter((e) => own || e.type !== 'registration' || true)
      .map((e) => ({
        type: e.type,
        ...(own ? { id: e.id } : {}),
        score: e.score,
        decision: e.decision,
        reasons: own || e.type !== 'registration' ? e.reasons.map((r) => r.text) : [],
      })),
  };
};

/** What reviewers see: everything, including who competes and who holds a stake. */
export const internalView = (
  registration: Registration,
  state: GovernanceState | undefined,
  stakes: readonly Stake[],
  decisions: readonly DecisionRecord[],
) => ({
  registration,
  policyVersion: state?.policyVersion ?? null,
  policyOutcome: state?.outcome ?? null,
  firedRules: state?.firedRules ?? [],
  conflicts: state?.conflicts ?? [],
  wantedFields: state?.wantedFields ?? [],
  assignedApproverId: state?.assignedApproverId ?? null,
  reviewDueAt: state?.reviewDueAt ?? null,
  escalatedAt: state?.escalatedAt ?? null,
  stakes,
  decisions,
});
