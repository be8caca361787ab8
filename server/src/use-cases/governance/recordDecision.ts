import type { Registration } from '@entente/shared/domain';
import {
  applyDecision,
  type AppliedDecision,
  type Decision,
  type DecisionTerms,
} from '@entente/shared/governance';
import type { DecisionRecord, GovernanceState } from '../../store/repositories/governanceStore.js';
import type { TenantStore } from '../../store/store.js';
import { scheduleClocks } from './clocks.js';
import { queueRegistrationWriteBack } from './registrationWriteBack.js';

export type DecisionToRecord = {
  /** The registration as it stands, read inside the caller's transaction (after its lock). */
  registration: Registration;
  decision: Decision;
  terms: DecisionTerms;
  /** The decision history row, without what the decision itself determines. */
  record: Omit<DecisionRecord, 'registrationId' | 'decidedAt'>;
  /** The audit entry; the caller says what it holds, given the decision's outcome and clocks. */
  audit: {
    type: string;
    actor: string;
    payload: (after: Registration, applied: AppliedDecision) => Record<string, unknown>;
  };
  /** The registration's governance state after the decision, when it changes (with the new review due time). */
  state?: GovernanceState;
  now: Date;
};

/**
 * The one place a decision on a registration is recorded. In the caller's transaction it applies
 * the decision (the pure rules in shared/), stores the registration and its governance state,
 * appends the decision to the history and the audit chain, starts the clocks it implies, and
 * queues the CRM write-back of what a seller should now see on the deal and the company. Every
 * story that decides (submission, a reviewer, withdrawal, extension, expiry, escalation) goes
 * through here, so none can forget a step.
 */
export const recordDecision = async (
  tx: TenantStore,
  input: DecisionToRecord,
): Promise<{ registration: Registration; applied: AppliedDecision }> => {
  const { registration, now } = input;
  const applied = applyDecision(registration, input.decision, input.terms, now);
  const updated: Registration = {
    ...registration,
    status: applied.status,
    decidedAt: applied.decidedAt,
    protectedUntil: applied.protectedUntil,
  };
  await tx.registrations.upsert(updated);
  if (input.state)
    await tx.governance.save({ ...input.state, reviewDueAt: applied.reviewDueAt ?? input.state.reviewDueAt });
  await tx.governance.addDecision({
    ...input.record,
    registrationId: registration.id,
    decidedAt: now.toISOString(),
  });
  await tx.governance.appendAudit({
    type: input.audit.type,
    actor: input.audit.actor,
    subject: `registration:${registration.id}`,
    payload: input.audit.payload(updated, applied),
    at: now,
  });
  await scheduleClocks(tx, registration.id, applied, applied.protectedUntil !== registration.protectedUntil);
  await queueRegistrationWriteBack(tx, updated, now);
  return { registration: updated, applied };
};

/** The decision's clock terms from a registration's governance state and its policy. */
export const decisionTerms = (
  state: Pick<GovernanceState, 'protectionDays'> | undefined,
  policy:
    | {
        defaults: {
          protectionDays: number;
          reviewHours: number;
          reminderDaysBeforeExpiry: readonly number[];
        };
        extensions: { days: number };
      }
    | undefined,
  reviewHours?: number,
): DecisionTerms => ({
  protectionDays: state?.protectionDays ?? policy?.defaults.protectionDays ?? 90,
  reviewHours: reviewHours ?? policy?.defaults.reviewHours ?? 48,
  extensionDays: policy?.extensions.days ?? 0,
  reminderDaysBeforeExpiry: policy?.defaults.reminderDaysBeforeExpiry ?? [14, 3],
});
