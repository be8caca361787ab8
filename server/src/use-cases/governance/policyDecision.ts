import type { Registration } from '@entente/shared/domain';
import { chooseDeal, evaluatePolicy, type Policy, type PolicyDecision } from '@entente/shared/governance';
import type { GovernanceState } from '../../store/repositories/governanceStore.js';
import type { Store, TenantStore } from '../../store/store.js';
import { assignApprover } from './approvers.js';
import { linkDeal } from './dealLinks.js';
import { settleIncumbents } from './incumbency.js';
import { gatherFacts, type RegistrationFacts } from './gatherFacts.js';
import { decisionTerms, recordDecision } from './recordDecision.js';

/** A claim judged under the policy in force: its facts, the deal it is about and the decision. */
export type EvaluatedClaim = {
  facts: RegistrationFacts;
  choice: ReturnType<typeof chooseDeal> | null;
  decision: PolicyDecision;
  policy: Policy;
  state: GovernanceState;
};

/**
 * Judges a claim as it stands under the rules of engagement: the conflicts it has, the deal it is
 * about when the account's open deals make that unambiguous, and what the policy decides. Nothing
 * is written. A new registration and a resubmitted one are judged the same way.
 */
export const evaluateClaim = async (
  store: Store,
  scoped: TenantStore,
  draft: Registration,
  policyInForce: { version: number; policy: Policy },
  carried: Pick<GovernanceState, 'extensionsUsed'>,
  now: Date,
): Promise<EvaluatedClaim> => {
  const { version, policy } = policyInForce;
  const facts = await gatherFacts(store, scoped, draft, now);
  // The rules see the deal (its stage and amount), but the conflicts stay those of the claim as
  // made: the direct team's open deal is still theirs until someone decides.
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
    extensionsUsed: carried.extensionsUsed,
    pendingOverride: null,
  };
  return { facts, choice, decision, policy, state };
};

/**
 * Records what the policy decided on a submitted claim, in the caller's transaction: a neutral
 * reviewer with a fresh due time when it goes to review, the decision and its audit entry, and the
 * link to its deal when one was chosen.
 */
export const recordPolicyDecision = async (
  tx: TenantStore,
  claim: Registration,
  evaluated: EvaluatedClaim,
  now: Date,
): Promise<{ registration: Registration; state: GovernanceState }> => {
  const { facts, choice, decision, policy } = evaluated;
  const state = { ...evaluated.state };
  if (decision.outcome === 'review') state.assignedApproverId = await assignApprover(tx, facts.stakes);
  const { registration: decided, applied } = await recordDecision(tx, {
    registration: { ...claim, accountId: facts.matchedAccountId ?? claim.accountId },
    decision: { kind: 'policy', outcome: decision.outcome },
    terms: decisionTerms(state, policy, decision.reviewHours),
    state,
    record: {
      kind: 'policy',
      outcome: decision.outcome,
      policyVersion: decision.policyVersion,
      firedRules: decision.firedRules,
      actorUserId: null,
      secondApproverId: null,
      reason: decision.firedRules.map((rule) => rule.reason).join(' ') || null,
    },
    audit: {
      type: 'registration.decided',
      actor: 'system',
      payload: (after, appliedDecision) => ({
        partnerId: after.partnerId,
        status: after.status,
        policyVersion: decision.policyVersion,
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
        reviewDueAt: appliedDecision.reviewDueAt,
      }),
    },
    now,
  });
  state.reviewDueAt = applied.reviewDueAt;
  await settleIncumbents(tx, decided, facts, policy, 'system', now);
  const registration = choice?.deal
    ? await linkDeal(tx, decided, choice.deal, {
        actor: 'system',
        linkedBy: 'submission',
        reason: choice.reason,
        now,
      })
    : decided;
  return { registration, state };
};
