import { canTransition } from '@entente/shared/governance';
import type { AppContext } from '../../appContext.js';
import { assignApprover } from './approvers.js';
import { withdrawSourcingCredit } from './dealLinks.js';
import { gatherFacts } from './gatherFacts.js';
import { dropOverride } from './overrides.js';
import { decisionTerms, recordDecision } from './recordDecision.js';

type Deps = Pick<AppContext, 'store' | 'now'>;

/*
 * What happens when a governance clock runs out. Each story re-reads the registration and does
 * nothing when the world moved on (decided, withdrawn, extended), so late or repeated runs are
 * harmless.
 */

/** A review passed its due time undecided: it goes to the deal desk (or an admin), neutrally. */
export const escalateOverdueReview = async (
  deps: Deps,
  tenantId: string,
  { registrationId, dueAt }: { registrationId: string; dueAt: string },
): Promise<void> => {
  const scoped = deps.store.forTenant(tenantId);
  const registration = await scoped.registrations.get(registrationId);
  const state = await scoped.governance.get(registrationId);
  if (!registration || !state || !['submitted', 'in_review'].includes(registration.status)) return;
  if (state.reviewDueAt !== dueAt || state.escalatedAt) return;
  const now = deps.now();
  const facts = await gatherFacts(deps.store, scoped, registration, now);
  const escalatedTo = await assignApprover(scoped, facts.stakes, {
    escalate: true,
    exclude: state.assignedApproverId ? [state.assignedApproverId] : [],
  });
  await deps.store.inTransaction(tenantId, async (tx) => {
    await tx.governance.lock(registrationId);
    const current = await tx.registrations.get(registrationId);
    if (current?.status !== registration.status) return;
    await recordDecision(tx, {
      registration: current,
      decision: { kind: 'escalation' },
      terms: decisionTerms(state, undefined),
      state: {
        ...state,
        escalatedAt: now.toISOString(),
        assignedApproverId: escalatedTo ?? state.assignedApproverId,
      },
      record: {
        kind: 'escalation',
        outcome: 'escalated',
        policyVersion: state.policyVersion,
        firedRules: [],
        actorUserId: null,
        secondApproverId: null,
        reason: `Not decided by ${state.reviewDueAt}`,
      },
      audit: {
        type: 'review.escalated',
        actor: 'system',
        payload: () => ({ dueAt: state.reviewDueAt, from: state.assignedApproverId, to: escalatedTo }),
      },
      now,
    });
  });
};

/** Protection ends soon: the reminder is recorded for the partner to hear. */
export const remindProtectionEnding = async (
  deps: Deps,
  tenantId: string,
  payload: { registrationId: string; protectedUntil: string; daysBefore: number },
): Promise<void> => {
  const registration = await deps.store.forTenant(tenantId).registrations.get(payload.registrationId);
  if (
    !registration ||
    registration.protectedUntil !== payload.protectedUntil ||
    !canTransition(registration.status, 'expire')
  )
    return;
  await deps.store.inTransaction(tenantId, (tx) =>
    tx.governance.appendAudit({
      type: 'protection.reminder_sent',
      actor: 'system',
      subject: `registration:${payload.registrationId}`,
      payload: {
        partnerId: registration.partnerId,
        protectedUntil: registration.protectedUntil,
        daysBefore: payload.daysBefore,
      },
      at: deps.now(),
    }),
  );
};

/** The protection window ended: the registration expires and the CRM stops showing it protected. */
export const expireProtection = async (
  deps: Deps,
  tenantId: string,
  { registrationId, protectedUntil }: { registrationId: string; protectedUntil: string },
): Promise<void> => {
  const now = deps.now();
  await deps.store.inTransaction(tenantId, async (tx) => {
    await tx.governance.lock(registrationId);
    const registration = await tx.registrations.get(registrationId);
    if (
      !registration ||
      registration.protectedUntil !== protectedUntil ||
      !canTransition(registration.status, 'expire')
    )
      return;
    if (Date.parse(protectedUntil) > now.getTime()) return;
    const state = await tx.governance.get(registrationId);
    await recordDecision(tx, {
      registration,
      decision: { kind: 'expiry' },
      terms: decisionTerms(state, undefined),
      record: {
        kind: 'expiry',
        outcome: 'expired',
        policyVersion: state?.policyVersion ?? null,
        firedRules: [],
        actorUserId: null,
        secondApproverId: null,
        reason: `Protection ended ${protectedUntil}`,
      },
      audit: {
        type: 'registration.expired',
        actor: 'system',
        payload: () => ({ protectedUntil }),
      },
      now,
    });
    // A lapsed registration has no claim on the deal: its sourcing credit goes with the protection.
    if (registration.dealId) await withdrawSourcingCredit(tx, registrationId, registration.dealId, now);
  });
};

/** A proposed override reached its due time with nobody confirming it: the automatic decision stands. */
export const lapseOverride = async (
  deps: Deps,
  tenantId: string,
  { registrationId, dueAt }: { registrationId: string; dueAt: string },
): Promise<void> => {
  const now = deps.now();
  await deps.store.inTransaction(tenantId, async (tx) => {
    await tx.governance.lock(registrationId);
    const registration = await tx.registrations.get(registrationId);
    const state = await tx.governance.get(registrationId);
    const pending = state?.pendingOverride;
    if (!registration || !state || !pending || registration.status !== 'pending_second_approval') return;
    if (pending.dueAt !== dueAt || Date.parse(dueAt) > now.getTime()) return;
    await dropOverride(tx, {
      registration,
      state: { ...state, pendingOverride: pending },
      why: 'lapsed',
      actor: 'system',
      reason: `Nobody confirmed the proposed override by ${dueAt}`,
      now,
    });
  });
};
