import type { Registration } from '@entente/shared/domain';
import { enqueue } from '../../jobs/jobKinds.js';
import type { GovernanceState, PendingOverride } from '../../store/repositories/governanceStore.js';
import type { TenantStore } from '../../store/store.js';
import { decisionTerms, recordDecision } from './recordDecision.js';

const HOUR_MS = 3_600_000;

/**
 * Four eyes, in two requests. The first neutral person proposes overturning what the rules decided
 * automatically; the registration waits in `pending_second_approval` with its own clock, keeping
 * the decision time and protection window the rules gave it, until a second, different neutral
 * person confirms. Nobody can name a second approver: the second approver acts.
 */
export const proposeOverride = async (
  tx: TenantStore,
  input: {
    registration: Registration;
    state: GovernanceState;
    outcome: 'approve' | 'reject';
    proposedBy: string;
    reason: string;
    secondApprovalHours: number;
    neutralityChecked: readonly { userId: string; kind: string; recordId: string }[];
    now: Date;
  },
): Promise<{ registration: Registration; pendingOverride: PendingOverride }> => {
  const { registration, state, now } = input;
  const pendingOverride: PendingOverride = {
    outcome: input.outcome,
    proposedBy: input.proposedBy,
    reason: input.reason,
    fromStatus: registration.status === 'approved' ? 'approved' : 'rejected',
    proposedAt: now.toISOString(),
    dueAt: new Date(now.getTime() + input.secondApprovalHours * HOUR_MS).toISOString(),
  };
  const { registration: updated } = await recordDecision(tx, {
    registration,
    decision: { kind: 'override_proposal' },
    terms: decisionTerms(state, undefined),
    state: { ...state, pendingOverride },
    record: {
      kind: 'override_proposal',
      outcome: input.outcome,
      policyVersion: state.policyVersion,
      firedRules: state.firedRules,
      actorUserId: input.proposedBy,
      secondApproverId: null,
      reason: input.reason,
    },
    audit: {
      type: 'registration.override_proposed',
      actor: input.proposedBy,
      payload: () => ({
        from: registration.status,
        outcome: input.outcome,
        reason: input.reason,
        policyOutcome: state.outcome,
        policyVersion: state.policyVersion,
        dueAt: pendingOverride.dueAt,
        neutralityChecked: input.neutralityChecked,
      }),
    },
    now,
  });
  await enqueue(
    tx,
    'governance.override_due',
    { registrationId: registration.id, dueAt: pendingOverride.dueAt },
    { runAt: new Date(pendingOverride.dueAt), once: `${registration.id}:${pendingOverride.dueAt}` },
  );
  return { registration: updated, pendingOverride };
};

/**
 * The proposal ends without taking effect: it lapsed at its due time, or the second person declined.
 * The automatic decision stands again exactly as it was, and the history says why.
 */
export const dropOverride = async (
  tx: TenantStore,
  input: {
    registration: Registration;
    state: GovernanceState & { pendingOverride: PendingOverride };
    why: 'lapsed' | 'declined';
    actor: string;
    reason: string;
    now: Date;
  },
): Promise<Registration> => {
  const { registration, state, now } = input;
  const pending = state.pendingOverride;
  const { registration: restored } = await recordDecision(tx, {
    registration,
    decision: { kind: 'override_lapse', restore: pending.fromStatus },
    terms: decisionTerms(state, undefined),
    state: { ...state, pendingOverride: null },
    record: {
      kind: 'override_lapse',
      outcome: input.why,
      policyVersion: state.policyVersion,
      firedRules: [],
      actorUserId: input.why === 'declined' ? input.actor : null,
      secondApproverId: null,
      reason: input.reason,
    },
    audit: {
      type: input.why === 'lapsed' ? 'registration.override_lapsed' : 'registration.override_declined',
      actor: input.actor,
      payload: (after) => ({
        proposedBy: pending.proposedBy,
        proposedOutcome: pending.outcome,
        dueAt: pending.dueAt,
        reason: input.reason,
        status: after.status,
      }),
    },
    now,
  });
  // The window may have ended while the proposal waited; its expiry then found nothing to expire.
  if (restored.protectedUntil && Date.parse(restored.protectedUntil) <= now.getTime())
    await enqueue(
      tx,
      'governance.protection_expiry',
      { registrationId: restored.id, protectedUntil: restored.protectedUntil },
      { runAt: now, once: `${restored.id}:${restored.protectedUntil}:after-override` },
    );
  return restored;
};
