import { randomUUID } from 'node:crypto';
import type { Registration } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import {
  assertPlausibleIntake,
  chooseDeal,
  evaluatePolicy,
  missingRequiredFields,
  type IntakeValues,
} from '@entente/shared/governance';
import { assignApprover } from './governance/approvers.js';
import { noteRegistration } from './governance/customerIndexes.js';
import { linkDeal } from './governance/dealLinks.js';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { gatherFacts } from './governance/gatherFacts.js';
import type { GovernanceState } from '../store/repositories/governanceStore.js';
import { partnerView, type PartnerRegistrationView } from './governance/registrationViews.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../observability/metrics.js';
import { reportRequiredFields } from '../observability/intakeMetric.js';

export type GovernanceDeps = { store: Store; now: () => Date; metrics?: Metrics };

/**
 * A partner registers a deal. We check the few required fields, look for conflicts, apply the rules
 * of engagement and decide at once: approve (with a protection window), reject, or send to a neutral
 * reviewer with a due time. The partner hears the outcome and its reasons in the response.
 */
export const registerDeal = async (
  deps: GovernanceDeps,
  input: { tenantId: string; partnerId: string; values: IntakeValues; id?: string },
): Promise<PartnerRegistrationView> => {
  const { store } = deps;
  const now = deps.now();
  assertPlausibleIntake(input.values, now);
  const { version, policy } = await store.forTenant(input.tenantId).policies.current(now);
  if (deps.metrics) reportRequiredFields(deps.metrics, input.tenantId, policy);
  const missing = missingRequiredFields(policy, input.values);
  if (missing.length > 0)
    throw new DomainError('REGISTRATION.MISSING_FIELDS', `These fields are required: ${missing.join(', ')}`, {
      details: { missing },
    });

  const scoped = store.forTenant(input.tenantId);
  const draft: Registration = {
    id: input.id ?? `reg-${randomUUID()}`,
    partnerId: input.partnerId,
    customer: input.values.customer,
    accountId: null,
    dealId: null,
    status: 'submitted',
    amountMinor: input.values.amountMinor ?? null,
    currency: input.values.amountMinor != null ? 'USD' : null,
    expectedCloseDate: input.values.expectedCloseDate ?? null,
    notes: input.values.notes ?? null,
    submittedAt: now.toISOString(),
    decidedAt: null,
    protectedUntil: null,
  };
  const facts = await gatherFacts(store, scoped, draft, now);
  // The deal the claim is about, when the account's open deals make it unambiguous. The rules see
  // it (its stage and amount), but the conflicts stay those of the claim as made: the direct team's
  // open deal is still theirs until someone decides.
  const choice = facts.matchedAccountId
    ? chooseDeal(draft, await scoped.deals.listByAccount(facts.matchedAccountId))
    : null;
  const decision = evaluatePolicy(policy, version, {
    ...facts.policyFacts,
    linkedDeal: choice?.deal ?? null,
  });

  const state: GovernanceState = {
    registrationId: draft.id,
    policyVersion: version,
    outcome: decision.outcome,
    firedRules: decision.firedRules,
    conflicts: facts.conflicts,
    wantedFields: decision.wantedFields,
    protectionDays: decision.protectionDays,
    assignedApproverId: null,
    reviewDueAt: null,
    escalatedAt: null,
    extensionsUsed: 0,
    pendingOverride: null,
  };

  const registration = await store.inTransaction(input.tenantId, async (tx) => {
    if (decision.outcome === 'review') state.assignedApproverId = await assignApprover(tx, facts.stakes);
    const { registration: decided, applied } = await recordDecision(tx, {
      registration: { ...draft, accountId: facts.matchedAccountId },
      decision: { kind: 'policy', outcome: decision.outcome },
      terms: decisionTerms(state, policy, decision.reviewHours),
      state,
      record: {
        kind: 'policy',
        outcome: decision.outcome,
        policyVersion: version,
        firedRules: decision.firedRules,
        actorUserId: null,
        secondApproverId: null,
        reason: decision.firedRules.map((rule) => rule.reason).join(' ') || null,
      },
      audit: {
        type: 'registration.decided',
        actor: 'system',
        payload: (after, applied) => ({
          partnerId: after.partnerId,
          status: after.status,
          policyVersion: version,
          outcome: decision.outcome,
          firedRules: decision.firedRules,
          tieBreak: decision.tieBreak,
          conflicts: facts.conflicts.map((c) => ({
            kind: c.kind,
            severity: c.severity,
            competing: c.competing,
          })),
          assignedApproverId: state.assignedApproverId,
          protectedUntil: after.protectedUntil,
          reviewDueAt: applied.reviewDueAt,
        }),
      },
      now,
    });
    state.reviewDueAt = applied.reviewDueAt;
    return choice?.deal
      ? linkDeal(tx, decided, choice.deal, {
          actor: 'system',
          linkedBy: 'submission',
          reason: choice.reason,
          now,
        })
      : decided;
  });
  noteRegistration(store, input.tenantId, registration);
  return partnerView(registration, state);
};
