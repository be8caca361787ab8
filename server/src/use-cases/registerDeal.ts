import { randomUUID } from 'node:crypto';
import type { Registration } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import {
  evaluatePolicy,
  missingRequiredFields,
  transition,
  type IntakeValues,
} from '@entente/shared/governance';
import { assignApprover } from './governance/approvers.js';
import { scheduleProtection, scheduleReviewDue } from './governance/clocks.js';
import { noteRegistration } from './governance/customerIndexes.js';
import { chooseDeal, linkDeal } from './governance/dealLinks.js';
import { gatherFacts } from './governance/gatherFacts.js';
import type { GovernanceState } from '../store/repositories/governanceStore.js';
import { currentPolicy } from '../store/repositories/policies.js';
import { partnerView, type PartnerRegistrationView } from './governance/registrationViews.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../observability/metrics.js';
import { reportRequiredFields } from '../observability/intakeMetric.js';

export type GovernanceDeps = { store: Store; now: () => Date; metrics?: Metrics };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

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
  const { version, policy } = await currentPolicy(store.db, input.tenantId, now);
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

  let registration: Registration = { ...draft, accountId: facts.matchedAccountId };
  const state: GovernanceState = {
    registrationId: registration.id,
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
  };

  await store.inTransaction(input.tenantId, async (tx) => {
    if (decision.outcome === 'approve') {
      registration.status = transition('submitted', 'approve');
      registration.decidedAt = now.toISOString();
      registration.protectedUntil = new Date(now.getTime() + decision.protectionDays * DAY_MS).toISOString();
    } else if (decision.outcome === 'reject') {
      registration.status = transition('submitted', 'reject');
      registration.decidedAt = now.toISOString();
    } else {
      registration.status = transition('submitted', 'start_review');
      state.reviewDueAt = new Date(now.getTime() + decision.reviewHours * HOUR_MS).toISOString();
      state.assignedApproverId = await assignApprover(tx, facts.stakes);
    }
    await tx.registrations.upsert(registration);
    await tx.governance.save(state);
    await tx.governance.addDecision({
      registrationId: registration.id,
      kind: 'policy',
      outcome: decision.outcome,
      policyVersion: version,
      firedRules: decision.firedRules,
      actorUserId: null,
      secondApproverId: null,
      reason: decision.firedRules.map((rule) => rule.reason).join(' ') || null,
      decidedAt: now.toISOString(),
    });
    await tx.governance.appendAudit({
      type: 'registration.decided',
      actor: 'system',
      subject: `registration:${registration.id}`,
      payload: {
        partnerId: registration.partnerId,
        status: registration.status,
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
        protectedUntil: registration.protectedUntil,
        reviewDueAt: state.reviewDueAt,
      },
      at: now,
    });
    if (state.reviewDueAt)
      await scheduleReviewDue(tx.governance.db, input.tenantId, registration.id, state.reviewDueAt);
    if (choice?.deal)
      registration = await linkDeal(tx, registration, choice.deal, {
        actor: 'system',
        linkedBy: 'submission',
        reason: choice.reason,
        now,
      });
    if (registration.protectedUntil)
      await scheduleProtection(
        tx.governance.db,
        input.tenantId,
        registration.id,
        registration.protectedUntil,
        policy.defaults.reminderDaysBeforeExpiry,
        now,
      );
  });
  noteRegistration(store, input.tenantId, registration);
  return partnerView(registration, state);
};
