import { partnerSafeConflict, type PartnerSafeConflict } from '@entente/shared/conflicts';
import type { Registration } from '@entente/shared/domain';
import type { Stake } from '@entente/shared/governance';
import type { DecisionRecord, GovernanceState } from '../../store/repositories/governanceStore.js';

/**
 * A registration as its partner sees it ("What a partner sees" in docs/governance.md): what the
 * partner gave, as it gave it, with the status, the clocks, the rules that fired and their reasons,
 * the fields a rule still wants and the conflicts told generically. Built field by field, so
 * nothing the store adds later (the linked account or deal, a reviewer, a proposed override)
 * reaches a partner unless it is added here on purpose.
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
  reasons: (state?.firedRules ?? []).map(({ ruleId, reason }) => ({ ruleId, reason })),
  conflicts: (state?.conflicts ?? []).map((conflict): PartnerSafeConflict =>
    partnerSafeConflict(conflict, registration.customer),
  ),
  wantedFields: (state?.wantedFields ?? []).map(({ field, ruleId, reason }) => ({ field, ruleId, reason })),
});
export type PartnerRegistrationView = ReturnType<typeof partnerView>;

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
